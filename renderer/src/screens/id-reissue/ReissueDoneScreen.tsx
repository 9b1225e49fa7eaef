import { useTranslation } from '../../translation';
import { Countdown } from '../../components/Countdown';
import { OutcomeHeading } from '../../components/OutcomeHeading';
import { ReceiptMissing } from '../../components/ReceiptMissing';
import { OUTCOME_MARKS, reasonKey } from '../../flow/endorsement-outcome';
import { REISSUE_OUTCOME_TEXTS } from '../../flow/id-reissue-outcome';
import type { SessionActions, Step } from '../SessionScreens';

/**
 * The end of an ID reissue: the application number and the pickup code to keep, and where to get
 * the temporary certificate when it could not be printed here.
 */
export function ReissueDoneScreen({ view, actions }: { readonly view: Step<'flow-done'>; readonly actions: SessionActions }) {
  const { t, i18n } = useTranslation();
  const texts = REISSUE_OUTCOME_TEXTS[view.outcome];
  const reason = reasonKey(view.messageKey, (key) => i18n.exists(key));
  const delivered = view.outcome === 'delivered';
  const elsewhere = delivered && (view.certificate === 'not-printed' || view.certificate === 'not-issued');
  return (
    <main className={`screen step flow done reissue outcome-${view.outcome}`} data-testid="screen-flow-done" data-outcome={view.outcome}>
      <OutcomeHeading mark={OUTCOME_MARKS[view.outcome]} title={texts.title} reason={reason} alert={!delivered} />
      <p className="hint">{t(texts.hint)}</p>
      <dl className="transaction">
        <dt>{t('idReissue.done.applicationNo')}</dt>
        <dd data-testid="transaction-no">{view.transactionNo}</dd>
        {view.pickupCode ? (
          <>
            <dt>{t('idReissue.done.pickupCode')}</dt>
            <dd data-testid="pickup-code">{view.pickupCode}</dd>
          </>
        ) : null}
      </dl>
      {delivered && view.certificate ? (
        <p className="note" role={elsewhere ? 'alert' : undefined} data-testid="certificate-note" data-certificate={view.certificate}>
          {elsewhere ? t('idReissue.done.certificateElsewhere', { no: view.transactionNo }) : t('idReissue.done.certificatePrinted')}
        </p>
      ) : null}
      {view.receiptPrinted || view.outcome === 'ended' ? null : <ReceiptMissing number={view.transactionNo} noteKey="idReissue.done.receiptNotPrinted" />}
      <Countdown deadlineMs={view.deadlineMs} />
      <div className="actions">
        <button type="button" className="primary" onClick={actions.finish}>
          {t('actions.done')}
        </button>
      </div>
    </main>
  );
}
