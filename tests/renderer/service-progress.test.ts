import { describe, expect, it } from 'vitest';
import { ServiceId, SessionView } from '../../main/api/contract';
import { SERVICE_STAGES, serviceProgress } from '../../renderer/src/flow/service-progress';
import { LANGUAGES, textFor } from '../support/catalogues';

const deadlineMs = 1_700_000_000_000;
const flowOf = (service: ServiceId) => ({ service, sessionId: 's-1', txnId: 't-1', deadlineMs }) as const;
const view = (service: ServiceId, step: string, extra: Record<string, unknown> = {}) => SessionView.parse({ step, ...flowOf(service), ...extra });
const busy = (service: ServiceId, activity: string) => view(service, 'flow-busy', { activity });
const stageOf = (v: SessionView) => serviceProgress(v)?.current;
const indexOf = (v: SessionView) => {
  const progress = serviceProgress(v)!;
  return progress.stages.findIndex((stage) => stage.id === progress.current);
};

/** Each service's happy path, step by step, as the host shows it. */
const HAPPY_PATHS: Readonly<Record<Exclude<ServiceId, 'hk-macau-endorsement'>, readonly SessionView[]>> = {
  'id-reissue': [
    view('id-reissue', 'reissue-id-input', { typed: 0, echo: '', problemKey: null, problemPart: null }),
    busy('id-reissue', 'face-capture'),
    busy('id-reissue', 'verifying-identity'),
    view('id-reissue', 'reissue-confirm-identity', { maskedName: '张**', maskedIdNumber: '4401**********001X' }),
    view('id-reissue', 'reissue-choose-reason', { reasons: ['lost'] }),
    busy('id-reissue', 'checking-eligibility'),
    view('id-reissue', 'reissue-choose-photo', { photoOnRecord: false, messageKey: null }),
    busy('id-reissue', 'taking-id-photo'),
    view('id-reissue', 'reissue-choose-delivery', { choices: [{ kind: 'this-kiosk' }], feeFen: 4000 }),
    busy('id-reissue', 'creating-payment'),
    view('id-reissue', 'pay', { qrPayload: 'x', amountFen: 4000, itemKey: 'idReissue.reason.lost' }),
    busy('id-reissue', 'issuing-certificate'),
    busy('id-reissue', 'printing-receipt'),
    busy('id-reissue', 'printing-certificate'),
    view('id-reissue', 'flow-done', { outcome: 'delivered', messageKey: null, transactionNo: 'A1', receiptPrinted: true, permitRetained: false }),
  ],
  'certificate-pickup': [
    view('certificate-pickup', 'pickup-choose-method'),
    view('certificate-pickup', 'pickup-input', { field: 'idNumber', typed: 0, maxLength: 18, echo: '', messageKey: null }),
    busy('certificate-pickup', 'face-capture'),
    busy('certificate-pickup', 'verifying-identity'),
    busy('certificate-pickup', 'finding-certificate'),
    busy('certificate-pickup', 'dispensing-certificate'),
    view('certificate-pickup', 'take-certificate'),
    view('certificate-pickup', 'pickup-done', { outcome: 'collected', messageKey: null, transactionNo: 'P1' }),
  ],
  'certificate-reprint': [
    view('certificate-reprint', 'reissue-id-input', { typed: 0, echo: '', problemKey: null, problemPart: null }),
    busy('certificate-reprint', 'face-capture'),
    busy('certificate-reprint', 'verifying-identity'),
    busy('certificate-reprint', 'finding-certificate'),
    view('certificate-reprint', 'reprint-choose-application', {
      applications: [
        { applicationNo: 'GD-GZ-0001-20261123-1', status: 'received', submittedAt: '2026-11-23T03:00:00Z' },
        { applicationNo: 'GD-GZ-0001-20261101-7', status: 'mailed', submittedAt: '2026-11-01T03:00:00Z' },
      ],
    }),
    busy('certificate-reprint', 'issuing-certificate'),
    busy('certificate-reprint', 'reprinting-certificate'),
    view('certificate-reprint', 'reprint-done', { outcome: 'printed', messageKey: null, applicationNo: 'GD-GZ-0001-20261123-1', certificateNo: 'LS1', validTo: '2026-12-23' }),
  ],
  'progress-query': [
    view('progress-query', 'query-choose-method', { idCardAvailable: true }),
    SessionView.parse({ step: 'insert-id-card', service: 'progress-query', sessionId: 's-1', deadlineMs }),
    view('progress-query', 'query-busy'),
    view('progress-query', 'query-results', {
      applications: [{ applicationNo: 'A1', kind: 'id-reissue', status: 'received', submittedAt: '2026-01-05T10:00:00Z', pickup: null, trackingNo: null, rejectReason: null }],
    }),
  ],
};

