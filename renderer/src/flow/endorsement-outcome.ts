/**
 * The words of the last screen: a title and a hint per outcome, and the reason the host gives.
 * Pure, so it is unit-tested.
 */
import type { SessionView } from '../../../main/api/contract';

export type Outcome = Extract<SessionView, { step: 'flow-done' }>['outcome'];

export const OUTCOME_TEXTS: Readonly<Record<Outcome, { readonly title: string; readonly hint: string }>> = {
  delivered: { title: 'endorsement.done.delivered.title', hint: 'endorsement.done.delivered.hint' },
  refunded: { title: 'endorsement.done.refunded.title', hint: 'endorsement.done.refunded.hint' },
  ended: { title: 'endorsement.done.ended.title', hint: 'endorsement.done.ended.hint' },
  'refund-pending': { title: 'endorsement.done.refundPending.title', hint: 'endorsement.done.refundPending.hint' },
};

/** The sign beside the last screen's title: done, not as planned, information. */
export const OUTCOME_MARKS: Readonly<Record<Outcome, string>> = { delivered: '✓', refunded: '!', ended: 'i', 'refund-pending': '!' };

// A group prefix, not a key: in backticks, which the catalogue key scan leaves alone.
const NOT_ELIGIBLE_PREFIX = `endorsement.notEligible.`;

/**
 * The reason to show for the host's message key. A key the catalogues lack (a host newer than
 * the screen) never reaches the citizen as a raw key: a central refusal the screen has no words
 * for reads as the generic "not eligible", anything else as the generic failure.
 */
export function reasonKey(messageKey: string | null, known: (key: string) => boolean): string | null {
  if (messageKey === null) return null;
  if (known(messageKey)) return messageKey;
  return messageKey.startsWith(NOT_ELIGIBLE_PREFIX) ? 'endorsement.failed.notEligible' : 'errors.internal';
}
