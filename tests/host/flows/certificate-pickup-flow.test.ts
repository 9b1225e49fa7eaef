/**
 * Certificate pickup on the real host: flow engine, journal, the certificate unit through its
 * bytes to the simulator, the simulated camera and the embedded central simulator. The test is
 * the citizen, through the screen API.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { CertificateUnitDriver } from '../../../drivers/certificate-unit/driver';
import type { CertificateUnitTimeouts } from '../../../drivers/certificate-unit/types';
import { simulatorConfig } from '../../../kiosk-config/schema';
import type { ResponseMessage, SessionView } from '../../../main/api/contract';
import { createDevices } from '../../../main/host/devices';
import { type Host, startHost } from '../../../main/host/host';
import { SimulatedCamera } from '../../../simulators/camera/simulated-camera';
import { simulatedCertificateUnitOpener } from '../../../simulators/certificate-unit/simulated-opener';
import { CertificateUnitSimulator } from '../../../simulators/certificate-unit/simulator';
import { sampleMagazine } from '../../../simulators/certificate-unit/test-data';
import { testCards } from '../../../simulators/id-reader/test-cards';

const KIOSK = 'GD-GZ-0001';
/** The test registry's waiting certificate: 李样例's reissued card in slot 1, pickup code 824913. */
const HOLDER = testCards['resident-elderly'].text.idNumber;
const CODE = '824913';
const CERTIFICATE = 'SIM-CERT-01';

let hosts: Host[] = [];
afterEach(async () => {
  for (const h of hosts) await h.stop();
  hosts = [];
});

interface World {
  readonly h: Host;
  readonly unit: CertificateUnitSimulator;
  readonly camera: SimulatedCamera;
}

/** A host in simulator mode; `magazine` replaces the unit's simulator with one holding that magazine. */
interface StartOptions {
  readonly takeBackTimeoutS?: number;
  readonly magazine?: ReturnType<typeof sampleMagazine>;
  /** A unit simulator that outlives the host (a restart finds the certificate where it was). */
  readonly unit?: CertificateUnitSimulator;
  readonly dataDir?: string;
  /** Called after each journal write of a flow (the state just journaled). */
  readonly afterJournal?: (state: string) => void;
  /** The driver's reply timeouts, for a test that waits out a lost reply. */
  readonly unitTimeouts?: Partial<CertificateUnitTimeouts>;
}

async function start(options: StartOptions = {}): Promise<World> {
  const config = simulatorConfig({
    sync: { heartbeatIntervalS: 3600, intervalMs: 200 },
    ui: { port: 0, defaultLanguage: 'zh-CN', stepTimeoutS: 60, takeBackTimeoutS: options.takeBackTimeoutS ?? 30 },
  });
  let unit: CertificateUnitSimulator | undefined = options.unit;
  let devices;
  if (options.magazine || unit) {
    unit ??= new CertificateUnitSimulator({ magazine: options.magazine });
    devices = { ...createDevices(config.devices).devices, certificateUnit: new CertificateUnitDriver(simulatedCertificateUnitOpener(unit), 0, { timeouts: options.unitTimeouts }) };
  }
  // No screen here: the simulated camera stands in for the screen's camera step.
  const camera = new SimulatedCamera(50);
  const log = pino({ level: process.env.TEST_LOG ?? 'silent' });
  const afterFlowJournal = options.afterJournal ? (_txnId: string, state: string) => options.afterJournal!(state) : undefined;
  const h = await startHost({ dataDir: options.dataDir ?? mkdtempSync(join(tmpdir(), 'pickup-')), config, log, camera, afterFlowJournal, ...(devices ? { devices } : {}) });
  hosts.push(h);
  return { h, unit: unit ?? h.simulators.certificateUnit!, camera };
}

