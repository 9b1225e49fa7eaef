/**
 * Incremental ESC/POS parser: the printer's side of the codec. Bytes arrive split at arbitrary
 * points, so every command waits until all its bytes are there. It never throws: unknown or
 * malformed input becomes a `warning` event, as a real printer would print or skip it.
 */
import iconv from 'iconv-lite';
import { DLE, EOT, ESC, FS, GS, LF, QR_EC_CODES, SIZE_DOUBLE, SIZE_NORMAL } from './commands';
import { type Alignment, MAX_RASTER_BAND_ROWS, MAX_RASTER_WIDTH_BYTES, type QrErrorCorrection, type ReceiptElement } from './document';
import { ESC_PARAMS, FS_PARAMS, GS_PARAMS, hex } from './unsupported-commands';

export type ParseEvent =
  /** Real-time DLE EOT n: answered at once, even in the middle of a job. */
  | { readonly kind: 'status-request'; readonly n: number }
  | { readonly kind: 'init'; readonly byteLength: number }
  | { readonly kind: 'element'; readonly element: ReceiptElement; readonly byteLength: number }
  /** A mode command (alignment, bold, size, QR setup...): bytes of the job, nothing printed. */
  | { readonly kind: 'mode'; readonly byteLength: number }
  | { readonly kind: 'warning'; readonly message: string; readonly byteLength: number };

/** Byte-mode QR storage limit of the firmware (pL + 256 * pH for the store function). */
const MAX_QR_FUNCTION_LENGTH = 7092;
/** A line longer than this is not a receipt line; it is cut into a line so memory stays bounded. */
const MAX_TEXT_BYTES = 65536;

const ALIGN_BY_CODE: readonly Alignment[] = ['left', 'centre', 'right'];
const EC_BY_CODE = new Map<number, QrErrorCorrection>(
  Object.entries(QR_EC_CODES).map(([level, code]) => [code, level as QrErrorCorrection]),
);


export class EscPosStreamParser {
  #pending: Uint8Array = new Uint8Array(0);
  #text: number[] = [];
  #align: Alignment = 'left';
  #bold = false;
  #doubleSize = false;
  #chinese = false;
  #qrModuleSize = 3;
  #qrErrorCorrection: QrErrorCorrection = 'L';
  #qrData: Uint8Array | undefined;
  #events: ParseEvent[] = [];

  /** Feeds a chunk; returns the events completed by it, in stream order. */
  push(chunk: Uint8Array): ParseEvent[] {
    const buffer = new Uint8Array(this.#pending.length + chunk.length);
    buffer.set(this.#pending);
    buffer.set(chunk, this.#pending.length);
    let position = 0;
    while (position < buffer.length) {
      const byte = buffer[position]!;
      if (byte >= 0x20) {
        // Text (ASCII or GB18030 lead/trail bytes, which are all >= 0x30 past the first byte).
        this.#text.push(byte);
        position += 1;
        if (this.#text.length >= MAX_TEXT_BYTES) {
          this.#warn('text line too long; broken here', 0);
          this.#flushText(0);
        }
        continue;
      }
      const consumed = this.#command(buffer, position);
      if (consumed === 0) break;
      position += consumed;
    }
    this.#pending = buffer.slice(position);
    const events = this.#events;
    this.#events = [];
    return events;
  }

  /** Whether bytes of an unfinished command or line are waiting for more input. */
  get hasPendingInput(): boolean {
    return this.#pending.length > 0 || this.#text.length > 0;
  }

  #warn(message: string, byteLength: number): void {
    this.#events.push({ kind: 'warning', message, byteLength });
  }

  #element(element: ReceiptElement, byteLength: number): void {
    this.#events.push({ kind: 'element', element, byteLength });
  }

  #mode(byteLength: number): void {
    this.#events.push({ kind: 'mode', byteLength });
  }

