import type { ApplicationProgress, QueryField } from '../../../api/contract';

/** How the citizen identifies themselves to the query. */
export type QueryMethod = 'id-card' | 'application-no';

/** How a query ended, for the audit line (never what was asked or found). */
export type QueryOutcome = 'found' | 'not-found' | 'central-unreachable' | 'reader-failed' | 'cancelled' | 'timed-out' | 'interrupted';

export interface ProgressQueryInput {
  readonly sessionId: string;
  readonly kioskId: string;
  readonly startedAtMs: number;
  /** The ID reader could serve when the session began: the ID-card way is offered. */
  readonly idCardAvailable: boolean;
}

export interface ProgressQueryContext extends ProgressQueryInput {
  readonly method?: QueryMethod;
  /** What the keypad has typed so far. */
  readonly applicationNo: string;
  readonly idNumberLast4: string;
  /** Why the last confirm was refused (an i18n key); cleared by the next key. */
  readonly inputMessageKey?: string;
  /** Confirms refused for their format, across the session (the audit line counts them). */
  readonly badInputs: number;
  /** From the card, only until central has answered. */
  readonly idNumber?: string;
  readonly applications?: readonly ApplicationProgress[];
  readonly failureKey?: string;
  readonly outcome?: QueryOutcome;
}

export type ProgressQueryEvent =
  // The citizen
  | { readonly type: 'CHOOSE'; readonly index: number }
  | { readonly type: 'KEY'; readonly key: string }
  | { readonly type: 'CONFIRM' }
  | { readonly type: 'RETRY' }
  | { readonly type: 'CANCEL' }
  | { readonly type: 'TIMEOUT' }
  // Effects
  | { readonly type: 'ID_CARD_READ'; readonly idNumber: string }
  | { readonly type: 'RESULTS'; readonly applications: readonly ApplicationProgress[] }
  | { readonly type: 'FAILED'; readonly failureKey: string; readonly outcome: QueryOutcome }
  | { readonly type: 'EFFECT_FAILED' };

export const FIELD_MAX: Readonly<Record<QueryField, number>> = { applicationNo: 26, idNumberLast4: 4 };
