import { describe, expect, it } from 'vitest';
import { sampleReceipt, setUpPrinter } from './helpers';

describe('USB cable pulled', () => {
  it('goes offline with an event at once, reconnects through the opener, and prints again', async () => {
    const { simulator, driver, statusEvents, opens } = setUpPrinter();
    expect((await driver.print(sampleReceipt('before'))).ok).toBe(true);
    expect(opens()).toBe(1);
    const eventsBefore = statusEvents.length;

    simulator.disconnect();
    // The close event fires synchronously on sever: no operation is needed to notice.
    expect(statusEvents.length).toBe(eventsBefore + 1);
    expect(statusEvents.at(-1)).toMatchObject({ status: 'offline', fault: 'disconnected' });
    expect(driver.status).toMatchObject({ status: 'offline', fault: 'disconnected' });
    expect(simulator.state.connected).toBe(false);

    const status = await driver.reconnect();
    expect(status.status).toBe('online');
    expect(opens()).toBe(2);
    expect(statusEvents.at(-1)?.status).toBe('online');
    expect((await driver.print(sampleReceipt('after'))).ok).toBe(true);
    expect(simulator.jobs.map((job) => job.document)).toEqual([sampleReceipt('before'), sampleReceipt('after')]);
  });

  it('an unplug while waiting for a reply ends the wait at once as offline', async () => {
    const { simulator, driver } = setUpPrinter({ driver: { statusTimeoutMs: 5_000 } });
    await driver.getStatus();
    simulator.silence();
    const pending = driver.getStatus();
    setTimeout(() => simulator.disconnect(), 5);
    const started = performance.now();
    expect(await pending).toMatchObject({ status: 'offline', fault: 'disconnected' });
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('stays offline while the port cannot be opened, and comes back when it can', async () => {
    const { simulator, driver } = setUpPrinter();
    await driver.getStatus();
    simulator.disconnect();
    let plugged = false;
    const { PrinterDriver } = await import('../../../drivers/printer/driver');
    const { simulatedPrinterOpener } = await import('../../../simulators/printer/simulated-opener');
    const open = simulatedPrinterOpener(simulator);
    const flaky = new PrinterDriver(
      async () => {
        if (!plugged) throw new Error('ENOENT /dev/ttyUSB0');
        return open();
      },
      { statusTimeoutMs: 40 },
    );
    expect(await flaky.getStatus()).toMatchObject({ status: 'offline', fault: 'open-failed' });
    expect(await flaky.print(sampleReceipt())).toMatchObject({ ok: false, reason: 'offline', sent: false });
    plugged = true;
    expect((await flaky.reconnect()).status).toBe('online');
    expect((await flaky.reprintLastFailed())?.ok).toBe(true);
  });

  it('a job cut off by the unplug is reported as not printed and kept', async () => {
    const { simulator, driver } = setUpPrinter({ maxChunk: 1 });
    let pulled = false;
    simulator.onChange((state) => {
      if (state.printing && !pulled) {
        pulled = true;
        simulator.disconnect();
      }
    });
    const result = await driver.print(sampleReceipt());
    expect(result.ok).toBe(false);
    expect(result.ok ? undefined : result.reason).toBe('disconnected');
    expect(driver.lastFailedJob).toEqual(sampleReceipt());
    expect(simulator.jobs[0]).toMatchObject({ complete: false, endedBy: 'link closed' });
  });
});
