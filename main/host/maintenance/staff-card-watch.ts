import type { Clock, TimerHandle } from '../../../drivers/common/clock';
import type { IdReaderDriver } from '../../../drivers/id-reader/driver';
import type { Logger } from '../log';
import { idNumberDigest } from './staff-directory';

/** Full reads tried on a card that does not read, before it is left alone until lifted. */
const MAX_FAILED_READS = 3;

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
 * reader with GA 467 find-card (a short frame, no motion, no SAM work) and reads a card fully
 * (find, select, read: about 1.3 kB and up to 2 s on a real reader) only when one arrives: the
 * reader was seen empty before, or the watch was not looking (a session, maintenance), or the last
 * read failed. A card that stays is not read again. The contract's find-card answer carries no
 * card identity (and select's 8 bytes are not defined), so a card swapped for another between two
 * polls without the reader being seen empty goes unnoticed: lift the card and lay it again. During
 * a citizen's session or maintenance the watch does not touch the reader.
 */
export class StaffCardWatch {
  readonly #deps: StaffCardWatchDeps;
  #timer: TimerHandle | undefined;
  #running = false;
  /** Digest of the card read last while it stays on the reader; null once the reader is empty. */
  #lastCard: string | null = null;
  /** The card on the reader (if any) has not been read since it arrived or since the watch looked away. */
  #readDue = true;
  #looking = false;
  #failedReads = 0;

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
    if (!this.#deps.active()) {
      this.#looking = false;
      return;
    }
    // Back from a session or maintenance: the card there now may be another; it is read once
    // (and not acted on if it is the same card as before, e.g. staff who just closed maintenance).
    if (!this.#looking) this.#readDue = true;
    this.#looking = true;
    const found = await this.#deps.idReader.findCard();
    // A reader that did not answer says nothing about the card: nothing changes.
    if (!found.ok) return;
    if (!found.value) {
      this.#lastCard = null;
      this.#readDue = true;
      this.#failedReads = 0;
      return;
    }
    if (!this.#readDue) return;
    const read = await this.#deps.idReader.readCard();
    if (!read.ok) {
      // Read again at the next polls (a card laid on while moving, a brief fault); a card that
      // never reads is left alone until it is lifted.
      this.#readDue = ++this.#failedReads < MAX_FAILED_READS;
      this.#deps.log.info({ reason: read.reason, failedReads: this.#failedReads }, 'card on the idle reader could not be read');
      return;
    }
    this.#readDue = false;
    this.#failedReads = 0;
    const card = idNumberDigest(read.value.idNumber);
    if (card === this.#lastCard) return;
    this.#lastCard = card;
    if (this.#deps.active()) this.#deps.onCard(read.value.idNumber);
  }
}
