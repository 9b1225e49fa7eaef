import type { EndorsementOption } from '../../../api/contract';
import type { AttachmentRef } from '../../store/outbox';
import type { PaymentEvent, PaymentInfo } from '../payment/payment-steps';

/** What the flow knows about the permit in the unit. Sealed at rest with the rest of the context. */
export interface PermitInfo {
  readonly number: string;
  readonly nameZh: string;
  readonly uid: string;
}

export type { PaymentInfo } from '../payment/payment-steps';

/** Where the permit ended up: with the citizen, in the retain bin, or never taken in. */
export type PermitFate = 'taken' | 'retained' | 'not-inserted' | 'unknown';

export interface EndorsementInput {
  readonly sessionId: string;
  readonly kioskId: string;
  readonly startedAtMs: number;
}

export interface EndorsementContext extends EndorsementInput {
  /** Printed on receipts: a failed receipt is reprintable and a question answerable with it. */
  readonly transactionNo: string;
  /** A permit went into the unit (it must come back out, or be retained and recorded). */
  readonly permitIn: boolean;
  /**
   * The unit's retain counter when the permit went in, if it answered. A hand-back that finds the
   * unit empty (the host died while the permit was going out) learns from it whether the permit
   * went to the citizen or into the retain bin.
   */
  readonly retainCountAtInsert?: number;
  readonly permit?: PermitInfo;
  /** From the citizen's resident ID card: central checks the permit is theirs. */
  readonly idNumber?: string;
  readonly livePhoto?: AttachmentRef & { readonly livenessMethod: string };
  readonly person?: { readonly personId: string; readonly maskedName: string };
  readonly options?: readonly EndorsementOption[];
  readonly chosen?: EndorsementOption;
  /** Journaled before POST /payments: the same key always means the same payment. */
  readonly paymentKey?: string;
  readonly payment?: PaymentInfo;
  readonly paid: boolean;
  /** Journaled before the refund call. */
  readonly refundKey?: string;
  readonly refunded: boolean;
  /** Central refused the refund for good: a person must settle it (the record says so). */
  readonly refundRefused?: boolean;
  readonly written: boolean;
  readonly cardBackPrinted: boolean;
  readonly permitFate?: PermitFate;
  readonly receiptPrinted: boolean;
  /** Whether the payment (if one was created) is known to be closed: cancelled, expired or refunded. */
  readonly paymentSettled: boolean;
  /** Why the service was not delivered, as an i18n key. */
  readonly failureKey?: string;
}

export type EndorsementEvent =
  // The citizen
  | { readonly type: 'CHOOSE'; readonly index: number }
  | { readonly type: 'CANCEL' }
  | { readonly type: 'TIMEOUT' }
  // Effects
  | { readonly type: 'PERMIT_IN'; readonly retainCount?: number }
  | { readonly type: 'PERMIT_READ'; readonly permit: PermitInfo }
  | { readonly type: 'ID_CARD_READ'; readonly idNumber: string }
  | { readonly type: 'FACE_CAPTURED'; readonly photo: AttachmentRef & { readonly livenessMethod: string } }
  | { readonly type: 'VERIFIED'; readonly personId: string; readonly maskedName: string }
  | { readonly type: 'ELIGIBLE'; readonly options: readonly EndorsementOption[] }
  | { readonly type: 'WRITTEN' }
  | { readonly type: 'CARD_BACK_DONE'; readonly printed: boolean }
  | { readonly type: 'PERMIT_OUT'; readonly fate: PermitFate }
  | { readonly type: 'RECEIPT_DONE'; readonly printed: boolean }
  // Paying, refunding, failures
  | PaymentEvent;
