import type { Outcome } from './endorsement-outcome';

/** The words of the ID reissue's last screen: a title and a hint per outcome. */
export const REISSUE_OUTCOME_TEXTS: Readonly<Record<Outcome, { readonly title: string; readonly hint: string }>> = {
  delivered: { title: 'idReissue.done.delivered.title', hint: 'idReissue.done.delivered.hint' },
  refunded: { title: 'idReissue.done.refunded.title', hint: 'idReissue.done.refunded.hint' },
  ended: { title: 'idReissue.done.ended.title', hint: 'idReissue.done.ended.hint' },
  'refund-pending': { title: 'idReissue.done.refundPending.title', hint: 'idReissue.done.refundPending.hint' },
};
