import { maskIdNumber } from '../../../domain/id-number';
import type { FlowView } from '../engine/flow-definition';
import { screenOutcome } from '../payment/paid-flow-end';
import { deliveryChoices } from './delivery';
import { idNumberInputView } from './input';
import { type IdReissueContext, REISSUE_REASONS } from './types';

/** What the screen shows in each state of the ID reissue. The name and the number arrive masked. */
export function idReissueView(state: string, context: IdReissueContext): FlowView {
  switch (state) {
    case 'enteringIdNumber':
      return idNumberInputView(context.typed, context.inputMessageKey, context.startedAtMs);
    case 'capturingFace':
      return { step: 'flow-busy', activity: 'face-capture' };
    case 'verifyingIdentity':
      return { step: 'flow-busy', activity: 'verifying-identity' };
    case 'confirmingIdentity':
      return { step: 'reissue-confirm-identity', maskedName: context.person?.maskedName ?? '', maskedIdNumber: maskIdNumber(context.idNumber ?? '') };
    case 'choosingReason':
      return { step: 'reissue-choose-reason', reasons: [...REISSUE_REASONS] };
    case 'checkingEligibility':
      return { step: 'flow-busy', activity: 'checking-eligibility' };
    case 'choosingPhoto':
      return { step: 'reissue-choose-photo', photoOnRecord: context.terms?.photoOnRecord ?? false, messageKey: context.photoMessageKey ?? null };
    case 'capturingIdPhoto':
      return { step: 'flow-busy', activity: 'taking-id-photo' };
    case 'choosingDelivery':
      return {
        step: 'reissue-choose-delivery',
        feeFen: context.terms?.feeFen ?? 0,
        choices: deliveryChoices(context.terms).map((choice) =>
          choice.kind === 'station' ? { kind: 'station', name: choice.station.name, address: choice.station.address } : choice,
        ),
      };
    case 'creatingPayment':
      return { step: 'flow-busy', activity: 'creating-payment' };
    case 'awaitingPayment':
      return { step: 'pay', qrPayload: context.payment!.qrPayload, amountFen: context.payment!.amountFen, itemKey: `idReissue.reason.${context.reason ?? 'lost'}` };
    case 'issuingCertificate':
      return { step: 'flow-busy', activity: 'issuing-certificate' };
    case 'printingReceipt':
      return { step: 'flow-busy', activity: 'printing-receipt' };
    case 'printingCertificate':
      return { step: 'flow-busy', activity: 'printing-certificate' };
    case 'cancellingPayment':
    case 'refunding':
    case 'printingFailureReceipt':
      return { step: 'flow-busy', activity: 'finishing' };
    case 'completed':
    case 'refunded':
    case 'ended':
    case 'refundRefused':
    case 'settlingPayment':
    case 'refundingLate':
      return done(state, context);
    default:
      throw new Error(`no view for ID reissue state ${state}`);
  }
}

/** The end as the citizen sees it; settling a payment afterwards goes on without them. */
function done(state: string, context: IdReissueContext): FlowView {
  const outcome = screenOutcome(state, context.refundRefused);
  return {
    step: 'flow-done',
    outcome,
    messageKey: context.failureKey ?? null,
    transactionNo: context.applicationNo,
    receiptPrinted: context.receiptPrinted,
    permitRetained: false,
    pickupCode: outcome === 'delivered' ? (context.pickupCode ?? null) : null,
    // A slip that may not have come out whole is one to print again elsewhere.
    certificate: outcome !== 'delivered' ? null : context.certificateFate === 'unknown' ? 'not-printed' : (context.certificateFate ?? null),
  };
}
