/**
 * The ID card reissue on the real host: flows, journal, the printer through its codec to the
 * simulator, the simulated camera, and the embedded central simulator with its test registry. The
 * test is the citizen, through the screen API; it checks what reached central.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { simulatorConfig } from '../../../kiosk-config/schema';
import type { ResponseMessage, SessionView } from '../../../main/api/contract';
import { type Host, startHost } from '../../../main/host/host';
import { SimulatedCamera } from '../../../simulators/camera/simulated-camera';
import { testCards } from '../../../simulators/id-reader';

const KIOSK = 'GD-GZ-0001';
/** The test registry's resident (eligible, photo on record) and the elderly resident (an application in progress). */
const RESIDENT = testCards.resident.text.idNumber;
const ELDERLY = testCards['resident-elderly'].text.idNumber;

let hosts: Host[] = [];
afterEach(async () => {
  for (const h of hosts) await h.stop();
  hosts = [];
});

async function start(): Promise<{ h: Host; camera: SimulatedCamera }> {
  const camera = new SimulatedCamera(10);
  const h = await startHost({
    dataDir: mkdtempSync(join(tmpdir(), 'id-reissue-')),
    config: simulatorConfig({ sync: { heartbeatIntervalS: 3600, intervalMs: 200, paymentPollMs: 50 } }),
    log: pino({ level: process.env.TEST_LOG ?? 'silent' }),
    camera,
  });
  hosts.push(h);
  h.central!.setAutoPay(false);
  return { h, camera };
}

const call = (h: Host, command: string, args: object = {}): Promise<ResponseMessage> => h.api.handle({ kind: 'request', id: 1, command, args });
async function reach<S extends SessionView['step']>(h: Host, wanted: S): Promise<Extract<SessionView, { step: S }>> {
  await expect.poll(() => h.sessions.view.step, { timeout: 15_000 }).toBe(wanted);
  return h.sessions.view as Extract<SessionView, { step: S }>;
}
async function type(h: Host, text: string): Promise<void> {
  for (const key of text) expect(await call(h, 'keypadInput', { key })).toMatchObject({ ok: true });
}
const calls = (h: Host, path: string) => h.central!.requests.filter((r) => r.path.includes(path));
const records = (h: Host) =>
  h.central!.store.records(KIOSK).map((r) => {
    const { kind, payload, attachments } = JSON.parse(r.body) as { kind: string; payload: Record<string, unknown>; attachments: Array<{ name: string; bytes: number }> };
    return { kind, txnId: r.txnId, payload, attachments };
  });

/** From the start to the masked name: the number typed, the face taken and verified. */
async function toConfirm(h: Host, idNumber = RESIDENT): Promise<Extract<SessionView, { step: 'reissue-confirm-identity' }>> {
  expect(await call(h, 'startService', { service: 'id-reissue' })).toMatchObject({ ok: true, result: { step: 'reissue-id-input', typed: 0 } });
  await type(h, idNumber);
  expect(await call(h, 'confirmStep')).toMatchObject({ ok: true });
  return reach(h, 'reissue-confirm-identity');
}

/** On to the payment: it is me, lost, the given photo and delivery choices. */
async function toPayment(h: Host, photo = 0, delivery = 0): Promise<Extract<SessionView, { step: 'pay' }>> {
  await toConfirm(h);
  await call(h, 'chooseOption', { index: 0 });
  await reach(h, 'reissue-choose-reason');
  await call(h, 'chooseOption', { index: 0 });
  await reach(h, 'reissue-choose-photo');
  await call(h, 'chooseOption', { index: photo });
  await reach(h, 'reissue-choose-delivery');
  expect(await call(h, 'chooseOption', { index: delivery })).toMatchObject({ ok: true });
  return reach(h, 'pay');
}

