import { type Db, statementCache } from './database';
import { type NewOutboxRecord, Outbox, type StoreParts, unreadableReason } from './outbox';
import { Quarantine } from './quarantine';
import type { Sealer } from './sealing';
import { guarded, type StorageHealth } from './storage-health';

export interface TransactionStep {
  readonly txnId: string;
  readonly kind: string;
  /** The flow's state after this step, e.g. `identity-read`, `completed`, `refunded`. */
  readonly state: string;
  /** What the step knows and did; sealed at rest because it holds personal data. */
  readonly data: unknown;
  /**
   * What the step did to the world (payment id, card position, chip write result, print job),
   * appended to the transaction's step log in the same SQLite transaction as `data`.
   */
  readonly effect?: unknown;
}

/** One row of a transaction's append-only step log. */
export interface StepRow {
  readonly n: number;
  readonly state: string;
  readonly at: number;
  /** Null once retention deleted it. */
  readonly effect: unknown;
}

/** The associated data that binds a step's sealed effect to its row. */
export const stepAad = (txnId: string, n: number): string => `txn_steps:${txnId}:${n}`;

export interface StoredTransaction extends TransactionStep {
  readonly createdAt: number;
  readonly updatedAt: number;
  /** When retention deleted the personal data (then `data` is null), or null while it is kept. */
  readonly purgedAt: number | null;
}

export interface JournalOptions extends StoreParts {
  /** The time rows are quarantined at, when no other time is at hand. */
  readonly now?: () => number;
}

/** The associated data that binds a transaction's sealed data to its row (see sealing.ts). */
export const transactionAad = (txnId: string): string => `transactions:${txnId}`;

interface TransactionRow {
  txn_id: string;
  kind: string;
  state: string;
  created_at: number;
  updated_at: number;
  data_sealed: Buffer | null;
  purged_at: number | null;
}

/**
 * The transaction journal. Every step of a flow is written here; a step that must reach central
 * writes its outbox record in the same SQLite transaction, so neither exists without the other.
 */
export class Journal {
  readonly #sql: ReturnType<typeof statementCache>;
  readonly #sealer: Sealer;
  readonly #health: StorageHealth | undefined;
  readonly #quarantine: Quarantine;
  readonly #now: () => number;
  readonly outbox: Outbox;

  /** Built once: wrapping a function in a SQLite transaction costs as much as a small insert. */
  readonly #recordAtomically: (step: TransactionStep, nowMs: number, outboxRecords: readonly NewOutboxRecord[]) => number[];

