import { delay } from '../../../../drivers/common/clock';
import type { CentralApi } from '../../central/central-api';
import type { CentralResult } from '../../central/central-result';
import type { Effect, EffectOutcome, EffectTools } from '../engine/flow-definition';

/** A payment central created, as a flow keeps it (sealed at rest with the rest of the context). */
export interface PaymentInfo {
  readonly paymentId: string;
  readonly qrPayload: string;
  readonly expiresAtMs: number;
  readonly amountFen: number;
}

/** What a paying flow keeps about its payment; the keys are journaled before the calls that use them. */
export interface PaymentContext {
  readonly sessionId: string;
  /** Journaled before POST /payments: the same key always means the same payment. */
  readonly paymentKey?: string;
  readonly payment?: PaymentInfo;
  /** Journaled before the refund call. */
  readonly refundKey?: string;
}

/** The events the payment steps send; a paying flow's event union includes them. */
export type PaymentEvent =
  | { readonly type: 'PAYMENT_CREATED'; readonly payment: PaymentInfo }
  /** `payment`: a payment closing learned of again (created before a crash, its answer never journaled). */
  | { readonly type: 'PAID'; readonly payment?: PaymentInfo }
  | { readonly type: 'PAYMENT_CLOSED'; readonly status: 'expired' | 'cancelled'; readonly payment?: PaymentInfo }
  | { readonly type: 'REFUNDED' }
  | { readonly type: 'REFUND_REFUSED'; readonly code: string }
  | { readonly type: 'FAILED'; readonly failureKey: string }
  | { readonly type: 'EFFECT_FAILED' };

/** The central calls of paying by QR (contracts/central-api.md, /payments). */
export type PaymentCentral = Pick<CentralApi, 'createPayment' | 'getPayment' | 'cancelPayment' | 'refundPayment'>;

export interface PaymentStepsDeps {
  readonly central: PaymentCentral;
  /** How often a pending payment is asked about. */
  readonly paymentPollMs: number;
  /** Longest wait between tries of a call that must eventually go through (refund, settling). */
  readonly maxRetryDelayMs: number;
}

/** What the payment is for, from the flow's context; undefined when nothing was chosen to pay for. */
export interface PaymentTerms {
  readonly amountFen: number;
  readonly description: string;
}

export interface PaymentWords {
  /** The failure key when central cannot be reached to create or look at the payment. */
  readonly centralUnreachableKey: string;
  /** The reason a refund gives central. */
  readonly refundReason: string;
}

type Outcome = EffectOutcome<PaymentEvent>;

/**
 * Calls central until it answers for good: a refund or the end of a payment must happen however
 * long central is away (the flow stays in its state; recovery resumes it after a restart).
 */
export async function untilSettled<T>(tools: EffectTools, maxDelayMs: number, call: () => Promise<CentralResult<T>>): Promise<CentralResult<T>> {
  for (let attempt = 0; ; attempt++) {
    const result = await call();
    if (result.ok || !result.retryable || tools.signal.aborted) return result;
    tools.log.warn({ attempt, problem: result.message }, 'central did not answer for good; trying again');
    await delay(tools.clock, retryDelayMs(attempt, maxDelayMs, result.retryAfterMs));
    if (tools.signal.aborted) return result;
  }
}

/** The wait before try `attempt + 1`: exponential from 500 ms, at most `maxDelayMs`, never before Retry-After. */
export function retryDelayMs(attempt: number, maxDelayMs: number, retryAfterMs: number | undefined): number {
  return Math.max(retryAfterMs ?? 0, Math.min(maxDelayMs, 500 * 2 ** Math.min(attempt, 10)));
}

/**
 * Paying by QR as effects any flow can use: create the payment (with the journaled key), poll it
 * until paid or closed, close one whose end is unknown (a paid one is reported so it is served or
 * refunded), and refund (with the journaled refund key, until central has it).
 */
