import type { Db } from './database';

/** A table whose rows can be moved aside when they cannot be read. */
export type QuarantineSource = 'transactions' | 'outbox';

export interface QuarantinedRow {
  readonly id: number;
  readonly sourceTable: QuarantineSource;
  /** txn_id for transactions, seq for outbox. */
  readonly rowKey: string;
  readonly txnId: string | null;
  readonly reason: string;
  readonly quarantinedAt: number;
}

/** Called for every row moved aside, so that it gets logged. */
export type QuarantineListener = (row: Omit<QuarantinedRow, 'id'>) => void;

const KEY_COLUMN: Record<QuarantineSource, string> = { transactions: 'txn_id', outbox: 'seq' };
const SEALED_COLUMN: Record<QuarantineSource, string> = { transactions: 'data_sealed', outbox: 'payload_sealed' };

/**
 * Rows that could not be read: a corrupt blob, or one sealed with a key this kiosk does not have.
 * Moving such a row aside (with its bytes and every other column, in one SQLite transaction) lets
 * the rest of the outbox sync and the rest of the journal recover; the count goes to central in
 * the heartbeat, and a restored key can bring a row back from `row_json` and `sealed`.
 */
export class Quarantine {
  readonly #db: Db;
  readonly #listener: QuarantineListener | undefined;

  constructor(db: Db, listener?: QuarantineListener) {
    this.#db = db;
    this.#listener = listener;
  }

  /**
   * Moves the row out of its table. `row` is the row as read (column names as in the table);
   * nothing happens when the row is no longer there.
   */
  move(source: QuarantineSource, row: Record<string, unknown>, reason: string, nowMs: number): void {
    const keyColumn = KEY_COLUMN[source];
    const sealedColumn = SEALED_COLUMN[source];
    const rowKey = String(row[keyColumn]);
    const txnId = typeof row.txn_id === 'string' ? row.txn_id : null;
    const sealed = row[sealedColumn];
    const rest = Object.fromEntries(Object.entries(row).filter(([column]) => column !== sealedColumn));
    const moved = this.#db.transaction(() => {
      const removed = this.#db.prepare(`DELETE FROM ${source} WHERE ${keyColumn} = ?`).run(row[keyColumn] as string | number);
      if (removed.changes === 0) return false;
      this.#db
        .prepare(
          `INSERT INTO quarantine(source_table, row_key, txn_id, sealed, row_json, reason, quarantined_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(source, rowKey, txnId, Buffer.isBuffer(sealed) ? sealed : null, JSON.stringify(rest), reason, nowMs);
      return true;
    })();
    if (moved) this.#listener?.({ sourceTable: source, rowKey, txnId, reason, quarantinedAt: nowMs });
  }

  count(): number {
    return (this.#db.prepare('SELECT COUNT(*) AS n FROM quarantine').get() as { n: number }).n;
  }

  list(): QuarantinedRow[] {
    const rows = this.#db
      .prepare('SELECT id, source_table, row_key, txn_id, reason, quarantined_at FROM quarantine ORDER BY id')
      .all() as Array<{ id: number; source_table: QuarantineSource; row_key: string; txn_id: string | null; reason: string; quarantined_at: number }>;
    return rows.map((row) => ({
      id: row.id,
      sourceTable: row.source_table,
      rowKey: row.row_key,
      txnId: row.txn_id,
      reason: row.reason,
      quarantinedAt: row.quarantined_at,
    }));
  }
}
