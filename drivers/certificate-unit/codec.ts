/**
 * Pure encode/decode of certificate-unit frames (CRT-591 framing):
 *
 *   command:  F2 ADDR LEN_H LEN_L 'C' CM PM DATA 03 BCC
 *   success:  F2 ADDR LEN_H LEN_L 'P' CM PM st0 st1 st2 DATA 03 BCC
 *   failure:  F2 ADDR LEN_H LEN_L 'N' CM PM e1 e0 DATA 03 BCC   ('E' accepted for 'N')
 *
 * LEN counts the TEXT (from the type byte to the end of DATA); BCC is the XOR of every byte from
 * F2 to 03 inclusive. Nothing here does I/O; the incremental scanner lives in frame-scanner.ts.
 */

export const STX = 0xf2;
export const ETX = 0x03;
export const ACK = 0x06;
export const NAK = 0x15;
export const EOT = 0x04;

export const TYPE_COMMAND = 0x43; // 'C'
export const TYPE_SUCCESS = 0x50; // 'P'
export const TYPE_FAILURE = 0x4e; // 'N'
export const TYPE_FAILURE_ALT = 0x45; // 'E', sent by some firmware instead of 'N'

export const MAX_ADDR = 0x0f;
export const MAX_DATA = 512;
/** Smallest TEXT: a command without DATA ('C' CM PM). */
export const MIN_TEXT = 3;
/** Largest TEXT: a success reply with full DATA ('P' CM PM st0 st1 st2 DATA). */
export const MAX_TEXT = 6 + MAX_DATA;
/** STX, ADDR, LEN_H, LEN_L before the TEXT; ETX, BCC after it. */
export const FRAME_OVERHEAD = 6;

export interface CommandFrame {
  readonly kind: 'command';
  readonly addr: number;
  readonly cm: number;
  readonly pm: number;
  readonly data: Uint8Array;
}

/** st0 card position, st1 magazine, st2 retain bin; each one ASCII character. */
export type StatusBytes = readonly [st0: string, st1: string, st2: string];

export interface SuccessFrame {
  readonly kind: 'success';
  readonly addr: number;
  readonly cm: number;
  readonly pm: number;
  readonly status: StatusBytes;
  readonly data: Uint8Array;
}

export interface FailureFrame {
  readonly kind: 'failure';
  readonly addr: number;
  readonly cm: number;
  readonly pm: number;
  /** e1 e0 as two ASCII characters, e.g. `10` or `B0`. */
  readonly code: string;
  readonly data: Uint8Array;
  /** Which failure marker the unit sent; both mean the same. */
  readonly marker: 'N' | 'E';
}

export type Frame = CommandFrame | SuccessFrame | FailureFrame;
export type ReplyFrame = SuccessFrame | FailureFrame;

export type FrameDecodeErrorCode =
  | 'truncated'
  | 'bad-stx'
  | 'bad-address'
  | 'bad-length'
  | 'bad-etx'
  | 'bad-bcc'
  | 'unknown-type';

