import { z } from 'zod';
import type { KioskState } from '../operation/kiosk-state';

const KEY = 'maintenance-pin-lockout';

/** Wrong PINs in a row before entry is locked. */
export const MAX_PIN_FAILURES = 5;
/** How long entry stays locked after the fifth wrong PIN. */
export const PIN_LOCKOUT_MS = 15 * 60 * 1000;

const Stored = z.object({ failures: z.number().int().min(0), lockedUntilMs: z.number() });
type Stored = z.infer<typeof Stored>;

/**
 * Wrong PINs, counted for the kiosk (not per card: a thief with two cards gets no more tries) and
 * kept in the database, so a restart does not give five more tries. A damaged value counts as
 * locked from now: a terminal nobody watches fails closed.
 */
export class PinLockout {
  readonly #state: KioskState;
  readonly #now: () => number;

  constructor(state: KioskState, now: () => number) {
    this.#state = state;
    this.#now = now;
  }

  #read(): Stored {
    const value = this.#state.read(KEY);
    if (value === undefined) return { failures: 0, lockedUntilMs: 0 };
    const parsed = Stored.safeParse(value);
    return parsed.success ? parsed.data : { failures: MAX_PIN_FAILURES, lockedUntilMs: this.#now() + PIN_LOCKOUT_MS };
  }

  /** Until when entry is locked (epoch ms), or null when it is not. */
  lockedUntil(): number | null {
    const { lockedUntilMs } = this.#read();
    return lockedUntilMs > this.#now() ? lockedUntilMs : null;
  }

  /** Tries left before the lock. A lock that has run out starts a fresh count. */
  attemptsLeft(): number {
    const stored = this.#read();
    if (stored.lockedUntilMs && stored.lockedUntilMs <= this.#now()) return MAX_PIN_FAILURES;
    return Math.max(0, MAX_PIN_FAILURES - stored.failures);
  }

  /** A wrong PIN; returns the lock's end when this one locked entry. */
  failed(): number | null {
    const stored = this.#read();
    const expired = stored.lockedUntilMs !== 0 && stored.lockedUntilMs <= this.#now();
    const failures = (expired ? 0 : stored.failures) + 1;
    const lockedUntilMs = failures >= MAX_PIN_FAILURES ? this.#now() + PIN_LOCKOUT_MS : 0;
    this.#state.write(KEY, { failures: lockedUntilMs ? 0 : failures, lockedUntilMs });
    return lockedUntilMs || null;
  }

  succeeded(): void {
    this.#state.write(KEY, { failures: 0, lockedUntilMs: 0 });
  }
}
