import { useTranslation } from '../translation';
import { QrCode } from './QrCode';

/** No paper for the receipt: says so, and shows the number it would have carried as a code to photograph. */
export function ReceiptMissing({ number, noteKey }: { readonly number: string; readonly noteKey: string }) {
  const { t } = useTranslation();
  return (
    <>
      <p className="note" data-testid="receipt-note">
        {t(noteKey)}
      </p>
      <QrCode payload={number} label={t('endorsement.done.receiptQr')} unavailable={t(noteKey)} testId="receipt-qr" />
    </>
  );
}