export class FrameDecodeError extends Error {
  override readonly name = 'FrameDecodeError';
  constructor(
    readonly code: FrameDecodeErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export class FrameEncodeError extends Error {
  override readonly name = 'FrameEncodeError';
}

export type DecodeResult =
  | { readonly ok: true; readonly frame: Frame }
  | { readonly ok: false; readonly error: FrameDecodeError };

/** XOR of all bytes in `bytes[start, end)`. */
export function bcc(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let value = 0;
  for (let i = start; i < end; i++) value ^= bytes[i]!;
  return value;
}

function checkByte(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xff) throw new FrameEncodeError(`${name} must be a byte`);
}

function asciiByte(name: string, text: string): number {
  const code = text.charCodeAt(0);
  if (text.length !== 1 || code > 0x7f) throw new FrameEncodeError(`${name} must be one ASCII character`);
  return code;
}

/** Wraps a TEXT (type byte onwards) into a full frame with header, ETX and BCC. */
function wrapText(addr: number, text: Uint8Array): Uint8Array {
  if (!Number.isInteger(addr) || addr < 0 || addr > MAX_ADDR) throw new FrameEncodeError('ADDR must be 00-0F');
  if (text.length > MAX_TEXT) throw new FrameEncodeError(`TEXT of ${text.length} bytes is too long`);
  const frame = new Uint8Array(text.length + FRAME_OVERHEAD);
  frame[0] = STX;
  frame[1] = addr;
  frame[2] = text.length >> 8;
  frame[3] = text.length & 0xff;
  frame.set(text, 4);
  frame[frame.length - 2] = ETX;
  frame[frame.length - 1] = bcc(frame, 0, frame.length - 1);
  return frame;
}

function text(head: readonly number[], data: Uint8Array): Uint8Array {
  if (data.length > MAX_DATA) throw new FrameEncodeError(`DATA of ${data.length} bytes exceeds ${MAX_DATA}`);
  const out = new Uint8Array(head.length + data.length);
  out.set(head, 0);
  out.set(data, head.length);
  return out;
}

export function encodeCommand(addr: number, cm: number, pm: number, data: Uint8Array = new Uint8Array()): Uint8Array {
  checkByte('CM', cm);
  checkByte('PM', pm);
  return wrapText(addr, text([TYPE_COMMAND, cm, pm], data));
}

export function encodeSuccess(
  addr: number,
  cm: number,
  pm: number,
  status: StatusBytes,
  data: Uint8Array = new Uint8Array(),
): Uint8Array {
  checkByte('CM', cm);
  checkByte('PM', pm);
  const st = status.map((s, i) => asciiByte(`st${i}`, s));
  return wrapText(addr, text([TYPE_SUCCESS, cm, pm, ...st], data));
}

export function encodeFailure(
  addr: number,
  cm: number,
  pm: number,
  code: string,
  data: Uint8Array = new Uint8Array(),
  marker: 'N' | 'E' = 'N',
): Uint8Array {
  checkByte('CM', cm);
  checkByte('PM', pm);
  if (code.length !== 2) throw new FrameEncodeError('error code must be two ASCII characters');
  const e1 = asciiByte('e1', code[0]!);
  const e0 = asciiByte('e0', code[1]!);
  return wrapText(addr, text([marker === 'N' ? TYPE_FAILURE : TYPE_FAILURE_ALT, cm, pm, e1, e0], data));
}

/** Encodes any frame value; the inverse of decodeFrame. */
export function encodeFrame(frame: Frame): Uint8Array {
  switch (frame.kind) {
    case 'command':
      return encodeCommand(frame.addr, frame.cm, frame.pm, frame.data);
    case 'success':
      return encodeSuccess(frame.addr, frame.cm, frame.pm, frame.status, frame.data);
    case 'failure':
      return encodeFailure(frame.addr, frame.cm, frame.pm, frame.code, frame.data, frame.marker);
    default: {
      const unreachable: never = frame;
      throw new FrameEncodeError(`unknown frame ${String(unreachable)}`);
    }
  }
}

/** The smallest TEXT length a frame of this type byte can have, or undefined for an unknown type. */
export function minTextLength(type: number): number | undefined {
  switch (type) {
    case TYPE_COMMAND:
      return 3;
    case TYPE_SUCCESS:
      return 6;
    case TYPE_FAILURE:
    case TYPE_FAILURE_ALT:
      return 5;
    default:
      return undefined;
  }
}

const fail = (code: FrameDecodeErrorCode, message: string): DecodeResult => ({
  ok: false,
  error: new FrameDecodeError(code, message),
});

const ascii = (byte: number): string => String.fromCharCode(byte);

/** Decodes exactly one complete frame. Never throws: every problem is a typed FrameDecodeError. */
export function decodeFrame(bytes: Uint8Array): DecodeResult {
  if (bytes.length < 4) return fail('truncated', `${bytes.length} bytes is shorter than a frame header`);
  if (bytes[0] !== STX) return fail('bad-stx', `frame starts with ${hex(bytes[0]!)} instead of F2`);
  const addr = bytes[1]!;
  if (addr > MAX_ADDR) return fail('bad-address', `ADDR ${hex(addr)} is outside 00-0F`);
  const len = (bytes[2]! << 8) | bytes[3]!;
  if (len < MIN_TEXT || len > MAX_TEXT) return fail('bad-length', `LEN ${len} is outside ${MIN_TEXT}-${MAX_TEXT}`);
  const total = len + FRAME_OVERHEAD;
  if (bytes.length < total) return fail('truncated', `LEN ${len} needs ${total} bytes, got ${bytes.length}`);
  if (bytes.length > total) return fail('bad-length', `LEN ${len} needs ${total} bytes, got ${bytes.length}`);
  if (bytes[total - 2] !== ETX) return fail('bad-etx', `byte ${total - 2} is ${hex(bytes[total - 2]!)}, not ETX 03`);
  const expected = bcc(bytes, 0, total - 1);
  if (bytes[total - 1] !== expected) {
    return fail('bad-bcc', `BCC ${hex(bytes[total - 1]!)} should be ${hex(expected)}`);
  }
  const type = bytes[4]!;
  const min = minTextLength(type);
  if (min === undefined) return fail('unknown-type', `reply type ${hex(type)} is not C, P, N or E`);
  if (len < min) return fail('bad-length', `LEN ${len} is too short for type ${ascii(type)}`);
  const cm = bytes[5]!;
  const pm = bytes[6]!;
  const end = total - 2;
  switch (type) {
    case TYPE_COMMAND:
      return { ok: true, frame: { kind: 'command', addr, cm, pm, data: bytes.slice(7, end) } };
    case TYPE_SUCCESS: {
      const status: StatusBytes = [ascii(bytes[7]!), ascii(bytes[8]!), ascii(bytes[9]!)];
      return { ok: true, frame: { kind: 'success', addr, cm, pm, status, data: bytes.slice(10, end) } };
    }
    default: {
      const code = ascii(bytes[7]!) + ascii(bytes[8]!);
      const marker = type === TYPE_FAILURE ? 'N' : 'E';
      return { ok: true, frame: { kind: 'failure', addr, cm, pm, code, marker, data: bytes.slice(9, end) } };
    }
  }
}

/** decodeFrame for callers that prefer exceptions; throws only FrameDecodeError. */
export function decodeFrameOrThrow(bytes: Uint8Array): Frame {
  const result = decodeFrame(bytes);
  if (!result.ok) throw result.error;
  return result.frame;
}

export function hex(byte: number): string {
  return byte.toString(16).toUpperCase().padStart(2, '0');
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, hex).join(' ');
}
