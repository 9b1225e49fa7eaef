import type { FlowView } from '../engine/flow-definition';
import { screenOutcome } from '../payment/paid-flow-end';
import type { EndorsementContext } from './types';

/** What the screen shows in each state of the endorsement. The permit and name arrive masked. */
export function endorsementView(state: string, context: EndorsementContext): FlowView {
  switch (state) {
    case 'insertPermit':
      return { step: 'insert-permit' };
    case 'readingPermit':
      return { step: 'flow-busy', activity: 'reading-permit' };
    case 'readingIdCard':
      return { step: 'insert-id-card' };
    case 'capturingFace':
      return { step: 'flow-busy', activity: 'face-capture' };
    case 'verifyingIdentity':
      return { step: 'flow-busy', activity: 'verifying-identity' };
    case 'checkingEligibility':
      return { step: 'flow-busy', activity: 'checking-eligibility' };
    case 'choosing':
      return { step: 'choose-endorsement', maskedName: context.person?.maskedName ?? '', options: [...(context.options ?? [])] };
    case 'creatingPayment':
      return { step: 'flow-busy', activity: 'creating-payment' };
    case 'awaitingPayment':
      return { step: 'pay', qrPayload: context.payment!.qrPayload, amountFen: context.payment!.amountFen, option: context.chosen! };
    case 'writing':
    case 'printingCardBack':
      return { step: 'flow-busy', activity: 'producing' };
    case 'printingReceipt':
      return { step: 'flow-busy', activity: 'printing-receipt' };
    case 'handingBack':
      return { step: 'take-permit', returning: false };
    case 'returningPermit':
      // A permit inside is being handed back; without one there is only tidying up to do.
      return context.permitIn ? { step: 'take-permit', returning: true } : { step: 'flow-busy', activity: 'finishing' };
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
      throw new Error(`no view for endorsement state ${state}`);
  }
}

/** The end as the citizen sees it; settling a payment afterwards goes on without them. */
function done(state: string, context: EndorsementContext): FlowView {
  const outcome = screenOutcome(state, context.refundRefused);
  return {
    step: 'flow-done',
    outcome,
    messageKey: context.failureKey ?? null,
    transactionNo: context.transactionNo,
    receiptPrinted: context.receiptPrinted,
    permitRetained: context.permitFate === 'retained',
  };
}

/** The citizen's part is over in these states (the flow may still settle a payment headless). */
export const CITIZEN_DONE_STATES: ReadonlySet<string> = new Set(['completed', 'refunded', 'ended', 'settlingPayment', 'refundingLate']);
