/**
 * The certificate reprint's statechart on its own (each citizen action and effect result, the view
 * and the record of each end), and its start-up recovery through the engine: a flow stopped in
 * each persisted state (a crash) is driven to an end from the journal alone, and a slip whose fate
 * is unknown is never printed again.
 */
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { createActor, type EventObject } from 'xstate';
import { describe, expect, it } from 'vitest';
import type { TemporaryCertificate } from '../../../main/host/central/central-schemas';
import { reprintFlow, reprintRecord, reprintRecovery } from '../../../main/host/flows/certificate-reprint/definition';
import { chinaDate } from '../../../main/host/flows/certificate-reprint/effects';
import { reprintMachine } from '../../../main/host/flows/certificate-reprint/machine';
import type { ReprintContext, ReprintEvent } from '../../../main/host/flows/certificate-reprint/types';
import { reprintView } from '../../../main/host/flows/certificate-reprint/view';
import type { FlowDefinition } from '../../../main/host/flows/engine/flow-definition';
import { FlowRunner } from '../../../main/host/flows/engine/flow-runner';
import { recoverFlows } from '../../../main/host/flows/engine/recovery';
import { AttachmentStore } from '../../../main/host/store/attachments';
import { openDatabase } from '../../../main/host/store/database';
import { Journal } from '../../../main/host/store/journal';
import { Outbox } from '../../../main/host/store/outbox';
import { createSealer } from '../../../main/host/store/sealing';
import { testCards } from '../../../simulators/id-reader/test-cards';
import { ManualClock } from '../../support/manual-clock';

const HOLDER = testCards.resident.text.idNumber;
const STARTED = Date.parse('2026-11-23T03:00:00Z');
const PHOTO = { name: 'live.jpg', sha256: 'ab', bytes: 1, livenessMethod: 'blink' };
const APPLICATION = { applicationNo: 'GD-GZ-0001-20261123-108000', status: 'received', submittedAt: '2026-11-23T03:00:00.000Z' } as const;
const OLDER = { applicationNo: 'GD-GZ-0001-20261101-5', status: 'mailed', submittedAt: '2026-11-01T02:00:00.000Z' } as const;
const CERTIFICATE: TemporaryCertificate = {
  certificateNo: 'LS440120261123001',
  holder: { name: '张测试', sex: 'male', birthDate: '1990-03-07', idNumber: HOLDER },
  validFrom: '2026-11-23',
  validTo: '2026-12-23',
  issuer: '广州市公安局（模拟）',
  verifyPayload: 'https://verify.sim.invalid/temporary-certificates/LS440120261123001',
  photoOnRecord: null,
};

function chart(...events: ReprintEvent[]) {
  const actor = createActor(reprintMachine, { input: { sessionId: 's', kioskId: 'GD-GZ-0001', startedAtMs: STARTED } });
  actor.start();
  for (const event of events) actor.send(event);
  const snapshot = actor.getSnapshot();
  return { state: snapshot.value as string, context: snapshot.context as ReprintContext, can: (event: ReprintEvent) => snapshot.can(event) };
}
const typed = (text: string): ReprintEvent[] => [...text].map((key) => ({ type: 'KEY', key }));
const toFace: ReprintEvent[] = [...typed(HOLDER), { type: 'CONFIRM' }];
const toSearch: ReprintEvent[] = [...toFace, { type: 'FACE_CAPTURED', photo: PHOTO }, { type: 'VERIFIED', personId: 'P-1', maskedName: '张**' }];
const toPrint: ReprintEvent[] = [...toSearch, { type: 'APPLICATIONS_FOUND', applications: [APPLICATION] }, { type: 'CERTIFICATE_ISSUED', certificate: CERTIFICATE }];