  constructor(db: Db, sealer: Sealer, options: JournalOptions = {}) {
    this.#sql = statementCache(db);
    this.#sealer = sealer;
    this.#health = options.health;
    this.#quarantine = options.quarantine ?? new Quarantine(db);
    this.#now = options.now ?? Date.now;
    this.outbox = new Outbox(db, sealer, { health: this.#health, quarantine: this.#quarantine });
    this.#recordAtomically = db.transaction((step: TransactionStep, nowMs: number, outboxRecords: readonly NewOutboxRecord[]) => {
      this.#sql(
        `INSERT INTO transactions(txn_id, kind, state, created_at, updated_at, data_sealed) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(txn_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at,
           data_sealed = excluded.data_sealed, purged_at = NULL`,
      ).run(step.txnId, step.kind, step.state, nowMs, nowMs, this.#sealer.sealJson(step.data, transactionAad(step.txnId)));
      if (step.effect !== undefined) {
        const { n } = this.#sql('SELECT coalesce(max(n), 0) + 1 AS n FROM txn_steps WHERE txn_id = ?').get(step.txnId) as { n: number };
        this.#sql('INSERT INTO txn_steps(txn_id, n, state, at, effect_sealed) VALUES (?, ?, ?, ?, ?)').run(
          step.txnId,
          n,
          step.state,
          nowMs,
          this.#sealer.sealJson(step.effect, stepAad(step.txnId, n)),
        );
      }
      return outboxRecords.map((record) => this.outbox.enqueue(record));
    });
  }

  /**
   * Writes a step and, when given, its outbox records atomically. Returns their seqs. A storage
   * failure (disk full, corruption) throws a StorageError and leaves what was committed before.
   */
  record(step: TransactionStep, nowMs: number, outboxRecords: readonly NewOutboxRecord[] = []): number[] {
    const seqs = guarded(this.#health, 'recording a transaction step', () => this.#recordAtomically(step, nowMs, outboxRecords));
    this.#health?.writeSucceeded();
    return seqs;
  }

  /**
   * The next number of a named sequence, kept in the journal's counters: one more than the last
   * one handed out, or `atLeast` when that is higher. Never handed out twice, whatever restarts or
   * the clock do; a number taken by a session that then crashed is skipped, not reused.
   */
  nextInSequence(name: string, atLeast = 1): number {
    const row = guarded(this.#health, 'taking a sequence number', () =>
      this.#sql('INSERT INTO counters(name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = max(value + 1, excluded.value) RETURNING value').get(
        name,
        atLeast,
      ),
    ) as { value: number };
    this.#health?.writeSucceeded();
    return row.value;
  }

  /** Moves a transaction to another state without touching its data. */
  setState(txnId: string, state: string, nowMs: number): void {
    guarded(this.#health, 'setting a transaction state', () =>
      this.#sql('UPDATE transactions SET state = ?, updated_at = ? WHERE txn_id = ?').run(state, nowMs, txnId),
    );
    this.#health?.writeSucceeded();
  }

  /** The transaction, or undefined when there is none or its row could not be read (then it is quarantined). */
  get(txnId: string): StoredTransaction | undefined {
    return guarded(this.#health, 'reading a transaction', () => {
      const row = this.#sql('SELECT * FROM transactions WHERE txn_id = ?').get(txnId) as TransactionRow | undefined;
      return row ? this.#readOrQuarantine(row) : undefined;
    });
  }

  /**
   * Transactions not in a final state: the start-up recovery drives these to an end. A row that
   * cannot be read is quarantined and left out; the others are returned.
   */
  unfinished(finalStates: readonly string[]): StoredTransaction[] {
    return guarded(this.#health, 'listing unfinished transactions', () => {
      const placeholders = finalStates.map(() => '?').join(',') || "''";
      const rows = this.#sql(`SELECT * FROM transactions WHERE state NOT IN (${placeholders}) ORDER BY created_at`)
        .all(...finalStates) as TransactionRow[];
      return rows.map((row) => this.#readOrQuarantine(row)).filter((t): t is StoredTransaction => t !== undefined);
    });
  }

  /** The transaction's step log, oldest first; a step that cannot be read shows as an `unreadable` effect. */
  steps(txnId: string): StepRow[] {
    const rows = guarded(this.#health, 'reading a step log', () =>
      this.#sql('SELECT n, state, at, effect_sealed FROM txn_steps WHERE txn_id = ? ORDER BY n').all(txnId),
    ) as Array<{ n: number; state: string; at: number; effect_sealed: Buffer | null }>;
    return rows.map((row) => {
      let effect: unknown = null;
      try {
        if (row.effect_sealed) effect = this.#sealer.openJson(row.effect_sealed, stepAad(txnId, row.n));
      } catch (error) {
        // The log is evidence, not the flow's state: an unreadable row is shown as such, not moved.
        effect = { unreadable: unreadableReason(error) };
      }
      return { n: row.n, state: row.state, at: row.at, effect };
    });
  }

  /** Rows moved aside because they could not be read; see quarantine.ts. */
  get quarantine(): Quarantine {
    return this.#quarantine;
  }

  #readOrQuarantine(row: TransactionRow): StoredTransaction | undefined {
    try {
      return {
        txnId: row.txn_id,
        kind: row.kind,
        state: row.state,
        data: row.data_sealed === null ? null : this.#sealer.openJson(row.data_sealed, transactionAad(row.txn_id)),
        createdAt: row.created_at,
        updatedAt: row.updated_at,
        purgedAt: row.purged_at,
      };
    } catch (error) {
      this.#quarantine.move('transactions', { ...row }, unreadableReason(error), this.#now());
      return undefined;
    }
  }
}
