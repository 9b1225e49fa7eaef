/**
 * The switches a test or a technician turns on the central simulator: how the simulated citizen
 * pays, whether central answers at all, and verdicts forced over the test registry's.
 */

export const IDENTITY_FAILURES = ['face_mismatch', 'no_record', 'liveness_failed', 'document_invalid'] as const;
export type IdentityFailure = (typeof IDENTITY_FAILURES)[number];

export interface CentralSettings {
  /** The cooperative citizen: a new payment is paid `autoPayAfterMs` after it was created. */
  readonly autoPay: boolean;
  readonly autoPayAfterMs: number;
  /** When auto-pay was last switched on (epoch ms): a payment waiting from before is paid from then on. */
  readonly autoPayOnSince: number;
  /** How long a payment's QR code stays payable. */
  readonly paymentExpiryMs: number;
  /** Central is down: every request's connection is dropped before an answer. */
  readonly offline: boolean;
  /** Every answer waits this long (on the simulator's clock) first. */
  readonly delayMs: number;
  /** Every eligibility answer says "not eligible" with this reason; null lets the registry decide. */
  readonly notEligibleReason: string | null;
  /** Every identity verification fails with this reason; null lets the registry decide. */
  readonly identityResult: IdentityFailure | null;
}

export const DEFAULT_AUTO_PAY_AFTER_MS = 3000;
export const DEFAULT_PAYMENT_EXPIRY_MS = 5 * 60_000;

export function defaultSettings(overrides: Partial<CentralSettings> = {}): CentralSettings {
  return {
    autoPay: true,
    autoPayAfterMs: DEFAULT_AUTO_PAY_AFTER_MS,
    autoPayOnSince: 0,
    paymentExpiryMs: DEFAULT_PAYMENT_EXPIRY_MS,
    offline: false,
    delayMs: 0,
    notEligibleReason: null,
    identityResult: null,
    ...overrides,
  };
}

/** The date (YYYY-MM-DD) in China Standard Time, where every kiosk of this service stands. */
export function chinaDate(epochMs: number): string {
  return new Date(epochMs + 8 * 3600_000).toISOString().slice(0, 10);
}