describe('the certificate reprint statechart', () => {
  it('checks the typed number before anything, then face, one application, the certificate and the slip; nothing personal is kept', () => {
    const typo = `${HOLDER.slice(0, 17)}${HOLDER[17] === '0' ? '1' : '0'}`;
    const refused = chart(...typed(typo), { type: 'CONFIRM' });
    expect(refused).toMatchObject({ state: 'enteringIdNumber', context: { badInputs: 1, inputMessageKey: 'idReissue.input.problem.checkDigit' } });
    expect(reprintView(refused.state, refused.context)).toMatchObject({ step: 'reissue-id-input', typed: 18, problemPart: 'check-digit' });
    expect(chart(...toFace).state).toBe('capturingFace');
    const atCall = chart(...toSearch, { type: 'APPLICATIONS_FOUND', applications: [APPLICATION] });
    // One application goes straight on; the key is made in that transition (journaled before the call).
    expect(atCall).toMatchObject({ state: 'issuingCertificate', context: { applicationNo: APPLICATION.applicationNo, certificateKey: expect.stringMatching(/^[0-9a-f-]{36}$/) } });
    expect(atCall.can({ type: 'CANCEL' })).toBe(false);
    const printing = chart(...toPrint);
    expect(printing.state).toBe('printingCertificate');
    expect(reprintView(printing.state, printing.context)).toMatchObject({ step: 'flow-busy', activity: 'reprinting-certificate' });
    const end = chart(...toPrint, { type: 'CERTIFICATE_PRINTED', printed: true });
    expect(end.state).toBe('completed');
    expect(end.context).toMatchObject({ typed: '', idNumber: undefined, personId: undefined, certificate: undefined, slipFate: 'printed' });
    expect(reprintView(end.state, end.context)).toMatchObject({
      step: 'reprint-done',
      outcome: 'printed',
      messageKey: null,
      applicationNo: APPLICATION.applicationNo,
      certificateNo: CERTIFICATE.certificateNo,
      validTo: '2026-12-23',
    });
    const record = reprintRecord(end.state, end.context, []);
    expect(record.kind).toBe('certificate-reprint');
    expect(record.payload).toMatchObject({ outcome: 'printed', printed: true, applicationNo: APPLICATION.applicationNo, certificateNo: CERTIFICATE.certificateNo, badInputs: 0 });
    // Nothing personal in what central gets as the record's payload.
    expect(JSON.stringify(record.payload)).not.toContain(HOLDER);
    expect(JSON.stringify(record.payload)).not.toContain('张');
  });

  it('lets the citizen pick among several applications, by index, and refuses an index not shown', () => {
    const choosing = chart(...toSearch, { type: 'APPLICATIONS_FOUND', applications: [APPLICATION, OLDER] });
    expect(choosing.state).toBe('choosingApplication');
    expect(reprintView(choosing.state, choosing.context)).toMatchObject({ step: 'reprint-choose-application', applications: [APPLICATION, OLDER] });
    expect(choosing.can({ type: 'CHOOSE', index: 2 })).toBe(false);
    const chosen = chart(...toSearch, { type: 'APPLICATIONS_FOUND', applications: [APPLICATION, OLDER] }, { type: 'CHOOSE', index: 1 });
    expect(chosen).toMatchObject({ state: 'issuingCertificate', context: { applicationNo: OLDER.applicationNo, applications: [] } });
    expect(chart(...toSearch, { type: 'APPLICATIONS_FOUND', applications: [APPLICATION, OLDER] }, { type: 'TIMEOUT' })).toMatchObject({
      state: 'ended',
      context: { failureKey: 'reprint.failed.timedOut' },
    });
  });

  it('ends without printing: nothing found, not matched, expired, central away, cancelled', () => {
    const none = chart(...toSearch, { type: 'APPLICATIONS_FOUND', applications: [] });
    expect(reprintView(none.state, none.context)).toMatchObject({ step: 'reprint-done', outcome: 'ended', messageKey: 'reprint.failed.noApplication', applicationNo: null });
    expect(chart(...toFace, { type: 'FACE_CAPTURED', photo: PHOTO }, { type: 'FAILED', failureKey: 'reprint.identity.face_mismatch' })).toMatchObject({
      state: 'ended',
      context: { failureKey: 'reprint.identity.face_mismatch' },
    });
    const expired = chart(...toSearch, { type: 'APPLICATIONS_FOUND', applications: [APPLICATION] }, { type: 'CERTIFICATE_EXPIRED', certificateNo: 'LS1', validTo: '2026-10-01' });
    expect(reprintView(expired.state, expired.context)).toMatchObject({ outcome: 'ended', messageKey: 'reprint.failed.certificateExpired', certificateNo: 'LS1', validTo: '2026-10-01' });
    expect(reprintRecord(expired.state, expired.context, []).payload).toMatchObject({ outcome: 'ended', printed: false, certificateNo: 'LS1' });
    expect(chart(...toSearch, { type: 'APPLICATIONS_FOUND', applications: [APPLICATION] }, { type: 'EFFECT_FAILED' }).context.failureKey).toBe('reprint.failed.centralUnreachable');
    expect(chart(...typed('4401'), { type: 'CANCEL' })).toMatchObject({ state: 'ended', context: { failureKey: 'reprint.failed.cancelled', typed: '' } });
    expect(chart(...typed('4401'), { type: 'TIMEOUT' })).toMatchObject({ state: 'ended', context: { failureKey: 'reprint.failed.timedOut' } });
    // X only as the 18th character, letters never: the keypad refuses them.
    expect(chart(...typed('4401')).can({ type: 'KEY', key: 'X' })).toBe(false);
    expect(chart(...typed(HOLDER.slice(0, 17))).can({ type: 'KEY', key: 'X' })).toBe(true);
    expect(chart(...toFace, { type: 'CANCEL' }).context.failureKey).toBe('reprint.failed.cancelled');
  });

  it('a slip the printer could not print ends with the reason and the numbers to print it elsewhere', () => {
    const end = chart(...toPrint, { type: 'CERTIFICATE_PRINTED', printed: false, failureKey: 'reprint.failed.paperOut' });
    expect(reprintView(end.state, end.context)).toMatchObject({ outcome: 'not-printed', messageKey: 'reprint.failed.paperOut', applicationNo: APPLICATION.applicationNo });
    expect(reprintRecord(end.state, end.context, []).payload).toMatchObject({ outcome: 'not-printed', printed: false, certificateNo: CERTIFICATE.certificateNo });
  });

  it('decides recovery per state: the slip whose fate is unknown is not printed again, everything before it ends', () => {
    for (const state of ['enteringIdNumber', 'capturingFace', 'verifyingIdentity', 'findingApplications', 'choosingApplication', 'issuingCertificate']) {
      expect(reprintRecovery(state), state).toEqual({ goTo: 'ended', note: { failureKey: 'reprint.failed.interrupted' } });
    }
    expect(reprintRecovery('printingCertificate')).toEqual({ goTo: 'completed', note: { slipFate: 'unknown', failureKey: 'reprint.failed.interrupted' } });
  });

  it('takes the China date for validity (UTC+8)', () => {
    expect(chinaDate(Date.parse('2026-11-23T15:59:59Z'))).toBe('2026-11-23');
    expect(chinaDate(Date.parse('2026-11-23T16:00:00Z'))).toBe('2026-11-24');
  });
});