const call = (h: Host, command: string, args: object = {}): Promise<ResponseMessage> => h.api.handle({ kind: 'request', id: 1, command, args });
async function reach<S extends SessionView['step']>(h: Host, wanted: S, timeout = 15_000): Promise<Extract<SessionView, { step: S }>> {
  await expect.poll(() => h.sessions.view.step, { timeout }).toBe(wanted);
  return h.sessions.view as Extract<SessionView, { step: S }>;
}
async function type(h: Host, text: string): Promise<void> {
  for (const key of text) expect(await call(h, 'keypadInput', { key })).toMatchObject({ ok: true });
}
const centralCalls = (h: Host, path: RegExp) => h.central!.requests.filter((r) => path.test(r.path));
const records = (h: Host) =>
  h.central!.store.records(KIOSK).map((r) => {
    const { kind, payload } = JSON.parse(r.body) as { kind: string; payload: Record<string, unknown> };
    return { kind, payload, body: r.body };
  });

/** Starts the pickup, types the ID number (after the code, when given) and confirms. */
async function identify(h: Host, idNumber: string, code?: string): Promise<void> {
  expect(await call(h, 'startService', { service: 'certificate-pickup' })).toMatchObject({ ok: true, result: { step: 'pickup-choose-method' } });
  if (code !== undefined) {
    expect(await call(h, 'chooseOption', { index: 1 })).toMatchObject({ ok: true, result: { step: 'pickup-input', field: 'pickupCode' } });
    await type(h, code);
    expect(await call(h, 'confirmStep')).toMatchObject({ ok: true, result: { step: 'pickup-input', field: 'idNumber' } });
  } else {
    expect(await call(h, 'chooseOption', { index: 0 })).toMatchObject({ ok: true, result: { step: 'pickup-input', field: 'idNumber' } });
  }
  await type(h, idNumber);
  expect(await call(h, 'confirmStep')).toMatchObject({ ok: true });
}

/** The one record of the transaction, once synced. */
async function theRecord(h: Host, txnId: string) {
  await expect.poll(() => h.central!.store.records(KIOSK).some((r) => r.txnId === txnId), { timeout: 10_000 }).toBe(true);
  return records(h).find((r) => JSON.parse(r.body).txnId === txnId)!;
}

