/**
 * The certificate reprint (补打临时身份证明) on the real host: the flow, journal, the printer through
 * its codec to the simulator, the simulated camera, and the embedded central simulator with its
 * test registry. The test is the citizen, through the screen API; it checks what reached central
 * and what the printer printed.
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
import { reissueAppliedElsewhere } from '../../support/applied-elsewhere';

const KIOSK = 'GD-GZ-0001';
/**
 * The resident (a photo on record; no reissue application until one is made) and the elderly
 * resident (a reissue ready for pickup, no photo on record at central).
 */
const RESIDENT = testCards.resident.text.idNumber;
const ELDERLY = testCards['resident-elderly'].text.idNumber;
const ELDERLY_APPLICATION = 'GD-GZ-0001-20260112-5';
/** Reissue applications the resident made at another kiosk that never got a certificate printed. */
const ELSEWHERE = 'GD-ZH-0002-20261120-77';
const OLDER = 'GD-SZ-0003-20261102-12';

let hosts: Host[] = [];
afterEach(async () => {
  for (const h of hosts) await h.stop();
  hosts = [];
});

async function start(): Promise<{ h: Host; camera: SimulatedCamera }> {
  const camera = new SimulatedCamera(10);
  const h = await startHost({
    dataDir: mkdtempSync(join(tmpdir(), 'certificate-reprint-')),
    // Idle devices looked at every second: paper refilled is noticed at once.
    config: simulatorConfig({ sync: { heartbeatIntervalS: 3600, intervalMs: 200, paymentPollMs: 50 }, devices: { probeIntervalS: 1 } }),
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
const records = (h: Host, kind?: string) =>
  h
    .central!.store.records(KIOSK)
    .map((r) => JSON.parse(r.body) as { kind: string; txnId: string; payload: Record<string, unknown>; attachments: Array<{ name: string }> })
    .filter((r) => kind === undefined || r.kind === kind);

const offer = async (h: Host) =>
  ((await call(h, 'getKiosk')) as { result: { services: Array<{ id: string; available: boolean; reasonKey: string | null }> } }).result.services.find((s) => s.id === 'certificate-reprint');

/** The number typed and confirmed: the face and the identity follow by themselves. */
async function startReprint(h: Host, idNumber: string): Promise<void> {
  expect(await call(h, 'startService', { service: 'certificate-reprint' })).toMatchObject({ ok: true, result: { step: 'reissue-id-input', service: 'certificate-reprint', typed: 0 } });
  await type(h, idNumber);
  expect(await call(h, 'confirmStep')).toMatchObject({ ok: true });
}

/** A reissue application of the resident made at another kiosk, its record at central. */
const appliedElsewhere = (h: Host, applicationNo: string, occurredAt: string) => reissueAppliedElsewhere(h.central!, RESIDENT, applicationNo, occurredAt);

describe('certificate reprint, host and simulators', { timeout: 60_000 }, () => {
  it('prints again the very certificate a reissue could not print (paper out), once its record reached central', async () => {
    const { h } = await start();
    // The reissue: paid, the certificate issued, the paper out.
    await call(h, 'startService', { service: 'id-reissue' });
    await type(h, RESIDENT);
    await call(h, 'confirmStep');
    await reach(h, 'reissue-confirm-identity');
    for (const [index, next] of [[0, 'reissue-choose-reason'], [0, 'reissue-choose-photo'], [0, 'reissue-choose-delivery'], [0, 'pay']] as const) {
      await call(h, 'chooseOption', { index });
      await reach(h, next);
    }
    h.simulators.printer!.setPaper('out');
    h.central!.payNow();
    const reissued = await reach(h, 'flow-done');
    expect(reissued).toMatchObject({ outcome: 'delivered', certificate: 'not-printed' });
    await call(h, 'finishSession');
    await expect.poll(() => records(h, 'id-reissue').map((r) => r.payload.certificate)).toEqual(['not-printed']);
    const issuedNo = records(h, 'id-reissue')[0]!.payload.certificateNo;
    expect(issuedNo).toMatch(/^LS/);

    // Paper refilled: the reprint at the same kiosk (any kiosk would do: it asks central).
    h.simulators.printer!.setPaper('ok');
    await expect.poll(() => offer(h), { timeout: 10_000 }).toMatchObject({ available: true });
    const jobsBefore = h.simulators.printer!.jobs.length;
    await startReprint(h, RESIDENT);
    const done = await reach(h, 'reprint-done');
    expect(done).toMatchObject({ outcome: 'printed', messageKey: null, applicationNo: reissued.transactionNo, certificateNo: issuedNo });
    // One certificate for the application, printed on one new slip with the holder's full number.
    expect(h.central!.temporaryCertificates.count()).toBe(1);
    const slips = h.simulators.printer!.jobs.slice(jobsBefore);
    expect(slips.map((job) => job.complete)).toEqual([true]);
    expect(JSON.stringify(slips[0]!.document)).toContain(RESIDENT);
    expect(JSON.stringify(slips[0]!.document)).toContain(String(issuedNo));
    // Central was asked again (a key of the reprint's own) and answered the certificate it had issued.
    expect(calls(h, '/temporary-certificates')).toHaveLength(2);
    await expect.poll(() => records(h, 'certificate-reprint').length).toBe(1);
    const [record] = records(h, 'certificate-reprint');
    expect(record!.txnId).toBe(done.txnId);
    expect(record!.payload).toMatchObject({ outcome: 'printed', printed: true, applicationNo: reissued.transactionNo, certificateNo: issuedNo, failure: null });
    expect(JSON.stringify(record!.payload)).not.toContain(RESIDENT);
    expect(record!.attachments.map((a) => a.name)).toEqual(['live.jpg']);
    expect(await call(h, 'finishSession')).toMatchObject({ ok: true, result: { step: 'idle' } });
    // Nothing of the citizen is left in the journal's snapshot once the flow ended.
    expect(JSON.stringify(h.journal.get(done.txnId)?.data)).not.toContain(RESIDENT);
  });

  it('issues the certificate now for an application made at another kiosk that never got one, and prints it', async () => {
    const { h } = await start();
    appliedElsewhere(h, ELSEWHERE, '2026-11-20T02:00:00.000Z');
    await startReprint(h, RESIDENT);
    expect(await reach(h, 'reprint-done')).toMatchObject({ outcome: 'printed', applicationNo: ELSEWHERE, certificateNo: expect.stringMatching(/^LS/) });
    expect(h.central!.temporaryCertificates.count()).toBe(1);
    expect(JSON.stringify(h.simulators.printer!.jobs.at(-1)!.document)).toContain(RESIDENT);
  });

  it('prints nothing when central has no photo of the holder: a slip without one is no certificate', async () => {
    const { h } = await start();
    await startReprint(h, ELDERLY);
    expect(await reach(h, 'reprint-done')).toMatchObject({ outcome: 'not-printed', messageKey: 'reprint.failed.noPhoto', applicationNo: ELDERLY_APPLICATION });
    expect(h.simulators.printer!.jobs).toHaveLength(0);
  });

  it('lets the citizen choose among several applications by number, and prints the chosen one', async () => {
    const { h } = await start();
    appliedElsewhere(h, OLDER, '2026-11-02T02:00:00.000Z');
    appliedElsewhere(h, ELSEWHERE, '2026-11-20T02:00:00.000Z');
    await startReprint(h, RESIDENT);
    const choice = await reach(h, 'reprint-choose-application');
    // Newest first.
    expect(choice.applications.map((a) => a.applicationNo)).toEqual([ELSEWHERE, OLDER]);
    expect(await call(h, 'chooseOption', { index: 2 })).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(calls(h, '/temporary-certificates')).toHaveLength(0);
    await call(h, 'chooseOption', { index: 1 });
    expect(await reach(h, 'reprint-done')).toMatchObject({ outcome: 'printed', applicationNo: OLDER });
    expect(h.central!.store.db.prepare('SELECT application_no FROM temporary_certificates').all()).toEqual([{ application_no: OLDER }]);
  });

  it('catches a typo before any call, and ends when the citizen cancels at the keypad', async () => {
    const { h } = await start();
    await call(h, 'startService', { service: 'certificate-reprint' });
    const typo = `${RESIDENT.slice(0, 16)}${(Number(RESIDENT[16]) + 1) % 10}${RESIDENT[17]}`;
    await type(h, typo);
    expect(await call(h, 'confirmStep')).toMatchObject({ ok: true, result: { step: 'reissue-id-input', problemKey: 'idReissue.input.problem.checkDigit', problemPart: 'check-digit' } });
    expect(h.central!.requests.filter((r) => r.path !== '/api/v1/heartbeat')).toEqual([]);
    expect(await call(h, 'cancelSession')).toMatchObject({ ok: true, result: { step: 'idle' } });
    await expect.poll(() => records(h, 'certificate-reprint').map((r) => [r.payload.outcome, r.payload.failure, r.payload.badInputs])).toEqual([
      ['ended', 'reprint.failed.cancelled', 1],
    ]);
  });

  it('ends politely when the face does not match: no application asked for, nothing printed', async () => {
    const { h } = await start();
    h.central!.setIdentityResult('face_mismatch');
    await startReprint(h, ELDERLY);
    expect(await reach(h, 'reprint-done')).toMatchObject({ outcome: 'ended', messageKey: 'reprint.identity.face_mismatch', applicationNo: null });
    expect(calls(h, '/identity/verify')).toHaveLength(1);
    expect(calls(h, '/applications/query')).toHaveLength(0);
    expect(h.simulators.printer!.jobs).toHaveLength(0);
  });

  it('says so when the person has no reissue application to print for (a collected endorsement does not count)', async () => {
    const { h } = await start();
    await startReprint(h, RESIDENT);
    expect(await reach(h, 'reprint-done')).toMatchObject({ outcome: 'ended', messageKey: 'reprint.failed.noApplication' });
    expect(calls(h, '/applications/query')).toHaveLength(1);
    expect(calls(h, '/temporary-certificates')).toHaveLength(0);
  });

  it('prints nothing when the certificate central has for the application is no longer valid', async () => {
    const { h } = await start();
    appliedElsewhere(h, ELSEWHERE, '2025-12-01T02:00:00.000Z');
    const body = {
      certificateNo: 'LS440120251201001',
      holder: { name: '张测试', sex: 'male', birthDate: '1990-03-07', idNumber: RESIDENT },
      validFrom: '2025-12-01',
      validTo: '2025-12-31',
      issuer: '广州市公安局（模拟）',
      verifyPayload: 'https://verify.sim.invalid/temporary-certificates/LS440120251201001',
      photoOnRecord: null,
    };
    // What the first kiosk was issued for this application, a while ago.
    h.central!.store.db.prepare('INSERT INTO temporary_certificates VALUES (?, ?, ?, ?, ?)').run(body.certificateNo, 'GD-ZH-0002', ELSEWHERE, JSON.stringify(body), Date.parse('2025-12-01'));
    await startReprint(h, RESIDENT);
    expect(await reach(h, 'reprint-done')).toMatchObject({ outcome: 'ended', messageKey: 'reprint.failed.certificateExpired', certificateNo: body.certificateNo, validTo: '2025-12-31' });
    expect(h.simulators.printer!.jobs).toHaveLength(0);
    await expect.poll(() => records(h, 'certificate-reprint').map((r) => [r.payload.outcome, r.payload.printed, r.payload.certificateNo])).toEqual([
      ['ended', false, body.certificateNo],
    ]);
  });

  it('paper out inside the slip: the certificate stays issued, the screen says where to print it, nothing is lost', async () => {
    const { h } = await start();
    appliedElsewhere(h, ELSEWHERE, '2026-11-20T02:00:00.000Z');
    // The paper ends inside the certificate's photo.
    h.simulators.printer!.paperOutAfter(2000);
    await startReprint(h, RESIDENT);
    expect(await reach(h, 'reprint-done')).toMatchObject({ outcome: 'not-printed', messageKey: 'reprint.failed.paperOut', applicationNo: ELSEWHERE, certificateNo: expect.stringMatching(/^LS/) });
    await expect.poll(() => records(h, 'certificate-reprint').map((r) => [r.payload.outcome, r.payload.printed])).toEqual([['not-printed', false]]);
    // Refilled, the next reprint gets the same certificate.
    const first = records(h, 'certificate-reprint')[0]!.payload.certificateNo;
    expect(h.simulators.printer!.jobs.map((job) => job.complete)).toEqual([false]);
    await call(h, 'finishSession');
    // With no paper the service is not offered at all; refilled, the next reprint gets the same certificate.
    await expect.poll(() => offer(h), { timeout: 10_000 }).toMatchObject({ available: false, reasonKey: 'services.deviceOutOfService' });
    h.simulators.printer!.paperOutAfter(undefined);
    h.simulators.printer!.refillPaper();
    await expect.poll(() => offer(h), { timeout: 10_000 }).toMatchObject({ available: true });
    await startReprint(h, RESIDENT);
    expect(await reach(h, 'reprint-done')).toMatchObject({ outcome: 'printed', certificateNo: first });
    expect(h.simulators.printer!.jobs.map((job) => job.complete)).toEqual([false, true]);
    expect(h.central!.temporaryCertificates.count()).toBe(1);
  });

  it('says central cannot be reached, at each of its three calls, and prints nothing', async () => {
    const { h } = await start();
    appliedElsewhere(h, ELSEWHERE, '2026-11-20T02:00:00.000Z');
    for (const path of [/^\/identity\/verify$/, /^\/applications\/query$/, /^\/temporary-certificates$/]) {
      h.central!.injectFaults({ status: 503, code: 'unavailable', path });
      await startReprint(h, RESIDENT);
      expect(await reach(h, 'reprint-done'), String(path)).toMatchObject({ outcome: 'ended', messageKey: 'reprint.failed.centralUnreachable' });
      await call(h, 'finishSession');
    }
    h.central!.setOffline(true);
    await startReprint(h, RESIDENT);
    expect(await reach(h, 'reprint-done')).toMatchObject({ outcome: 'ended', messageKey: 'reprint.failed.centralUnreachable' });
    expect(h.simulators.printer!.jobs).toHaveLength(0);
    h.central!.setOffline(false);
    await expect.poll(() => records(h, 'certificate-reprint').map((r) => r.payload.outcome), { timeout: 20_000 }).toEqual(['ended', 'ended', 'ended', 'ended']);
  });

  it('is offered without the ID reader, and not without the printer or the camera', async () => {
    const { h, camera } = await start();
    // The simulated reader has no card: it is not needed.
    expect(await offer(h)).toMatchObject({ available: true });
    h.simulators.printer!.setOffline(true);
    await expect.poll(() => offer(h), { timeout: 10_000 }).toMatchObject({ available: false });
    h.simulators.printer!.setOffline(false);
    await expect.poll(() => offer(h), { timeout: 10_000 }).toMatchObject({ available: true });
    camera.mode = 'offline';
    expect(await offer(h)).toMatchObject({ available: false });
  });
});
