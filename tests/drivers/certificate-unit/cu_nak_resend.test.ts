import { afterEach, describe, expect, it } from 'vitest';
import { bytes, countOccurrences, createRig, type Rig } from './rig';

const RETAIN_COUNTER = bytes('F2 00 00 03 43 A5 30 03 24');
let rig: Rig;
afterEach(async () => {
  await rig.close();
});

describe('certificate unit: the unit NAKs a command', () => {
  it('resends the same frame after a NAK', async () => {
    rig = createRig({ sim: { retainCount: 3 } });
    await rig.driver.getStatus();
    rig.sim.nakNextCommands(1);
    expect(await rig.driver.retainCount()).toEqual({ ok: true, retainCount: 3 });
    expect(countOccurrences(rig.hostWrote, RETAIN_COUNTER)).toBe(2);
    expect(rig.deviceWrote.filter((b) => b === 0x15).length).toBe(1);
  });

  it('reports offline after three NAKs', async () => {
    rig = createRig();
    await rig.driver.getStatus();
    rig.sim.nakNextCommands(3);
    expect(await rig.driver.retainCount()).toMatchObject({ ok: false, reason: 'offline' });
    expect(countOccurrences(rig.hostWrote, RETAIN_COUNTER)).toBe(3);
    expect(rig.driver.status.status).toBe('offline');
  });
});
