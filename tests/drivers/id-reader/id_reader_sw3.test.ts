import { describe, expect, it } from 'vitest';
import { failureReasonFor, sw3Result } from '../../../drivers/id-reader/results';
import { rig } from './rig';

describe('ID reader: SW3 result codes as typed reasons', () => {
  it('names every code of the contract and maps it to a failure reason', () => {
    const table: Array<[number, string, string]> = [
      [0x91, 'no-content', 'read-failed'],
      [0x10, 'checksum-error', 'sam-error'],
      [0x11, 'length-error', 'sam-error'],
      [0x21, 'command-error', 'sam-error'],
      [0x23, 'unauthorised', 'sam-error'],
      [0x24, 'unrecognised-error', 'sam-error'],
      [0x31, 'card-auth-failed', 'read-failed'],
      [0x32, 'sam-auth-failed', 'read-failed'],
      [0x33, 'verification-error', 'read-failed'],
      [0x40, 'unknown-card-type', 'unknown-card-type'],
      [0x41, 'read-failed', 'read-failed'],
      [0x47, 'random-failed', 'read-failed'],
      [0x60, 'sam-self-test-failed', 'sam-error'],
      [0x66, 'sam-not-authorised', 'sam-error'],
      [0x80, 'no-card', 'no-card'],
      [0x81, 'select-failed', 'select-failed'],
      [0x55, 'unknown-code', 'sam-error'],
    ];
    for (const [sw3, result, reason] of table) {
      expect(sw3Result(sw3), `0x${sw3.toString(16)}`).toBe(result);
      expect(failureReasonFor(sw3Result(sw3)), result).toBe(reason);
    }
    expect(sw3Result(0x90)).toBe('success');
    expect(sw3Result(0x9f)).toBe('find-success');
  });

  it('a SAM that failed its self-test makes reads fail with sam-error and the status hardware-error', async () => {
    const { driver, sim } = rig();
    const seen: string[] = [];
    driver.onStatusChange((status) => seen.push(status.status));
    sim.injectFault({ kind: 'result-code', sw3: 0x60 });
    expect(await driver.readCard()).toMatchObject({
      ok: false,
      reason: 'sam-error',
      sw3: 0x60,
      result: 'sam-self-test-failed',
      message: 'SAM self-test failed',
    });
    expect(driver.status).toMatchObject({ status: 'hardware-error', detail: 'SAM self-test failed' });
    expect(await driver.samId()).toMatchObject({ ok: false, reason: 'sam-error', sw3: 0x60 });
    sim.clearFault();
    expect((await driver.samId()).ok).toBe(true);
    expect(driver.status.status).toBe('online');
    expect(seen).toEqual(['hardware-error', 'online']);
  });

  it('read-failed (41) on the read, select-failed (81) and no-card (80) are distinct reasons', async () => {
    const { driver, sim } = rig();
    sim.injectFault({ kind: 'read-failed' }, 1, { skip: 2 });
    expect(await driver.readCard()).toMatchObject({ ok: false, reason: 'read-failed', sw3: 0x41, result: 'read-failed' });
    sim.injectFault({ kind: 'result-code', sw3: 0x81 }, 1, { skip: 1 });
    expect(await driver.readCard()).toMatchObject({ ok: false, reason: 'select-failed', sw3: 0x81 });
    sim.injectFault({ kind: 'result-code', sw3: 0x31 }, 1, { skip: 2 });
    expect(await driver.readCard()).toMatchObject({ ok: false, reason: 'read-failed', result: 'card-auth-failed' });
    sim.injectFault({ kind: 'result-code', sw3: 0x40 }, 1, { skip: 2 });
    expect(await driver.readCard()).toMatchObject({ ok: false, reason: 'unknown-card-type', sw3: 0x40 });
    sim.removeCard();
    expect(await driver.readCard()).toMatchObject({ ok: false, reason: 'no-card', sw3: 0x80, result: 'no-card' });
    expect(driver.status).toMatchObject({ status: 'online', card: 'absent' });
  });

  it('returns the SAM id as 32 hex digits', async () => {
    const { driver } = rig();
    expect(await driver.samId()).toEqual({ ok: true, value: '05000102202611220000000154420001' });
  });
});
