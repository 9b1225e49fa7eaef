import type { StepRow } from '../../store/journal';
import type { PaymentInfo } from './payment-steps';

/** How a paying flow ended, as the citizen's last screen says it. */
export type ScreenOutcome = 'delivered' | 'refunded' | 'ended' | 'refund-pending';

/**
 * The outcome the done screen shows for a paying flow's end state (or a state it settles a
 * payment in after the citizen left): delivered, refunded, refund pending with a person, or ended.
 */
export function screenOutcome(state: string, refundRefused: boolean | undefined): ScreenOutcome {
  if (state === 'completed') return 'delivered';
  if (state === 'refunded' || state === 'refundingLate') return 'refunded';
  if (state === 'refundRefused' || refundRefused) return 'refund-pending';
  return 'ended';
}

/** The outcome the one record for central carries. */
export function recordOutcome(state: string): 'delivered' | 'refunded' | 'refund-refused' | 'ended' {
  return state === 'completed' ? 'delivered' : state === 'refunded' ? 'refunded' : state === 'refundRefused' ? 'refund-refused' : 'ended';
}

/** The payment as the record reports it: which one, how much, whether paid and refunded. */
export function recordPayment(payment: PaymentInfo | undefined, paid: boolean, refunded: boolean) {
  return payment ? { paymentId: payment.paymentId, amountFen: payment.amountFen, paid, refunded } : null;
}

/** What each step did, as the record lists it for central. */
export function recordSteps(steps: readonly StepRow[]) {
  return steps.map((step) => ({ n: step.n, state: step.state, at: new Date(step.at).toISOString(), effect: step.effect }));
}
