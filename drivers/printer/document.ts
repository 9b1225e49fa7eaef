/**
 * The receipt document model: the small subset of ESC/POS the kiosk prints (see
 * shared/contracts/receipt-printer-escpos.md). A document is what a transaction keeps so that a
 * receipt interrupted by paper-out can be printed again, so it is plain readonly data.
 */
import iconv from 'iconv-lite';
import { PAPER_COLUMNS, textColumns, wrapWords } from './text-width';

export type Alignment = 'left' | 'centre' | 'right';
export type QrErrorCorrection = 'L' | 'M' | 'Q' | 'H';

export interface TextLine {
  readonly kind: 'text';
  readonly text: string;
  readonly align: Alignment;
  readonly bold: boolean;
  /** Double width and double height (`1D 21 11`). */
  readonly doubleSize: boolean;
}

export interface Feed {
  readonly kind: 'feed';
  /** 0..255 lines (`1B 64 n`). */
  readonly lines: number;
}

export interface QrCode {
  readonly kind: 'qr';
  /** Stored as UTF-8 bytes in the symbol. */
  readonly data: string;
  /** Module size in dots, 1..16. */
  readonly moduleSize: number;
  readonly errorCorrection: QrErrorCorrection;
  readonly align: Alignment;
}

export interface Cut {
  readonly kind: 'cut';
  /** Lines fed before the partial cut (`1D 56 42 n`), 0..255. */
  readonly feedLines: number;
}

/**
 * A raster bit image (`GS v 0`, normal density): rows of `widthBytes` bytes, most significant bit
 * leftmost, 1 = a black dot. One element is one command, so it keeps within the limits below; a
 * taller picture is several bands one after the other (they print with no gap between them).
 */
export interface RasterImage {
  readonly kind: 'image';
  readonly widthBytes: number;
  readonly heightDots: number;
  /** widthBytes * heightDots bytes, row after row. */
  readonly data: Uint8Array;
  readonly align: Alignment;
}

export type ReceiptElement = TextLine | Feed | QrCode | RasterImage | Cut;

export interface ReceiptDocument {
  readonly elements: readonly ReceiptElement[];
}

/** The 80 mm head is 576 dots (72 bytes) wide; a wider raster would be cut off by the printer. */
export const MAX_RASTER_WIDTH_BYTES = 72;
/**
 * Rows per `GS v 0` command. The printer contract names no raster limit; Chinese 80 mm firmware
 * commonly buffers one command whole, so a band is kept to 255 rows (yH = 0, at most 18 KB).
 */
export const MAX_RASTER_BAND_ROWS = 255;

/** Byte-mode QR capacity at the lowest error correction level (version 40-L). */
export const MAX_QR_DATA_BYTES = 2953;

export interface TextOptions {
  readonly align?: Alignment;
  readonly bold?: boolean;
  readonly doubleSize?: boolean;
}

export function text(value: string, options: TextOptions = {}): TextLine {
  return {
    kind: 'text',
    text: value,
    align: options.align ?? 'left',
    bold: options.bold ?? false,
    doubleSize: options.doubleSize ?? false,
  };
}

export function feed(lines: number): Feed {
  return { kind: 'feed', lines };
}

export function qr(
  data: string,
  options: { moduleSize?: number; errorCorrection?: QrErrorCorrection; align?: Alignment } = {},
): QrCode {
  return {
    kind: 'qr',
    data,
    moduleSize: options.moduleSize ?? 6,
    errorCorrection: options.errorCorrection ?? 'M',
    align: options.align ?? 'centre',
  };
}

export function image(widthBytes: number, heightDots: number, data: Uint8Array, align: Alignment = 'centre'): RasterImage {
  return { kind: 'image', widthBytes, heightDots, data, align };
}

export function cut(feedLines = 3): Cut {
  return { kind: 'cut', feedLines };
}

/** A printable receipt: the body followed by exactly one cut, which ends the job. */
export function receipt(body: readonly Exclude<ReceiptElement, Cut>[], cutFeedLines = 3): ReceiptDocument {
  return { elements: [...body.flatMap(brokenAtWords), cut(cutFeedLines)] };
}

