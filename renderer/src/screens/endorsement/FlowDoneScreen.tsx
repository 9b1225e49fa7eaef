import { useTranslation } from '../../translation';
import { OutcomeHeading } from '../../components/OutcomeHeading';
import { ReceiptMissing } from '../../components/ReceiptMissing';
import { StepFooter } from '../../components/StepFooter';
import { OUTCOME_MARKS, OUTCOME_TEXTS, reasonKey } from '../../flow/endorsement-outcome';
import type { SessionActions, Step } from '../SessionScreens';

/** How it ended, the transaction number to keep, and what to do about a receipt or a kept permit. */
export function FlowDoneScreen({ view, actions }: { readonly view: Step<'flow-done'>; readonly actions: SessionActions }) {
  const { t, i18n } = useTranslation();
  const texts = OUTCOME_TEXTS[view.outcome];
  const reason = reasonKey(view.messageKey, (key) => i18n.exists(key));
  return (
    <main className={`screen step flow done outcome-${view.outcome}`} data-testid="screen-flow-done" data-outcome={view.outcome}>
      <OutcomeHeading mark={OUTCOME_MARKS[view.outcome]} title={texts.title} reason={reason} alert={view.outcome !== 'delivered'} />
      <p className="hint">{t(texts.hint)}</p>
      <dl className="transaction">
        <dt>{t('endorsement.done.transactionNo')}</dt>
        <dd data-testid="transaction-no">{view.transactionNo}</dd>
      </dl>
      {view.permitRetained ? (
        <p className="note" data-testid="retained-note">
          {t('endorsement.done.permitRetained')}
        </p>
      ) : null}
      {/* No paper: the receipt's proof, the transaction number, as a code to photograph. */}
      {view.receiptPrinted || view.outcome === 'ended' ? null : <ReceiptMissing number={view.transactionNo} noteKey="endorsement.done.receiptNotPrinted" />}
      <StepFooter deadlineMs={view.deadlineMs} onLeave={actions.finish} leaveKey="actions.done" primary />
    </main>
  );
}
