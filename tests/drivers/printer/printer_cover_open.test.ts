import { describe, expect, it } from 'vitest';
import { sampleReceipt, setUpPrinter } from './helpers';

describe('printer cover open', () => {
  it('reads as a user error with the cover open and refuses to print', async () => {
    const { simulator, driver, statusEvents } = setUpPrinter();
    expect((await driver.getStatus()).status).toBe('online');
    simulator.setCoverOpen(true);
    expect(await driver.getStatus()).toMatchObject({ status: 'user-error', coverOpen: true, paper: 'ok' });
    expect(statusEvents.map((status) => status.status)).toEqual(['online', 'user-error']);
    const result = await driver.print(sampleReceipt());
    expect(result).toMatchObject({ ok: false, reason: 'cover-open', sent: false });
    expect(simulator.jobs).toHaveLength(0);
  });

  it('a cover opened during the job fails the job after the cut; closing it allows the reprint', async () => {
    // Small chunks so the job is still arriving when the cover opens.
    const { simulator, driver } = setUpPrinter({ maxChunk: 16 });
    let opened = false;
    simulator.onChange((state) => {
      if (state.printing && !opened) {
        opened = true;
        simulator.setCoverOpen(true);
      }
    });
    const failed = await driver.print(sampleReceipt());
    expect(failed).toMatchObject({ ok: false, reason: 'cover-open', sent: true });
    expect(simulator.jobs[0]?.complete).toBe(false);
    simulator.setCoverOpen(false);
    const reprinted = await driver.reprintLastFailed();
    expect(reprinted?.ok).toBe(true);
    expect(simulator.jobs[1]?.document).toEqual(sampleReceipt());
  });
});