export function paymentSteps<C extends PaymentContext>(deps: PaymentStepsDeps, terms: (context: C) => PaymentTerms | undefined, words: PaymentWords) {
  const failed = (effect: Record<string, unknown>): Outcome => ({ event: { type: 'FAILED', failureKey: words.centralUnreachableKey }, effect });
  const info = (created: { readonly paymentId: string; readonly qrPayload: string; readonly expiresAt: string }, amountFen: number): PaymentInfo => ({
    paymentId: created.paymentId,
    qrPayload: created.qrPayload,
    expiresAtMs: Date.parse(created.expiresAt),
    amountFen,
  });
  const request = (context: C, what: PaymentTerms) => ({ sessionId: context.sessionId, amountFen: what.amountFen, description: what.description, method: 'qr' as const });

  const create: Effect<C, PaymentEvent> = async (context) => {
    const what = terms(context);
    if (!what || !context.paymentKey) return failed({ payment: 'nothing-to-pay' });
    const result = await deps.central.createPayment(request(context, what), context.paymentKey);
    if (!result.ok) return failed({ central: result.kind, problem: result.message });
    const payment = info(result.value, what.amountFen);
    return { event: { type: 'PAYMENT_CREATED', payment }, effect: { paymentId: payment.paymentId, amountFen: payment.amountFen } };
  };

  const awaitPaid: Effect<C, PaymentEvent> = async (context, tools) => {
    const paymentId = context.payment!.paymentId;
    for (;;) {
      const status = await deps.central.getPayment(paymentId);
      if (tools.signal.aborted) return { event: { type: 'EFFECT_FAILED' }, effect: { aborted: true } };
      if (status.ok) {
        switch (status.value.status) {
          case 'paid':
            return { event: { type: 'PAID' }, effect: { paymentId, status: 'paid' } };
          case 'expired':
          case 'cancelled':
            return { event: { type: 'PAYMENT_CLOSED', status: status.value.status }, effect: { paymentId, status: status.value.status } };
          case 'refunded':
            // Refunded before anything was delivered: central closed it; nothing was kept.
            return { event: { type: 'PAYMENT_CLOSED', status: 'cancelled' }, effect: { paymentId, status: 'refunded' } };
          case 'pending':
            break;
        }
      }
      await delay(tools.clock, deps.paymentPollMs);
      if (tools.signal.aborted) return { event: { type: 'EFFECT_FAILED' }, effect: { aborted: true } };
    }
  };

  /** Closes a payment whose end is unknown; one found paid is reported so it is served or refunded. */
  const close: Effect<C, PaymentEvent> = async (context, tools) => {
    let payment = context.payment;
    // Learned here, not from the journal: the event carries it into the context.
    let learned: PaymentInfo | undefined;
    const what = terms(context);
    if (!payment && context.paymentKey && what) {
      // Created before a crash or a lost answer: the same key gives the same payment back.
      const again = await untilSettled(tools, deps.maxRetryDelayMs, () => deps.central.createPayment(request(context, what), context.paymentKey!));
      if (!again.ok) return { event: { type: 'PAYMENT_CLOSED', status: 'cancelled' }, effect: { payment: 'never-created', problem: again.message } };
      payment = learned = info(again.value, what.amountFen);
    }
    if (!payment) return { event: { type: 'PAYMENT_CLOSED', status: 'cancelled' }, effect: { payment: 'none' } };
    const { paymentId } = payment;
    const cancelled = await untilSettled(tools, deps.maxRetryDelayMs, () => deps.central.cancelPayment(paymentId));
    const status = await untilSettled(tools, deps.maxRetryDelayMs, () => deps.central.getPayment(paymentId));
    if (!status.ok) return failed({ paymentId, problem: status.message, cancelled: cancelled.ok });
    const withPayment = learned ? { payment: learned } : {};
    if (status.value.status === 'paid') return { event: { type: 'PAID', ...withPayment }, effect: { paymentId, status: 'paid', learned: !!learned } };
    return {
      event: { type: 'PAYMENT_CLOSED', status: status.value.status === 'expired' ? 'expired' : 'cancelled', ...withPayment },
      effect: { paymentId, status: status.value.status, learned: !!learned },
    };
  };

  const refund: Effect<C, PaymentEvent> = async (context, tools) => {
    const paymentId = context.payment!.paymentId;
    const result = await untilSettled(tools, deps.maxRetryDelayMs, () => deps.central.refundPayment(paymentId, { reason: words.refundReason }, context.refundKey!));
    if (!result.ok) {
      // Refused for good (not a network problem): nothing more the kiosk can do but say so.
      tools.log.error({ paymentId, code: result.code, problem: result.message }, 'central refused the refund; a person must settle it');
      return { event: { type: 'REFUND_REFUSED', code: result.code ?? result.kind }, effect: { paymentId, refund: 'refused', code: result.code ?? result.kind } };
    }
    return { event: { type: 'REFUNDED' }, effect: { paymentId, refund: result.value.status } };
  };

  return { create, awaitPaid, close, refund };
}
