import type { Db } from './database';
import { type NewOutboxRecord, Outbox } from './outbox';
import type { Sealer } from './sealing';

export interface TransactionStep {
  readonly txnId: string;
  readonly kind: string;
  /** The flow's state after this step, e.g. `identity-read`, `completed`, `refunded`. */
  readonly state: string;
  /** What the step knows and did; sealed at rest because it holds personal data. */
  readonly data: unknown;
}

export interface StoredTransaction extends TransactionStep {
  readonly createdAt: number;
  readonly updatedAt: number;
}

/**
 * The transaction journal. Every step of a flow is written here; a step that must reach central
 * writes its outbox record in the same SQLite transaction, so neither exists without the other.
 */
export class Journal {
  readonly #db: Db;
  readonly #sealer: Sealer;
  readonly outbox: Outbox;

  constructor(db: Db, sealer: Sealer) {
    this.#db = db;
    this.#sealer = sealer;
    this.outbox = new Outbox(db, sealer);
  }

  /** Writes a step and, when given, its outbox records atomically. Returns their seqs. */
  record(step: TransactionStep, nowMs: number, outboxRecords: readonly NewOutboxRecord[] = []): number[] {
    return this.#db.transaction(() => {
      this.#db
        .prepare(
          `INSERT INTO transactions(txn_id, kind, state, created_at, updated_at, data_sealed) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT(txn_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at, data_sealed = excluded.data_sealed`,
        )
        .run(step.txnId, step.kind, step.state, nowMs, nowMs, this.#sealer.sealJson(step.data));
      return outboxRecords.map((record) => this.outbox.enqueue(record));
    })();
  }

  /** Moves a transaction to another state without touching its data. */
  setState(txnId: string, state: string, nowMs: number): void {
    this.#db.prepare('UPDATE transactions SET state = ?, updated_at = ? WHERE txn_id = ?').run(state, nowMs, txnId);
  }

  get(txnId: string): StoredTransaction | undefined {
    const row = this.#db.prepare('SELECT * FROM transactions WHERE txn_id = ?').get(txnId) as
      | { txn_id: string; kind: string; state: string; created_at: number; updated_at: number; data_sealed: Buffer }
      | undefined;
    if (!row) return undefined;
    return {
      txnId: row.txn_id,
      kind: row.kind,
      state: row.state,
      data: this.#sealer.openJson(row.data_sealed),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  /** Transactions not in a final state: the start-up recovery drives these to an end. */
  unfinished(finalStates: readonly string[]): StoredTransaction[] {
    const placeholders = finalStates.map(() => '?').join(',') || "''";
    const rows = this.#db
      .prepare(`SELECT txn_id FROM transactions WHERE state NOT IN (${placeholders}) ORDER BY created_at`)
      .all(...finalStates) as Array<{ txn_id: string }>;
    return rows.map((row) => this.get(row.txn_id)).filter((t): t is StoredTransaction => t !== undefined);
  }
}
