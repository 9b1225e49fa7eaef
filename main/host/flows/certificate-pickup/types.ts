import type { PickupField } from '../../../api/contract';
import type { AttachmentRef } from '../../store/outbox';

/** How the citizen names the certificate: the ID number alone, or the receipt's pickup code with it. */
export type PickupMethod = 'id-number' | 'pickup-code';

/**
 * Where the certificate went once it left its slot: the citizen's hand, the retain bin, or not
 * known (the unit failed while handing it over, or the host was down and no counter can tell).
 */
export type CertificateFate = 'taken' | 'retained' | 'unknown';

/** What staff must look at after this transaction, or none. */
export type StaffAction = 'check-magazine' | 'clear-jam' | 'check-unit' | 'find-certificate';

/** The certificate central has waiting for this citizen, and where the magazine keeps it. */
export interface MatchedCertificate {
  readonly certificateId: string;
  readonly kind: string;
  readonly slot: number;
}

export interface PickupInput {
  readonly sessionId: string;
  readonly kioskId: string;
  readonly startedAtMs: number;
}

export interface PickupContext extends PickupInput {
  /** Printed on nothing (there is no receipt) but shown and recorded: a question is answerable with it. */
  readonly transactionNo: string;
  readonly method?: PickupMethod;
  /** What the keypad has typed; wiped when the transaction ends. Never logged. */
  readonly idNumber: string;
  readonly pickupCode: string;
  /** Why the last key or confirm was refused (an i18n key); cleared by the next accepted key. */
  readonly inputMessageKey?: string;
  /** Confirms refused for their format (the record counts them). */
  readonly badInputs: number;
  readonly livePhoto?: AttachmentRef & { readonly livenessMethod: string };
  readonly personId?: string;
  readonly certificate?: MatchedCertificate;
  /**
   * The unit's retain counter just before the dispense, if it answered: after a crash it tells
   * whether a certificate that left the gate went to the citizen or into the retain bin.
   */
  readonly retainCountBefore?: number;
  /** The certificate left its slot (the unit moved it to the gate). */
  readonly dispensed: boolean;
  readonly fate?: CertificateFate;
  readonly staffAction?: StaffAction;
  /** Why the certificate was not handed over, as an i18n key. */
  readonly failureKey?: string;
}

export type PickupEvent =
  // The citizen
  | { readonly type: 'CHOOSE'; readonly index: number }
  | { readonly type: 'KEY'; readonly key: string }
  | { readonly type: 'CONFIRM' }
  /** A pickup code read from the receipt's QR code by the screen's camera. */
  | { readonly type: 'CODE_SCANNED'; readonly code: string }
  | { readonly type: 'CANCEL' }
  | { readonly type: 'TIMEOUT' }
  // Effects
  | { readonly type: 'FACE_CAPTURED'; readonly photo: AttachmentRef & { readonly livenessMethod: string } }
  | { readonly type: 'VERIFIED'; readonly personId: string }
  | { readonly type: 'MATCHED'; readonly certificate: MatchedCertificate; readonly retainCount?: number }
  | { readonly type: 'DISPENSED' }
  /** After a restart: the certificate never left its slot. */
  | { readonly type: 'NOT_DISPENSED' }
  | { readonly type: 'CERTIFICATE_OUT'; readonly fate: CertificateFate }
  /** `certificate`: the one found, when the failure is about it (staff must know which). */
  | { readonly type: 'FAILED'; readonly failureKey: string; readonly staffAction?: StaffAction; readonly certificate?: MatchedCertificate }
  | { readonly type: 'EFFECT_FAILED' };

export const FIELD_MAX: Readonly<Record<PickupField, number>> = { idNumber: 18, pickupCode: 8 };
