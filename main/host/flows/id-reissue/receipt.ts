import { feed, qr, receipt, text } from '../../../../drivers/printer/document';
import type { ReceiptDocument } from '../../../../drivers/printer/document';
import { moneyText } from '../../../domain/endorsement-text';
import { maskIdNumber } from '../../../domain/id-number';
import type { ReceiptTexts } from '../endorsement/receipt';
import type { Delivery, IdReissueContext } from './types';

function header(context: IdReissueContext, t: ReceiptTexts, titleKey: string) {
  return [
    text(t('receipt.kioskTitle'), { align: 'centre', bold: true }),
    text(t(titleKey), { align: 'centre', bold: true, doubleSize: true }),
    feed(1),
    text(t('idReissue.receipt.applicationNo', { no: context.applicationNo })),
    text(t('receipt.time', { time: new Date(context.startedAtMs).toISOString().replace('T', ' ').slice(0, 16) })),
    text(t('receipt.kiosk', { kioskId: context.kioskId })),
  ];
}

function deliveryText(delivery: Delivery, t: ReceiptTexts): string {
  switch (delivery.kind) {
    case 'this-kiosk':
      return t('idReissue.delivery.thisKiosk');
    case 'station':
      return t('idReissue.receipt.station', { name: delivery.station.name, address: delivery.station.address });
    case 'mail-registered-address':
      return t('idReissue.receipt.mail', { address: delivery.addressMasked });
    default:
      return delivery satisfies never;
  }
}

function applicationLines(context: IdReissueContext, t: ReceiptTexts) {
  return [
    text(t('idReissue.receipt.idNumber', { number: context.idNumber ? maskIdNumber(context.idNumber) : '-' })),
    ...(context.reason ? [text(t('idReissue.receipt.reason', { reason: t(`idReissue.reason.${context.reason}`) }))] : []),
    ...(context.delivery ? [text(t('idReissue.receipt.delivery', { delivery: deliveryText(context.delivery, t) }))] : []),
    ...(context.payment ? [text(t('receipt.fee', { amount: t(moneyText(context.payment.amountFen).key, moneyText(context.payment.amountFen).values) }))] : []),
  ];
}

/** The receipt of a submitted application: its number, the pickup code, and where the card goes. */
export function reissueReceipt(context: IdReissueContext, t: ReceiptTexts): ReceiptDocument {
  return receipt([
    ...header(context, t, 'idReissue.receipt.title'),
    ...applicationLines(context, t),
    ...(context.pickupCode ? [text(t('idReissue.receipt.pickupCode', { code: context.pickupCode }), { bold: true, doubleSize: true })] : []),
    ...(context.certificate ? [] : [text(t('idReissue.receipt.certificateLater'), { bold: true })]),
    feed(1),
    // The QR is what the certificate pickup scans, the pickup code printed above it; the
    // application number (progress query, reprint) is typed from the text.
    qr(context.pickupCode ?? context.applicationNo, { moduleSize: 5 }),
    text(t('receipt.keep'), { align: 'centre' }),
  ]);
}

/** Paid and not delivered: the refund is recorded, and this says so with the application number. */
export function reissueFailureReceipt(context: IdReissueContext, t: ReceiptTexts): ReceiptDocument {
  const amount = moneyText(context.payment?.amountFen ?? 0);
  return receipt([
    ...header(context, t, 'idReissue.receipt.failureTitle'),
    ...applicationLines(context, t),
    ...(context.refundRefused
      ? [text(t('idReissue.receipt.refundPending', { amount: t(amount.key, amount.values) }), { bold: true })]
      : [text(t('receipt.refunded', { amount: t(amount.key, amount.values) }), { bold: true }), text(t('receipt.refundNote'))]),
    feed(1),
    qr(context.applicationNo, { moduleSize: 5 }),
    text(t('receipt.keep'), { align: 'centre' }),
  ]);
}
