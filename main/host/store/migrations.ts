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
  {
    version: 3,
    name: 'quarantine, key registry, retention',
    sql: `
      -- data_sealed becomes nullable: retention replaces it with NULL (and sets purged_at) once
      -- central has the transaction's record and the retention time has passed. SQLite cannot
      -- drop NOT NULL in place, so the table is rebuilt.
      CREATE TABLE transactions_v3 (
        txn_id      TEXT PRIMARY KEY,
        kind        TEXT NOT NULL,
        state       TEXT NOT NULL,
        created_at  INTEGER NOT NULL,
        updated_at  INTEGER NOT NULL,
        data_sealed BLOB,
        purged_at   INTEGER
      ) STRICT;
      INSERT INTO transactions_v3(txn_id, kind, state, created_at, updated_at, data_sealed)
        SELECT txn_id, kind, state, created_at, updated_at, data_sealed FROM transactions;
      DROP TABLE transactions;
      ALTER TABLE transactions_v3 RENAME TO transactions;
      CREATE INDEX transactions_state ON transactions(state);
      CREATE INDEX transactions_unpurged ON transactions(updated_at) WHERE data_sealed IS NOT NULL;
      CREATE INDEX delivered_txn ON delivered(txn_id);

      -- Rows that could not be read (corrupt, or sealed with a key this kiosk lacks), moved aside
      -- with their bytes so that nothing else waits for them and a restored key can bring them back.
      CREATE TABLE quarantine (
        id             INTEGER PRIMARY KEY,
        source_table   TEXT NOT NULL,
        row_key        TEXT NOT NULL,
        txn_id         TEXT,
        sealed         BLOB,
        row_json       TEXT NOT NULL,
        reason         TEXT NOT NULL,
        quarantined_at INTEGER NOT NULL
      ) STRICT;

      -- Every key that has sealed a value in this database: a missing key file is then noticed at
      -- start, instead of a new key being made and the old rows becoming unreadable.
      CREATE TABLE sealing_keys (
        key_id   TEXT PRIMARY KEY,
        added_at INTEGER NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 4,
    name: 'kiosk state',
    sql: `
      -- What the kiosk remembers about its own operation across restarts (see
      -- main/host/operation/kiosk-state.ts): out of service by central's word, commands done.
      CREATE TABLE kiosk_state (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 5,
    name: 'fewer pages per enqueue',
    sql: `
      -- Every page a transaction dirties is written to the WAL and fsynced before the citizen is
      -- told (synchronous=FULL), so the enqueue path writes as few as it can:
      -- 1. An enqueue no longer writes the counter. The next seq is one past the highest of the
      --    outbox and the counter, and this trigger raises the counter to every seq that leaves the
      --    outbox (delivered, dead-lettered, quarantined), in the same transaction. A seq handed
      --    out is therefore always at or below one of the two: it still never repeats.
      CREATE TRIGGER outbox_seq_floor AFTER DELETE ON outbox BEGIN
        UPDATE counters SET value = max(value, OLD.seq) WHERE name = 'outbox_seq';
      END;
      -- 2. Retention runs at start and finds its rows by a scan; no index to update per step.
      DROP INDEX transactions_unpurged;
    `,
  },
  {
    version: 6,
    name: 'transaction steps and attachments',
    sql: `
      -- Append-only: what each step of a flow did to the world (payment id, card position, chip
      -- write result, print job), written in the same SQLite transaction as the flow's snapshot.
      -- Recovery after a crash reads these, never guesses.
      CREATE TABLE txn_steps (
        txn_id        TEXT NOT NULL,
        n             INTEGER NOT NULL,
        state         TEXT NOT NULL,
        at            INTEGER NOT NULL,
        -- sealed (personal data may be in it), or NULL once retention has deleted it
        effect_sealed BLOB,
        PRIMARY KEY (txn_id, n)
      ) STRICT;

      -- Files a record carries (the live photo): uploaded with PUT /attachments before the record.
      CREATE TABLE attachments (
        txn_id      TEXT NOT NULL,
        name        TEXT NOT NULL,
        sha256      TEXT NOT NULL,
        bytes       INTEGER NOT NULL,
        data_sealed BLOB,
        uploaded_at INTEGER,
        PRIMARY KEY (txn_id, name)
      ) STRICT;
    `,
  },
];
