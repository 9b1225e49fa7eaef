import { useTranslation } from '../../translation';
import { StepFooter } from '../../components/StepFooter';
import { QrCode } from '../../components/QrCode';
import { ScanToPayIllustration } from '../../illustrations/ScanToPayIllustration';
import { entriesText, moneyText, typeText, validityText } from '../../../../main/domain/endorsement-text';
import type { SessionActions, Step } from '../SessionScreens';
import { useText } from './OptionText';

/** The payment QR code for the chosen endorsement, the amount, and how long the code is valid. */
export function PayScreen({ view, actions }: { readonly view: Step<'pay'>; readonly actions: SessionActions }) {
  const { t } = useTranslation();
  const text = useText();
  const { option } = view;
  return (
    <main className="screen step flow" data-testid="screen-pay">
      <h1 data-testid="prompt">{t('endorsement.pay.title')}</h1>
      <dl className="pay-summary">
        <dt>{t('endorsement.pay.item')}</dt>
        <dd data-testid="pay-item">
          {option ? `${text(typeText(option.code))} · ${text(validityText(option.validity))} · ${text(entriesText(option.entries))}` : t(view.itemKey ?? 'idReissue.pay.item')}
        </dd>
        <dt>{t('endorsement.pay.amount')}</dt>
        <dd className="pay-amount" data-testid="pay-amount">
          {text(moneyText(view.amountFen))}
        </dd>
      </dl>
      <QrCode payload={view.qrPayload} label={t('endorsement.pay.qr')} unavailable={t('endorsement.pay.qrUnavailable')} />
      <ScanToPayIllustration />
      <p className="hint">{t('endorsement.pay.hint')}</p>
      <StepFooter deadlineMs={view.deadlineMs} messageKey="endorsement.pay.countdown" onLeave={actions.cancel} />
    </main>
  );
}
