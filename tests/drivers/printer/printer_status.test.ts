import { describe, expect, it } from 'vitest';
import { parseEscPos } from '../../../drivers/printer/codec';
import { PrinterDriver } from '../../../drivers/printer/driver';
import { createInProcessPipePair } from '../../../drivers/transport/in-process-pipe';
import { PrinterSimulator } from '../../../simulators/printer/simulator';
import { sampleReceipt, setUpPrinter, TEST_STATUS_TIMEOUT_MS } from './helpers';

describe('status mapping from the simulated printer', () => {
  it('maps each error cause of DLE EOT 3 to the device state', async () => {
    const { simulator, driver } = setUpPrinter();
    simulator.setError('autocutter', true);
    expect(await driver.getStatus()).toMatchObject({ status: 'hardware-error', errors: ['autocutter'] });
    expect(await driver.print(sampleReceipt())).toMatchObject({ ok: false, reason: 'hardware-error', sent: false });
    simulator.setError('autocutter', false);
    simulator.setError('auto-recoverable', true);
    expect(await driver.getStatus()).toMatchObject({ status: 'busy', errors: ['auto-recoverable'] });
    simulator.setError('auto-recoverable', false);
    simulator.setOffline(true);
    expect(await driver.getStatus()).toMatchObject({ status: 'offline', fault: 'reported-offline' });
    simulator.setOffline(false);
    expect(await driver.getStatus()).toMatchObject({ status: 'online', errors: [], paper: 'ok' });
  });

  it('fires a status-change event only when something other than the time changes', async () => {
    const { simulator, driver, statusEvents } = setUpPrinter();
    await driver.getStatus();
    await driver.getStatus();
    simulator.nearEnd();
    await driver.getStatus();
    await driver.getStatus();
    expect(statusEvents.map((status) => `${status.status}/${status.paper}`)).toEqual(['online/ok', 'online/near-end']);
  });

  it('shows busy while a print is in flight', async () => {
    const { driver } = setUpPrinter();
    await driver.getStatus();
    const printing = driver.print(sampleReceipt());
    expect(driver.status.status).toBe('busy');
    await printing;
    expect(driver.status.status).toBe('online');
  });

  it('never interleaves a status request into the bytes of a job', async () => {
    const simulator = new PrinterSimulator();
    const seen: number[] = [];
    const driver = new PrinterDriver(
      async () => {
        const pair = createInProcessPipePair('order', { maxChunk: 5 });
        simulator.attach(pair.device);
        pair.device.onData((chunk) => seen.push(...chunk));
        return pair.host;
      },
      { statusTimeoutMs: TEST_STATUS_TIMEOUT_MS },
    );
    const results = await Promise.all([
      driver.print(sampleReceipt('A')),
      driver.getStatus(),
      driver.print(sampleReceipt('B')),
    ]);
    expect(results.map((result) => ('ok' in result ? result.ok : result.status))).toEqual([true, 'online', true]);
    const parsed = parseEscPos(Uint8Array.from(seen));
    expect(parsed.jobs.map((job) => job.document)).toEqual([sampleReceipt('A'), sampleReceipt('B')]);
    // 4 before and 4 after each job, 4 for the status in between.
    expect(parsed.statusRequests).toEqual([1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4]);
  });

  it('refuses an invalid document without touching the printer', async () => {
    const { simulator, driver, opens } = setUpPrinter();
    const result = await driver.print({ elements: [{ kind: 'text', text: 'no cut', align: 'left', bold: false, doubleSize: false }] });
    expect(result).toMatchObject({ ok: false, reason: 'invalid-document', sent: false });
    expect(opens()).toBe(0);
    expect(simulator.jobs).toHaveLength(0);
    expect(driver.lastFailedJob).toBeUndefined();
  });
});
