import { createHash } from 'node:crypto';
import { type Db, statementCache } from './database';
import type { AttachmentRef } from './outbox';
import type { Sealer } from './sealing';

/** The associated data that binds an attachment's sealed bytes to its row. */
const attachmentAad = (txnId: string, name: string): string => `attachments:${txnId}:${name}`;

export interface PendingAttachment extends AttachmentRef {
  readonly txnId: string;
}

/**
 * Files a transaction's record carries (the live photo), sealed at rest like every other piece
 * of personal data. They go to central with PUT /attachments before the record that names them
 * (sync worker), and retention deletes the bytes with the transaction's other personal data.
 */
export class AttachmentStore {
  readonly #sql: ReturnType<typeof statementCache>;
  readonly #sealer: Sealer;

  constructor(db: Db, sealer: Sealer) {
    this.#sql = statementCache(db);
    this.#sealer = sealer;
  }

  /** Keeps the bytes (again with the same name: replaced) and returns the reference a record carries. */
  put(txnId: string, name: string, bytes: Uint8Array): AttachmentRef {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    this.#sql(
      `INSERT INTO attachments(txn_id, name, sha256, bytes, data_sealed, uploaded_at) VALUES (?, ?, ?, ?, ?, NULL)
       ON CONFLICT(txn_id, name) DO UPDATE SET sha256 = excluded.sha256, bytes = excluded.bytes, data_sealed = excluded.data_sealed, uploaded_at = NULL`,
    ).run(txnId, name, sha256, bytes.length, this.#sealer.seal(bytes, attachmentAad(txnId, name)));
    return { name, sha256, bytes: bytes.length };
  }

  /** The bytes, or undefined when there are none (never kept, or deleted by retention). */
  read(txnId: string, name: string): Buffer | undefined {
    const row = this.#sql('SELECT data_sealed FROM attachments WHERE txn_id = ? AND name = ?').get(txnId, name) as { data_sealed: Buffer | null } | undefined;
    return row?.data_sealed ? this.#sealer.open(row.data_sealed, attachmentAad(txnId, name)) : undefined;
  }

  isUploaded(txnId: string, name: string): boolean {
    const row = this.#sql('SELECT uploaded_at FROM attachments WHERE txn_id = ? AND name = ?').get(txnId, name) as { uploaded_at: number | null } | undefined;
    return row !== undefined && row.uploaded_at !== null;
  }

  markUploaded(txnId: string, name: string, nowMs: number): void {
    this.#sql('UPDATE attachments SET uploaded_at = ? WHERE txn_id = ? AND name = ?').run(nowMs, txnId, name);
  }
}
