import { z } from 'zod';
import type { KioskState } from '../operation/kiosk-state';

const KEY = 'maintenance-pin-lockout-by-card';
/** Where the kiosk-wide count was kept before it was per card: a lock running there still holds. */
const KIOSK_WIDE_KEY = 'maintenance-pin-lockout';

/** Wrong PINs in a row for one staff card before that card is locked. */
export const MAX_PIN_FAILURES = 5;
/** How long a card stays locked after its fifth wrong PIN. */
export const PIN_LOCKOUT_MS = 15 * 60 * 1000;

const CardCount = z.object({ failures: z.number().int().min(0), lockedUntilMs: z.number() });
type CardCount = z.infer<typeof CardCount>;
const Stored = z.record(z.string().max(40), CardCount);

const FRESH: CardCount = { failures: 0, lockedUntilMs: 0 };
/** The entry that locks every card (after a damaged value). */
const EVERY_CARD = '*';

/**
 * Wrong PINs, counted per staff card (by staff id): five in a row lock that card for 15 minutes,
 * and another staff member's card still opens maintenance. Kept in the kiosk's database with the
 * rest of maintenance's state, so a restart does not give five more tries. A damaged value locks
 * every card for 15 minutes from when it is found: a terminal nobody watches fails closed.
 */
export class PinLockout {
  readonly #state: KioskState;
  readonly #now: () => number;

  constructor(state: KioskState, now: () => number) {
    this.#state = state;
    this.#now = now;
  }

  #readAll(): Record<string, CardCount> {
    const value = this.#state.read(KEY);
    if (value === undefined) return this.#kioskWideLock();
    const parsed = Stored.safeParse(value);
    if (parsed.success) return parsed.data;
    const locked = { [EVERY_CARD]: { failures: 0, lockedUntilMs: this.#now() + PIN_LOCKOUT_MS } };
    this.#state.write(KEY, locked);
    return locked;
  }

  /** A lock of the kiosk-wide count (before the update) that has not run out applies to every card. */
  #kioskWideLock(): Record<string, CardCount> {
    const old = CardCount.safeParse(this.#state.read(KIOSK_WIDE_KEY));
    return old.success && old.data.lockedUntilMs > this.#now() ? { [EVERY_CARD]: { failures: 0, lockedUntilMs: old.data.lockedUntilMs } } : {};
  }

  #read(staffId: string): CardCount {
    const all = this.#readAll();
    const card = all[staffId] ?? FRESH;
    const every = all[EVERY_CARD];
    return every && every.lockedUntilMs > card.lockedUntilMs ? { ...card, lockedUntilMs: every.lockedUntilMs } : card;
  }

  #write(staffId: string, count: CardCount): void {
    const now = this.#now();
    // Cards with nothing to remember (no wrong PIN, no lock running) are dropped.
    const kept = Object.entries(this.#readAll()).filter(([id, entry]) => id !== staffId && (entry.failures > 0 || entry.lockedUntilMs > now));
    if (count.failures > 0 || count.lockedUntilMs > now) kept.push([staffId, count]);
    this.#state.write(KEY, Object.fromEntries(kept));
  }

  /** Until when this card is locked (epoch ms), or null when it is not. */
  lockedUntil(staffId: string): number | null {
    const { lockedUntilMs } = this.#read(staffId);
    return lockedUntilMs > this.#now() ? lockedUntilMs : null;
  }

  /** Tries left for this card before its lock. A lock that has run out starts a fresh count. */
  attemptsLeft(staffId: string): number {
    const stored = this.#read(staffId);
    if (stored.lockedUntilMs && stored.lockedUntilMs <= this.#now()) return MAX_PIN_FAILURES;
    return Math.max(0, MAX_PIN_FAILURES - stored.failures);
  }

  /** A wrong PIN for this card; returns the lock's end when this one locked it. */
  failed(staffId: string): number | null {
    const stored = this.#read(staffId);
    const expired = stored.lockedUntilMs !== 0 && stored.lockedUntilMs <= this.#now();
    const failures = (expired ? 0 : stored.failures) + 1;
    const lockedUntilMs = failures >= MAX_PIN_FAILURES ? this.#now() + PIN_LOCKOUT_MS : 0;
    this.#write(staffId, { failures: lockedUntilMs ? 0 : failures, lockedUntilMs });
    return lockedUntilMs || null;
  }

  /** The right PIN: this card's count starts again. */
  succeeded(staffId: string): void {
    this.#write(staffId, FRESH);
  }
}
