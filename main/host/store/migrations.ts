/**
 * Numbered schema migrations, applied in order and recorded in PRAGMA user_version. Never edit a
 * migration that has shipped: add the next number.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'transactions',
    sql: `
      CREATE TABLE transactions (
        txn_id      TEXT PRIMARY KEY,
        kind        TEXT NOT NULL,
        state       TEXT NOT NULL,
        created_at  INTEGER NOT NULL,
        updated_at  INTEGER NOT NULL,
        -- personal data of the transaction, AES-256-GCM sealed (see sealing.ts)
        data_sealed BLOB NOT NULL
      ) STRICT;
      CREATE INDEX transactions_state ON transactions(state);
    `,
  },
  {
    version: 2,
    name: 'outbox',
    sql: `
      -- seq is handed out once, from this counter, and never again whatever restarts.
      CREATE TABLE counters (
        name  TEXT PRIMARY KEY,
        value INTEGER NOT NULL
      ) STRICT;
      INSERT INTO counters(name, value) VALUES ('outbox_seq', 0);

      CREATE TABLE outbox (
        seq             INTEGER PRIMARY KEY,
        txn_id          TEXT NOT NULL,
        kind            TEXT NOT NULL,
        occurred_at     TEXT NOT NULL,
        payload_sealed  BLOB NOT NULL,
        attachments     TEXT NOT NULL DEFAULT '[]',
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL DEFAULT 0,
        last_error      TEXT
      ) STRICT;

      CREATE TABLE dead_letters (
        seq            INTEGER PRIMARY KEY,
        txn_id         TEXT NOT NULL,
        kind           TEXT NOT NULL,
        occurred_at    TEXT NOT NULL,
        payload_sealed BLOB NOT NULL,
        attachments    TEXT NOT NULL,
        code           TEXT NOT NULL,
        message        TEXT NOT NULL,
        dead_at        INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE delivered (
        seq          INTEGER PRIMARY KEY,
        txn_id       TEXT NOT NULL,
        delivered_at INTEGER NOT NULL
      ) STRICT;
    `,
  },
];