describe('certificate pickup, host and simulators', { timeout: 60_000 }, () => {
  it('by ID number: face verified, matched by hash, dispensed from slot 1, taken; one record without the number, and the list empties', async () => {
    const { h, unit } = await start();
    await identify(h, HOLDER);
    const take = await reach(h, 'take-certificate');
    expect(unit.state.location).toBe('gate');
    expect(unit.state.magazine[0]).toBeUndefined();
    expect(unit.takeCardFromGate()).toMatchObject({ kind: 'certificate', slot: 1, certificate: { serial: CERTIFICATE } });
    const done = await reach(h, 'pickup-done');
    expect(done).toMatchObject({ outcome: 'collected', messageKey: null, txnId: take.txnId });
    const record = await theRecord(h, done.txnId);
    expect(record.kind).toBe('certificate-pickup');
    expect(record.payload).toMatchObject({ outcome: 'collected', certificateId: CERTIFICATE, slot: 1, dispensed: true, fate: 'taken', method: 'id-number', staffAction: null });
    expect(record.body).not.toContain(HOLDER);
    expect(centralCalls(h, /\/identity\/verify$/)).toHaveLength(1);
    expect(await call(h, 'finishSession')).toMatchObject({ ok: true, result: { step: 'idle' } });
    // Central took the certificate off this kiosk's list: a second try finds nothing waiting.
    await identify(h, HOLDER);
    expect(await reach(h, 'pickup-done')).toMatchObject({ outcome: 'not-collected', messageKey: 'pickup.failed.noCertificate' });
  });

  it('by pickup code: the code and the ID number must name the same certificate; a code for nobody here is refused', async () => {
    const { h, unit } = await start();
    await identify(h, HOLDER, '11112222');
    const refused = await reach(h, 'pickup-done');
    expect(refused).toMatchObject({ outcome: 'not-collected', messageKey: 'pickup.failed.codeMismatch' });
    expect(unit.state.magazine[0]).toBeDefined();
    expect(await call(h, 'finishSession')).toMatchObject({ ok: true });

    await identify(h, HOLDER, CODE);
    await reach(h, 'take-certificate');
    unit.takeCardFromGate();
    const done = await reach(h, 'pickup-done');
    expect(done.outcome).toBe('collected');
    const record = await theRecord(h, done.txnId);
    expect(record.payload).toMatchObject({ outcome: 'collected', method: 'pickup-code', certificateId: CERTIFICATE });
    expect(record.body).not.toContain(CODE);
    expect((await theRecord(h, refused.txnId)).payload).toMatchObject({ outcome: 'not-collected', dispensed: false, failure: 'pickup.failed.codeMismatch' });
  });

  it('a pickup code read from the receipt QR by the screen stands for typing it; the host checks it again', async () => {
    const { h } = await start();
    await call(h, 'startService', { service: 'certificate-pickup' });
    expect(await call(h, 'scannedCode', { code: CODE })).toMatchObject({ ok: false, error: { code: 'refused' } });
    await call(h, 'chooseOption', { index: 1 });
    expect(await call(h, 'scannedCode', { code: 'GD-GZ-0001' })).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    expect(await call(h, 'scannedCode', { code: CODE })).toMatchObject({ ok: true, result: { step: 'pickup-input', field: 'idNumber', typed: 0 } });
    // Only while the code is asked for.
    expect(await call(h, 'scannedCode', { code: CODE })).toMatchObject({ ok: false, error: { code: 'refused' } });
  });

  it('catches a typo as it is typed and on confirm, before any call to central', async () => {
    const { h } = await start();
    expect(await call(h, 'startService', { service: 'certificate-pickup' })).toMatchObject({ ok: true });
    await call(h, 'chooseOption', { index: 0 });
    // X is only the check character; letters never fit.
    expect(await call(h, 'keypadInput', { key: 'X' })).toMatchObject({ ok: false });
    expect(await call(h, 'keypadInput', { key: 'A' })).toMatchObject({ ok: false });
    // A month 13 is wrong as soon as it is typed.
    await type(h, `${HOLDER.slice(0, 10)}13`);
    expect(h.sessions.view).toMatchObject({ step: 'pickup-input', messageKey: 'pickup.input.idNumber.birthDate', echo: `${HOLDER.slice(0, 10)}13` });
    for (let i = 0; i < 2; i++) await call(h, 'keypadInput', { key: 'delete' });
    expect(h.sessions.view).toMatchObject({ messageKey: null, typed: 10 });
    // The holder's number with its last character changed: the check digit says so.
    const wrongCheck = HOLDER.slice(0, 17) + (HOLDER[17] === '0' ? '1' : '0');
    await type(h, wrongCheck.slice(10));
    expect(h.sessions.view).toMatchObject({ typed: 18, messageKey: 'pickup.input.idNumber.checkDigit', echo: wrongCheck });
    expect(await call(h, 'confirmStep')).toMatchObject({ ok: true, result: { step: 'pickup-input', messageKey: 'pickup.input.idNumber.checkDigit' } });
    // Too short on confirm.
    for (let i = 0; i < 3; i++) await call(h, 'keypadInput', { key: 'delete' });
    expect(await call(h, 'confirmStep')).toMatchObject({ ok: true, result: { messageKey: 'pickup.input.idNumber.length' } });
    // Complete and right: shown masked, and only now does anything leave the kiosk.
    await type(h, HOLDER.slice(15));
    expect(h.sessions.view).toMatchObject({ echo: `${HOLDER.slice(0, 4)}**********${HOLDER.slice(-4)}`, messageKey: null });
    expect(centralCalls(h, /identity|certificates/)).toEqual([]);
    expect(await call(h, 'cancelSession')).toMatchObject({ ok: true, result: { step: 'idle' } });
    await expect.poll(() => records(h).map((r) => r.payload.outcome)).toEqual(['not-collected']);
    expect(records(h)[0]!.payload).toMatchObject({ failure: 'pickup.failed.cancelled', badInputs: 2 });
  });

  it('says so when no certificate waits for the citizen, and moves nothing', async () => {
    const { h, unit } = await start();
    await identify(h, testCards.resident.text.idNumber);
    expect(await reach(h, 'pickup-done')).toMatchObject({ outcome: 'not-collected', messageKey: 'pickup.failed.noCertificate' });
    expect(unit.state.magazine.filter(Boolean)).toHaveLength(30);
    expect(unit.state.location).toBe('none');
  });

  it('ends without a dispense when the face does not match, and asks central for no list', async () => {
    const { h, unit } = await start();
    h.central!.setIdentityResult('face_mismatch');
    await identify(h, HOLDER);
    expect(await reach(h, 'pickup-done')).toMatchObject({ outcome: 'not-collected', messageKey: 'pickup.failed.identityNotVerified' });
    expect(centralCalls(h, /\/certificates$/)).toEqual([]);
    expect(unit.state.magazine[0]).toBeDefined();
  });

  it('ends when the camera sees no live face', async () => {
    const { h, camera } = await start();
    camera.mode = 'liveness-fails';
    await identify(h, HOLDER);
    expect(await reach(h, 'pickup-done')).toMatchObject({ messageKey: 'pickup.failed.identityNotVerified' });
    expect(centralCalls(h, /\/identity\/verify$/)).toEqual([]);
  });

  it('says central cannot be reached, and moves nothing', async () => {
    const { h, unit } = await start();
    h.central!.setOffline(true);
    await identify(h, HOLDER);
    expect(await reach(h, 'pickup-done', 30_000)).toMatchObject({ outcome: 'not-collected', messageKey: 'pickup.failed.centralUnreachable' });
    expect(unit.state.magazine[0]).toBeDefined();
  });

  it('hands out nothing when central lists a slot the magazine reports empty; staff are told and the certificate stays assigned', async () => {
    const magazine = sampleMagazine();
    magazine[0] = undefined;
    const { h, unit } = await start({ magazine });
    await identify(h, HOLDER);
    const done = await reach(h, 'pickup-done');
    expect(done).toMatchObject({ outcome: 'not-collected', messageKey: 'pickup.failed.notAvailable' });
    expect(unit.state.location).toBe('none');
    expect(unit.commandLog.some((c) => c.cm === 0x80 && c.pm === 0x30)).toBe(false);
    expect((await theRecord(h, done.txnId)).payload).toMatchObject({ outcome: 'not-collected', dispensed: false, staffAction: 'check-magazine', certificateId: CERTIFICATE, slot: 1 });
    // Still on central's list: the next try (after staff fix the magazine) finds it again.
    await call(h, 'finishSession');
    await identify(h, HOLDER);
    expect(await reach(h, 'pickup-done')).toMatchObject({ messageKey: 'pickup.failed.notAvailable' });
  });

  it('ends with staff told when the unit jams on the dispense; the certificate stays in its slot and assigned', async () => {
    const { h, unit } = await start();
    // The transport jams; the slot sensors (inventory) still answer, the motor does not.
    unit.jam();
    await identify(h, HOLDER);
    const done = await reach(h, 'pickup-done');
    expect(done).toMatchObject({ outcome: 'not-collected', messageKey: 'pickup.failed.jammed' });
    expect(unit.state.magazine[0]).toMatchObject({ serial: CERTIFICATE });
    expect((await theRecord(h, done.txnId)).payload).toMatchObject({ outcome: 'not-collected', dispensed: false, staffAction: 'clear-jam', certificateId: CERTIFICATE });
    // A jammed unit is out of service: the pickup is no longer offered.
    expect(await call(h, 'finishSession')).toMatchObject({ ok: true });
    expect(await call(h, 'startService', { service: 'certificate-pickup' })).toMatchObject({ ok: false, error: { messageKey: 'services.deviceOutOfService' } });
  });

  it('a dispense whose answer never comes is looked up in the unit: the certificate is in the gate, so it is handed over', async () => {
    const unit = new CertificateUnitSimulator();
    // The unit moves the certificate but its reply to the dispense is lost on the line; the
    // driver waits 4 s for it here instead of the 15 s a real unit is given.
    const { h } = await start({ unit, unitTimeouts: { dispenseReplyMs: 4_000 }, afterJournal: (state) => void (state === 'dispensing' && unit.cutNextReply()) });
    await identify(h, HOLDER);
    await reach(h, 'take-certificate', 20_000);
    expect(unit.takeCardFromGate()).toMatchObject({ certificate: { serial: CERTIFICATE } });
    const done = await reach(h, 'pickup-done');
    expect(done.outcome).toBe('collected');
    expect(h.journal.steps(done.txnId).map((step) => step.state)).toContain('recheckingDispense');
  });

  it('a unit that stops answering with the certificate in the gate ends the hand-over at once: the citizen is sent to a counter, staff to find it', async () => {
    const { h, unit } = await start();
    await identify(h, HOLDER);
    await reach(h, 'take-certificate');
    unit.setSilent(true);
    const done = await reach(h, 'pickup-done');
    expect(done).toMatchObject({ outcome: 'not-collected', messageKey: 'pickup.failed.handOverUnknown' });
    const record = await theRecord(h, done.txnId);
    expect(record.payload).toMatchObject({ outcome: 'unknown', fate: 'unknown', dispensed: true, staffAction: 'find-certificate', certificateId: CERTIFICATE });
  });

  it('a unit that falls silent as the hand-over begins (before it is asked about the gate) ends it at once too', async () => {
    const unit = new CertificateUnitSimulator();
    const { h } = await start({ unit, afterJournal: (state) => void (state === 'handingOver' && unit.setSilent(true)) });
    await identify(h, HOLDER);
    const done = await reach(h, 'pickup-done');
    expect(done).toMatchObject({ outcome: 'not-collected', messageKey: 'pickup.failed.handOverUnknown' });
    expect((await theRecord(h, done.txnId)).payload).toMatchObject({ outcome: 'unknown', fate: 'unknown', dispensed: true, staffAction: 'find-certificate', certificateId: CERTIFICATE });
  });

  it('retains a certificate not taken within the take-back time, and records both the pickup and the retained card', async () => {
    const { h, unit } = await start({ takeBackTimeoutS: 3 });
    await identify(h, HOLDER);
    await reach(h, 'take-certificate');
    const done = await reach(h, 'pickup-done', 20_000);
    expect(done).toMatchObject({ outcome: 'retained' });
    expect(unit.state.retained.at(-1)).toMatchObject({ kind: 'certificate', certificate: { serial: CERTIFICATE } });
    const record = await theRecord(h, done.txnId);
    expect(record.payload).toMatchObject({ outcome: 'retained', fate: 'retained', dispensed: true });
    await expect.poll(() => records(h).filter((r) => r.kind === 'card-retained').map((r) => r.payload)).toEqual([
      expect.objectContaining({ card: 'certificate', certificateId: CERTIFICATE, reason: 'not-taken', relatedTxnId: done.txnId }),
    ]);
  });

  it('a host stopped with the certificate in the gate (journal left as it was) hands it over after the restart, and records it once', async () => {
    const unit = new CertificateUnitSimulator();
    const dataDir = mkdtempSync(join(tmpdir(), 'pickup-restart-'));
    const first = await start({ unit, dataDir });
    await identify(first.h, HOLDER);
    const take = await reach(first.h, 'take-certificate');
    expect(unit.state.location).toBe('gate');
    await first.h.stop();
    hosts = hosts.filter((h) => h !== first.h);

    const { h } = await start({ unit, dataDir });
    // Recovery resumes the hand-over without a screen; the citizen takes the certificate.
    await expect.poll(() => unit.commandLog.filter((c) => c.cm === 0x32 && c.pm === 0x39).length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(unit.takeCardFromGate()).toMatchObject({ certificate: { serial: CERTIFICATE } });
    await expect.poll(() => h.journal.get(take.txnId)?.state, { timeout: 10_000 }).toBe('completed');
    const record = await theRecord(h, take.txnId);
    expect(record.payload).toMatchObject({ outcome: 'collected', fate: 'taken', dispensed: true });
    expect(records(h).filter((r) => r.kind === 'certificate-pickup')).toHaveLength(1);
  });
});
