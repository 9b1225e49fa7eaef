import { afterPendingInput } from '../common/pending-input';
import type { BytePipe } from '../transport/byte-pipe';
import { ACK, encodeCommand, EOT, NAK, type ReplyFrame } from './codec';
import { FrameScanner, type ScanEvent } from './frame-scanner';

/** How one command exchange ended, below the level of error codes. */
export type ExchangeOutcome =
  | { readonly kind: 'reply'; readonly frame: ReplyFrame }
  /** No ACK (silence or NAK) after every try: the unit is not there. */
  | { readonly kind: 'no-ack'; readonly tries: number }
  /** ACKed, but the reply did not come in time. */
  | { readonly kind: 'reply-timeout' }
  /** The reply kept arriving with a bad BCC. */
  | { readonly kind: 'corrupt-reply'; readonly naks: number }
  /** The caller's signal fired; EOT was sent. */
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'closed' };

export interface LinkTimeouts {
  readonly ackMs: number;
  readonly maxTries: number;
  readonly maxReplyNaks: number;
}

export interface ExchangeRequest {
  readonly cm: number;
  readonly pm: number;
  readonly data?: Uint8Array;
  readonly replyTimeoutMs: number;
  readonly signal?: AbortSignal;
}

type Wait = ScanEvent | 'timeout' | 'aborted' | 'closed';

const ACK_BYTES = Uint8Array.of(ACK);
const NAK_BYTES = Uint8Array.of(NAK);
const EOT_BYTES = Uint8Array.of(EOT);

/**
 * The link handshake over one open pipe: send a command frame, wait for ACK (resend on NAK or
 * silence), wait for the reply, ACK it or NAK a damaged one, and send EOT when cancelled.
 * The caller guarantees one exchange at a time.
 */
export class CommandLink {
  readonly #scanner = new FrameScanner();
  readonly #events: ScanEvent[] = [];
  readonly #unsubscribe: Array<() => void> = [];
  #wake: (() => void) | undefined;
  #closed = false;

  constructor(
    private readonly pipe: BytePipe,
    private readonly addr: number,
    private readonly timeouts: LinkTimeouts,
  ) {
    this.#unsubscribe.push(
      pipe.onData((chunk) => {
        this.#events.push(...this.#scanner.push(chunk));
        this.#wake?.();
      }),
      pipe.onClose(() => {
        this.#closed = true;
        this.#wake?.();
      }),
    );
  }

  get isClosed(): boolean {
    return this.#closed || !this.pipe.isOpen;
  }

  dispose(): void {
    for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
    this.#closed = true;
    this.#wake?.();
  }

  async exchange(request: ExchangeRequest): Promise<ExchangeOutcome> {
    const { cm, pm, signal } = request;
    // Whatever is left from an earlier exchange (a half frame, a late duplicate) is stale now.
    this.#scanner.reset();
    this.#events.length = 0;
    const frame = encodeCommand(this.addr, cm, pm, request.data);
    const isOurReply = (event: ScanEvent): event is ScanEvent & { kind: 'frame'; frame: ReplyFrame } =>
      event.kind === 'frame' &&
      event.frame.kind !== 'command' &&
      event.frame.addr === this.addr &&
      event.frame.cm === cm &&
      event.frame.pm === pm;

    let early: ScanEvent | undefined;
    let tries = 0;
    let acked = false;
    while (!acked && tries < this.timeouts.maxTries) {
      tries++;
      if (!(await this.#send(frame))) return { kind: 'closed' };
      const deadline = performance.now() + this.timeouts.ackMs;
      for (;;) {
        const event = await this.#next(deadline, signal);
        if (event === 'closed') return { kind: 'closed' };
        if (event === 'aborted') return this.#cancel();
        if (event === 'timeout') break;
        if (event.kind === 'control' && event.control === 'nak') break;
        if (event.kind === 'control' && event.control === 'ack') {
          acked = true;
          break;
        }
        // A reply (or a damaged frame) means the ACK was lost on the way: the command got there.
        if (isOurReply(event) || (event.kind === 'corrupt' && event.error.code === 'bad-bcc')) {
          acked = true;
          early = event;
          break;
        }
      }
    }
    if (!acked) return { kind: 'no-ack', tries };

    let deadline = performance.now() + request.replyTimeoutMs;
    let naks = 0;
    for (;;) {
      const event = early ?? (await this.#next(deadline, signal));
      early = undefined;
      if (event === 'closed') return { kind: 'closed' };
      if (event === 'aborted') return this.#cancel();
      if (event === 'timeout') return { kind: 'reply-timeout' };
      if (isOurReply(event)) {
        await this.#send(ACK_BYTES);
        return { kind: 'reply', frame: event.frame };
      }
      if (event.kind === 'frame' && event.frame.kind !== 'command') {
        // A stale reply to something else (a resend after we moved on): acknowledge and ignore it.
        await this.#send(ACK_BYTES);
        continue;
      }
      if (event.kind === 'corrupt' && event.error.code === 'bad-bcc') {
        naks++;
        if (naks > this.timeouts.maxReplyNaks) return { kind: 'corrupt-reply', naks: naks - 1 };
        if (!(await this.#send(NAK_BYTES))) return { kind: 'closed' };
        // The unit resends at once; give it at least an ACK window even if the reply was late.
        deadline = Math.max(deadline, performance.now() + this.timeouts.ackMs);
      }
    }
  }

  async #cancel(): Promise<ExchangeOutcome> {
    await this.#send(EOT_BYTES);
    return { kind: 'cancelled' };
  }

  async #send(bytes: Uint8Array): Promise<boolean> {
    if (this.isClosed) return false;
    try {
      await this.pipe.write(bytes);
      return true;
    } catch {
      // The pipe reports the reason through onClose; the driver turns it into "offline".
      return false;
    }
  }

  async #next(deadline: number, signal: AbortSignal | undefined): Promise<Wait> {
    let lookedAtPendingInput = false;
    for (;;) {
      const event = this.#events.shift();
      if (event) return event;
      if (this.isClosed) return 'closed';
      if (signal?.aborted) return 'aborted';
      const remaining = deadline - performance.now();
      if (remaining <= 0) {
        // An ACK or reply already waiting to be read came in time: a held-up host is not a silent unit.
        if (lookedAtPendingInput) return 'timeout';
        lookedAtPendingInput = true;
        await afterPendingInput();
        continue;
      }
      await new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', done);
          this.#wake = undefined;
          resolve();
        };
        const timer = setTimeout(done, remaining);
        signal?.addEventListener('abort', done, { once: true });
        this.#wake = done;
      });
    }
  }
}