/**
 * A text line wider than the paper as several, broken between words (the printer itself would
 * break it wherever its columns run out, mid-word: "rec" / "eipt"). Double size takes two columns
 * a character. A line that fits is kept as it is.
 */
function brokenAtWords<E extends ReceiptElement>(element: E): E[] {
  if (element.kind !== 'text') return [element];
  const columns = PAPER_COLUMNS / (element.doubleSize ? 2 : 1);
  if (textColumns(element.text) <= columns) return [element];
  return wrapWords(element.text, columns).map((part) => ({ ...element, text: part }));
}

export type DocumentCheck = { readonly ok: true } | { readonly ok: false; readonly message: string };

function isByte(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= 255;
}

/**
 * Text goes to the printer as GB18030 in a single line, so control characters (which the
 * printer would take as commands) and characters that do not survive GB18030 are refused here
 * rather than printed as something else.
 */
export function checkText(value: string): DocumentCheck {
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20) return { ok: false, message: `control character U+${code.toString(16).padStart(4, '0')} in text` };
  }
  if (iconv.decode(iconv.encode(value, 'gb18030'), 'gb18030') !== value) {
    return { ok: false, message: `text cannot be printed exactly in GB18030: ${JSON.stringify(value)}` };
  }
  return { ok: true };
}

/** A document the driver will print: valid elements and exactly one cut, at the end. */
export function checkDocument(document: ReceiptDocument): DocumentCheck {
  const elements = document.elements;
  if (elements.length === 0) return { ok: false, message: 'empty document' };
  for (const [index, element] of elements.entries()) {
    const check = checkElement(element);
    if (!check.ok) return { ok: false, message: `element ${index}: ${check.message}` };
    if (element.kind === 'cut' && index !== elements.length - 1) {
      return { ok: false, message: `element ${index}: a cut ends the job and must be the last element` };
    }
  }
  if (elements[elements.length - 1]?.kind !== 'cut') return { ok: false, message: 'document must end with a cut' };
  return { ok: true };
}

export function checkElement(element: ReceiptElement): DocumentCheck {
  switch (element.kind) {
    case 'text':
      return checkText(element.text);
    case 'feed':
      return isByte(element.lines) ? { ok: true } : { ok: false, message: `feed lines ${element.lines} not in 0..255` };
    case 'qr': {
      const bytes = Buffer.from(element.data, 'utf8');
      if (bytes.toString('utf8') !== element.data) return { ok: false, message: 'QR data is not valid Unicode' };
      const size = bytes.length;
      if (size < 1 || size > MAX_QR_DATA_BYTES) {
        return { ok: false, message: `QR data is ${size} bytes, must be 1..${MAX_QR_DATA_BYTES}` };
      }
      if (!Number.isInteger(element.moduleSize) || element.moduleSize < 1 || element.moduleSize > 16) {
        return { ok: false, message: `QR module size ${element.moduleSize} not in 1..16` };
      }
      return { ok: true };
    }
    case 'image':
      return checkImage(element);
    case 'cut':
      return isByte(element.feedLines)
        ? { ok: true }
        : { ok: false, message: `cut feed ${element.feedLines} not in 0..255` };
    default: {
      const unreachable: never = element;
      return { ok: false, message: `unknown element ${JSON.stringify(unreachable)}` };
    }
  }
}

function checkImage(element: RasterImage): DocumentCheck {
  const { widthBytes, heightDots, data } = element;
  if (!Number.isInteger(widthBytes) || widthBytes < 1 || widthBytes > MAX_RASTER_WIDTH_BYTES) {
    return { ok: false, message: `raster width ${widthBytes} bytes not in 1..${MAX_RASTER_WIDTH_BYTES}` };
  }
  if (!Number.isInteger(heightDots) || heightDots < 1 || heightDots > MAX_RASTER_BAND_ROWS) {
    return { ok: false, message: `raster height ${heightDots} rows not in 1..${MAX_RASTER_BAND_ROWS}` };
  }
  if (!(data instanceof Uint8Array)) return { ok: false, message: 'raster data is not bytes' };
  if (data.length !== widthBytes * heightDots) {
    return { ok: false, message: `raster data is ${data.length} bytes, not ${widthBytes} x ${heightDots}` };
  }
  return { ok: true };
}
