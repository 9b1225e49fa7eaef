/**
 * The temporary identity certificate (临时身份证明) a citizen takes away after a paid ID card
 * reissue, printed on the 80 mm receipt printer from what central's `/temporary-certificates`
 * answered: the title, a double rule, the holder's photo in a bordered photo box, the holder's
 * name, sex, birth date and full ID number, a rule, the certificate number, validity and issuer,
 * a double rule, then the verification QR (central's `verifyPayload`) and the conditions of use.
 *
 * Rules and the photo box are raster (`GS v 0`), not box-drawing characters: text lines advance
 * the paper by the printer's line spacing, which leaves gaps between rows of a drawn side rule,
 * while raster dots land exactly where they are put.
 *
 * Language: the slip is always in Simplified Chinese, whatever language the citizen chose on
 * the screen. It is an official document read by whoever checks it (a railway gate, a hotel, a
 * police officer) in mainland China, like the ID card it stands in for. The labels still come
 * from the catalogues (`receipt.temporaryCertificate.*`, present in all three languages so the
 * screen can name the same fields), read through `receiptTexts('zh-CN')` by default.
 */
import { encodeDocument } from '../../../drivers/printer/codec';
import { checkDocument, feed, MAX_RASTER_WIDTH_BYTES, qr, type ReceiptDocument, receipt, text } from '../../../drivers/printer/document';
import type { TemporaryCertificate } from '../central/central-schemas';
import type { ReceiptTexts } from '../flows/endorsement/receipt';
import { receiptTexts } from '../receipt-texts';
import { type Field, fieldLines, labelColumns } from './field-lines';
import { blankBitmap, blit, fillRect, rasterBands, strokeRect } from './mono-bitmap';
import { photoBitmap } from './photo-raster';
import { SlipError } from './slip-error';

export { SlipError, type SlipErrorCode } from './slip-error';

export const TEMPORARY_CERTIFICATE_LANGUAGE = 'zh-CN';

/** The photo box: 26 x 32 mm at 203 dpi, about the size of the photo on the ID card. */
export const PHOTO_BOX = { width: 208, height: 256 } as const;
/** White rows above and below the photo box. */
const PHOTO_MARGIN = 16;
const PHOTO_BORDER = 2;
const PAPER_DOTS = MAX_RASTER_WIDTH_BYTES * 8;
/** Rules stop short of the paper's edges, as a printed form's frame does. */
const RULE_INSET = 8;
/** Thick-thin double rule, and a thin one: black and white runs of dots, top to bottom. */
const DOUBLE_RULE = [4, 3, 1] as const;
const SINGLE_RULE = [2] as const;

const SEX_KEYS = { male: 'receipt.temporaryCertificate.male', female: 'receipt.temporaryCertificate.female' } as const;

export interface SlipOptions {
  /**
   * The GA 461 photo taken at the kiosk during this reissue. The slip prints central's photo on
   * record when it sends one (the photo the registry vouches for); this one only when it does not.
   */
  readonly kioskPhotoJpeg?: Uint8Array;
}

export type SlipResult = { readonly ok: true; readonly document: ReceiptDocument } | { readonly ok: false; readonly error: SlipError };

function photoJpeg(certificate: TemporaryCertificate, options: SlipOptions): Uint8Array | undefined {
  if (certificate.photoOnRecord !== null) return Buffer.from(certificate.photoOnRecord, 'base64');
  return options.kioskPhotoJpeg;
}

/** A horizontal rule across the paper: `runs` alternate black and white rows, starting black. */
function rule(runs: readonly number[]) {
  const height = runs.reduce((sum, run) => sum + run, 0);
  const band = blankBitmap(PAPER_DOTS, height + 8);
  let y = 4;
  runs.forEach((run, index) => {
    if (index % 2 === 0) fillRect(band, RULE_INSET, y, PAPER_DOTS - 2 * RULE_INSET, run);
    y += run;
  });
  return rasterBands(band, 'left');
}

/**
 * The photo centred in its bordered box, with white rows above and below. The band is only as wide
 * as the box and centred by the printer (ESC a): a third of the bytes of a full-width band, which
 * on the 115200-baud link is about a second less per slip.
 */
