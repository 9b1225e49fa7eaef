/**
 * PUT /attachments/{txnId}/{name}: raw bytes with `Content-SHA256`. 201 when stored, 200 when the
 * same bytes were stored before, 422 digest_mismatch when the bytes are not what the header says.
 * The same name with other bytes is a 409 conflict, as a record's txnId with other content is:
 * an attachment's content is fixed once it is stored.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { errorReply, invalidRequest, ok } from './replies';
import type { Route } from './route';

const NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}$/;
const TXN_ID = /^[A-Za-z0-9_-]{1,100}$/;

export class Attachments {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#db.exec(`
      CREATE TABLE IF NOT EXISTS attachments (
        kiosk_id  TEXT NOT NULL,
        txn_id    TEXT NOT NULL,
        name      TEXT NOT NULL,
        sha256    TEXT NOT NULL,
        bytes     BLOB NOT NULL,
        stored_at INTEGER NOT NULL,
        PRIMARY KEY (kiosk_id, txn_id, name)
      ) STRICT;
    `);
  }

  /** The stored bytes, for tests to compare. */
  get(kioskId: string, txnId: string, name: string): Buffer | undefined {
    const row = this.#db.prepare('SELECT bytes FROM attachments WHERE kiosk_id = ? AND txn_id = ? AND name = ?').get(kioskId, txnId, name) as
      | { bytes: Buffer }
      | undefined;
    return row?.bytes;
  }

  routes(): Route[] {
    return [
      {
        method: 'PUT',
        pattern: /^\/attachments\/([^/]+)\/([^/]+)$/,
        body: 'raw',
        handle: ({ kioskId, params, headers, body, nowMs }) => {
          const [txnId = '', name = ''] = params;
          if (!TXN_ID.test(txnId)) return invalidRequest('txnId: letters, digits, - and _ only');
          if (!NAME.test(name)) return invalidRequest('name: up to 100 letters, digits, ., - and _, not starting with a dot');
          const declared = headers['content-sha256'];
          if (typeof declared !== 'string' || !/^[0-9a-fA-F]{64}$/.test(declared)) {
            return invalidRequest('Content-SHA256 must be the hex SHA-256 of the body');
          }
          const actual = createHash('sha256').update(body).digest('hex');
          if (actual !== declared.toLowerCase()) {
            return errorReply(422, 'digest_mismatch', 'the body does not have the SHA-256 given in Content-SHA256');
          }
          const stored = this.#db
            .prepare('SELECT sha256 FROM attachments WHERE kiosk_id = ? AND txn_id = ? AND name = ?')
            .get(kioskId, txnId, name) as { sha256: string } | undefined;
          if (stored) {
            return stored.sha256 === actual
              ? ok({ txnId, name, sha256: actual, bytes: body.length })
              : errorReply(409, 'conflict', `${txnId}/${name} was stored with other content`);
          }
          this.#db.prepare('INSERT INTO attachments VALUES (?, ?, ?, ?, ?, ?)').run(kioskId, txnId, name, actual, body, nowMs);
          return ok({ txnId, name, sha256: actual, bytes: body.length }, 201);
        },
      },
    ];
  }
}
