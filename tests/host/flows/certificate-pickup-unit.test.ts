/**
 * The pickup's unit steps through the driver's bytes to the simulator, one effect at a time: an
 * empty slot at the dispense, and where a certificate is after a restart (the crash recovery's
 * view of the world: gate, slot, retain counter).
 */
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { CertificateUnitDriver } from '../../../drivers/certificate-unit/driver';
import { type PickupDeps, pickupEffects } from '../../../main/host/flows/certificate-pickup/effects';
import type { PickupContext } from '../../../main/host/flows/certificate-pickup/types';
import { simulatedCertificateUnitOpener } from '../../../simulators/certificate-unit/simulated-opener';
import { CertificateUnitSimulator, ZERO_TIMING } from '../../../simulators/certificate-unit/simulator';
import { sampleMagazine } from '../../../simulators/certificate-unit/test-data';
import { ManualClock } from '../../support/manual-clock';

const drivers: CertificateUnitDriver[] = [];
afterEach(async () => {
  for (const driver of drivers.splice(0)) await driver.close();
});

function world(magazine = sampleMagazine()) {
  const sim = new CertificateUnitSimulator({ magazine, timing: ZERO_TIMING });
  const driver = new CertificateUnitDriver(simulatedCertificateUnitOpener(sim), 0, { timeouts: { pollIntervalMs: 5 } });
  drivers.push(driver);
  const effects = pickupEffects({ certificateUnit: driver, takeBackTimeoutMs: 200, maxRetryDelayMs: 1000 } as unknown as PickupDeps);
  const tools = { signal: new AbortController().signal, clock: new ManualClock(0), log: pino({ level: 'silent' }), txnId: 't', timeScale: 1 };
  return { sim, driver, effects, tools };
}

const context = (retainCountBefore?: number) =>
  ({ sessionId: 's', kioskId: 'GD-GZ-0001', startedAtMs: 0, transactionNo: 'n', idNumber: '', pickupCode: '', badInputs: 0, dispensed: false, certificate: { certificateId: 'SIM-CERT-01', kind: 'resident-id', slot: 1 }, ...(retainCountBefore === undefined ? {} : { retainCountBefore }) }) as PickupContext;

describe('certificate pickup at the unit', () => {
  it('an empty slot at the dispense (error 80) ends for staff to check the magazine; nothing is in the gate', async () => {
    const magazine = sampleMagazine();
    magazine[0] = undefined;
    const { sim, effects, tools } = world(magazine);
    const outcome = await effects.dispensing!(context(0), tools);
    expect(outcome).toMatchObject({ event: { type: 'FAILED', failureKey: 'pickup.failed.notAvailable', staffAction: 'check-magazine' }, effect: { reason: 'slot-empty', errorCode: '80' } });
    expect(sim.state.location).toBe('none');
  });

  it('after a restart mid-dispense: a certificate in the gate is handed over', async () => {
    const { driver, effects, tools } = world();
    expect(await driver.dispense(1)).toMatchObject({ ok: true });
    expect(await effects.recheckingDispense!(context(0), tools)).toMatchObject({ event: { type: 'DISPENSED' }, effect: { card: 'gate' } });
  });

  it('after a restart mid-dispense: a certificate still in its slot was never moved', async () => {
    const { sim, effects, tools } = world();
    expect(await effects.recheckingDispense!(context(0), tools)).toMatchObject({ event: { type: 'NOT_DISPENSED' } });
    expect(sim.state.magazine[0]).toBeDefined();
  });

  it('after a restart: gone from slot and gate, the retain counter says taken or retained, and without a count before nobody can tell', async () => {
    const taken = world();
    await taken.driver.dispense(1);
    taken.sim.takeCardFromGate();
    expect(await taken.effects.recheckingDispense!(context(0), taken.tools)).toMatchObject({ event: { type: 'CERTIFICATE_OUT', fate: 'taken' } });

    const retained = world();
    await retained.driver.dispense(1);
    expect(await retained.driver.capture()).toMatchObject({ ok: true });
    expect(await retained.effects.recheckingDispense!(context(0), retained.tools)).toMatchObject({ event: { type: 'CERTIFICATE_OUT', fate: 'retained' } });
    expect(await retained.effects.handingOver!(context(0), retained.tools)).toMatchObject({ event: { type: 'CERTIFICATE_OUT', fate: 'retained' } });

    expect(await retained.effects.recheckingDispense!(context(), retained.tools)).toMatchObject({ event: { type: 'CERTIFICATE_OUT', fate: 'unknown' } });
  });

  it('hands over: taken from the gate, or retained after the take-back time', async () => {
    const { sim, driver, effects, tools } = world();
    await driver.dispense(1);
    const handing = effects.handingOver!(context(0), tools);
    await expect.poll(() => sim.commandLog.filter((c) => c.cm === 0x32 && c.pm === 0x39).length).toBe(1);
    sim.takeCardFromGate();
    expect(await handing).toMatchObject({ event: { type: 'CERTIFICATE_OUT', fate: 'taken' } });

    await driver.dispense(2);
    expect(await effects.handingOver!({ ...context(0), certificate: { certificateId: 'SIM-CERT-02', kind: 'resident-id', slot: 2 } }, tools)).toMatchObject({
      event: { type: 'CERTIFICATE_OUT', fate: 'retained' },
    });
    expect(sim.state.retained.at(-1)).toMatchObject({ kind: 'certificate', slot: 2 });
  });
});
