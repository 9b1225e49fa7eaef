import { type Db, statementCache } from './database';
import { Quarantine } from './quarantine';
import { SealedValueError, type Sealer } from './sealing';
import { guarded, type StorageHealth } from './storage-health';

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
  /** Records that could not be read and were moved aside (see quarantine.ts). */
  readonly quarantined: number;
}

export interface StoreParts {
  /** Storage failures are reported here (see storage-health.ts). */
  readonly health?: StorageHealth;
  /** Where unreadable rows go; by default a Quarantine over the same database. */
  readonly quarantine?: Quarantine;
}

/** The associated data that binds a sealed payload to its record (see sealing.ts). */
export const outboxAad = (seq: number): string => `outbox:${seq}`;

/** Why a row could not be read, for the quarantine's reason column; rethrows anything else. */
export function unreadableReason(error: unknown): string {
  if (error instanceof SealedValueError) return `${error.problem}: ${error.message}`;
  if (error instanceof SyntaxError) return `malformed: ${error.message}`;
  throw error;
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
  readonly #sql: ReturnType<typeof statementCache>;
  readonly #sealer: Sealer;
  readonly #health: StorageHealth | undefined;
  readonly #quarantine: Quarantine;

  constructor(db: Db, sealer: Sealer, parts: StoreParts = {}) {
    this.#db = db;
    this.#sql = statementCache(db);
    this.#sealer = sealer;
    this.#health = parts.health;
    this.#quarantine = parts.quarantine ?? new Quarantine(db);
  }

  /**
   * Fixes the record's seq: one past the highest in the outbox or in the counter, which the
   * migration-5 trigger raises to every seq leaving the outbox. Call inside a transaction.
   */
  enqueue(record: NewOutboxRecord): number {
    const { value } = this.#sql(
      "SELECT max(coalesce((SELECT MAX(seq) FROM outbox), 0), value) + 1 AS value FROM counters WHERE name = 'outbox_seq'",
    ).get() as { value: number };
    this.#sql('INSERT INTO outbox(seq, txn_id, kind, occurred_at, payload_sealed, attachments) VALUES (?, ?, ?, ?, ?, ?)')
      .run(
        value,
        record.txnId,
        record.kind,
        record.occurredAt,
        this.#sealer.sealJson(record.payload, outboxAad(value)),
        JSON.stringify(record.attachments ?? []),
      );
    return value;
  }

  /**
   * Records due for sending, oldest first. A record that cannot be read is quarantined and the
   * next one taken in its place, so one bad row never holds up the others.
   */
  due(nowMs: number, limit: number): OutboxRecord[] {
    return guarded(this.#health, 'reading the outbox', () => {
      const select = this.#sql('SELECT * FROM outbox WHERE next_attempt_at <= ? AND seq > ? ORDER BY seq LIMIT ?');
      const records: OutboxRecord[] = [];
      let after = 0;
      for (;;) {
        const wanted = limit - records.length;
        const rows = select.all(nowMs, after, wanted) as OutboxRow[];
        for (const row of rows) {
          after = row.seq;
          try {
            records.push(this.#toRecord(row));
          } catch (error) {
            this.#quarantine.move('outbox', { ...row }, unreadableReason(error), nowMs);
          }
        }
        if (rows.length < wanted || records.length >= limit) break;
      }
      return records;
    });
  }

  /** The earliest time a record becomes due, or null when the outbox is empty. */
  nextDueAt(): number | null {
    const row = this.#sql('SELECT MIN(next_attempt_at) AS at FROM outbox').get() as { at: number | null };
    return row.at;
  }

  /** Central has acknowledged these: they leave the outbox for good. */
  markDelivered(seqs: readonly number[], nowMs: number): void {
    guarded(this.#health, 'marking records delivered', () => this.#markDelivered(seqs, nowMs));
    this.#health?.writeSucceeded();
  }

  #markDelivered(seqs: readonly number[], nowMs: number): void {
    const select = this.#sql('SELECT txn_id FROM outbox WHERE seq = ?');
    const insert = this.#sql('INSERT OR IGNORE INTO delivered(seq, txn_id, delivered_at) VALUES (?, ?, ?)');
    const remove = this.#sql('DELETE FROM outbox WHERE seq = ?');
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
    guarded(this.#health, 'dead-lettering a record', () => this.#deadLetter(seq, code, message, nowMs));
  }

  #deadLetter(seq: number, code: string, message: string, nowMs: number): void {
    this.#db.transaction(() => {
      const moved = this.#sql(
          `INSERT INTO dead_letters(seq, txn_id, kind, occurred_at, payload_sealed, attachments, code, message, dead_at)
           SELECT seq, txn_id, kind, occurred_at, payload_sealed, attachments, ?, ?, ? FROM outbox WHERE seq = ?`,
        )
        .run(code, message, nowMs, seq);
      if (moved.changes) this.#sql('DELETE FROM outbox WHERE seq = ?').run(seq);
    })();
  }

  reschedule(seqs: readonly number[], nextAttemptAt: number, error: string): void {
    guarded(this.#health, 'rescheduling records', () => {
      const update = this.#sql(
        'UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE seq = ?',
      );
      this.#db.transaction(() => {
        for (const seq of seqs) update.run(nextAttemptAt, error, seq);
      })();
    });
  }

  deadLetters(): Array<{ seq: number; txnId: string; kind: string; code: string; message: string }> {
    return (
      this.#sql('SELECT seq, txn_id, kind, code, message FROM dead_letters ORDER BY seq').all() as Array<{
        seq: number;
        txn_id: string;
        kind: string;
        code: string;
        message: string;
      }>
    ).map((row) => ({ seq: row.seq, txnId: row.txn_id, kind: row.kind, code: row.code, message: row.message }));
  }

  stats(nowMs: number): OutboxStats {
    return guarded(this.#health, 'counting the outbox', () => this.#stats(nowMs));
  }

  #stats(nowMs: number): OutboxStats {
    const pending = this.#sql('SELECT COUNT(*) AS n, MIN(occurred_at) AS oldest FROM outbox').get() as {
      n: number;
      oldest: string | null;
    };
    const dead = this.#sql('SELECT COUNT(*) AS n FROM dead_letters').get() as { n: number };
    const oldestMs = pending.oldest ? Date.parse(pending.oldest) : nowMs;
    return {
      pending: pending.n,
      oldestPendingAgeS: Math.max(0, Math.floor((nowMs - oldestMs) / 1000)),
      deadLetters: dead.n,
      quarantined: this.#quarantine.count(),
    };
  }

  #toRecord(row: OutboxRow): OutboxRecord {
    return {
      seq: row.seq,
      txnId: row.txn_id,
      kind: row.kind,
      occurredAt: row.occurred_at,
      payload: this.#sealer.openJson(row.payload_sealed, outboxAad(row.seq)),
      attachments: JSON.parse(row.attachments) as AttachmentRef[],
      attempts: row.attempts,
    };
  }
}
