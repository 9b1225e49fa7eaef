import { useTranslation } from '../../translation';
import { OutcomeHeading } from '../../components/OutcomeHeading';
import { StepFooter } from '../../components/StepFooter';
import { reasonKey } from '../../flow/endorsement-outcome';
import type { SessionActions, Step } from '../SessionScreens';

type Outcome = Step<'reprint-done'>['outcome'];

export const REPRINT_OUTCOME_TEXTS: Readonly<Record<Outcome, { readonly title: string; readonly hint: string; readonly mark: string }>> = {
  printed: { title: 'reprint.done.printed.title', hint: 'reprint.done.printed.hint', mark: '✓' },
  'not-printed': { title: 'reprint.done.notPrinted.title', hint: 'reprint.done.notPrinted.hint', mark: '!' },
  ended: { title: 'reprint.done.ended.title', hint: 'reprint.done.ended.hint', mark: 'i' },
};

/** How the reprint ended: take the certificate, or why nothing was printed, with the numbers to ask with. */
export function ReprintDoneScreen({ view, actions }: { readonly view: Step<'reprint-done'>; readonly actions: SessionActions }) {
  const { t, i18n } = useTranslation();
  const texts = REPRINT_OUTCOME_TEXTS[view.outcome];
  const reason = reasonKey(view.messageKey, (key) => i18n.exists(key));
  return (
    <main className={`screen step flow done reissue reprint outcome-${view.outcome}`} data-testid="screen-reprint-done" data-outcome={view.outcome}>
      <OutcomeHeading mark={texts.mark} title={texts.title} reason={reason} alert={view.outcome !== 'printed'} />
      <p className="hint">{t(texts.hint)}</p>
      {view.applicationNo || view.certificateNo ? (
        <dl className="transaction">
          {view.applicationNo ? (
            <>
              <dt>{t('reprint.done.applicationNo')}</dt>
              <dd data-testid="application-no">{view.applicationNo}</dd>
            </>
          ) : null}
          {view.certificateNo ? (
            <>
              <dt>{t('reprint.done.certificateNo')}</dt>
              <dd data-testid="certificate-no">{view.certificateNo}</dd>
            </>
          ) : null}
          {view.validTo ? (
            <>
              <dt>{t('reprint.done.validTo')}</dt>
              <dd data-testid="valid-to">{view.validTo}</dd>
            </>
          ) : null}
        </dl>
      ) : null}
      <StepFooter deadlineMs={view.deadlineMs} onLeave={actions.finish} leaveKey="actions.done" primary />
    </main>
  );
}
