import { useTranslation } from '../../translation';
import { OutcomeHeading } from '../../components/OutcomeHeading';
import { StepFooter } from '../../components/StepFooter';
import { reasonKey } from '../../flow/endorsement-outcome';
import type { SessionActions, Step } from '../SessionScreens';

type Outcome = Step<'pickup-done'>['outcome'];

const OUTCOME_TEXTS: Readonly<Record<Outcome, { readonly title: string; readonly hint: string; readonly mark: string }>> = {
  collected: { title: 'pickup.done.collected.title', hint: 'pickup.done.collected.hint', mark: '✓' },
  retained: { title: 'pickup.done.retained.title', hint: 'pickup.done.retained.hint', mark: '!' },
  'not-collected': { title: 'pickup.done.notCollected.title', hint: 'pickup.done.notCollected.hint', mark: 'i' },
};

/** How the pickup ended, why (when it did not go as planned), and the transaction number to ask with. */
export function PickupDoneScreen({ view, actions }: { readonly view: Step<'pickup-done'>; readonly actions: SessionActions }) {
  const { t, i18n } = useTranslation();
  const texts = OUTCOME_TEXTS[view.outcome];
  const reason = reasonKey(view.messageKey, (key) => i18n.exists(key));
  return (
    <main className={`screen step flow done pickup outcome-${view.outcome}`} data-testid="screen-pickup-done" data-outcome={view.outcome}>
      <OutcomeHeading mark={texts.mark} title={texts.title} reason={reason} alert={view.outcome !== 'collected'} />
      {/* "Still kept for you" is not true of a certificate that left the magazine and was lost track of. */}
      {reason === 'pickup.failed.handOverUnknown' ? null : <p className="hint">{t(texts.hint)}</p>}
      <dl className="transaction">
        <dt>{t('pickup.done.transactionNo')}</dt>
        <dd data-testid="transaction-no">{view.transactionNo}</dd>
      </dl>
      <StepFooter deadlineMs={view.deadlineMs} onLeave={actions.finish} leaveKey="actions.done" primary />
    </main>
  );
}