function photoSection(jpeg: Uint8Array | undefined) {
  const photo = photoBitmap(jpeg, PHOTO_BOX.width, PHOTO_BOX.height);
  const boxWidth = PHOTO_BOX.width + 2 * PHOTO_BORDER;
  const boxHeight = PHOTO_BOX.height + 2 * PHOTO_BORDER;
  const section = blankBitmap(Math.ceil(boxWidth / 8) * 8, boxHeight + 2 * PHOTO_MARGIN);
  const boxLeft = Math.floor((section.width - boxWidth) / 2);
  strokeRect(section, boxLeft, PHOTO_MARGIN, boxWidth, boxHeight, PHOTO_BORDER);
  const photoLeft = boxLeft + PHOTO_BORDER + Math.floor((PHOTO_BOX.width - photo.width) / 2);
  const photoTop = PHOTO_MARGIN + PHOTO_BORDER + Math.floor((PHOTO_BOX.height - photo.height) / 2);
  blit(section, photo, photoLeft, photoTop);
  return rasterBands(section, 'centre');
}

/** `1990-03-07` as the ID card writes it, through the catalogue's date pattern. */
function longDate(t: ReceiptTexts, isoDate: string): string {
  const [year = '', month = '', day = ''] = isoDate.split('-');
  return t('receipt.temporaryCertificate.date', { year, month: String(Number(month)), day: String(Number(day)) });
}

/** `2026.11.23-2026.12.23`, the ID card's way of writing a validity period. */
function validity(from: string, to: string): string {
  return `${from.replaceAll('-', '.')}-${to.replaceAll('-', '.')}`;
}

/** The holder's identity, then the certificate's own facts, labels lined up across both groups. */
function fieldGroups(certificate: TemporaryCertificate, t: ReceiptTexts) {
  const { holder } = certificate;
  const identity: Field[] = [
    { label: t('receipt.temporaryCertificate.name'), value: holder.name, bold: true },
    { label: t('receipt.temporaryCertificate.sex'), value: t(SEX_KEYS[holder.sex]) },
    { label: t('receipt.temporaryCertificate.birthDate'), value: longDate(t, holder.birthDate) },
    { label: t('receipt.temporaryCertificate.idNumber'), value: holder.idNumber, bold: true },
  ];
  const issued: Field[] = [
    { label: t('receipt.temporaryCertificate.certificateNo'), value: certificate.certificateNo },
    { label: t('receipt.temporaryCertificate.validity'), value: validity(certificate.validFrom, certificate.validTo) },
    { label: t('receipt.temporaryCertificate.issuer'), value: certificate.issuer },
  ];
  const width = labelColumns([...identity, ...issued]);
  return { identity: fieldLines(identity, width), issued: fieldLines(issued, width) };
}

function compose(certificate: TemporaryCertificate, t: ReceiptTexts, options: SlipOptions): ReceiptDocument {
  const fields = fieldGroups(certificate, t);
  const document = receipt([
    text(t('receipt.temporaryCertificate.title'), { align: 'centre', bold: true, doubleSize: true }),
    ...rule(DOUBLE_RULE),
    ...photoSection(photoJpeg(certificate, options)),
    ...fields.identity,
    ...rule(SINGLE_RULE),
    ...fields.issued,
    ...rule(DOUBLE_RULE),
    feed(1),
    qr(certificate.verifyPayload, { moduleSize: 5, errorCorrection: 'M' }),
    // A quiet zone under the symbol: a scanner needs white around all four sides.
    feed(1),
    text(t('receipt.temporaryCertificate.verify'), { align: 'centre' }),
    feed(1),
    text(t('receipt.temporaryCertificate.note')),
  ]);
  const check = checkDocument(document);
  if (!check.ok) throw new SlipError('unprintable-text', `the certificate cannot be printed: ${check.message}`);
  return document;
}

/** The slip as a document for `PrinterDriver.print` (which keeps it to print again after paper-out). */
export function temporaryCertificateDocument(
  certificate: TemporaryCertificate,
  texts: ReceiptTexts = receiptTexts(TEMPORARY_CERTIFICATE_LANGUAGE),
  options: SlipOptions = {},
): SlipResult {
  try {
    return { ok: true, document: compose(certificate, texts, options) };
  } catch (error) {
    if (error instanceof SlipError) return { ok: false, error };
    throw error;
  }
}

/**
 * The slip's ESC/POS job: `1B 40`, GB18030 text in Chinese mode (`1C 26` ... `1C 2E`), the frame
 * and photo as `GS v 0` bands, the QR, the cut. Throws a SlipError when the photo is missing or
 * unreadable or a value cannot be printed.
 */
export function temporaryCertificateJob(
  certificate: TemporaryCertificate,
  texts: ReceiptTexts = receiptTexts(TEMPORARY_CERTIFICATE_LANGUAGE),
  options: SlipOptions = {},
): Uint8Array {
  const slip = temporaryCertificateDocument(certificate, texts, options);
  if (!slip.ok) throw slip.error;
  return encodeDocument(slip.document);
}
