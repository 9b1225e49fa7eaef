import { afterEach, describe, expect, it } from 'vitest';
import type { CertificateUnitSimState } from '../../../simulators/certificate-unit/state';
import { createRig, type Rig } from './rig';

let rig: Rig;
afterEach(async () => {
  await rig.close();
});

describe('certificate unit: ADDR', () => {
  it('talks to a unit at ADDR 3 with ADDR 3 in every frame', async () => {
    rig = createRig({ addr: 3, sim: { addr: 3 } });
    const changes: CertificateUnitSimState[] = [];
    rig.sim.onChange((state) => changes.push(state));
    expect(await rig.driver.dispense(2)).toEqual({ ok: true });
    // INIT leave card for ADDR 3: F2 03 00 03 43 30 33 03 B1.
    expect(rig.hostWrote.slice(0, 9)).toEqual([0xf2, 0x03, 0x00, 0x03, 0x43, 0x30, 0x33, 0x03, 0xb1]);
    expect(rig.deviceWrote[1]).toBe(0xf2);
    expect(rig.deviceWrote[2]).toBe(0x03);
    expect(changes.at(-1)?.location).toBe('gate');
    expect(changes.at(-1)?.magazine[1]).toBeUndefined();
  });

  it('a unit at another ADDR ignores the frames, so the driver reports offline', async () => {
    rig = createRig({ addr: 0, sim: { addr: 5 } });
    expect(await rig.driver.getStatus()).toMatchObject({ status: 'offline' });
    expect(rig.deviceWrote).toEqual([]);
    expect(rig.sim.commandLog).toEqual([]);
  });
});
