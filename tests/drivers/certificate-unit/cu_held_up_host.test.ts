import { afterEach, describe, expect, it } from 'vitest';
import { bytes, countOccurrences, createRig, FAST_TIMEOUTS, type Rig } from './rig';

const RETAIN_COUNTER = bytes('F2 00 00 03 43 A5 30 03 24');
let rig: Rig;
afterEach(async () => {
  await rig.close();
});

/** Holds the whole process for `ms`, as a long garbage collection or a starved CPU does. */
function holdUp(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy: nothing else in this process runs
  }
}

describe('certificate unit: a host held up past the ACK wait', () => {
  it('reads the ACK that came in time instead of resending the command', async () => {
    rig = createRig({ sim: { retainCount: 3 } });
    await rig.driver.getStatus();
    // Once the unit has taken the command (its ACK on the way), the host stops for longer than
    // the ACK wait: its timer is due before it reads the ACK.
    let held = false;
    rig.pairs[0]!.device.onData(() => {
      if (held || countOccurrences(rig.hostWrote, RETAIN_COUNTER) === 0) return;
      held = true;
      holdUp(FAST_TIMEOUTS.ackMs + 100);
    });
    expect(await rig.driver.retainCount()).toEqual({ ok: true, retainCount: 3 });
    expect(held).toBe(true);
    expect(countOccurrences(rig.hostWrote, RETAIN_COUNTER)).toBe(1);
  });

  it('still resends to a unit that really did not ACK, and gives up after its tries', async () => {
    rig = createRig();
    await rig.driver.getStatus();
    rig.sim.setSilent(true);
    expect(await rig.driver.retainCount()).toMatchObject({ ok: false, reason: 'offline' });
    expect(countOccurrences(rig.hostWrote, RETAIN_COUNTER)).toBe(3);
  });
});