describe('the progress strip of every service', () => {
  it('walks each service through all its stages in order, never back', () => {
    for (const [service, path] of Object.entries(HAPPY_PATHS)) {
      const positions = path.map(indexOf);
      expect(positions, service).toEqual([...positions].sort((a, b) => a - b));
      expect(new Set(positions).size, service).toBe(SERVICE_STAGES[service as ServiceId].length);
      expect(path.every((v) => serviceProgress(v)?.earlierCompleted), service).toBe(true);
    }
  });

  it('places the steps of the ID reissue, the pickup and the query on their stage', () => {
    expect(stageOf(busy('id-reissue', 'taking-id-photo'))).toBe('choose');
    expect(stageOf(busy('id-reissue', 'printing-certificate'))).toBe('print');
    expect(stageOf(busy('certificate-pickup', 'dispensing-certificate'))).toBe('take');
    expect(stageOf(view('progress-query', 'query-input', { field: 'idNumberLast4', typed: 0, maxLength: 4, echo: '', messageKey: null }))).toBe('identify');
    expect(stageOf(view('progress-query', 'query-failed', { messageKey: 'progressQuery.failed.notFound', canRetry: false }))).toBe('results');
  });

  it('does not claim the earlier stages were gone through when the session ended early', () => {
    const ended = { messageKey: null, transactionNo: 'A1', receiptPrinted: false, permitRetained: false };
    expect(serviceProgress(view('id-reissue', 'flow-done', { outcome: 'ended', ...ended }))).toMatchObject({ current: 'done', earlierCompleted: false });
    expect(serviceProgress(view('id-reissue', 'flow-done', { outcome: 'refunded', ...ended }))?.earlierCompleted).toBe(false);
    expect(serviceProgress(busy('id-reissue', 'finishing'))).toMatchObject({ current: 'done', earlierCompleted: false });
    expect(serviceProgress(view('certificate-pickup', 'pickup-done', { outcome: 'retained', messageKey: null, transactionNo: 'P1' }))?.earlierCompleted).toBe(false);
    expect(serviceProgress(busy('certificate-pickup', 'finishing'))?.earlierCompleted).toBe(false);
    const notPrinted = { messageKey: 'reprint.failed.paperOut', applicationNo: 'GD-GZ-0001-20261123-1', certificateNo: 'LS1', validTo: '2026-12-23' };
    expect(serviceProgress(view('certificate-reprint', 'reprint-done', { outcome: 'not-printed', ...notPrinted }))).toMatchObject({ current: 'done', earlierCompleted: false });
    expect(serviceProgress(view('certificate-reprint', 'reprint-done', { outcome: 'ended', ...notPrinted }))?.earlierCompleted).toBe(false);
    expect(serviceProgress(view('progress-query', 'query-failed', { messageKey: 'progressQuery.failed.cancelled', canRetry: false }))?.earlierCompleted).toBe(false);
  });

  it('gives every service a strip, the endorsement its own stages, and none on the attract screen or a reader failure', () => {
    for (const service of ServiceId.options) expect(SERVICE_STAGES[service].length, service).toBeGreaterThanOrEqual(3);
    expect(serviceProgress(view('hk-macau-endorsement', 'insert-permit'))).toMatchObject({ service: 'hk-macau-endorsement', current: 'read' });
    expect(serviceProgress({ step: 'idle' })).toBeNull();
    expect(serviceProgress(SessionView.parse({ step: 'failed', service: 'progress-query', sessionId: 's', deadlineMs, messageKey: 'errors.internal', canRetry: true }))).toBeNull();
  });

  it('has the words of every stage in the three catalogues', () => {
    const keys = new Set([...Object.values(SERVICE_STAGES).flat().map((stage) => stage.key), 'progress.label', 'progress.completed']);
    for (const language of LANGUAGES) for (const key of keys) expect(textFor(language, key), `${language} ${key}`).toBeTruthy();
  });
});
