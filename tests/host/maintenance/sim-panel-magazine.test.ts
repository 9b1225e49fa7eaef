/**
 * The technician panel's staff actions for trying magazine loading with `npm start`: a slot
 * emptied by hand, the certificate central waits for put into the first free slot, and the
 * unit's inventory (through the driver's bytes) agreeing.
 */
import { describe, expect, it } from 'vitest';
import { CertificateUnitDriver } from '../../../drivers/certificate-unit/driver';
import { applyAction } from '../../../main/cli/sim-panel/device-actions';
import { CertificateUnitSimulator, UNLOADED_CERTIFICATE } from '../../../simulators/certificate-unit/index';
import { simulatedCertificateUnitOpener } from '../../../simulators/certificate-unit/simulated-opener';
import { ZERO_TIMING } from '../../../simulators/certificate-unit/simulator';

describe('technician panel: the magazine by hand', () => {
  it('empties a slot and fills the first free one with the certificate central waits for', async () => {
    const sim = new CertificateUnitSimulator({ timing: ZERO_TIMING });
    const driver = new CertificateUnitDriver(simulatedCertificateUnitOpener(sim));
    await driver.reset();
    const devices = { certificateUnit: sim };
    expect(applyAction(devices, 'certificate-unit', { action: 'magazine-load-unloaded' })).toEqual({ ok: false, message: 'no empty slot in the magazine' });
    expect(applyAction(devices, 'certificate-unit', { action: 'magazine-unload', slot: 12 })?.ok).toBe(true);
    expect(applyAction(devices, 'certificate-unit', { action: 'magazine-unload', slot: 12 })?.ok).toBe(false);
    const before = await driver.inventory();
    expect(before.ok && before.empty).toEqual([12]);
    expect(applyAction(devices, 'certificate-unit', { action: 'magazine-load-unloaded' })).toEqual({ ok: true, message: `${UNLOADED_CERTIFICATE.serial} put into slot 12` });
    const after = await driver.inventory();
    expect(after.ok && after.empty).toEqual([]);
    expect(sim.state.magazine[11]).toEqual(UNLOADED_CERTIFICATE);
    await driver.close();
  });
});
