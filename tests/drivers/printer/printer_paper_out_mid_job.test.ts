import { describe, expect, it } from 'vitest';
import { encodeDocument } from '../../../drivers/printer/codec';
import { sampleReceipt, setUpPrinter } from './helpers';

describe('paper runs out in the middle of a job', () => {
  it('reports the job failed with paper-out, keeps it, and reprints it once paper is refilled', async () => {
    const { simulator, driver, statusEvents } = setUpPrinter();
    const job = sampleReceipt('TB-PAPER-1');
    const jobBytes = encodeDocument(job).length;
    simulator.paperOutAfter(Math.floor(jobBytes / 2));

    const failed = await driver.print(job);
    expect(failed).toMatchObject({ ok: false, reason: 'paper-out', sent: true });
    expect(failed.ok ? undefined : failed.status).toMatchObject({ status: 'user-error', paper: 'out' });
    expect(failed.ok ? undefined : failed.job).toBe(job);
    expect(driver.lastFailedJob).toBe(job);
    expect(statusEvents.at(-1)).toMatchObject({ paper: 'out' });

    // The printer printed only the first part and discarded the rest.
    const partial = simulator.jobs[0];
    expect(partial?.complete).toBe(false);
    expect(partial?.discardedBytes).toBeGreaterThan(0);
    expect(partial?.receivedBytes).toBe(jobBytes);
    expect(partial?.document.elements.length).toBeLessThan(job.elements.length);
    expect(partial?.document.elements).toEqual(job.elements.slice(0, partial?.document.elements.length));

    // Still out: a reprint is refused before sending anything.
    const refused = await driver.reprintLastFailed();
    expect(refused).toMatchObject({ ok: false, reason: 'paper-out', sent: false });
    expect(simulator.jobs).toHaveLength(1);

    simulator.refillPaper();
    const reprinted = await driver.reprintLastFailed();
    expect(reprinted).toMatchObject({ ok: true });
    expect(simulator.jobs[1]).toMatchObject({ complete: true, discardedBytes: 0 });
    expect(simulator.jobs[1]?.document).toEqual(job);
    expect(driver.lastFailedJob).toBeUndefined();
    expect(statusEvents.at(-1)).toMatchObject({ status: 'online', paper: 'ok' });
  });

  it('a job that ends exactly at the paper limit is printed', async () => {
    const { simulator, driver } = setUpPrinter();
    const job = sampleReceipt();
    simulator.paperOutAfter(encodeDocument(job).length);
    expect((await driver.print(job)).ok).toBe(true);
    expect(simulator.jobs[0]?.complete).toBe(true);
  });

  it('refuses to start a job when the paper is already out', async () => {
    const { simulator, driver } = setUpPrinter();
    simulator.setPaper('out');
    expect(await driver.getStatus()).toMatchObject({ status: 'user-error', paper: 'out' });
    expect(await driver.print(sampleReceipt())).toMatchObject({ ok: false, reason: 'paper-out', sent: false });
    expect(simulator.jobs).toHaveLength(0);
  });

  it('prints on near-end paper and says so in the status after the job', async () => {
    const { simulator, driver } = setUpPrinter();
    simulator.nearEnd();
    const result = await driver.print(sampleReceipt());
    expect(result).toMatchObject({ ok: true, statusAfter: { status: 'online', paper: 'near-end' } });
  });
});
