/**
 * Where the citizen is in the HK/Macau endorsement, derived from the session view alone:
 * 读取证件 -> 人脸核验 -> 选择签注 -> 缴费 -> 制证 -> 完成. Pure, so it is unit-tested.
 */
import type { SessionView } from '../../../main/api/contract';

export const ENDORSEMENT_STAGES = ['read', 'face', 'choose', 'pay', 'produce', 'done'] as const;
export type EndorsementStage = (typeof ENDORSEMENT_STAGES)[number];

export const STAGE_KEYS: Readonly<Record<EndorsementStage, string>> = {
  read: 'endorsement.progress.read',
  face: 'endorsement.progress.face',
  choose: 'endorsement.progress.choose',
  pay: 'endorsement.progress.pay',
  produce: 'endorsement.progress.produce',
  done: 'endorsement.progress.done',
};

export type BusyActivity = Extract<SessionView, { step: 'flow-busy' }>['activity'];

const STAGE_OF_ACTIVITY: Readonly<Record<BusyActivity, EndorsementStage>> = {
  'reading-permit': 'read',
  'face-capture': 'face',
  'verifying-identity': 'face',
  // Eligibility decides what the citizen may choose from: it is the start of choosing.
  'checking-eligibility': 'choose',
  'creating-payment': 'pay',
  producing: 'produce',
  'printing-receipt': 'produce',
  // Finishing may follow any step (a cancel, a failure): where it began is not known.
  finishing: 'done',
  // ID reissue's activities; its views are never the endorsement's.
  'taking-id-photo': 'done',
  'issuing-certificate': 'done',
  'printing-certificate': 'done',
  // Certificate pickup's activities; its views are never the endorsement's.
  'finding-certificate': 'done',
  'dispensing-certificate': 'done',
  // Certificate reprint's activity; its views are never the endorsement's.
  'reprinting-certificate': 'done',
};

export interface EndorsementProgress {
  readonly current: EndorsementStage;
  /**
   * Whether the stages before the current one were all gone through. Not so when the session
   * ended early (cancelled, refused, failed): "done" then does not mean "paid and produced".
   */
  readonly earlierCompleted: boolean;
}

/** The progress to show for this view, or null when the view is not a step of the endorsement. */
export function endorsementProgress(view: SessionView): EndorsementProgress | null {
  if (view.step === 'idle' || view.service !== 'hk-macau-endorsement') return null;
  switch (view.step) {
    case 'insert-id-card':
    case 'reading-card':
    case 'identity-shown':
    case 'insert-permit':
      return { current: 'read', earlierCompleted: true };
    case 'flow-busy': {
      const current = STAGE_OF_ACTIVITY[view.activity];
      return { current, earlierCompleted: current !== 'done' };
    }
    case 'choose-endorsement':
      return { current: 'choose', earlierCompleted: true };
    case 'pay':
      return { current: 'pay', earlierCompleted: true };
    case 'take-permit':
      // Handed back after a cancel or failure, the permit was never produced on.
      return view.returning ? { current: 'done', earlierCompleted: false } : { current: 'produce', earlierCompleted: true };
    case 'flow-done':
      return { current: 'done', earlierCompleted: view.outcome === 'delivered' };
    case 'failed':
    case 'reissue-id-input':
    case 'reissue-confirm-identity':
    case 'reissue-choose-reason':
    case 'reissue-choose-photo':
    case 'reissue-choose-delivery':
    case 'query-choose-method':
    case 'query-input':
    case 'query-busy':
    case 'query-results':
    case 'query-failed':
    case 'pickup-choose-method':
    case 'pickup-input':
    case 'take-certificate':
    case 'pickup-done':
    case 'reprint-choose-application':
    case 'reprint-done':
      return null;
    default:
      return view satisfies never;
  }
}
