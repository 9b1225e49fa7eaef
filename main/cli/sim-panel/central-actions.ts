/**
 * The central simulator's switches on the technician panel: the simulated citizen's side of a
 * payment (pay, let expire, refuse, auto-pay), central down or slow, and verdicts forced over the
 * test registry's. What the panel shows of central holds no personal data: payments by id, amount
 * and state.
 */
import { z } from 'zod';
import type { PayerActionResult } from '../../../simulators/central/payments';
import type { CentralSimulator } from '../../../simulators/central/server';
import { IDENTITY_FAILURES } from '../../../simulators/central/settings';
import type { ActionOutcome } from './device-actions';

/** Reasons the panel offers for "not eligible"; central's answer carries the one chosen. */
export const NOT_ELIGIBLE_REASONS = ['exit_restricted', 'application_in_progress', 'permit_expired'] as const;

const paymentId = z.string().min(1).max(100).optional();

export const CentralAction = z.discriminatedUnion('action', [
  z.object({ action: z.literal('pay'), paymentId }),
  z.object({ action: z.literal('expire'), paymentId }),
  z.object({ action: z.literal('refuse'), paymentId }),
  z.object({ action: z.literal('auto-pay'), on: z.boolean(), afterMs: z.number().int().min(0).max(600_000).optional() }),
  z.object({ action: z.literal('payment-expiry'), ms: z.number().int().min(1000).max(3_600_000) }),
  z.object({ action: z.literal('offline'), on: z.boolean() }),
  z.object({ action: z.literal('delay'), ms: z.number().int().min(0).max(120_000) }),
  z.object({ action: z.literal('not-eligible'), reason: z.enum(NOT_ELIGIBLE_REASONS).nullable() }),
  z.object({ action: z.literal('identity-result'), result: z.enum(IDENTITY_FAILURES).nullable() }),
  z.object({ action: z.literal('enrollment-code') }),
]);

const payer = (result: PayerActionResult, did: string): ActionOutcome =>
  result.ok ? { ok: true, message: `payment ${result.payment.paymentId} ${did}` } : { ok: false, message: result.message };

/** Validates and applies one action. Throws a ZodError on a malformed body. */
export function applyCentralAction(central: CentralSimulator, body: unknown): ActionOutcome {
  const action = CentralAction.parse(body);
  switch (action.action) {
    case 'pay':
      return payer(central.payNow(action.paymentId), 'paid');
    case 'expire':
      return payer(central.expireNow(action.paymentId), 'expired');
    case 'refuse':
      return payer(central.refusePayment(action.paymentId), 'refused by the payer');
    case 'auto-pay':
      central.setAutoPay(action.on, action.afterMs);
      return { ok: true, message: action.on ? `auto-pay on: paid ${central.settings.autoPayAfterMs} ms after creation` : 'auto-pay off' };
    case 'payment-expiry':
      central.setPaymentExpiry(action.ms);
      return { ok: true, message: `new payments expire after ${action.ms} ms` };
    case 'offline':
      central.setOffline(action.on);
      return { ok: true, message: action.on ? 'central offline: connections dropped' : 'central online' };
    case 'delay':
      central.setDelay(action.ms);
      return { ok: true, message: `central answers after ${action.ms} ms` };
    case 'not-eligible':
      central.setNotEligible(action.reason);
      return { ok: true, message: action.reason ? `every eligibility answer: not eligible (${action.reason})` : 'eligibility from the test registry' };
    case 'identity-result':
      central.setIdentityResult(action.result);
      return { ok: true, message: action.result ? `every identity check fails: ${action.result}` : 'identity from the test registry' };
    case 'enrollment-code':
      return { ok: true, message: `enrolment code ${central.issueEnrollmentCode()}` };
    default: {
      const unreachable: never = action;
      return unreachable;
    }
  }
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function centralSnapshot(central: CentralSimulator): unknown {
  const { autoPayOnSince: _since, ...settings } = central.settings;
  return {
    baseUrl: central.baseUrl,
    settings,
    identityResults: IDENTITY_FAILURES,
    notEligibleReasons: NOT_ELIGIBLE_REASONS,
    payments: central.payments(10).map((payment) => ({
      paymentId: payment.paymentId,
      amountFen: payment.amountFen,
      status: payment.status,
      createdAt: iso(payment.createdAt),
      expiresAt: iso(payment.expiresAt),
      paidAt: iso(payment.paidAt),
    })),
  };
}
