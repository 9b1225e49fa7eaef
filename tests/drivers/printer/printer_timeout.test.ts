import { describe, expect, it } from 'vitest';
import { PrinterDriver } from '../../../drivers/printer/driver';
import { PrinterSimulator } from '../../../simulators/printer/simulator';
import { simulatedPrinterOpener } from '../../../simulators/printer/simulated-opener';
import { ManualClock } from '../../support/manual-clock';
import { loopTurns, TEST_STATUS_TIMEOUT_MS, sampleReceipt, setUpPrinter } from './helpers';

const shortTimeout = { driver: { statusTimeoutMs: TEST_STATUS_TIMEOUT_MS } };

const ticks = (count = 5): Promise<void> =>
  Array.from({ length: count }).reduce<Promise<void>>(
    (chain) => chain.then(() => new Promise((resolve) => setImmediate(resolve))),
    Promise.resolve(),
  );

describe('a printer that does not answer', () => {
  it('reads as offline within the status timeout, without hanging', async () => {
    const { simulator, driver, statusEvents } = setUpPrinter(shortTimeout);
    simulator.silence();
    const started = performance.now();
    const status = await driver.getStatus();
    const elapsed = performance.now() - started;
    expect(status).toMatchObject({ status: 'offline', fault: 'no-reply', paper: 'unknown' });
    expect(elapsed).toBeGreaterThanOrEqual(TEST_STATUS_TIMEOUT_MS - 5);
    // No hang. (That one timed-out request is enough, not four in a row, is shown exactly by the
    // injected-clock test below; wall time on a shared machine is too noisy for that.)
    expect(elapsed).toBeLessThan(1_000);
    expect(statusEvents.at(-1)?.status).toBe('offline');
  });

  it('refuses a print before sending any of the job, and keeps the job', async () => {
    const { simulator, driver } = setUpPrinter(shortTimeout);
    simulator.silence();
    const job = sampleReceipt();
    const result = await driver.print(job);
    expect(result).toMatchObject({ ok: false, reason: 'offline', sent: false });
    expect(result.ok ? undefined : result.job).toBe(job);
    expect(driver.lastFailedJob).toBe(job);
    expect(simulator.jobs).toHaveLength(0);
  });

  it('reports timeout (outcome unknown) when the printer goes silent after the job', async () => {
    const { simulator, driver } = setUpPrinter(shortTimeout);
    // Silence the printer the moment the cut arrives: the job prints, the status after it never comes.
    simulator.onJob(() => simulator.silence());
    const result = await driver.print(sampleReceipt());
    expect(result).toMatchObject({ ok: false, reason: 'timeout', sent: true });
    expect(simulator.jobs).toHaveLength(1);
    expect(driver.lastFailedJob).toEqual(sampleReceipt());
  });

  it('accepts a slow reply that is still within the timeout, and not one that is later', async () => {
    const { simulator, driver } = setUpPrinter(shortTimeout);
    simulator.slowReply(TEST_STATUS_TIMEOUT_MS / 4);
    expect((await driver.getStatus()).status).toBe('online');
    simulator.slowReply(TEST_STATUS_TIMEOUT_MS * 2);
    expect(await driver.getStatus()).toMatchObject({ status: 'offline', fault: 'no-reply' });
  });

  it('recovers when the printer answers again, ignoring the late replies of the silent period', async () => {
    // The printer's own clock is the test's: its late reply goes out when the test says, not when a
    // loaded machine's timers happen to fire (once, it came only after the next request had gone).
    const printerClock = new ManualClock();
    const simulator = new PrinterSimulator({ clock: printerClock });
    const driver = new PrinterDriver(simulatedPrinterOpener(simulator), { statusTimeoutMs: TEST_STATUS_TIMEOUT_MS });
    simulator.slowReply(TEST_STATUS_TIMEOUT_MS + 10);
    expect((await driver.getStatus()).status).toBe('offline');
    simulator.slowReply(0);
    // The late reply lands; the driver must drop it rather than take it as the next answer.
    expect(printerClock.pending()).toBe(1);
    printerClock.advance(TEST_STATUS_TIMEOUT_MS + 10);
    await loopTurns();
    simulator.setCoverOpen(true);
    expect(await driver.getStatus()).toMatchObject({ status: 'user-error', coverOpen: true });
  });

  it('runs queued operations one at a time even when they time out', async () => {
    const { simulator, driver } = setUpPrinter(shortTimeout);
    simulator.silence();
    const started = performance.now();
    const results = await Promise.all([driver.getStatus(), driver.getStatus(), driver.getStatus()]);
    expect(results.map((status) => status.status)).toEqual(['offline', 'offline', 'offline']);
    // Sequential: three timeouts back to back, not in parallel.
    expect(performance.now() - started).toBeGreaterThanOrEqual(TEST_STATUS_TIMEOUT_MS * 3 - 10);
  });

  it('takes a reply that came in time when the host itself was held up past the timeout (the timer fires first)', async () => {
    const simulator = new PrinterSimulator();
    // A host held up (a collection, a loaded machine) from the moment it asks: each status timer
    // is due before its loop has read anything, so it fires ahead of the printer's prompt reply.
    const clock = new (class extends ManualClock {
      heldUp = true;
      override setTimeout(callback: () => void, ms: number) {
        const handle = super.setTimeout(callback, ms);
        if (this.heldUp) queueMicrotask(() => this.advance(ms + 100));
        return handle;
      }
    })();
    const driver = new PrinterDriver(simulatedPrinterOpener(simulator), { clock });
    expect(await driver.getStatus()).toMatchObject({ status: 'online', paper: 'ok', checkedAt: 4 * 600 });
    // A printer that really is silent still reads as offline.
    simulator.silence();
    expect(await driver.getStatus()).toMatchObject({ status: 'offline', fault: 'no-reply' });
  });

  it('uses the contract timeout of 500 ms by default (driven by an injected clock, no sleeping)', async () => {
    const simulator = new PrinterSimulator();
    simulator.silence();
    const clock = new ManualClock();
    const driver = new PrinterDriver(simulatedPrinterOpener(simulator), { clock });
    let settled = false;
    const reading = driver.getStatus().then((status) => {
      settled = true;
      return status;
    });
    await ticks();
    expect(clock.dueIn()).toEqual([500]);
    clock.advance(499);
    await ticks();
    expect(settled).toBe(false);
    clock.advance(1);
    expect(await reading).toMatchObject({ status: 'offline', fault: 'no-reply', checkedAt: 500 });
  });
});
