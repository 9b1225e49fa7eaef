/**
 * GA 467 SAM frame codec: pure functions over bytes, shared by the driver (host side) and the
 * simulator (reader side).
 *
 *   AA AA AA 96 69 | LEN_H LEN_L | BODY... | CHK
 *
 * LEN counts every byte after the length field, CHK included; CHK is the XOR of LEN_H up to the
 * last body byte. For host frames BODY = CMD PARA DATA; for reader frames BODY = SW1 SW2 SW3 DATA.
 */

export const PREAMBLE = Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69);
/** Preamble + 2 length bytes. */
export const HEADER_LENGTH = PREAMBLE.length + 2;
/** The longest frame the contract knows is 2321 bytes (text + photo + fingerprint); allow slack. */
export const MAX_BODY_LENGTH = 4096;

export type FrameErrorCode = 'bad-checksum' | 'bad-length' | 'noise';

/** A problem found in the byte stream. The scanner reports it and carries on hunting. */
export interface FrameError {
  readonly code: FrameErrorCode;
  readonly message: string;
  /** How many bytes were skipped to get past the problem. */
  readonly skipped: number;
}

export function xorChecksum(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let chk = 0;
  for (let i = start; i < end; i++) chk ^= bytes[i]!;
  return chk;
}

/** Wraps a body (CMD PARA DATA, or SW1 SW2 SW3 DATA) into a complete frame. */
export function encodeFrame(body: Uint8Array): Uint8Array {
  const len = body.length + 1;
  if (len > 0xffff) throw new RangeError(`GA 467 frame body too long: ${body.length} bytes`);
  const frame = new Uint8Array(HEADER_LENGTH + len);
  frame.set(PREAMBLE, 0);
  frame[5] = len >> 8;
  frame[6] = len & 0xff;
  frame.set(body, HEADER_LENGTH);
  frame[frame.length - 1] = xorChecksum(frame, 5, frame.length - 1);
  return frame;
}

export function encodeCommand(cmd: number, para: number, data: Uint8Array = new Uint8Array()): Uint8Array {
  const body = new Uint8Array(2 + data.length);
  body[0] = cmd;
  body[1] = para;
  body.set(data, 2);
  return encodeFrame(body);
}

export function encodeResponse(sw3: number, data: Uint8Array = new Uint8Array()): Uint8Array {
  const body = new Uint8Array(3 + data.length);
  body[2] = sw3;
  body.set(data, 3);
  return encodeFrame(body);
}

export interface ScanResult {
  /** Bodies of the complete, checksum-valid frames found, in order. */
  readonly frames: readonly Uint8Array[];
  readonly errors: readonly FrameError[];
  /** Bytes kept for the next call: the start of a frame not complete yet. */
  readonly rest: Uint8Array;
}

function indexOfPreamble(buffer: Uint8Array, from: number): number {
  outer: for (let i = from; i + PREAMBLE.length <= buffer.length; i++) {
    for (let j = 0; j < PREAMBLE.length; j++) if (buffer[i + j] !== PREAMBLE[j]) continue outer;
    return i;
  }
  return -1;
}

/** Length of the longest suffix of `buffer` that is a proper prefix of the preamble. */
function partialPreambleAtEnd(buffer: Uint8Array): number {
  for (let n = Math.min(PREAMBLE.length - 1, buffer.length); n > 0; n--) {
    let match = true;
    for (let j = 0; j < n; j++) {
      if (buffer[buffer.length - n + j] !== PREAMBLE[j]) {
        match = false;
        break;
      }
    }
    if (match) return n;
  }
  return 0;
}

/**
 * Finds every complete frame in `buffer`. Noise before a preamble is skipped; a frame with a bad
 * checksum or an impossible length is reported and the hunt resumes one byte after its preamble,
 * so a valid frame hidden behind garbage is still found. Never throws.
 */
export function scanFrames(buffer: Uint8Array): ScanResult {
  const frames: Uint8Array[] = [];
  const errors: FrameError[] = [];
  let pos = 0;
  for (;;) {
    const start = indexOfPreamble(buffer, pos);
    if (start < 0) {
      const keep = partialPreambleAtEnd(buffer.subarray(pos));
      const skipped = buffer.length - pos - keep;
      if (skipped > 0) errors.push({ code: 'noise', message: `skipped ${skipped} bytes before a preamble`, skipped });
      return { frames, errors, rest: buffer.slice(buffer.length - keep) };
    }
    if (start > pos) errors.push({ code: 'noise', message: `skipped ${start - pos} bytes before a preamble`, skipped: start - pos });
    if (buffer.length - start < HEADER_LENGTH) return { frames, errors, rest: buffer.slice(start) };
    const len = (buffer[start + 5]! << 8) | buffer[start + 6]!;
    if (len < 2 || len > MAX_BODY_LENGTH + 1) {
      errors.push({ code: 'bad-length', message: `impossible frame length ${len}`, skipped: 1 });
      pos = start + 1;
      continue;
    }
    const end = start + HEADER_LENGTH + len;
    if (buffer.length < end) return { frames, errors, rest: buffer.slice(start) };
    const expected = xorChecksum(buffer, start + 5, end - 1);
    if (buffer[end - 1] !== expected) {
      errors.push({
        code: 'bad-checksum',
        message: `checksum ${hex(buffer[end - 1]!)} where ${hex(expected)} was expected`,
        skipped: 1,
      });
      pos = start + 1;
      continue;
    }
    frames.push(buffer.slice(start + HEADER_LENGTH, end - 1));
    pos = end;
  }
}

/** An incremental wrapper around scanFrames for a byte stream arriving in chunks. */
export class FrameScanner {
  #pending: Uint8Array = new Uint8Array();

  push(chunk: Uint8Array): ScanResult {
    const joined = new Uint8Array(this.#pending.length + chunk.length);
    joined.set(this.#pending, 0);
    joined.set(chunk, this.#pending.length);
    const result = scanFrames(joined);
    this.#pending = result.rest;
    return result;
  }

  /** Bytes of a frame started but not finished (a driver times out on these). */
  get pendingBytes(): number {
    return this.#pending.length;
  }

  reset(): void {
    this.#pending = new Uint8Array();
  }
}

export interface ResponseFrame {
  readonly sw1: number;
  readonly sw2: number;
  readonly sw3: number;
  readonly data: Uint8Array;
}

/** Splits a reader frame body into status words and data; undefined if it is too short. */
export function parseResponse(body: Uint8Array): ResponseFrame | undefined {
  if (body.length < 3) return undefined;
  return { sw1: body[0]!, sw2: body[1]!, sw3: body[2]!, data: body.subarray(3) };
}

export interface CommandFrame {
  readonly cmd: number;
  readonly para: number;
  readonly data: Uint8Array;
}

export function parseCommand(body: Uint8Array): CommandFrame | undefined {
  if (body.length < 2) return undefined;
  return { cmd: body[0]!, para: body[1]!, data: body.subarray(2) };
}

export function hex(byte: number): string {
  return byte.toString(16).toUpperCase().padStart(2, '0');
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, hex).join(' ');
}
