import type { Db } from './database';

export const DEFAULT_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

export interface PurgeResult {
  /** Transactions whose sealed personal data was deleted now. */
  readonly purgedTransactions: number;
  /** Rows of the `delivered` bookkeeping dropped now. */
  readonly deliveredTrimmed: number;
}

/**
 * Retention (design principle 6: personal data is deleted once central confirms and the retention
 * time passes). A transaction's sealed data is replaced by NULL, and `purged_at` set, when
 * - central has acknowledged at least one of its records (it is in `delivered`),
 * - none of its records is still waiting: not in the outbox, not dead-lettered, not quarantined
 *   (those are not acknowledged, and a person may need the data to resolve them), and
 * - its last step (`updated_at`) is at least `retentionMs` old.
 * The row itself stays, without personal data, so the journal still says the transaction happened.
 * Its step log's sealed effects and its uploaded attachments are deleted with it.
 *
 * `delivered` is then bounded: a row older than the retention time goes once its transaction holds
 * no sealed data any more (it is what lets that data be purged), except the highest seq, kept as
 * the last proof of how far central has acknowledged.
 *
 * A transaction that never queued a record is not purged here: nothing says central has it.
 */
export function purgeExpired(db: Db, nowMs: number, retentionMs: number = DEFAULT_RETENTION_MS): PurgeResult {
  if (!(retentionMs >= 0)) throw new RangeError('the retention time is a non-negative number of ms');
  const cutoff = nowMs - retentionMs;
  return db.transaction(() => {
    const purged = db
      .prepare(
        `UPDATE transactions SET data_sealed = NULL, purged_at = :now
         WHERE data_sealed IS NOT NULL AND updated_at <= :cutoff
           AND EXISTS (SELECT 1 FROM delivered d WHERE d.txn_id = transactions.txn_id)
           AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.txn_id = transactions.txn_id)
           AND NOT EXISTS (SELECT 1 FROM dead_letters x WHERE x.txn_id = transactions.txn_id)
           AND NOT EXISTS (SELECT 1 FROM quarantine q WHERE q.txn_id = transactions.txn_id AND q.source_table = 'outbox')`,
      )
      .run({ now: nowMs, cutoff });
    // The step log and the attachments (the live photo) of a purged transaction go with it.
    db.prepare(
      `UPDATE txn_steps SET effect_sealed = NULL
       WHERE effect_sealed IS NOT NULL AND txn_id IN (SELECT txn_id FROM transactions WHERE purged_at IS NOT NULL)`,
    ).run();
    db.prepare(
      `UPDATE attachments SET data_sealed = NULL
       WHERE data_sealed IS NOT NULL AND uploaded_at IS NOT NULL AND txn_id IN (SELECT txn_id FROM transactions WHERE purged_at IS NOT NULL)`,
    ).run();
    const trimmed = db
      .prepare(
        `DELETE FROM delivered
         WHERE delivered_at <= :cutoff
           AND seq < (SELECT MAX(seq) FROM delivered)
           AND NOT EXISTS (SELECT 1 FROM transactions t WHERE t.txn_id = delivered.txn_id AND t.data_sealed IS NOT NULL)`,
      )
      .run({ cutoff });
    return { purgedTransactions: purged.changes, deliveredTrimmed: trimmed.changes };
  })();
}
