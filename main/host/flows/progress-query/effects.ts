import type { IdReaderDriver } from '../../../../drivers/id-reader/driver';
import type { ApplicationProgress } from '../../../api/contract';
import type { CentralApi } from '../../central/central-api';
import type { Application } from '../../central/central-schemas';
import type { Effect, EffectOutcome } from '../engine/flow-definition';
import type { ProgressQueryContext, ProgressQueryEvent } from './types';

export interface ProgressQueryDeps {
  readonly idReader: IdReaderDriver;
  readonly central: Pick<CentralApi, 'queryApplications'>;
}

type Outcome = EffectOutcome<ProgressQueryEvent>;

/** The most applications one screen lists. */
export const MAX_APPLICATIONS = 20;

const clip = (text: string, max: number) => (text.length > max ? text.slice(0, max) : text);

/** Central's answer in the contract's plain fields; an unknown reason code becomes `other`. */
export function toProgress(application: Application): ApplicationProgress {
  const reason = application.rejectReason;
  return {
    applicationNo: clip(application.applicationNo, 60),
    kind: application.kind,
    status: application.status,
    submittedAt: clip(application.submittedAt, 40),
    pickup: application.pickup ? { kind: application.pickup.kind, name: clip(application.pickup.name, 100), address: clip(application.pickup.address, 200) } : null,
    trackingNo: application.trackingNo ? clip(application.trackingNo, 40) : null,
    rejectReason: reason === null ? null : /^[a-z0-9_]{1,40}$/.test(reason) ? reason : 'other',
  };
}

export function progressQueryEffects(deps: ProgressQueryDeps): Record<string, Effect<ProgressQueryContext, ProgressQueryEvent>> {
  return {
    readingIdCard: async (_context, tools): Promise<Outcome> => {
      const present = await deps.idReader.waitForCard({ signal: tools.signal });
      if (!present.ok) {
        if (present.reason === 'cancelled') return { event: { type: 'EFFECT_FAILED' }, effect: { idCard: 'cancelled' } };
        const out = present.reason === 'offline' || present.reason === 'timeout' || present.reason === 'sam-error';
        return { event: { type: 'FAILED', failureKey: out ? 'errors.readerOutOfService' : 'errors.cardReadFailed', outcome: 'reader-failed' }, effect: { idCard: present.reason } };
      }
      const read = await deps.idReader.readCard();
      if (!read.ok) {
        const out = read.reason === 'offline' || read.reason === 'timeout' || read.reason === 'sam-error';
        const key = out ? 'errors.readerOutOfService' : read.reason === 'unknown-card-type' ? 'errors.cardNotSupported' : 'errors.cardReadFailed';
        return { event: { type: 'FAILED', failureKey: key, outcome: 'reader-failed' }, effect: { idCard: read.reason } };
      }
      return { event: { type: 'ID_CARD_READ', idNumber: read.value.idNumber }, effect: { idCard: 'read', cardType: read.value.cardType } };
    },

    querying: async (context): Promise<Outcome> => {
      const query =
        context.method === 'id-card' && context.idNumber
          ? { sessionId: context.sessionId, idNumber: context.idNumber }
          : { sessionId: context.sessionId, applicationNo: context.applicationNo, idNumberLast4: context.idNumberLast4 };
      const result = await deps.central.queryApplications(query);
      if (!result.ok) {
        return { event: { type: 'FAILED', failureKey: 'progressQuery.failed.centralUnreachable', outcome: 'central-unreachable' }, effect: { central: result.kind } };
      }
      if (result.value.length === 0) {
        return { event: { type: 'FAILED', failureKey: 'progressQuery.failed.notFound', outcome: 'not-found' }, effect: { central: 'answered', count: 0 } };
      }
      const applications = result.value.slice(0, MAX_APPLICATIONS).map(toProgress);
      return { event: { type: 'RESULTS', applications }, effect: { central: 'answered', count: result.value.length } };
    },
  };
}
