import { afterEach, describe, expect, it } from 'vitest';
import { bytes, countOccurrences, createRig, FAST_TIMEOUTS, type Rig } from './rig';

const INIT_LEAVE = bytes('F2 00 00 03 43 30 33 03 B2');
const RETAIN_COUNTER = bytes('F2 00 00 03 43 A5 30 03 24');

let rig: Rig;
afterEach(async () => {
  await rig.close();
});

describe('certificate unit: silence', () => {
  it('sends a command 3 times without ACK, then reports offline without hanging', async () => {
    rig = createRig();
    rig.sim.setSilent(true);
    const statuses: string[] = [];
    rig.driver.onStatusChange((s) => statuses.push(s.status));
    const started = performance.now();
    const status = await rig.driver.getStatus();
    const elapsed = performance.now() - started;
    expect(status).toMatchObject({ status: 'offline', reason: 'offline' });
    // The first command after connecting is INIT, sent exactly maxTries times.
    expect(countOccurrences(rig.hostWrote, INIT_LEAVE)).toBe(3);
    expect(rig.hostWrote.length).toBe(3 * INIT_LEAVE.length);
    expect(elapsed).toBeGreaterThanOrEqual(3 * FAST_TIMEOUTS.ackMs - 5);
    expect(elapsed).toBeLessThan(2000);
  });

  it('gives a typed offline result to operations and recovers when the unit answers again', async () => {
    rig = createRig();
    expect((await rig.driver.getStatus()).status).toBe('online');
    rig.sim.setSilent(true);
    const result = await rig.driver.retainCount();
    expect(result).toMatchObject({ ok: false, reason: 'offline', messageKey: 'devices.certificateUnit.outOfService' });
    expect(countOccurrences(rig.hostWrote, RETAIN_COUNTER)).toBe(3);
    expect(rig.driver.status.status).toBe('offline');

    rig.sim.setSilent(false);
    rig.hostWrote.length = 0;
    expect(await rig.driver.retainCount()).toEqual({ ok: true, retainCount: 0 });
    // The unit was unreachable, so the driver re-INITs before the command.
    expect(Array.from(rig.hostWrote.slice(0, INIT_LEAVE.length))).toEqual(Array.from(INIT_LEAVE));
    expect(rig.driver.status.status).toBe('online');
  });

  it('reports a reply timeout when the unit ACKs but never finishes', async () => {
    rig = createRig();
    await rig.driver.getStatus();
    rig.sim.setReplyDelay(5000);
    const started = performance.now();
    const result = await rig.driver.retainCount();
    expect(result).toMatchObject({ ok: false, reason: 'no-reply' });
    expect(performance.now() - started).toBeLessThan(1500);
  });
});
