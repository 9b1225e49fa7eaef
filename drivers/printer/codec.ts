/**
 * Pure ESC/POS codec for the receipt printer contract (shared/contracts/receipt-printer-escpos.md):
 * documents to bytes, DLE EOT status bytes to typed replies and back. The stream parser that
 * turns bytes back into documents (the simulator's side) lives in stream-parser.ts.
 */
import iconv from 'iconv-lite';
import {
  ALIGNMENT_CODES,
  CHINESE_OFF,
  CHINESE_ON,
  DLE,
  EOT,
  ESC,
  GS,
  INIT,
  LF,
  QR_EC_CODES,
  SIZE_DOUBLE,
  SIZE_NORMAL,
} from './commands';
import type { Alignment, ReceiptDocument, ReceiptElement } from './document';
import type { DecodeResult, StatusReply, StatusRequest } from './types';

export function statusRequest(n: StatusRequest): Uint8Array {
  return Uint8Array.of(DLE, EOT, n);
}

/** `1D 28 6B pL pH 31 fn ...params` with pL + 256 * pH = params.length + 2 (cn and fn). */
function qrFunction(fn: number, params: readonly number[] | Uint8Array): Uint8Array {
  const length = params.length + 2;
  return Uint8Array.from([GS, 0x28, 0x6b, length & 0xff, length >> 8, 0x31, fn, ...params]);
}

/** The printer's mode while a job is encoded, so that only changes are sent. */
interface EncoderMode {
  align: Alignment;
  bold: boolean;
  doubleSize: boolean;
  chinese: boolean;
}

function encodeElement(element: ReceiptElement, mode: EncoderMode, out: number[]): void {
  const setAlign = (align: Alignment): void => {
    if (mode.align !== align) out.push(ESC, 0x61, ALIGNMENT_CODES[align]);
    mode.align = align;
  };
  switch (element.kind) {
    case 'text': {
      setAlign(element.align);
      if (mode.bold !== element.bold) out.push(ESC, 0x45, element.bold ? 1 : 0);
      if (mode.doubleSize !== element.doubleSize) out.push(GS, 0x21, element.doubleSize ? SIZE_DOUBLE : SIZE_NORMAL);
      if (!mode.chinese) out.push(...CHINESE_ON);
      Object.assign(mode, { bold: element.bold, doubleSize: element.doubleSize, chinese: true });
      for (const byte of iconv.encode(element.text, 'gb18030')) out.push(byte);
      out.push(LF);
      return;
    }
    case 'feed':
      out.push(ESC, 0x64, element.lines);
      return;
    case 'qr': {
      setAlign(element.align);
      const data = Buffer.from(element.data, 'utf8');
      // Model 2 is the only model phone scanners read reliably; set every time so a job never
      // depends on what an earlier job left in the printer.
      out.push(GS, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00);
      out.push(...qrFunction(0x43, [element.moduleSize]));
      out.push(...qrFunction(0x45, [QR_EC_CODES[element.errorCorrection]]));
      out.push(...qrFunction(0x50, Uint8Array.from([0x30, ...data])));
      out.push(...qrFunction(0x51, [0x30]));
      return;
    }
    case 'image':
      // GS v 0 m xL xH yL yH d...: m = 0 (normal density); justified by ESC a like text.
      setAlign(element.align);
      out.push(GS, 0x76, 0x30, 0x00, element.widthBytes & 0xff, element.widthBytes >> 8);
      out.push(element.heightDots & 0xff, element.heightDots >> 8);
      for (const byte of element.data) out.push(byte);
      return;
    case 'cut':
      // Leave double-byte mode before the job ends so the next job starts from a known mode.
      if (mode.chinese) out.push(...CHINESE_OFF);
      mode.chinese = false;
      out.push(GS, 0x56, 0x42, element.feedLines);
      return;
    default: {
      const unreachable: never = element;
      throw new Error(`unknown element ${JSON.stringify(unreachable)}`);
    }
  }
}

