/**
 * The reader's side of GA 467: answers command frames over a byte pipe as a real SAM reader
 * does, with a card that can be put on and taken off, and faults a technician or a test injects.
 */
import { encodeResponse, FrameScanner, parseCommand } from '../../drivers/id-reader/codec';
import { ResultCode } from '../../drivers/id-reader/commands';
import { encodeTextBlock } from '../../drivers/id-reader/text-block';
import type { BytePipe } from '../../drivers/transport/byte-pipe';
import { Listeners } from '../../drivers/transport/byte-pipe';
import { type TestCard, type TestCardName, testCards } from './test-cards';

export type IdReaderFault =
  | { readonly kind: 'none' }
  /** Answers nothing at all. */
  | { readonly kind: 'silence' }
  /** Answers random bytes instead of frames. */
  | { readonly kind: 'garbage' }
  /** Sends the right frame with a wrong checksum. */
  | { readonly kind: 'bad-checksum' }
  /** Sends only the first half of the frame. */
  | { readonly kind: 'partial-frame' }
  /** Answers reads with SW3 = 41 (read failed). */
  | { readonly kind: 'read-failed' }
  /** Answers every command with this SW3 and no data (e.g. 0x60 SAM self-test failed). */
  | { readonly kind: 'result-code'; readonly sw3: number };

export type IdReaderFaultKind = IdReaderFault['kind'];

export interface IdReaderSimulatorState {
  readonly card: TestCardName | null;
  readonly fault: IdReaderFault;
  /** Extra reply delay on top of the wire time. */
  readonly delayMs: number;
  /** When set, each fault applies to this many replies and then clears itself. */
  readonly faultRepliesLeft: number | null;
  /** Replies still answered normally before the fault starts (e.g. 2: find and select pass, the read fails). */
  readonly faultSkip: number;
  readonly selected: boolean;
  /** A pipe is attached (false after disconnect() until the next attach()). */
  readonly connected: boolean;
}

export interface IdReaderSimulatorOptions {
  readonly card?: TestCardName | null;
  readonly delayMs?: number;
  /** A fixed SAM id (16 bytes) so that bench runs can recognise the simulator. */
  readonly samId?: Uint8Array;
  readonly random?: () => number;
  /**
   * Paces the link as a UART at this baud rate (8N1: 10 bits a byte) over a pipe that is itself
   * instant: a command counts as arrived only after its wire time, and reply bytes go out no
   * faster than the wire carries them. Lets a bench measure against wire time in process.
   */
  readonly wireBaud?: number;
}

/** Bytes a UART's FIFO hands on at once; paced replies go out in chunks of this size. */
const WIRE_CHUNK = 16;

const DEFAULT_SAM_ID = Uint8Array.from([0x05, 0x00, 0x01, 0x02, 0x20, 0x26, 0x11, 0x22, 0x00, 0x00, 0x00, 0x01, 0x54, 0x42, 0x00, 0x01]);

export class IdReaderSimulator {
  readonly #scanner = new FrameScanner();
  readonly #changes = new Listeners<[IdReaderSimulatorState]>();
  readonly #samId: Uint8Array;
  readonly #random: () => number;
  readonly #wireBaud: number | undefined;
  #pipe: BytePipe | undefined;
  #state: IdReaderSimulatorState;
  #detach: () => void = () => {};
  /** Replies go out one after another, as on a wire, even when paced or delayed. */
  #outgoing: Promise<void> = Promise.resolve();

