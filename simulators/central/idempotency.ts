/**
 * Idempotency-Key bookkeeping (central-api.md, POST /payments and friends): the first answer to a
 * key is kept with a fingerprint of the request, so the same key and the same request get the same
 * answer (the same payment, the same certificate), and the key with another request is refused.
 * A key is per kiosk; its fingerprint covers method, path and body, so a key reused on another
 * call is a key reused too.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { CentralReply } from './replies';

export class IdempotencyStore {
  readonly #db: Database.Database;
  /** Keys whose first request is still being answered: a second one meanwhile is in_flight. */
  readonly #inFlight = new Set<string>();

  constructor(db: Database.Database) {
    this.#db = db;
    this.#db.exec(`
      CREATE TABLE IF NOT EXISTS idempotency_keys (
        kiosk_id    TEXT NOT NULL,
        key         TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        status      INTEGER NOT NULL,
        body        TEXT NOT NULL,
        created_at  INTEGER NOT NULL,
        PRIMARY KEY (kiosk_id, key)
      ) STRICT;
    `);
  }

  static fingerprint(method: string, path: string, canonicalBody: Buffer | string): string {
    return createHash('sha256').update(`${method} ${path}\n`).update(canonicalBody).digest('hex');
  }

  /** False when a request with this key is being answered right now. */
  claim(kioskId: string, key: string): boolean {
    const id = `${kioskId}\n${key}`;
    if (this.#inFlight.has(id)) return false;
    this.#inFlight.add(id);
    return true;
  }

  release(kioskId: string, key: string): void {
    this.#inFlight.delete(`${kioskId}\n${key}`);
  }

  get inFlightCount(): number {
    return this.#inFlight.size;
  }

  lookup(kioskId: string, key: string): { fingerprint: string; reply: CentralReply } | undefined {
    const row = this.#db.prepare('SELECT fingerprint, status, body FROM idempotency_keys WHERE kiosk_id = ? AND key = ?').get(kioskId, key) as
      | { fingerprint: string; status: number; body: string }
      | undefined;
    return row ? { fingerprint: row.fingerprint, reply: { status: row.status, body: JSON.parse(row.body) as unknown } } : undefined;
  }

  remember(kioskId: string, key: string, fingerprint: string, reply: CentralReply, nowMs: number): void {
    this.#db
      .prepare('INSERT INTO idempotency_keys VALUES (?, ?, ?, ?, ?, ?)')
      .run(kioskId, key, fingerprint, reply.status, JSON.stringify(reply.body), nowMs);
  }
}
