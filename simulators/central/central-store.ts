import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export interface StoredRecord {
  readonly kioskId: string;
  readonly txnId: string;
  readonly seq: number;
  readonly kind: string;
  readonly occurredAt: string;
  readonly body: string;
  readonly receivedAt: number;
}

export type StoreOutcome = 'stored' | 'duplicate' | 'conflict';

/** The central simulator's own SQLite file: what "central" has received, keyed by (kiosk, txnId). */
export class CentralStore {
  readonly #db: Database.Database;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.#db = new Database(file);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = FULL');
    this.#db.exec(`
      CREATE TABLE IF NOT EXISTS records (
        kiosk_id    TEXT NOT NULL,
        txn_id      TEXT NOT NULL,
        seq         INTEGER NOT NULL,
        kind        TEXT NOT NULL,
        occurred_at TEXT NOT NULL,
        body        TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        PRIMARY KEY (kiosk_id, txn_id)
      ) STRICT;
      CREATE TABLE IF NOT EXISTS seqs (
        kiosk_id TEXT NOT NULL,
        seq      INTEGER NOT NULL,
        PRIMARY KEY (kiosk_id, seq)
      ) STRICT;
      CREATE TABLE IF NOT EXISTS nonces (
        kiosk_id TEXT NOT NULL,
        nonce    TEXT NOT NULL,
        seen_at  INTEGER NOT NULL,
        PRIMARY KEY (kiosk_id, nonce)
      ) STRICT;
      CREATE TABLE IF NOT EXISTS heartbeats (
        kiosk_id    TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        body        TEXT NOT NULL
      ) STRICT;
    `);
  }

  /** The simulator's database, shared by its areas (payments, attachments, ...), each with its own tables. */
  get db(): Database.Database {
    return this.#db;
  }

  /** False when this nonce was seen before for this kiosk (a replay). Old nonces are forgotten. */
  rememberNonce(kioskId: string, nonce: string, nowMs: number): boolean {
    this.#db.prepare('DELETE FROM nonces WHERE seen_at < ?').run(nowMs - 15 * 60_000);
    return this.#db.prepare('INSERT OR IGNORE INTO nonces VALUES (?, ?, ?)').run(kioskId, nonce, nowMs).changes === 1;
  }

  /** Stores a record once; the same content again is a duplicate, other content a conflict. */
  store(record: StoredRecord): StoreOutcome {
    return this.#db.transaction((): StoreOutcome => {
      const existing = this.#db
        .prepare('SELECT body FROM records WHERE kiosk_id = ? AND txn_id = ?')
        .get(record.kioskId, record.txnId) as { body: string } | undefined;
      if (existing) return existing.body === record.body ? 'duplicate' : 'conflict';
      this.#db
        .prepare('INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(record.kioskId, record.txnId, record.seq, record.kind, record.occurredAt, record.body, record.receivedAt);
      this.#db.prepare('INSERT OR IGNORE INTO seqs VALUES (?, ?)').run(record.kioskId, record.seq);
      return 'stored';
    })();
  }

  /** The highest seq such that every seq from 1 up to it has been stored. */
  highWater(kioskId: string): number {
    const rows = this.#db.prepare('SELECT seq FROM seqs WHERE kiosk_id = ? ORDER BY seq').all(kioskId) as Array<{
      seq: number;
    }>;
    let high = 0;
    for (const { seq } of rows) {
      if (seq !== high + 1) break;
      high = seq;
    }
    return high;
  }

  records(kioskId?: string): StoredRecord[] {
    const rows = (
      kioskId
        ? this.#db.prepare('SELECT * FROM records WHERE kiosk_id = ? ORDER BY seq').all(kioskId)
        : this.#db.prepare('SELECT * FROM records ORDER BY kiosk_id, seq').all()
    ) as Array<{
      kiosk_id: string;
      txn_id: string;
      seq: number;
      kind: string;
      occurred_at: string;
      body: string;
      received_at: number;
    }>;
    return rows.map((r) => ({
      kioskId: r.kiosk_id,
      txnId: r.txn_id,
      seq: r.seq,
      kind: r.kind,
      occurredAt: r.occurred_at,
      body: r.body,
      receivedAt: r.received_at,
    }));
  }

  recordHeartbeat(kioskId: string, nowMs: number, body: string): void {
    this.#db.prepare('INSERT INTO heartbeats VALUES (?, ?, ?)').run(kioskId, nowMs, body);
  }

  /** The body of the kiosk's latest heartbeat, parsed, or undefined when none came. */
  lastHeartbeat(kioskId: string): unknown {
    const row = this.#db.prepare('SELECT body FROM heartbeats WHERE kiosk_id = ? ORDER BY rowid DESC LIMIT 1').get(kioskId) as { body: string } | undefined;
    return row ? (JSON.parse(row.body) as unknown) : undefined;
  }

  heartbeatCount(kioskId: string): number {
    return (this.#db.prepare('SELECT COUNT(*) AS n FROM heartbeats WHERE kiosk_id = ?').get(kioskId) as { n: number }).n;
  }

  close(): void {
    this.#db.close();
  }
}
