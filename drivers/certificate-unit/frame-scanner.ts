import {
  ACK,
  bcc,
  decodeFrame,
  EOT,
  ETX,
  FRAME_OVERHEAD,
  type Frame,
  type FrameDecodeError,
  MAX_ADDR,
  MAX_TEXT,
  MIN_TEXT,
  NAK,
  STX,
} from './codec';

/** What the byte stream between host and unit is made of, in arrival order. */
export type ScanEvent =
  | { readonly kind: 'control'; readonly control: 'ack' | 'nak' | 'eot' }
  | { readonly kind: 'frame'; readonly frame: Frame; readonly bytes: Uint8Array }
  /** Framed correctly (header, ETX) but unusable: bad BCC (the receiver NAKs) or unknown type. */
  | { readonly kind: 'corrupt'; readonly error: FrameDecodeError; readonly bytes: Uint8Array }
  /** Bytes that belong to no frame: line noise, or a false start that was skipped. */
  | { readonly kind: 'noise'; readonly bytes: Uint8Array };

function controlOf(byte: number): 'ack' | 'nak' | 'eot' | undefined {
  switch (byte) {
    case ACK:
      return 'ack';
    case NAK:
      return 'nak';
    case EOT:
      return 'eot';
    default:
      return undefined;
  }
}

/** Length of the frame a plausible header at `at` announces, or undefined when it is implausible. */
function announcedLength(buf: Uint8Array, at: number): number | undefined {
  if (buf[at] !== STX || buf[at + 1]! > MAX_ADDR) return undefined;
  const len = (buf[at + 2]! << 8) | buf[at + 3]!;
  if (len < MIN_TEXT || len > MAX_TEXT) return undefined;
  return len + FRAME_OVERHEAD;
}

/** True when a complete frame with correct ETX and BCC starts at `at`. */
function completeValidFrameAt(buf: Uint8Array, at: number): boolean {
  if (buf.length - at < 4) return false;
  const total = announcedLength(buf, at);
  if (total === undefined || buf.length - at < total) return false;
  const end = at + total;
  return buf[end - 2] === ETX && buf[end - 1] === bcc(buf, at, end - 1);
}

function laterValidFrame(buf: Uint8Array, from: number, before: number): boolean {
  for (let i = from; i < before; i++) {
    if (buf[i] === STX && completeValidFrameAt(buf, i)) return true;
  }
  return false;
}

/**
 * Incremental frame scanner. Bytes arrive in arbitrary chunks (a UART splits frames anywhere);
 * push() returns everything that became complete. It resynchronises after noise by hunting for an
 * F2 with a plausible ADDR and LEN whose ETX and BCC check out. An F2 that only looks like a frame
 * start (noise) is dropped as soon as a real frame is seen after it, so a false start cannot hold
 * a real reply hostage until a timeout. It never throws.
 */
export class FrameScanner {
  #buf: Uint8Array = new Uint8Array();

  /** Bytes held back because they may be the start of a frame. */
  get pending(): number {
    return this.#buf.length;
  }

  /** Drops any partial frame; the driver calls this before a new exchange so stale halves go. */
  reset(): void {
    this.#buf = new Uint8Array();
  }

  push(chunk: Uint8Array): ScanEvent[] {
    const joined = new Uint8Array(this.#buf.length + chunk.length);
    joined.set(this.#buf, 0);
    joined.set(chunk, this.#buf.length);
    const buf = joined;
    const events: ScanEvent[] = [];
    const noise: number[] = [];
    const flushNoise = (): void => {
      if (noise.length > 0) events.push({ kind: 'noise', bytes: Uint8Array.from(noise.splice(0)) });
    };
    let at = 0;
    while (at < buf.length) {
      const byte = buf[at]!;
      if (byte !== STX) {
        const control = controlOf(byte);
        if (control) {
          flushNoise();
          events.push({ kind: 'control', control });
        } else {
          noise.push(byte);
        }
        at++;
        continue;
      }
      if (buf.length - at < 4) break; // header not complete yet
      const total = announcedLength(buf, at);
      if (total === undefined) {
        noise.push(byte);
        at++;
        continue;
      }
      if (buf.length - at < total) {
        // Wait for the rest, unless a real frame already follows (then this F2 was noise).
        if (laterValidFrame(buf, at + 1, buf.length)) {
          noise.push(byte);
          at++;
          continue;
        }
        break;
      }
      const end = at + total;
      if (buf[end - 2] !== ETX) {
        noise.push(byte);
        at++;
        continue;
      }
      const bytes = buf.slice(at, end);
      const decoded = decodeFrame(bytes);
      if (decoded.ok) {
        flushNoise();
        events.push({ kind: 'frame', frame: decoded.frame, bytes });
        at = end;
        continue;
      }
      // Framed but unusable: a false start if a real frame hides inside it, else a damaged frame.
      if (laterValidFrame(buf, at + 1, end)) {
        noise.push(byte);
        at++;
        continue;
      }
      flushNoise();
      events.push({ kind: 'corrupt', error: decoded.error, bytes });
      at = end;
    }
    flushNoise();
    this.#buf = buf.slice(at);
    return events;
  }
}
