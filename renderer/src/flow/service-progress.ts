/**
 * Where the citizen is in any service, for the one progress strip every service shows: the
 * service's stages and the current one, derived from the session view alone (pure, unit-tested).
 * The endorsement's stages are its own module's (endorsement-progress.ts); the others are here.
 */
import type { ServiceId, SessionView } from '../../../main/api/contract';
import { ENDORSEMENT_STAGES, endorsementProgress, STAGE_KEYS } from './endorsement-progress';

export interface ProgressStage {
  readonly id: string;
  /** The stage's name in the catalogues. */
  readonly key: string;
}

export interface ServiceProgress {
  readonly service: ServiceId;
  readonly stages: readonly ProgressStage[];
  readonly current: string;
  /** The stages before the current one were gone through (not so after a cancel or a failure). */
  readonly earlierCompleted: boolean;
}

const stages = (...ids: string[]): readonly ProgressStage[] => ids.map((id) => ({ id, key: `progress.${id}` }));

export const SERVICE_STAGES: Readonly<Record<ServiceId, readonly ProgressStage[]>> = {
  'hk-macau-endorsement': ENDORSEMENT_STAGES.map((id) => ({ id, key: STAGE_KEYS[id] })),
  'id-reissue': stages('identify', 'face', 'confirm', 'choose', 'pay', 'print', 'done'),
  'certificate-pickup': stages('identify', 'face', 'take', 'done'),
  'progress-query': stages('identify', 'search', 'results'),
  'certificate-reprint': stages('identify', 'face', 'search', 'print', 'done'),
};

type Place = { readonly current: string; readonly earlierCompleted: boolean } | null;
const at = (current: string, earlierCompleted = true): Place => ({ current, earlierCompleted });

/** The ID reissue: the number typed, the face, the name confirmed, the choices, payment, the paper, the end. */
function reissuePlace(view: SessionView): Place {
  switch (view.step) {
    case 'reissue-id-input':
      return at('identify');
    case 'reissue-confirm-identity':
      return at('confirm');
    case 'reissue-choose-reason':
    case 'reissue-choose-photo':
    case 'reissue-choose-delivery':
      return at('choose');
    case 'pay':
      return at('pay');
    case 'flow-done':
      return at('done', view.outcome === 'delivered');
    case 'flow-busy':
      switch (view.activity) {
        case 'face-capture':
        case 'verifying-identity':
          return at('face');
        case 'checking-eligibility':
        case 'taking-id-photo':
          return at('choose');
        case 'creating-payment':
          return at('pay');
        case 'issuing-certificate':
        case 'printing-receipt':
        case 'printing-certificate':
          return at('print');
        default:
          return at('done', false);
      }
    default:
      return null;
  }
}

/** The certificate pickup: the code or number typed, the face, the certificate taken, the end. */
function pickupPlace(view: SessionView): Place {
  switch (view.step) {
    case 'pickup-choose-method':
    case 'pickup-input':
      return at('identify');
    case 'take-certificate':
      return at('take');
    case 'pickup-done':
      return at('done', view.outcome === 'collected');
    case 'flow-busy':
      switch (view.activity) {
        case 'face-capture':
        case 'verifying-identity':
          return at('face');
        case 'finding-certificate':
        case 'dispensing-certificate':
          return at('take');
        default:
          return at('done', false);
      }
    default:
      return null;
  }
}

/** The certificate reprint: the number typed, the face, the application found (or chosen), the slip, the end. */
function reprintPlace(view: SessionView): Place {
  switch (view.step) {
    case 'reissue-id-input':
      return at('identify');
    case 'reprint-choose-application':
      return at('search');
    case 'reprint-done':
      return at('done', view.outcome === 'printed');
    case 'flow-busy':
      switch (view.activity) {
        case 'face-capture':
        case 'verifying-identity':
          return at('face');
        case 'finding-certificate':
          return at('search');
        case 'issuing-certificate':
        case 'reprinting-certificate':
          return at('print');
        default:
          return at('done', false);
      }
    default:
      return null;
  }
}

/** The progress query: the card or the application number, the search, what was found. */
function queryPlace(view: SessionView): Place {
  switch (view.step) {
    case 'query-choose-method':
    case 'query-input':
    case 'insert-id-card':
    case 'reading-card':
      return at('identify');
    case 'query-busy':
      return at('search');
    case 'query-results':
      return at('results');
    case 'query-failed':
      return at('results', false);
    default:
      return null;
  }
}

/** The strip to show for this view, or null (the attract screen, a reader failure). */
export function serviceProgress(view: SessionView): ServiceProgress | null {
  if (view.step === 'idle') return null;
  const place = ((): Place => {
    switch (view.service) {
      case 'hk-macau-endorsement':
        return endorsementProgress(view);
      case 'id-reissue':
        return reissuePlace(view);
      case 'certificate-pickup':
        return pickupPlace(view);
      case 'progress-query':
        return queryPlace(view);
      case 'certificate-reprint':
        return reprintPlace(view);
      default:
        return view.service satisfies never;
    }
  })();
  return place ? { service: view.service, stages: SERVICE_STAGES[view.service], ...place } : null;
}