/**
 * Encodes a document as one job: `1B 40` first (a clean mode), then the elements. Only mode
 * changes are sent; the stream parser tracks the same mode, so the round trip is exact.
 * The caller checks the document first (checkDocument); values are sent as given.
 */
export function encodeDocument(document: ReceiptDocument): Uint8Array {
  const out: number[] = [...INIT];
  const mode: EncoderMode = { align: 'left', bold: false, doubleSize: false, chinese: false };
  for (const element of document.elements) encodeElement(element, mode, out);
  if (mode.chinese) out.push(...CHINESE_OFF);
  return Uint8Array.from(out);
}

/** Bits 1 and 4 are always 1 and bits 0 and 7 always 0 in every DLE EOT reply. */
const FIXED_MASK = 0x93;
const FIXED_VALUE = 0x12;

export function hasStatusFixedBits(byte: number): boolean {
  return (byte & FIXED_MASK) === FIXED_VALUE;
}

function bit(byte: number, index: number): boolean {
  return (byte & (1 << index)) !== 0;
}

/** Decodes the one reply byte of DLE EOT n; a byte with wrong fixed bits is `garbage`. */
export function decodeStatusReply(n: number, byte: number): DecodeResult<StatusReply> {
  if (!Number.isInteger(byte) || byte < 0 || byte > 255) {
    return { ok: false, error: { code: 'garbage', message: `not a byte: ${byte}` } };
  }
  if (!hasStatusFixedBits(byte)) {
    return {
      ok: false,
      error: { code: 'garbage', message: `0x${byte.toString(16).padStart(2, '0')} breaks the fixed bits`, byte },
    };
  }
  switch (n) {
    case 1:
      return { ok: true, value: { n: 1, offline: bit(byte, 3) } };
    case 2:
      return {
        ok: true,
        value: { n: 2, coverOpen: bit(byte, 2), stoppedByPaperEnd: bit(byte, 5), errorOccurred: bit(byte, 6) },
      };
    case 3:
      return {
        ok: true,
        value: {
          n: 3,
          mechanical: bit(byte, 2),
          autocutter: bit(byte, 3),
          unrecoverable: bit(byte, 5),
          autoRecoverable: bit(byte, 6),
        },
      };
    case 4:
      // Firmware sets both bits of each pair; either one is taken as the sensor firing.
      return { ok: true, value: { n: 4, nearEnd: (byte & 0x0c) !== 0, paperEnd: (byte & 0x60) !== 0 } };
    default:
      return { ok: false, error: { code: 'bad-request', message: `DLE EOT n=${n} is not 1..4`, byte } };
  }
}

/** The device side: the reply byte for a decoded status (used by the simulator). */
export function encodeStatusReply(reply: StatusReply): number {
  const flag = (on: boolean, mask: number): number => (on ? mask : 0);
  switch (reply.n) {
    case 1:
      return FIXED_VALUE | flag(reply.offline, 0x08);
    case 2:
      return (
        FIXED_VALUE | flag(reply.coverOpen, 0x04) | flag(reply.stoppedByPaperEnd, 0x20) | flag(reply.errorOccurred, 0x40)
      );
    case 3:
      return (
        FIXED_VALUE |
        flag(reply.mechanical, 0x04) |
        flag(reply.autocutter, 0x08) |
        flag(reply.unrecoverable, 0x20) |
        flag(reply.autoRecoverable, 0x40)
      );
    case 4:
      // Values seen in practice: 12 present, 1E near end, 72 out (near-end bits clear when out).
      if (reply.paperEnd) return FIXED_VALUE | 0x60;
      return FIXED_VALUE | flag(reply.nearEnd, 0x0c);
    default: {
      const unreachable: never = reply;
      throw new Error(`unknown reply ${JSON.stringify(unreachable)}`);
    }
  }
}

export * from './commands';
export { type ParsedJob, type ParsedStream, parseEscPos } from './parse-stream';
export { EscPosStreamParser, type ParseEvent } from './stream-parser';
