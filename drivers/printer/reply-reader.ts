/**
 * Collects reply bytes from the pipe and hands them out one at a time with a timeout. The
 * printer only ever answers DLE EOT with single bytes, so a byte queue is the whole framing.
 */
import type { Clock, TimerHandle } from '../common/clock';
import { afterPendingInput } from '../common/pending-input';

/** A printer spewing garbage must not grow memory without bound. */
const MAX_BUFFERED = 256;

export class ReplyReader {
  #bytes: number[] = [];
  #waiter: { resolve: (byte: number | undefined) => void; timer: TimerHandle } | undefined;

  constructor(private readonly clock: Clock) {}

  push(chunk: Uint8Array): void {
    for (const byte of chunk) this.#bytes.push(byte);
    if (this.#bytes.length > MAX_BUFFERED) this.#bytes.splice(0, this.#bytes.length - MAX_BUFFERED);
    this.#deliver();
  }

  /** Drops stale bytes (late or unsolicited replies) before a new request. */
  clear(): void {
    this.#bytes = [];
  }

  /**
   * The next byte, or undefined when none comes within `timeoutMs` or the link closed. When the
   * time is up, input already waiting to be read is still taken (afterPendingInput).
   */
  next(timeoutMs: number): Promise<number | undefined> {
    this.abort();
    return new Promise((resolve) => {
      const timer = this.clock.setTimeout(() => {
        const waiter = this.#waiter;
        void afterPendingInput().then(() => {
          // Still the same wait, and nothing came: the printer did not answer.
          if (this.#waiter !== waiter) return;
          this.#waiter = undefined;
          resolve(undefined);
        });
      }, timeoutMs);
      this.#waiter = { resolve, timer };
      this.#deliver();
    });
  }

  /** Ends a pending wait at once (the pipe closed). */
  abort(): void {
    const waiter = this.#waiter;
    if (!waiter) return;
    this.#waiter = undefined;
    this.clock.clearTimeout(waiter.timer);
    waiter.resolve(undefined);
  }

  #deliver(): void {
    const waiter = this.#waiter;
    if (!waiter || this.#bytes.length === 0) return;
    this.#waiter = undefined;
    this.clock.clearTimeout(waiter.timer);
    waiter.resolve(this.#bytes.shift());
  }
}
