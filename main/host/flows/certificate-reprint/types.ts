import type { TemporaryCertificate } from '../../central/central-schemas';
import type { AttachmentRef } from '../../store/outbox';
import type { TypedIdentityEvent } from '../typed-identity/face-steps';

/** The reissue applications whose temporary certificate may be printed again: submitted, not collected, not rejected. */
export const REPRINTABLE_STATUSES = ['received', 'in-production', 'ready-for-pickup', 'mailed'] as const;
export type ReprintableStatus = (typeof REPRINTABLE_STATUSES)[number];

/** One of the citizen's reissue applications, as the choice lists it. */
export interface ReprintableApplication {
  readonly applicationNo: string;
  readonly status: ReprintableStatus;
  readonly submittedAt: string;
}

export interface ReprintInput {
  readonly sessionId: string;
  readonly kioskId: string;
  readonly startedAtMs: number;
}

/**
 * Where the slip stands: printed, not printed (the printer failed; nothing lost), or unknown (the
 * host died while printing it: never printed again for nobody).
 */
export type SlipFate = 'printed' | 'not-printed' | 'unknown';

export interface ReprintContext extends ReprintInput {
  /** What the keypad has typed so far (digits and X); wiped when the flow ends. */
  readonly typed: string;
  /** Why the last confirm was refused (an i18n key); cleared by the next key. */
  readonly inputMessageKey?: string;
  /** Confirms refused for their format (the record counts them). */
  readonly badInputs: number;
  /** The ID number, checked on the kiosk; sealed at rest, wiped when the flow ends. */
  readonly idNumber?: string;
  readonly livePhoto?: AttachmentRef & { readonly livenessMethod: string };
  /** Central's person for the face and number; wiped when the flow ends. */
  readonly personId?: string;
  /** The citizen's reprintable applications, when there is more than one to choose from. */
  readonly applications: readonly ReprintableApplication[];
  readonly applicationNo?: string;
  /** Journaled before POST /temporary-certificates (made in the transition that enters the call). */
  readonly certificateKey?: string;
  /** Central's certificate, only until it is printed (it holds the full ID number and the photo). */
  readonly certificate?: TemporaryCertificate;
  readonly certificateNo?: string;
  /** The certificate's last valid day (YYYY-MM-DD, China time), as central gave it. */
  readonly validTo?: string;
  readonly slipFate?: SlipFate;
  /** Why nothing (or not everything) was printed, as an i18n key. */
  readonly failureKey?: string;
}

export type ReprintEvent =
  // The citizen
  | { readonly type: 'KEY'; readonly key: string }
  | { readonly type: 'CONFIRM' }
  | { readonly type: 'CHOOSE'; readonly index: number }
  | { readonly type: 'CANCEL' }
  | { readonly type: 'TIMEOUT' }
  // Effects
  | TypedIdentityEvent
  | { readonly type: 'APPLICATIONS_FOUND'; readonly applications: readonly ReprintableApplication[] }
  | { readonly type: 'CERTIFICATE_ISSUED'; readonly certificate: TemporaryCertificate }
  /** Central's certificate for the application, whose validity has already ended: nothing is printed. */
  | { readonly type: 'CERTIFICATE_EXPIRED'; readonly certificateNo: string; readonly validTo: string }
  | { readonly type: 'CERTIFICATE_PRINTED'; readonly printed: boolean; readonly failureKey?: string };
