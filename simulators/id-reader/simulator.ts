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
  | { readonly kind: 'read-failed' };

export interface IdReaderSimulatorState {
  readonly card: TestCardName | null;
  readonly fault: IdReaderFault;
  /** Extra reply delay on top of the wire time. */
  readonly delayMs: number;
  /** When set, each fault applies to this many replies and then clears itself. */
  readonly faultRepliesLeft: number | null;
  readonly selected: boolean;
}

export interface IdReaderSimulatorOptions {
  readonly card?: TestCardName | null;
  readonly delayMs?: number;
  /** A fixed SAM id (16 bytes) so that bench runs can recognise the simulator. */
  readonly samId?: Uint8Array;
  readonly random?: () => number;
}

const DEFAULT_SAM_ID = Uint8Array.from([0x05, 0x00, 0x01, 0x02, 0x20, 0x26, 0x11, 0x22, 0x00, 0x00, 0x00, 0x01, 0x54, 0x42, 0x00, 0x01]);

export class IdReaderSimulator {
  readonly #pipe: BytePipe;
  readonly #scanner = new FrameScanner();
  readonly #changes = new Listeners<[IdReaderSimulatorState]>();
  readonly #samId: Uint8Array;
  readonly #random: () => number;
  #state: IdReaderSimulatorState;
  #detach: () => void;

  constructor(pipe: BytePipe, options: IdReaderSimulatorOptions = {}) {
    this.#pipe = pipe;
    this.#samId = options.samId ?? DEFAULT_SAM_ID;
    this.#random = options.random ?? Math.random;
    this.#state = {
      card: options.card === undefined ? 'resident' : options.card,
      fault: { kind: 'none' },
      delayMs: options.delayMs ?? 0,
      faultRepliesLeft: null,
      selected: false,
    };
    this.#detach = pipe.onData((chunk) => this.#receive(chunk));
  }

  get state(): IdReaderSimulatorState {
    return this.#state;
  }

  onChange(listener: (state: IdReaderSimulatorState) => void): () => void {
    return this.#changes.add(listener);
  }

  placeCard(name: TestCardName): void {
    this.#update({ card: name, selected: false });
  }

  removeCard(): void {
    this.#update({ card: null, selected: false });
  }

  /** Injects a fault for the next `replies` replies, or until cleared when omitted. */
  injectFault(fault: IdReaderFault, replies?: number): void {
    this.#update({ fault, faultRepliesLeft: replies ?? null });
  }

  setDelay(ms: number): void {
    this.#update({ delayMs: Math.max(0, ms) });
  }

  /** Stops answering on this pipe (the simulator is being replaced or shut down). */
  detach(): void {
    this.#detach();
  }

  #update(patch: Partial<IdReaderSimulatorState>): void {
    this.#state = { ...this.#state, ...patch };
    this.#changes.emit(this.#state);
  }

  #receive(chunk: Uint8Array): void {
    const { frames, errors } = this.#scanner.push(chunk);
    // A host frame with a bad checksum gets the reader's "checksum error" answer, as GA 467 says.
    for (const error of errors) if (error.code === 'bad-checksum') void this.#send(encodeResponse(ResultCode.checksumError));
    for (const body of frames) {
      const command = parseCommand(body);
      void this.#send(command ? this.#answer(command.cmd, command.para) : encodeResponse(ResultCode.lengthError));
    }
  }

  #answer(cmd: number, para: number): Uint8Array {
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
        if (this.#state.fault.kind === 'read-failed') return encodeResponse(ResultCode.readFailed);
        return encodeResponse(ResultCode.success, readPayload(card, para === 0x10));
      case 0x3003:
        return card ? encodeResponse(ResultCode.noContent) : encodeResponse(ResultCode.readFailed);
      default:
        return encodeResponse(ResultCode.commandError);
    }
  }

  async #send(frame: Uint8Array): Promise<void> {
    const fault = this.#state.fault;
    if (this.#state.faultRepliesLeft !== null) {
      const left = this.#state.faultRepliesLeft - 1;
      this.#update(left <= 0 ? { fault: { kind: 'none' }, faultRepliesLeft: null } : { faultRepliesLeft: left });
    }
    if (this.#state.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.#state.delayMs));
    if (!this.#pipe.isOpen) return;
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
        break;
      default:
        fault satisfies never;
    }
    await this.#pipe.write(bytes).catch(() => undefined);
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