  /** Emits the buffered text as a line; `extra` counts the terminating LF when there is one. */
  #flushText(extra: number): void {
    const bytes = Uint8Array.from(this.#text);
    this.#text = [];
    // Outside double-byte mode the firmware prints bytes >= 0x80 from a code page, not as Chinese.
    if (!this.#chinese && bytes.some((byte) => byte >= 0x80)) this.#warn('non-ASCII text outside Chinese mode', 0);
    const value = iconv.decode(Buffer.from(bytes), 'gb18030');
    const element: ReceiptElement = {
      kind: 'text',
      text: value,
      align: this.#align,
      bold: this.#bold,
      doubleSize: this.#doubleSize,
    };
    this.#element(element, bytes.length + extra);
  }

  /** Printing commands print what is buffered first, as the printer does. */
  #flushPendingText(): void {
    if (this.#text.length > 0) this.#flushText(0);
  }

  /** Parses one command at `at`; returns the bytes consumed, or 0 to wait for more. */
  #command(buffer: Uint8Array, at: number): number {
    const available = buffer.length - at;
    const byte = buffer[at]!;
    const second = buffer[at + 1];
    switch (byte) {
      case LF:
        this.#flushText(1);
        return 1;
      case 0x0d:
        // Some hosts send CR LF; the LF alone ends the line.
        this.#mode(1);
        return 1;
      case DLE:
        if (available < 2) return 0;
        if (second === EOT) {
          if (available < 3) return 0;
          this.#events.push({ kind: 'status-request', n: buffer[at + 2]! });
          return 3;
        }
        if (second === 0x05 || second === 0x14) {
          const length = second === 0x05 ? 3 : 5;
          if (available < length) return 0;
          this.#warn(`real-time command DLE ${hex(second)} ignored`, length);
          return length;
        }
        this.#warn('stray DLE', 1);
        return 1;
      case ESC:
        return available < 2 ? 0 : this.#escCommand(buffer, at, available);
      case FS:
        if (available < 2) return 0;
        if (second === 0x26 || second === 0x2e) {
          this.#chinese = second === 0x26;
          this.#mode(2);
          return 2;
        }
        return this.#skipTable('FS', FS_PARAMS, buffer, at, available);
      case GS:
        return available < 2 ? 0 : this.#gsCommand(buffer, at, available);
      default:
        this.#warn(`control byte ${hex(byte)} ignored`, 1);
        return 1;
    }
  }

