import type { Db } from './database';
import type { Sealer } from './sealing';

export interface AttachmentRef {
  readonly name: string;
  readonly sha256: string;
  readonly bytes: number;
}

export interface NewOutboxRecord {
  readonly txnId: string;
  readonly kind: string;
  readonly occurredAt: string;
  readonly payload: unknown;
  readonly attachments?: readonly AttachmentRef[];
}

export interface OutboxRecord {
  readonly seq: number;
  readonly txnId: string;
  readonly kind: string;
  readonly occurredAt: string;
  readonly payload: unknown;
  readonly attachments: readonly AttachmentRef[];
  readonly attempts: number;
}

export interface OutboxStats {
  readonly pending: number;
  readonly oldestPendingAgeS: number;
  readonly deadLetters: number;
}

interface OutboxRow {
  seq: number;
  txn_id: string;
  kind: string;
  occurred_at: string;
  payload_sealed: Buffer;
  attachments: string;
  attempts: number;
}

/**
 * The outbox: records waiting for central's acknowledgement. `enqueue` must be called inside the
 * same SQLite transaction as the business row it belongs to (see Journal), which is what makes
 * "written" and "will be sent" one and the same.
 */
export class Outbox {
  readonly #db: Db;
  readonly #sealer: Sealer;

  constructor(db: Db, sealer: Sealer) {
    this.#db = db;
    this.#sealer = sealer;
  }

  /** Fixes the record's seq from the counter; call inside a transaction. */
  enqueue(record: NewOutboxRecord): number {
    const { value } = this.#db
      .prepare("UPDATE counters SET value = value + 1 WHERE name = 'outbox_seq' RETURNING value")
      .get() as { value: number };
    this.#db
      .prepare(
        'INSERT INTO outbox(seq, txn_id, kind, occurred_at, payload_sealed, attachments) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(
        value,
        record.txnId,
        record.kind,
        record.occurredAt,
        this.#sealer.sealJson(record.payload),
        JSON.stringify(record.attachments ?? []),
      );
    return value;
  }

  /** Records due for sending, oldest first. */
  due(nowMs: number, limit: number): OutboxRecord[] {
    const rows = this.#db
      .prepare('SELECT * FROM outbox WHERE next_attempt_at <= ? ORDER BY seq LIMIT ?')
      .all(nowMs, limit) as OutboxRow[];
    return rows.map((row) => this.#toRecord(row));
  }

  /** The earliest time a record becomes due, or null when the outbox is empty. */
  nextDueAt(): number | null {
    const row = this.#db.prepare('SELECT MIN(next_attempt_at) AS at FROM outbox').get() as { at: number | null };
    return row.at;
  }

  /** Central has acknowledged these: they leave the outbox for good. */
  markDelivered(seqs: readonly number[], nowMs: number): void {
    const select = this.#db.prepare('SELECT txn_id FROM outbox WHERE seq = ?');
    const insert = this.#db.prepare('INSERT OR IGNORE INTO delivered(seq, txn_id, delivered_at) VALUES (?, ?, ?)');
    const remove = this.#db.prepare('DELETE FROM outbox WHERE seq = ?');
    this.#db.transaction(() => {
      for (const seq of seqs) {
        const row = select.get(seq) as { txn_id: string } | undefined;
        if (!row) continue;
        insert.run(seq, row.txn_id, nowMs);
        remove.run(seq);
      }
    })();
  }

  /** Moves a record central refused to the dead-letter table, where a person will see it. */
  deadLetter(seq: number, code: string, message: string, nowMs: number): void {
    this.#db.transaction(() => {
      const moved = this.#db
        .prepare(
          `INSERT INTO dead_letters(seq, txn_id, kind, occurred_at, payload_sealed, attachments, code, message, dead_at)
           SELECT seq, txn_id, kind, occurred_at, payload_sealed, attachments, ?, ?, ? FROM outbox WHERE seq = ?`,
        )
        .run(code, message, nowMs, seq);
      if (moved.changes) this.#db.prepare('DELETE FROM outbox WHERE seq = ?').run(seq);
    })();
  }

  reschedule(seqs: readonly number[], nextAttemptAt: number, error: string): void {
    const update = this.#db.prepare(
      'UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE seq = ?',
    );
    this.#db.transaction(() => {
      for (const seq of seqs) update.run(nextAttemptAt, error, seq);
    })();
  }

  deadLetters(): Array<{ seq: number; txnId: string; kind: string; code: string; message: string }> {
    return (
      this.#db.prepare('SELECT seq, txn_id, kind, code, message FROM dead_letters ORDER BY seq').all() as Array<{
        seq: number;
        txn_id: string;
        kind: string;
        code: string;
        message: string;
      }>
    ).map((row) => ({ seq: row.seq, txnId: row.txn_id, kind: row.kind, code: row.code, message: row.message }));
  }

  stats(nowMs: number): OutboxStats {
    const pending = this.#db.prepare('SELECT COUNT(*) AS n, MIN(occurred_at) AS oldest FROM outbox').get() as {
      n: number;
      oldest: string | null;
    };
    const dead = this.#db.prepare('SELECT COUNT(*) AS n FROM dead_letters').get() as { n: number };
    const oldestMs = pending.oldest ? Date.parse(pending.oldest) : nowMs;
    return {
      pending: pending.n,
      oldestPendingAgeS: Math.max(0, Math.floor((nowMs - oldestMs) / 1000)),
      deadLetters: dead.n,
    };
  }

  #toRecord(row: OutboxRow): OutboxRecord {
    return {
      seq: row.seq,
      txnId: row.txn_id,
      kind: row.kind,
      occurredAt: row.occurred_at,
      payload: this.#sealer.openJson(row.payload_sealed),
      attachments: JSON.parse(row.attachments) as AttachmentRef[],
      attempts: row.attempts,
    };
  }
}
