import type { StepRow } from '../../store/journal';
import type { FlowDefinition, FlowRecord, Recovery } from '../engine/flow-definition';
import { recordOutcome, recordPayment, recordSteps } from '../payment/paid-flow-end';
import { type EndorsementDeps, endorsementEffects, endorsementValidTo } from './effects';
import { endorsementMachine } from './machine';
import type { EndorsementContext, EndorsementEvent } from './types';
import { endorsementView } from './view';

export interface EndorsementTimes {
  /** Seconds a citizen has for a step (insert the permit, choose). */
  readonly stepTimeoutS: number;
  /** Seconds the done screen stays before the session ends by itself. */
  readonly doneScreenS: number;
}

/**
 * After a crash, from the journal alone. Before payment nothing is owed: the permit is handed
 * back. A payment that may be open is closed (and served if it turns out paid). From payment on,
 * each state's effect is safe to run again: the chip write checks the chip first, the refund and
 * the payment carry their journaled idempotency keys, the receipt may print twice.
 */
export function endorsementRecovery(state: string): Recovery<EndorsementContext> {
  switch (state) {
    case 'insertPermit':
    case 'readingPermit':
    case 'readingIdCard':
    case 'capturingFace':
    case 'verifyingIdentity':
    case 'checkingEligibility':
    case 'choosing':
    case 'creatingPayment':
      return { goTo: 'returningPermit', note: { failureKey: 'endorsement.failed.deviceFault' } };
    case 'awaitingPayment':
      return { goTo: 'cancellingPayment' };
    case 'printingCardBack':
      // The card back may be half printed; printing again over it would be worse than not at all.
      return { goTo: 'handingBack' };
    default:
      return 'resume';
  }
}

/** The one record central gets: the outcome and what each step did. */
export function endorsementRecord(state: string, context: EndorsementContext, steps: readonly StepRow[]): FlowRecord {
  const outcome = recordOutcome(state);
  const chosen = context.chosen;
  return {
    kind: 'endorsement',
    payload: {
      outcome,
      transactionNo: context.transactionNo,
      // Central finds the application by these (applications/query).
      applicationNo: context.transactionNo,
      idNumber: context.idNumber ?? null,
      permitNumber: context.permit?.number ?? null,
      personId: context.person?.personId ?? null,
      endorsement: chosen ? { ...chosen, validTo: endorsementValidTo(chosen, context.startedAtMs) } : null,
      payment: recordPayment(context.payment, context.paid, context.refunded),
      written: context.written,
      cardBackPrinted: context.cardBackPrinted,
      permitFate: context.permitFate ?? null,
      receiptPrinted: context.receiptPrinted,
      failure: context.failureKey ?? null,
      steps: recordSteps(steps),
    },
    attachments: context.livePhoto ? [{ name: context.livePhoto.name, sha256: context.livePhoto.sha256, bytes: context.livePhoto.bytes }] : [],
    sideRecords:
      context.permitFate === 'retained' ? [{ kind: 'card-retained', payload: { permitNumber: context.permit?.number ?? null, reason: 'not-taken', transactionNo: context.transactionNo } }] : [],
  };
}

export function endorsementFlow(deps: EndorsementDeps, times: EndorsementTimes): FlowDefinition<EndorsementContext, EndorsementEvent> {
  const step = (_: EndorsementContext, now: number) => now + times.stepTimeoutS * 1000;
  const doneScreen = (_: EndorsementContext, now: number) => now + times.doneScreenS * 1000;
  return {
    service: 'hk-macau-endorsement',
    machine: endorsementMachine,
    effects: endorsementEffects(deps),
    deadlines: {
      insertPermit: step,
      readingIdCard: step,
      choosing: step,
      awaitingPayment: (context, now) => context.payment?.expiresAtMs ?? step(context, now),
      handingBack: (_, now) => now + deps.takeBackTimeoutMs,
      returningPermit: (_, now) => now + deps.takeBackTimeoutMs,
      settlingPayment: doneScreen,
      refundingLate: doneScreen,
      completed: doneScreen,
      refunded: doneScreen,
      ended: doneScreen,
      refundRefused: doneScreen,
    },
    // The slot's own wait for the permit, central's payment expiry, the gate's take-back wait.
    fixedDeadlines: ['insertPermit', 'awaitingPayment', 'handingBack', 'returningPermit'],
    // Elderly mode lengthens the slot's and the gate's waits (ours), never central's expiry.
    deviceWaits: ['insertPermit', 'handingBack', 'returningPermit'],
    recovery: endorsementRecovery,
    view: endorsementView,
    record: endorsementRecord,
  };
}
