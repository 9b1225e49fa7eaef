import { useTranslation } from 'react-i18next';
import { Countdown } from '../../components/Countdown';
import { QrCode } from '../../components/QrCode';
import { REISSUE_OUTCOME_TEXTS } from '../../flow/id-reissue-outcome';
import { reasonKey } from '../../flow/endorsement-outcome';
import type { SessionActions, Step } from '../SessionScreens';

const OUTCOME_MARKS = { delivered: '✓', refunded: '!', ended: 'i', 'refund-pending': '!' } as const;

/**
 * The end of an ID reissue: the application number and the pickup code to keep, and where to get
 * the temporary certificate when it could not be printed here.
 */
export function ReissueDoneScreen({ view, actions }: { readonly view: Step<'flow-done'>; readonly actions: SessionActions }) {
  const { t, i18n } = useTranslation();
  const texts = REISSUE_OUTCOME_TEXTS[view.outcome];
  const reason = reasonKey(view.messageKey, (key) => i18n.exists(key));
  const delivered = view.outcome === 'delivered';
  return (
    <main className={`screen step flow done reissue outcome-${view.outcome}`} data-testid="screen-flow-done" data-outcome={view.outcome}>
      <span className="outcome-mark" aria-hidden="true">
        {OUTCOME_MARKS[view.outcome]}
      </span>
      <h1 data-testid="prompt" role={delivered ? undefined : 'alert'}>
        {t(texts.title)}
      </h1>
      {reason ? (
        <p className="reason" data-testid="reason">
          {t(reason)}
        </p>
      ) : null}
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
      {delivered && view.certificate === 'printed' ? (
        <p className="note" data-testid="certificate-note" data-certificate="printed">
          {t('idReissue.done.certificatePrinted')}
        </p>
      ) : null}
      {delivered && (view.certificate === 'not-printed' || view.certificate === 'not-issued') ? (
        <p className="note" role="alert" data-testid="certificate-note" data-certificate={view.certificate}>
          {t('idReissue.done.certificateElsewhere', { no: view.transactionNo })}
        </p>
      ) : null}
      {view.receiptPrinted || view.outcome === 'ended' ? null : (
        <>
          <p className="note" data-testid="receipt-note">
            {t('idReissue.done.receiptNotPrinted')}
          </p>
          <QrCode payload={view.transactionNo} label={t('endorsement.done.receiptQr')} unavailable={t('idReissue.done.receiptNotPrinted')} testId="receipt-qr" />
        </>
      )}
      <Countdown deadlineMs={view.deadlineMs} />
      <div className="actions">
        <button type="button" className="primary" onClick={actions.finish}>
          {t('actions.done')}
        </button>
      </div>
    </main>
  );
}
