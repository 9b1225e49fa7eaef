import type { Clock, TimerHandle } from '../../../drivers/common/clock';
import type { IdReaderDriver } from '../../../drivers/id-reader/driver';
import type { Logger } from '../log';
import { idNumberDigest } from './staff-directory';

/** Polls between two reads of a card that stays on the reader. */
const REREAD_EVERY = 3;

export interface StaffCardWatchDeps {
  readonly idReader: Pick<IdReaderDriver, 'findCard' | 'readCard'>;
  readonly clock: Clock;
  readonly log: Logger;
  /** Whether to look now: the attract screen is up and maintenance is closed. */
  readonly active: () => boolean;
  /** A card was put on the reader and read; the ID number is not kept beyond this call. */
  readonly onCard: (idNumber: string) => void;
  readonly intervalMs?: number;
}

/**
 * How the attract screen notices a staff card: while the kiosk is idle the host polls the ID
 * reader (find-card, no motion) and reads a card when it appears; a card that stays is read again
 * every few polls and acted on only if it is another card. During a citizen's session or
 * maintenance it does not touch the reader.
 */
export class StaffCardWatch {
  readonly #deps: StaffCardWatchDeps;
  #timer: TimerHandle | undefined;
  #running = false;
  /** Digest of the card read last while it stays on the reader; null once the reader is empty. */
  #lastCard: string | null = null;
  /** Polls since the card on the reader was last read. */
  #sinceRead = 0;

  constructor(deps: StaffCardWatchDeps) {
    this.#deps = deps;
  }

  start(): void {
    this.#running = true;
    this.#schedule();
  }

  stop(): void {
    this.#running = false;
    this.#deps.clock.clearTimeout(this.#timer);
  }

  #schedule(): void {
    if (!this.#running) return;
    this.#timer = this.#deps.clock.setTimeout(() => void this.poll().finally(() => this.#schedule()), this.#deps.intervalMs ?? 1000);
  }

  /** One look at the reader (exposed for tests). */
  async poll(): Promise<void> {
    if (!this.#deps.active()) return;
    const found = await this.#deps.idReader.findCard();
    if (!found.ok || !found.value) {
      this.#lastCard = null;
      return;
    }
    // A card that stays is read again now and then: one swapped for another without a poll
    // seeing the reader empty is noticed; the same card is not acted on twice.
    if (this.#lastCard !== null && ++this.#sinceRead < REREAD_EVERY) return;
    this.#sinceRead = 0;
    const read = await this.#deps.idReader.readCard();
    if (!read.ok) {
      this.#deps.log.info({ reason: read.reason }, 'card on the idle reader could not be read');
      return;
    }
    const card = idNumberDigest(read.value.idNumber);
    if (card === this.#lastCard) return;
    this.#lastCard = card;
    if (this.#deps.active()) this.#deps.onCard(read.value.idNumber);
  }
}