/** Effects that answer from scripts; every call is counted. A `hold` effect never answers (the host dies in it). */
function fakeFlow(hold: string | null, applications = 1) {
  const calls: string[] = [];
  const never = new Promise<never>(() => undefined);
  const answer = <T>(name: string, value: T): Promise<T> => {
    calls.push(name);
    return name === hold ? never : Promise.resolve(value);
  };
  const db = openDatabase(':memory:');
  const sealer = createSealer(randomBytes(32));
  const journal = new Journal(db, sealer);
  const attachments = new AttachmentStore(db, sealer);
  const definition = reprintFlow(
    {
      camera: {
        captureLive: () => answer('camera', { ok: true, value: { jpeg: Buffer.from('jpeg'), liveness: { passed: true, method: 'blink' } } }),
      } as never,
      attachments,
      central: {
        verifyIdentity: () => answer('verify', { ok: true, value: { match: true, personId: 'P-1', score: 0.9, person: { name: '张测试' } } }),
        queryApplications: () =>
          answer('query', { ok: true, value: [APPLICATION, OLDER].slice(0, applications).map((a) => ({ ...a, kind: 'id-reissue', pickup: null, trackingNo: null, rejectReason: null })) }),
        issueTemporaryCertificate: () => answer('certificate', { ok: true, value: CERTIFICATE }),
      } as never,
      certificateSlip: () => answer('slip', { ok: true }),
    },
    { stepTimeoutS: 60, keypadTimeoutS: 120, doneScreenS: 20 },
  ) as unknown as FlowDefinition<unknown, EventObject>;
  const clock = new ManualClock(STARTED);
  const deps = { journal, clock, log: pino({ level: 'silent' }) };
  return { calls, journal, definition, deps, outbox: new Outbox(db, sealer) };
}

describe('the certificate reprint after a crash, from the journal alone', () => {
  const states = ['enteringIdNumber', 'capturingFace', 'verifyingIdentity', 'findingApplications', 'choosingApplication', 'issuingCertificate', 'printingCertificate'];
  const effectOf: Readonly<Record<string, string>> = { capturingFace: 'camera', verifyingIdentity: 'verify', findingApplications: 'query', issuingCertificate: 'certificate', printingCertificate: 'slip' };

  for (const state of states) {
    it(`stopped in ${state}: ends without touching the world again, and central gets the record`, async () => {
      // The effects answer until the state's own, which never does (the host dies in it); two applications stop at the choice.
      const first = fakeFlow(effectOf[state] ?? null, state === 'choosingApplication' ? 2 : 1);
      const runner = new FlowRunner(first.definition, first.deps, { kind: 'new', txnId: `t-${state}`, sessionId: 's', input: { sessionId: 's', kioskId: 'GD-GZ-0001', startedAtMs: STARTED } });
      runner.start();
      if (state !== 'enteringIdNumber') toFace.forEach((event) => runner.send(event));
      await expect.poll(() => runner.state).toBe(state);
      runner.stop();
      const callsBefore = [...first.calls];

      const [recovered] = recoverFlows([first.definition], first.journal, first.deps);
      const end = await recovered!.ended;
      expect(end).toBe(state === 'printingCertificate' ? 'completed' : 'ended');
      // Nothing was asked of the camera, central or the printer after the restart.
      expect(first.calls).toEqual(callsBefore);
      const [record] = first.outbox.due(Date.now() + 1000, 10);
      expect(record).toMatchObject({ txnId: `t-${state}`, kind: 'certificate-reprint' });
      expect(record!.payload).toMatchObject(
        state === 'printingCertificate'
          ? { outcome: 'unknown', printed: null, certificateNo: CERTIFICATE.certificateNo, failure: 'reprint.failed.interrupted' }
          : { outcome: 'ended', printed: false, failure: 'reprint.failed.interrupted' },
      );
      expect(first.journal.unfinished(['completed', 'ended'])).toEqual([]);
    });
  }
});
