import type { StepRow } from '../../store/journal';
import type { FlowDefinition, FlowRecord, Recovery } from '../engine/flow-definition';
import { recordOutcome, recordPayment, recordSteps } from '../payment/paid-flow-end';
import { type IdReissueDeps, idReissueEffects } from './effects';
import { idReissueMachine } from './machine';
import type { IdReissueContext, IdReissueEvent } from './types';
import { idReissueView } from './view';

export interface IdReissueTimes {
  /** Seconds a citizen has for a choice. */
  readonly stepTimeoutS: number;
  /** Seconds for typing the 18-character ID number on the keypad. */
  readonly keypadTimeoutS: number;
  /** Seconds the done screen stays before the session ends by itself. */
  readonly doneScreenS: number;
}

/**
 * After a crash, from the journal alone; the citizen's session is gone. Before a payment key
 * nothing is owed: the flow ends. A payment that may be open is settled without the citizen (one
 * found paid is refunded: nobody is there to take a certificate). From payment on, the certificate
 * call carries its journaled key and the receipt may print twice; the certificate slip is never
 * printed for nobody (it bears the full ID number and the photo): it is reprinted at any kiosk.
 */
export function idReissueRecovery(state: string): Recovery<IdReissueContext> {
  switch (state) {
    case 'enteringIdNumber':
    case 'capturingFace':
    case 'verifyingIdentity':
    case 'confirmingIdentity':
    case 'choosingReason':
    case 'checkingEligibility':
    case 'choosingPhoto':
    case 'capturingIdPhoto':
    case 'choosingDelivery':
      return { goTo: 'ended', note: { failureKey: 'idReissue.failed.interrupted' } };
    case 'creatingPayment':
    case 'awaitingPayment':
    case 'cancellingPayment':
      return { goTo: 'settlingPayment', note: { failureKey: 'idReissue.failed.interrupted' } };
    case 'printingCertificate':
      // The slip may have come out whole, in part, or not at all: the record says nobody knows.
      return { goTo: 'completed', note: { certificateFate: 'unknown' } };
    default:
      return 'resume';
  }
}

/** The one record central gets: the application (central finds it by applicationNo + idNumber) and each step. */
export function idReissueRecord(state: string, context: IdReissueContext, steps: readonly StepRow[]): FlowRecord {
  const outcome = recordOutcome(state);
  const delivery = context.delivery;
  return {
    kind: 'id-reissue',
    payload: {
      outcome,
      applicationNo: context.applicationNo,
      transactionNo: context.applicationNo,
      idNumber: context.idNumber ?? null,
      personId: context.person?.personId ?? null,
      identityConfirmed: context.identityConfirmed,
      reason: context.reason ?? null,
      photo: context.photo ?? null,
      delivery: delivery ? (delivery.kind === 'station' ? { kind: 'station', stationCode: delivery.station.code } : { kind: delivery.kind }) : null,
      pickupCode: outcome === 'delivered' ? (context.pickupCode ?? null) : null,
      payment: recordPayment(context.payment, context.paid, context.refunded),
      certificateNo: context.certificateNo ?? null,
      certificate: context.certificateFate ?? null,
      receiptPrinted: context.receiptPrinted,
      badInputs: context.badInputs,
      failure: context.failureKey ?? null,
      steps: recordSteps(steps),
    },
    attachments: [
      ...(context.livePhoto ? [{ name: context.livePhoto.name, sha256: context.livePhoto.sha256, bytes: context.livePhoto.bytes }] : []),
      // The new photo goes with an application that stands; it is central's to print the card with.
      ...(context.idPhoto && outcome === 'delivered' ? [context.idPhoto] : []),
    ],
  };
}

export function idReissueFlow(deps: IdReissueDeps, times: IdReissueTimes): FlowDefinition<IdReissueContext, IdReissueEvent> {
  const after = (seconds: number) => (_: IdReissueContext, now: number) => now + seconds * 1000;
  const step = after(times.stepTimeoutS);
  const doneScreen = after(times.doneScreenS);
  return {
    service: 'id-reissue',
    machine: idReissueMachine,
    effects: idReissueEffects(deps),
    deadlines: {
      enteringIdNumber: after(times.keypadTimeoutS),
      confirmingIdentity: step,
      choosingReason: step,
      choosingPhoto: step,
      choosingDelivery: step,
      awaitingPayment: (context, now) => context.payment?.expiresAtMs ?? step(context, now),
      settlingPayment: doneScreen,
      refundingLate: doneScreen,
      completed: doneScreen,
      refunded: doneScreen,
      ended: doneScreen,
      refundRefused: doneScreen,
    },
    // Central's payment expiry.
    fixedDeadlines: ['awaitingPayment'],
    recovery: idReissueRecovery,
    view: idReissueView,
    record: idReissueRecord,
  };
}
