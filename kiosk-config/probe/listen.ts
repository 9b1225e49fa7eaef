/**
 * What a probe hears on a port: every byte that arrived since the last `clear`, and a way to wait
 * until those bytes satisfy a test or a time limit passes. Timers run on the kiosk's one clock.
 */
import { type Clock, systemClock } from '../../drivers/common/clock';
import { afterPendingInput } from '../../drivers/common/pending-input';
import type { BytePipe } from '../../drivers/transport/byte-pipe';

export class PortListener {
  #heard: Uint8Array = new Uint8Array();
  #wake: (() => void) | undefined;
  readonly #unsubscribe: () => void;
  readonly #clock: Clock;

  constructor(pipe: BytePipe, clock: Clock = systemClock) {
    this.#clock = clock;
    this.#unsubscribe = pipe.onData((chunk) => {
      const joined = new Uint8Array(this.#heard.length + chunk.length);
      joined.set(this.#heard, 0);
      joined.set(chunk, this.#heard.length);
      // A device that streams without end must not fill memory: 64 KiB is far more than any answer.
      this.#heard = joined.length > 65_536 ? joined.slice(joined.length - 65_536) : joined;
      this.#wake?.();
    });
  }

  get heard(): Uint8Array {
    return this.#heard;
  }

  clear(): void {
    this.#heard = new Uint8Array();
  }

  /**
   * Resolves with the first non-undefined value `test` returns on the bytes heard so far (checked
   * now and on every arrival), or undefined when `timeoutMs` passes first.
   */
  until<T>(test: (heard: Uint8Array) => T | undefined, timeoutMs: number): Promise<T | undefined> {
    return new Promise((resolve) => {
      let finished = false;
      const finish = (value: T | undefined) => {
        if (finished) return;
        finished = true;
        this.#clock.clearTimeout(timer);
        this.#wake = undefined;
        resolve(value);
      };
      const check = () => {
        const value = test(this.#heard);
        if (value !== undefined) finish(value);
      };
      // Time is up: an answer already waiting to be read (a held-up process, a loaded machine)
      // still counts, as in the drivers' own waits (drivers/common/pending-input.ts).
      const timer = this.#clock.setTimeout(() => void afterPendingInput().then(() => finish(undefined)), timeoutMs);
      this.#wake = check;
      check();
    });
  }

  /** Waits `ms` and answers what was heard by then (to see whether a device says more than it should). */
  async settle(ms: number): Promise<Uint8Array> {
    await this.until(() => undefined, ms);
    return this.#heard;
  }

  stop(): void {
    this.#unsubscribe();
    this.#wake = undefined;
  }
}