  #skipTable(
    prefix: string,
    table: ReadonlyMap<number, number>,
    buffer: Uint8Array,
    at: number,
    available: number,
  ): number {
    const code = buffer[at + 1]!;
    const params = table.get(code);
    const length = 2 + (params ?? 0);
    if (available < length) return 0;
    this.#warn(`${prefix} ${hex(code)} ${params === undefined ? 'unknown' : 'not supported'}; skipped`, length);
    return length;
  }

  #escCommand(buffer: Uint8Array, at: number, available: number): number {
    const code = buffer[at + 1]!;
    switch (code) {
      case 0x40:
        if (this.#text.length > 0) this.#warn('unprinted text discarded by initialise', 0);
        this.#text = [];
        this.#resetMode();
        this.#events.push({ kind: 'init', byteLength: 2 });
        return 2;
      case 0x61:
      case 0x45:
      case 0x64: {
        if (available < 3) return 0;
        const n = buffer[at + 2]!;
        if (code === 0x64) {
          this.#flushPendingText();
          this.#element({ kind: 'feed', lines: n }, 3);
        } else if (code === 0x45) {
          this.#bold = (n & 1) === 1;
          this.#mode(3);
        } else {
          // Both 0..2 and ASCII '0'..'2' select the alignment.
          const align = ALIGN_BY_CODE[n >= 0x30 ? n - 0x30 : n];
          if (align === undefined) this.#warn(`alignment ${hex(n)} out of range`, 0);
          else this.#align = align;
          this.#mode(3);
        }
        return 3;
      }
      default:
        return this.#skipTable('ESC', ESC_PARAMS, buffer, at, available);
    }
  }

  #gsCommand(buffer: Uint8Array, at: number, available: number): number {
    const code = buffer[at + 1]!;
    switch (code) {
      case 0x21: {
        if (available < 3) return 0;
        const n = buffer[at + 2]!;
        if (n !== SIZE_NORMAL && n !== SIZE_DOUBLE) this.#warn(`character size ${hex(n)} shown as double`, 0);
        this.#doubleSize = n !== SIZE_NORMAL;
        this.#mode(3);
        return 3;
      }
      case 0x56: {
        if (available < 3) return 0;
        const m = buffer[at + 2]!;
        if (m === 0x41 || m === 0x42) {
          if (available < 4) return 0;
          if (m === 0x41) this.#warn('full cut shown as a partial cut', 0);
          this.#flushPendingText();
          this.#element({ kind: 'cut', feedLines: buffer[at + 3]! }, 4);
          return 4;
        }
        if (m === 0x00 || m === 0x01 || m === 0x30 || m === 0x31) {
          this.#warn('cut without feed', 0);
          this.#flushPendingText();
          this.#element({ kind: 'cut', feedLines: 0 }, 3);
          return 3;
        }
        this.#warn(`cut mode ${hex(m)} unknown`, 3);
        return 3;
      }
      case 0x28:
        return this.#gsParenCommand(buffer, at, available);
      case 0x76:
        return this.#rasterImage(buffer, at, available);
      default:
        return this.#skipTable('GS', GS_PARAMS, buffer, at, available);
    }
  }

  /**
   * `GS v 0 m xL xH yL yH d...`: a raster bit image, printed where it stands with the current
   * alignment. A header beyond the head's width or the band limit is taken as corrupt and only the
   * header is skipped, as with the QR length: waiting for megabytes would swallow later jobs.
   */
  #rasterImage(buffer: Uint8Array, at: number, available: number): number {
    if (available < 8) return 0;
    const m = buffer[at + 3]!;
    const widthBytes = buffer[at + 4]! + 256 * buffer[at + 5]!;
    const heightDots = buffer[at + 6]! + 256 * buffer[at + 7]!;
    if (buffer[at + 2] !== 0x30) {
      this.#warn(`GS v ${hex(buffer[at + 2])} is not a raster command; header skipped`, 3);
      return 3;
    }
    if (widthBytes < 1 || widthBytes > MAX_RASTER_WIDTH_BYTES || heightDots < 1 || heightDots > MAX_RASTER_BAND_ROWS) {
      this.#warn(`raster ${widthBytes} bytes x ${heightDots} rows outside the printer's limits; header skipped`, 8);
      return 8;
    }
    const length = 8 + widthBytes * heightDots;
    if (available < length) return 0;
    if (m !== 0x00 && m !== 0x30) this.#warn(`raster mode ${hex(m)} (double density) shown at normal size`, 0);
    this.#flushPendingText();
    const data = buffer.slice(at + 8, at + length);
    this.#element({ kind: 'image', widthBytes, heightDots, data, align: this.#align }, length);
    return length;
  }

  /** `GS ( fn pL pH ...`: every such command carries its own length. */
  #gsParenCommand(buffer: Uint8Array, at: number, available: number): number {
    if (available < 5) return 0;
    const fn = buffer[at + 2]!;
    const length = buffer[at + 3]! + 256 * buffer[at + 4]!;
    if (fn === 0x6b && length > MAX_QR_FUNCTION_LENGTH) {
      // A corrupted length would otherwise swallow every following job.
      this.#warn(`QR function length ${length} too large; header skipped`, 5);
      return 5;
    }
    if (available < 5 + length) return 0;
    const body = buffer.subarray(at + 5, at + 5 + length);
    if (fn === 0x6b && body[0] === 0x31) this.#qrFunction(body, 5 + length);
    else this.#warn(`GS ( ${hex(fn)} not supported; skipped`, 5 + length);
    return 5 + length;
  }

  #qrFunction(body: Uint8Array, byteLength: number): void {
    const fn = body[1];
    const param = body[2];
    switch (fn) {
      case 0x41:
        if (param !== 0x32) this.#warn(`QR model ${hex(param)} is not model 2`, 0);
        this.#mode(byteLength);
        return;
      case 0x43:
        if (param === undefined || param < 1 || param > 16) this.#warn(`QR module size ${hex(param)} out of range`, 0);
        else this.#qrModuleSize = param;
        this.#mode(byteLength);
        return;
      case 0x45: {
        const level = param === undefined ? undefined : EC_BY_CODE.get(param);
        if (level === undefined) this.#warn(`QR error correction ${hex(param)} unknown`, 0);
        else this.#qrErrorCorrection = level;
        this.#mode(byteLength);
        return;
      }
      case 0x50:
        this.#qrData = body.slice(3);
        if (param !== 0x30) this.#warn(`QR store m=${hex(param)} is not 30`, 0);
        this.#mode(byteLength);
        return;
      case 0x51:
        this.#qrPrint(byteLength);
        return;
      default:
        this.#warn(`QR function ${hex(fn)} not supported`, byteLength);
    }
  }

  #qrPrint(byteLength: number): void {
    const data = this.#qrData;
    if (data === undefined || data.length === 0) {
      this.#warn('QR print with no data stored', byteLength);
      return;
    }
    let value: string;
    try {
      value = new TextDecoder('utf-8', { fatal: true }).decode(data);
    } catch {
      this.#warn('QR data is not UTF-8', 0);
      value = new TextDecoder('utf-8').decode(data);
    }
    this.#flushPendingText();
    this.#element(
      {
        kind: 'qr',
        data: value,
        moduleSize: this.#qrModuleSize,
        errorCorrection: this.#qrErrorCorrection,
        align: this.#align,
      },
      byteLength,
    );
  }

  #resetMode(): void {
    this.#align = 'left';
    this.#bold = false;
    this.#doubleSize = false;
    this.#chinese = false;
    this.#qrModuleSize = 3;
    this.#qrErrorCorrection = 'L';
    this.#qrData = undefined;
  }
}
