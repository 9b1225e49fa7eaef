import { afterEach, describe, expect, it } from 'vitest';
import type { CertificateUnitStatus, MediaEvent } from '../../../drivers/certificate-unit/types';
import { TEST_PERMITS } from '../../../simulators/certificate-unit/test-data';
import { createRig, type Rig, until } from './rig';

let rig: Rig;
afterEach(async () => {
  await rig.close();
});

async function permitInside(r: Rig): Promise<void> {
  const take = r.driver.takePermit({ timeoutMs: 2000 });
  await until(() => r.sim.state.entryEnabled);
  r.sim.insertCard(TEST_PERMITS[0]!);
  expect(await take).toEqual({ ok: true });
}

describe('certificate unit: out of service', () => {
  it('a jam gives a typed reason and puts the unit out of service until INIT succeeds', async () => {
    rig = createRig();
    await permitInside(rig);
    const statuses: CertificateUnitStatus[] = [];
    const media: MediaEvent[] = [];
    rig.driver.onStatusChange((s) => statuses.push(s));
    rig.driver.onMedia((e) => media.push(e));
    rig.sim.jam();

    const print = await rig.driver.printCardBack(['TEST']);
    expect(print).toEqual({
      ok: false,
      reason: 'card-jam',
      errorCode: '10',
      messageKey: 'devices.certificateUnit.cardJam',
      message: 'card jam: MOVE to holding answered error 10',
    });
    expect(media).toEqual([{ type: 'MediaJammed' }]);
    expect(statuses.at(-1)).toMatchObject({ status: 'hardware-error', reason: 'card-jam', media: 'jammed' });

    // STATUS still answers, but the unit stays out of service.
    expect(await rig.driver.getStatus()).toMatchObject({ status: 'hardware-error', reason: 'card-jam' });
    // INIT fails while jammed.
    expect(await rig.driver.reset()).toMatchObject({ ok: false, reason: 'card-jam' });

    rig.sim.clearFaults();
    expect(await rig.driver.reset()).toEqual({ ok: true, firmware: 'CRT591-TB-SIM 1.0' });
    expect(await rig.driver.getStatus()).toMatchObject({ status: 'online', card: 'inside', media: 'present' });
  });

  it('a motor error puts the unit out of service', async () => {
    rig = createRig();
    await permitInside(rig);
    rig.sim.motorError();
    const eject = await rig.driver.ejectAndWaitForTaken({ takeTimeoutMs: 100 });
    expect(eject).toMatchObject({ ok: false, reason: 'motor-error', errorCode: '51' });
    expect(rig.driver.status).toMatchObject({ status: 'hardware-error', reason: 'motor-error' });
  });

  it('a full retain bin puts the unit out of service through the status bytes', async () => {
    rig = createRig();
    expect((await rig.driver.getStatus()).status).toBe('online');
    rig.sim.fillRetainBin();
    expect(await rig.driver.getStatus()).toMatchObject({ status: 'hardware-error', retainBin: 'full', reason: 'retain-bin-full' });
    await permitInside(rig);
    expect(await rig.driver.capture()).toMatchObject({ ok: false, reason: 'retain-bin-full', errorCode: 'A1' });
    expect(rig.sim.state.location).toBe('rf');
  });

  it('ribbon out fails the print with a typed reason but keeps the unit in service', async () => {
    rig = createRig();
    await permitInside(rig);
    rig.sim.ribbonOut();
    expect(await rig.driver.printCardBack(['TEST'])).toMatchObject({ ok: false, reason: 'print-failed', errorCode: '70' });
    expect(rig.driver.status.status).toBe('online');
  });
});