  /** `pipe` may be left out and attached later (a reconnecting opener attaches each new link). */
  constructor(pipe?: BytePipe, options: IdReaderSimulatorOptions = {}) {
    this.#samId = options.samId ?? DEFAULT_SAM_ID;
    this.#random = options.random ?? Math.random;
    this.#wireBaud = options.wireBaud && options.wireBaud > 0 ? options.wireBaud : undefined;
    this.#state = {
      card: options.card === undefined ? 'resident' : options.card,
      fault: { kind: 'none' },
      delayMs: options.delayMs ?? 0,
      faultRepliesLeft: null,
      faultSkip: 0,
      selected: false,
      connected: false,
    };
    if (pipe) this.attach(pipe);
  }

  get state(): IdReaderSimulatorState {
    return this.#state;
  }

  onChange(listener: (state: IdReaderSimulatorState) => void): () => void {
    return this.#changes.add(listener);
  }

  /** Connects to the device end of a pipe, replacing any earlier one (as after a replug). */
  attach(pipe: BytePipe): void {
    this.#detach();
    this.#pipe = pipe;
    this.#scanner.reset();
    const offData = pipe.onData((chunk) => this.#receive(chunk));
    const offClose = pipe.onClose(() => {
      if (this.#pipe === pipe) this.#detach();
    });
    this.#detach = () => {
      offData();
      offClose();
      if (this.#pipe === pipe) this.#pipe = undefined;
      this.#detach = () => {};
      this.#update({ connected: false, selected: false });
    };
    this.#update({ connected: true, selected: false });
  }

  placeCard(name: TestCardName): void {
    this.#update({ card: name, selected: false });
  }

  removeCard(): void {
    this.#update({ card: null, selected: false });
  }

  /**
   * Injects a fault for the next `replies` replies, or until cleared when omitted; `skip` replies
   * are answered normally first (skip 2 with find, select, read: only the read is hit).
   */
  injectFault(fault: IdReaderFault, replies?: number, options: { readonly skip?: number } = {}): void {
    this.#update({ fault, faultRepliesLeft: replies ?? null, faultSkip: Math.max(0, options.skip ?? 0) });
  }

  clearFault(): void {
    this.#update({ fault: { kind: 'none' }, faultRepliesLeft: null, faultSkip: 0 });
  }

  /** Slow reply: extra delay before every answer. */
  setDelay(ms: number): void {
    this.#update({ delayMs: Math.max(0, ms) });
  }

  /** Pulls the cable: a severable pipe closes with an error on both ends, another is closed. */
  disconnect(): void {
    const pipe = this.#pipe as (BytePipe & { sever?: () => void }) | undefined;
    this.#detach();
    if (pipe?.sever) pipe.sever();
    else void pipe?.close().catch(() => undefined);
  }

  /** Stops answering on this pipe (the simulator is being replaced or shut down). */
  detach(): void {
    this.#detach();
  }

  /** Detaches and closes the pipe. */
  async close(): Promise<void> {
    const pipe = this.#pipe;
    this.#detach();
    await pipe?.close().catch(() => undefined);
  }

  #update(patch: Partial<IdReaderSimulatorState>): void {
    this.#state = { ...this.#state, ...patch };
    this.#changes.emit(this.#state);
  }

  /** Wire time of `bytes` bytes at the configured baud rate, 0 when the link is not paced. */
  #wireMs(bytes: number): number {
    return this.#wireBaud ? (bytes * 10 * 1000) / this.#wireBaud : 0;
  }

  #receive(chunk: Uint8Array): void {
    const { frames, errors } = this.#scanner.push(chunk);
    // A host frame with a bad checksum gets the reader's "checksum error" answer, as GA 467 says.
    for (const error of errors) if (error.code === 'bad-checksum') this.#queue(encodeResponse(ResultCode.checksumError), 0);
    for (const body of frames) {
      const command = parseCommand(body);
      // The whole command frame (preamble, LEN, body, CHK) has to cross the wire before the reader acts.
      const arrival = this.#wireMs(body.length + 8);
      this.#queue(command ? this.#answer(command.cmd, command.para) : encodeResponse(ResultCode.lengthError), arrival);
    }
  }

  #answer(cmd: number, para: number): Uint8Array {
    const fault = this.#currentFault();
    if (fault.kind === 'result-code') return encodeResponse(fault.sw3);
    const card: TestCard | null = this.#state.card ? testCards[this.#state.card] : null;
    const key = (cmd << 8) | para;
    switch (key) {
      case 0x10ff:
      case 0x11ff:
        return encodeResponse(ResultCode.success);
      case 0x12ff:
        return encodeResponse(ResultCode.success, this.#samId);
      case 0x2001:
        return card ? encodeResponse(ResultCode.findSuccess, new Uint8Array(4)) : encodeResponse(ResultCode.noCard);
      case 0x2002:
        if (!card) return encodeResponse(ResultCode.selectFailed);
        this.#state = { ...this.#state, selected: true };
        return encodeResponse(ResultCode.success, new Uint8Array(8));
      case 0x3001:
      case 0x3010:
        if (!card || !this.#state.selected) return encodeResponse(ResultCode.readFailed);
        if (fault.kind === 'read-failed') return encodeResponse(ResultCode.readFailed);
        return encodeResponse(ResultCode.success, readPayload(card, para === 0x10));
      case 0x3003:
        return card ? encodeResponse(ResultCode.noContent) : encodeResponse(ResultCode.readFailed);
      default:
        return encodeResponse(ResultCode.commandError);
    }
  }

  /** The fault that applies to the reply being built now. */
  #currentFault(): IdReaderFault {
    return this.#state.faultSkip > 0 ? { kind: 'none' } : this.#state.fault;
  }

  #queue(frame: Uint8Array, arrivalMs: number): void {
    // The fault is taken when the command is answered, not when the bytes finally leave.
    const fault = this.#currentFault();
    if (this.#state.faultSkip > 0) {
      this.#update({ faultSkip: this.#state.faultSkip - 1 });
    } else if (this.#state.faultRepliesLeft !== null) {
      const left = this.#state.faultRepliesLeft - 1;
      this.#update(left <= 0 ? { fault: { kind: 'none' }, faultRepliesLeft: null } : { faultRepliesLeft: left });
    }
    const pipe = this.#pipe;
    if (!pipe) return;
    const wait = arrivalMs + this.#state.delayMs;
    this.#outgoing = this.#outgoing.then(async () => {
      if (wait > 0) await sleep(wait);
      await this.#send(pipe, frame, fault);
    });
  }

  async #send(pipe: BytePipe, frame: Uint8Array, fault: IdReaderFault): Promise<void> {
    if (!pipe.isOpen || this.#pipe !== pipe) return;
    let bytes = frame;
    switch (fault.kind) {
      case 'silence':
        return;
      case 'garbage':
        bytes = Uint8Array.from({ length: 16 + Math.floor(this.#random() * 48) }, () => Math.floor(this.#random() * 256));
        break;
      case 'bad-checksum':
        bytes = Uint8Array.from(frame);
        bytes[bytes.length - 1]! ^= 0xff;
        break;
      case 'partial-frame':
        bytes = frame.subarray(0, Math.ceil(frame.length / 2));
        break;
      case 'none':
      case 'read-failed':
      case 'result-code':
        break;
      default:
        fault satisfies never;
    }
    await this.#transmit(pipe, bytes).catch(() => undefined);
  }

  /** Writes at once, or paced at the wire's speed: each chunk leaves when its last byte would have. */
  async #transmit(pipe: BytePipe, bytes: Uint8Array): Promise<void> {
    if (!this.#wireBaud) return pipe.write(bytes);
    const started = performance.now();
    for (let offset = 0; offset < bytes.length; offset += WIRE_CHUNK) {
      const end = Math.min(bytes.length, offset + WIRE_CHUNK);
      // Deadlines are absolute, so timer slop does not add up over a long reply.
      const wait = started + this.#wireMs(end) - performance.now();
      if (wait > 0) await sleep(wait);
      if (!pipe.isOpen) return;
      await pipe.write(bytes.subarray(offset, end));
    }
  }
}

/**
 * Waits at least `ms` as performance.now() measures it. Node's timers count whole milliseconds
 * from the event loop's cached clock and can fire a little early, and a paced reader must never
 * hand on a byte before the wire could have carried it.
 */
async function sleep(ms: number): Promise<void> {
  const deadline = performance.now() + ms;
  // Timers for the bulk, then yield turn by turn through the last millisecond or two, so the
  // simulator adds neither early bytes nor a rounded-up millisecond to what the bench measures.
  for (let left = ms; left > 0; left = deadline - performance.now()) {
    await new Promise((resolve) => (left > 2 ? setTimeout(resolve, Math.floor(left) - 1) : setImmediate(resolve)));
  }
}

function readPayload(card: TestCard, withFingerprints: boolean): Uint8Array {
  const text = encodeTextBlock(card.text);
  const fingerprints = withFingerprints && card.fingerprints ? card.fingerprints : new Uint8Array();
  const header = withFingerprints
    ? [0x01, 0x00, 0x04, 0x00, fingerprints.length >> 8, fingerprints.length & 0xff]
    : [0x01, 0x00, 0x04, 0x00];
  const out = new Uint8Array(header.length + text.length + card.photoWlt.length + fingerprints.length);
  out.set(header, 0);
  out.set(text, header.length);
  out.set(card.photoWlt, header.length + text.length);
  out.set(fingerprints, header.length + text.length + card.photoWlt.length);
  return out;
}
