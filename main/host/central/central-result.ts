/**
 * What a call to central came to, as the transaction core decides on it: a value, or a failure
 * that says whether central was out of reach, refused, or answered outside the contract, and
 * whether trying again can help (central-api.md, "Errors").
 */
import type { CentralResponse } from '../sync/central-client';

export type CentralFailureKind = 'unreachable' | 'refused' | 'bad-reply';

export interface CentralFailure {
  readonly ok: false;
  /**
   * `unreachable`: no answer, a 5xx, or 429/503 (overloaded or down); `refused`: a 4xx with
   * the contract's error body; `bad-reply`: a 2xx whose body breaks the contract.
   */
  readonly kind: CentralFailureKind;
  readonly status?: number;
  /** The contract's error code (`key_reused`, `not_found`, ...), or `bad_reply` / `http_<status>`. */
  readonly code?: string;
  readonly message: string;
  /** True when the same call (same Idempotency-Key) may be sent again later. */
  readonly retryable: boolean;
  /** Central's Retry-After: wait at least this long before trying again. */
  readonly retryAfterMs?: number;
}

export type CentralResult<T> = { readonly ok: true; readonly value: T } | CentralFailure;

/** The contract's table: which refusals are worth another try. */
function refusalRetryable(status: number, code: string): boolean {
  switch (status) {
    case 401:
      // A stale clock was corrected and retried once already; a replayed nonce is new next time.
      // A bad signature is a wrong secret: no retry mends it.
      return code === 'stale_timestamp' || code === 'replayed_nonce';
    case 409:
      return code === 'in_flight';
    default:
      return false;
  }
}

export function failureOf(response: Exclude<CentralResponse, { kind: 'ok' }>): CentralFailure {
  if (response.kind === 'network') return { ok: false, kind: 'unreachable', message: response.message, retryable: true };
  const { status, code, message, retryAfterMs } = response;
  const retryAfter = retryAfterMs === null ? {} : { retryAfterMs };
  if (status >= 200 && status < 300) return { ok: false, kind: 'bad-reply', status, code, message, retryable: false };
  if (status === 429 || status >= 500) return { ok: false, kind: 'unreachable', status, code, message, retryable: true, ...retryAfter };
  if (status >= 400) return { ok: false, kind: 'refused', status, code, message, retryable: refusalRetryable(status, code), ...retryAfter };
  return { ok: false, kind: 'bad-reply', status, code, message: `unexpected HTTP ${status}: ${message}`, retryable: false };
}

/** A 2xx answer whose body does not fit the contract: said once, without the body (it may hold personal data). */
export function badReply(status: number, what: string, issues: string): CentralFailure {
  return { ok: false, kind: 'bad-reply', status, code: 'bad_reply', message: `central's answer to ${what} breaks the contract: ${issues}`, retryable: false };
}