describe('ID card reissue, host and simulators', { timeout: 60_000 }, () => {
  it('checks the typed number before central hears of it, says which part is wrong, and masks it once complete', async () => {
    const { h } = await start();
    await call(h, 'startService', { service: 'id-reissue' });
    // X only as the 18th character; letters never.
    expect(await call(h, 'keypadInput', { key: 'X' })).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(await call(h, 'keypadInput', { key: 'A' })).toMatchObject({ ok: false, error: { code: 'refused' } });
    // A birth month 13 shows as soon as it is typed.
    await type(h, '4401061990130');
    expect(h.sessions.view).toMatchObject({ step: 'reissue-id-input', typed: 13, problemKey: 'idReissue.input.problem.birthDate', problemPart: 'birth-date' });
    for (let i = 0; i < 13; i++) await call(h, 'keypadInput', { key: 'delete' });
    // One digit off: the check character no longer fits.
    const typo = `${RESIDENT.slice(0, 16)}${(Number(RESIDENT[16]) + 1) % 10}${RESIDENT[17]}`;
    await type(h, typo);
    expect(h.sessions.view).toMatchObject({ step: 'reissue-id-input', typed: 18, echo: typo, problemKey: 'idReissue.input.problem.checkDigit', problemPart: 'check-digit' });
    expect(await call(h, 'confirmStep')).toMatchObject({ ok: true, result: { step: 'reissue-id-input', problemKey: 'idReissue.input.problem.checkDigit' } });
    await call(h, 'keypadInput', { key: 'delete' });
    await call(h, 'keypadInput', { key: 'delete' });
    await type(h, RESIDENT.slice(16));
    expect(h.sessions.view).toMatchObject({ step: 'reissue-id-input', typed: 18, echo: `${RESIDENT.slice(0, 4)}**********${RESIDENT.slice(-4)}`, problemKey: null });
    // Nothing of it reached central.
    expect(h.central!.requests.filter((r) => r.path !== '/api/v1/heartbeat')).toEqual([]);
    expect(await call(h, 'cancelSession')).toMatchObject({ ok: true, result: { step: 'idle' } });
    await expect.poll(() => records(h).map((r) => [r.kind, r.payload.outcome, r.payload.badInputs, r.payload.idNumber])).toEqual([['id-reissue', 'ended', 1, null]]);
    expect(calls(h, '/identity/verify')).toHaveLength(0);
  });

  it('delivers: face, masked name confirmed, eligibility, photo on record, this kiosk, paid, certificate issued and printed, receipt, one record', async () => {
    const { h } = await start();
    const confirm = await toConfirm(h);
    expect(confirm.maskedName).toBe('张**');
    expect(confirm.maskedIdNumber).toBe(`${RESIDENT.slice(0, 4)}**********${RESIDENT.slice(-4)}`);
    // The kiosk sent the typed number, no name.
    expect(calls(h, '/identity/verify')).toHaveLength(1);
    await call(h, 'chooseOption', { index: 0 });
    await reach(h, 'reissue-choose-reason');
    await call(h, 'chooseOption', { index: 0 });
    expect(await reach(h, 'reissue-choose-photo')).toMatchObject({ photoOnRecord: true, messageKey: null });
    await call(h, 'chooseOption', { index: 0 });
    const delivery = await reach(h, 'reissue-choose-delivery');
    expect(delivery.feeFen).toBe(4000);
    expect(delivery.choices[0]).toEqual({ kind: 'this-kiosk' });
    expect(delivery.choices.at(-1)).toMatchObject({ kind: 'mail-registered-address', addressMasked: expect.stringContaining('*') });
    await call(h, 'chooseOption', { index: 0 });
    const pay = await reach(h, 'pay');
    expect(pay).toMatchObject({ amountFen: 4000, itemKey: 'idReissue.reason.lost' });
    expect(pay.option).toBeUndefined();
    h.central!.payNow();
    const done = await reach(h, 'flow-done');
    expect(done).toMatchObject({ outcome: 'delivered', messageKey: null, receiptPrinted: true, certificate: 'printed', pickupCode: expect.stringMatching(/^\d{8}$/) });
    expect(done.transactionNo).toMatch(/^GD-GZ-0001-\d{8}-\d{1,6}$/);
    // The receipt, then the certificate slip.
    expect(h.simulators.printer!.jobs).toHaveLength(2);
    expect(h.central!.temporaryCertificates.count()).toBe(1);
    await expect.poll(() => records(h).map((r) => r.kind)).toEqual(['id-reissue']);
    const [record] = records(h);
    expect(record!.txnId).toBe(done.txnId);
    expect(record!.payload).toMatchObject({
      outcome: 'delivered',
      applicationNo: done.transactionNo,
      idNumber: RESIDENT,
      reason: 'lost',
      photo: 'record',
      delivery: { kind: 'this-kiosk' },
      pickupCode: done.pickupCode,
      payment: { amountFen: 4000, paid: true, refunded: false },
      certificate: 'printed',
      certificateNo: expect.stringMatching(/^LS/),
    });
    expect(record!.attachments.map((a) => a.name)).toEqual(['live.jpg']);
    expect(h.central!.attachments.get(KIOSK, done.txnId, 'live.jpg')?.length).toBe(record!.attachments[0]!.bytes);
    expect(await call(h, 'finishSession')).toMatchObject({ ok: true, result: { step: 'idle' } });
  });

  it('takes a new ID photo and sends it with the application; a station from central is the delivery', async () => {
    const { h, camera } = await start();
    await toConfirm(h);
    await call(h, 'chooseOption', { index: 0 });
    await reach(h, 'reissue-choose-reason');
    await call(h, 'chooseOption', { index: 1 });
    await reach(h, 'reissue-choose-photo');
    // The first photo fails the rules: the choice comes back with why.
    camera.mode = 'no-face';
    await call(h, 'chooseOption', { index: 1 });
    expect(await reach(h, 'reissue-choose-photo')).toMatchObject({ messageKey: 'idReissue.photo.notAccepted' });
    camera.mode = 'cooperative';
    await call(h, 'chooseOption', { index: 1 });
    const delivery = await reach(h, 'reissue-choose-delivery');
    const station = delivery.choices.findIndex((c) => c.kind === 'station');
    expect(station).toBeGreaterThan(0);
    await call(h, 'chooseOption', { index: station });
    expect(await reach(h, 'pay')).toMatchObject({ amountFen: 2000, itemKey: 'idReissue.reason.damaged' });
    h.central!.payNow();
    const done = await reach(h, 'flow-done');
    expect(done.outcome).toBe('delivered');
    await expect.poll(() => records(h).length).toBe(1);
    const [record] = records(h);
    expect(record!.payload).toMatchObject({ photo: 'new', reason: 'damaged', delivery: { kind: 'station', stationCode: expect.any(String) } });
    expect(record!.attachments.map((a) => a.name)).toEqual(['live.jpg', 'id-photo.jpg']);
    expect(h.central!.attachments.get(KIOSK, done.txnId, 'id-photo.jpg')?.length).toBeGreaterThan(1000);
  });

  it('ends politely when the citizen says the name is not theirs: no eligibility, no payment', async () => {
    const { h } = await start();
    await toConfirm(h);
    await call(h, 'chooseOption', { index: 1 });
    expect(await reach(h, 'flow-done')).toMatchObject({ outcome: 'ended', messageKey: 'idReissue.failed.notMe', pickupCode: null });
    expect(calls(h, '/id-reissue/eligibility')).toHaveLength(0);
    expect(h.central!.payments()).toHaveLength(0);
    await expect.poll(() => records(h).map((r) => [r.payload.outcome, r.payload.identityConfirmed])).toEqual([['ended', false]]);
  });

  it('says why central refuses (an application already in progress) and takes no payment', async () => {
    const { h } = await start();
    await toConfirm(h, ELDERLY);
    await call(h, 'chooseOption', { index: 0 });
    await reach(h, 'reissue-choose-reason');
    await call(h, 'chooseOption', { index: 0 });
    expect(await reach(h, 'flow-done')).toMatchObject({ outcome: 'ended', messageKey: 'idReissue.notEligible.application_in_progress' });
    expect(h.central!.payments()).toHaveLength(0);
  });

  it('says the identity is not verified when the face does not match the registry', async () => {
    const { h } = await start();
    h.central!.setIdentityResult('face_mismatch');
    expect(await call(h, 'startService', { service: 'id-reissue' })).toMatchObject({ ok: true });
    await type(h, RESIDENT);
    await call(h, 'confirmStep');
    expect(await reach(h, 'flow-done')).toMatchObject({ outcome: 'ended', messageKey: 'idReissue.identity.face_mismatch' });
  });

  it('ends before central hears anything when the camera cannot take the face, or liveness was not passed', async () => {
    const { h, camera } = await start();
    camera.mode = 'liveness-fails';
    await call(h, 'startService', { service: 'id-reissue' });
    await type(h, RESIDENT);
    await call(h, 'confirmStep');
    expect(await reach(h, 'flow-done')).toMatchObject({ outcome: 'ended', messageKey: 'idReissue.failed.faceNotCaptured' });
    expect(calls(h, '/identity/verify')).toHaveLength(0);
    await call(h, 'finishSession');
    // A still whose liveness check did not pass is not sent either.
    camera.mode = 'cooperative';
    const livenessNotPassed = camera.captureLive.bind(camera);
    camera.captureLive = async (options) => {
      const capture = await livenessNotPassed(options);
      return capture.ok ? { ok: true, value: { ...capture.value, liveness: { ...capture.value.liveness, passed: false } } } : capture;
    };
    await call(h, 'startService', { service: 'id-reissue' });
    await type(h, RESIDENT);
    await call(h, 'confirmStep');
    expect(await reach(h, 'flow-done')).toMatchObject({ outcome: 'ended', messageKey: 'idReissue.identity.liveness_failed' });
    expect(calls(h, '/identity/verify')).toHaveLength(0);
  });

  it('ends with nothing charged when the payment expires, and closes it', async () => {
    const { h } = await start();
    await toPayment(h);
    h.central!.expireNow();
    expect(await reach(h, 'flow-done')).toMatchObject({ outcome: 'ended', messageKey: 'idReissue.failed.paymentExpired' });
    expect(h.central!.payments(1)[0]?.status).toBe('expired');
    expect(h.central!.temporaryCertificates.count()).toBe(0);
    await expect.poll(() => records(h).map((r) => r.payload.outcome)).toEqual(['ended']);
  });

  it('closes the payment when the citizen cancels at it', async () => {
    const { h } = await start();
    await toPayment(h);
    expect(await call(h, 'cancelSession')).toMatchObject({ ok: true });
    expect(await reach(h, 'flow-done')).toMatchObject({ outcome: 'ended', messageKey: 'idReissue.failed.cancelled' });
    expect(h.central!.payments(1)[0]?.status).toBe('cancelled');
  });

  it('completes without paper: the application stands and the screen says where to print the certificate', async () => {
    const { h } = await start();
    await toPayment(h);
    h.simulators.printer!.setPaper('out');
    h.central!.payNow();
    const done = await reach(h, 'flow-done');
    expect(done).toMatchObject({ outcome: 'delivered', receiptPrinted: false, certificate: 'not-printed' });
    expect(h.central!.temporaryCertificates.count()).toBe(1);
    await expect.poll(() => records(h).map((r) => [r.payload.outcome, r.payload.certificate, r.payload.receiptPrinted])).toEqual([['delivered', 'not-printed', false]]);
    expect(h.central!.payments(1)[0]?.status).toBe('paid');
  });

  it('completes without a certificate when central cannot issue it for now; reprintable with the application number', async () => {
    const { h } = await start();
    await toPayment(h);
    const busy = { status: 503, code: 'unavailable', path: /^\/temporary-certificates$/ };
    h.central!.injectFaults(busy, busy, busy);
    h.central!.payNow();
    expect(await reach(h, 'flow-done')).toMatchObject({ outcome: 'delivered', certificate: 'not-issued', receiptPrinted: true });
    expect(h.simulators.printer!.jobs).toHaveLength(1);
    await expect.poll(() => records(h).map((r) => [r.payload.outcome, r.payload.certificate])).toEqual([['delivered', 'not-issued']]);
  });

  it('refunds and prints a failure receipt when central refuses the certificate for good', async () => {
    const { h } = await start();
    await toPayment(h);
    h.central!.injectFaults({ status: 409, code: 'conflict', path: /^\/temporary-certificates$/ });
    h.central!.payNow();
    expect(await reach(h, 'flow-done')).toMatchObject({ outcome: 'refunded', messageKey: 'idReissue.failed.certificateRefused', receiptPrinted: true, pickupCode: null });
    expect(h.central!.payments(1)[0]?.status).toBe('refunded');
    await expect.poll(() => records(h).map((r) => [r.payload.outcome, r.payload.payment])).toEqual([['refunded', expect.objectContaining({ paid: true, refunded: true })]]);
  });

  it('says central cannot be reached when it is down at the identity check; nothing is paid', async () => {
    const { h } = await start();
    h.central!.setOffline(true);
    await call(h, 'startService', { service: 'id-reissue' });
    await type(h, RESIDENT);
    await call(h, 'confirmStep');
    expect(await reach(h, 'flow-done')).toMatchObject({ outcome: 'ended', messageKey: 'idReissue.failed.centralUnreachable' });
    h.central!.setOffline(false);
    await expect.poll(() => records(h).map((r) => r.payload.outcome), { timeout: 20_000 }).toEqual(['ended']);
    expect(h.central!.payments()).toHaveLength(0);
  });

  it('is offered without the ID reader, and not without the camera', async () => {
    const { h, camera } = await start();
    const offer = async () => ((await call(h, 'getKiosk')) as { result: { services: Array<{ id: string; available: boolean }> } }).result.services.find((s) => s.id === 'id-reissue');
    expect(await offer()).toMatchObject({ available: true });
    camera.mode = 'offline';
    expect(await offer()).toMatchObject({ available: false });
  });
});
