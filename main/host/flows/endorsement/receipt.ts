import { feed, qr, receipt, text } from '../../../../drivers/printer/document';
import type { ReceiptDocument } from '../../../../drivers/printer/document';
import { entriesText, moneyText, type Text, typeText, validityText } from '../../../domain/endorsement-text';
import { maskIdNumber } from '../../../domain/id-number';
import type { EndorsementContext } from './types';

/** Receipt words come from the catalogues like every word a citizen reads (see receipt-texts.ts). */
export type ReceiptTexts = (key: string, values?: Readonly<Record<string, string | number>>) => string;

const say = (t: ReceiptTexts, text: Text): string => t(text.key, text.values);

function header(context: EndorsementContext, t: ReceiptTexts, titleKey: string) {
  return [
    text(t('receipt.kioskTitle'), { align: 'centre', bold: true }),
    text(t(titleKey), { align: 'centre', bold: true, doubleSize: true }),
    feed(1),
    text(t('receipt.transactionNo', { no: context.transactionNo })),
    text(t('receipt.time', { time: new Date(context.startedAtMs).toISOString().replace('T', ' ').slice(0, 16) })),
    text(t('receipt.kiosk', { kioskId: context.kioskId })),
  ];
}

function endorsementLines(context: EndorsementContext, t: ReceiptTexts) {
  const chosen = context.chosen;
  if (!chosen) return [];
  return [
    text(t('receipt.permit', { number: context.permit ? maskIdNumber(context.permit.number) : '-' })),
    text(t('receipt.endorsement', { type: say(t, typeText(chosen.code)), validity: say(t, validityText(chosen.validity)), entries: say(t, entriesText(chosen.entries)) })),
    text(t('receipt.fee', { amount: say(t, moneyText(chosen.feeFen)) })),
  ];
}

/** The receipt of a delivered endorsement: what was issued, the fee, and the number to ask with. */
export function endorsementReceipt(context: EndorsementContext, t: ReceiptTexts): ReceiptDocument {
  return receipt([
    ...header(context, t, 'receipt.endorsementTitle'),
    ...endorsementLines(context, t),
    ...(context.permitFate === 'retained' ? [text(t('receipt.permitRetained'), { bold: true })] : []),
    feed(1),
    qr(context.transactionNo, { moduleSize: 5 }),
    text(t('receipt.keep'), { align: 'centre' }),
  ]);
}

/** Paid and not delivered: the refund is recorded, and this says so with the transaction number. */
export function failureReceipt(context: EndorsementContext, t: ReceiptTexts): ReceiptDocument {
  return receipt([
    ...header(context, t, 'receipt.failureTitle'),
    ...endorsementLines(context, t),
    ...(context.refundRefused
      ? [text(t('receipt.refundPending', { amount: say(t, moneyText(context.payment?.amountFen ?? 0)) }), { bold: true })]
      : [text(t('receipt.refunded', { amount: say(t, moneyText(context.payment?.amountFen ?? 0)) }), { bold: true }), text(t('receipt.refundNote'))]),
    feed(1),
    qr(context.transactionNo, { moduleSize: 5 }),
    text(t('receipt.keep'), { align: 'centre' }),
  ]);
}
