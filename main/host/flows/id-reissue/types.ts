import type { DeliveryOption, Station, TemporaryCertificate } from '../../central/central-schemas';
import type { AttachmentRef } from '../../store/outbox';
import type { PaymentContext, PaymentEvent } from '../payment/payment-steps';

/** Why the card is reissued, as central's /id-reissue/eligibility takes it; the screen lists them in this order. */
export const REISSUE_REASONS = ['lost', 'damaged', 'expired'] as const;
export type ReissueReason = (typeof REISSUE_REASONS)[number];

/** Where the new card goes: the kiosk, a station from central's list, or the registered address. */
export type Delivery =
  | { readonly kind: 'this-kiosk' }
  | { readonly kind: 'station'; readonly station: Station }
  | { readonly kind: 'mail-registered-address'; readonly addressMasked: string };

/** What central allows this citizen (from /id-reissue/eligibility). */
export interface ReissueTerms {
  readonly feeFen: number;
  readonly photoOnRecord: boolean;
  readonly deliveryOptions: readonly DeliveryOption[];
  readonly stations: readonly Station[];
  readonly registeredAddressMasked: string | null;
}

export interface IdReissueInput {
  readonly sessionId: string;
  readonly kioskId: string;
  readonly startedAtMs: number;
  /**
   * The application number (`<kioskId>-<yyyymmdd>-<seq>`, contract: the kiosk assigns it), also
   * the transaction number on receipts: a receipt or a certificate is reprintable with it.
   */
  readonly applicationNo: string;
}

/**
 * Where the temporary certificate stands: printed, issued but not printed (paper), not issued
 * (central away), or unknown (the host died while printing it: never printed again unasked).
 */
export type CertificateFate = 'printed' | 'not-printed' | 'not-issued' | 'unknown';

export interface IdReissueContext extends IdReissueInput, PaymentContext {
  /** What the keypad has typed so far (digits and X). */
  readonly typed: string;
  /** Why the last confirm was refused (an i18n key); cleared by the next key. */
  readonly inputMessageKey?: string;
  /** Confirms refused for their format (the record counts them). */
  readonly badInputs: number;
  /** The ID number, checked on the kiosk; sealed at rest, wiped when the flow ends. */
  readonly idNumber?: string;
  readonly livePhoto?: AttachmentRef & { readonly livenessMethod: string };
  readonly person?: { readonly personId: string; readonly maskedName: string };
  /** The citizen said the name shown is theirs. */
  readonly identityConfirmed: boolean;
  readonly reason?: ReissueReason;
  readonly terms?: ReissueTerms;
  /** `record`: keep the photo on record; `new`: the GA 461 photo taken now (attachment id-photo.jpg). */
  readonly photo?: 'record' | 'new';
  readonly idPhoto?: AttachmentRef;
  /** Why the photo step went back to the choice (an i18n key). */
  readonly photoMessageKey?: string;
  readonly delivery?: Delivery;
  readonly paid: boolean;
  readonly refunded: boolean;
  readonly refundRefused?: boolean;
  /** Whether the payment (if one was created) is known to be closed: cancelled, expired or refunded. */
  readonly paymentSettled: boolean;
  /** The citizen's pickup code for a card delivered to this kiosk (made when paid, printed on the receipt). */
  readonly pickupCode?: string;
  /** Journaled before POST /temporary-certificates: the same key gives the same certificate. */
  readonly certificateKey?: string;
  /** Central's certificate, only until it is printed (it holds the full ID number and the photo). */
  readonly certificate?: TemporaryCertificate;
  readonly certificateNo?: string;
  readonly certificateFate?: CertificateFate;
  readonly receiptPrinted: boolean;
  /** Why the service was not delivered (or what went wrong on the way), as an i18n key. */
  readonly failureKey?: string;
}

export type IdReissueEvent =
  // The citizen
  | { readonly type: 'KEY'; readonly key: string }
  | { readonly type: 'CONFIRM' }
  | { readonly type: 'CHOOSE'; readonly index: number }
  | { readonly type: 'CANCEL' }
  | { readonly type: 'TIMEOUT' }
  // Effects
  | { readonly type: 'FACE_CAPTURED'; readonly photo: AttachmentRef & { readonly livenessMethod: string } }
  | { readonly type: 'VERIFIED'; readonly personId: string; readonly maskedName: string }
  | { readonly type: 'ELIGIBLE'; readonly terms: ReissueTerms }
  | { readonly type: 'ID_PHOTO_TAKEN'; readonly photo: AttachmentRef }
  | { readonly type: 'ID_PHOTO_FAILED'; readonly messageKey: string }
  | { readonly type: 'CERTIFICATE_ISSUED'; readonly certificate: TemporaryCertificate }
  /** Central could not be reached for the certificate: the application stands, the certificate is reprinted elsewhere. */
  | { readonly type: 'CERTIFICATE_UNAVAILABLE' }
  /** Central refused the certificate for good: the application cannot go on, the fee is refunded. */
  | { readonly type: 'CERTIFICATE_REFUSED'; readonly code: string }
  | { readonly type: 'RECEIPT_DONE'; readonly printed: boolean }
  | { readonly type: 'CERTIFICATE_PRINTED'; readonly printed: boolean }
  | PaymentEvent;
