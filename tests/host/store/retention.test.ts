import { describe, expect, it } from 'vitest';
import { recordFor, step, storeRig } from './store-rig';

const DAY = 24 * 60 * 60 * 1000;
const RETENTION = 7 * DAY;

/** A store with transaction `t1` ended at time 0 and its record queued. */
function endedTransaction() {
  const rig = storeRig({ retentionMs: RETENTION });
  const store = rig.open();
  store.journal.record(step('t1'), 0, [recordFor('t1')]);
  return { rig, store };
}

const sealedBytes = (store: ReturnType<typeof endedTransaction>['store']) =>
  (store.db.prepare("SELECT data_sealed FROM transactions WHERE txn_id = 't1'").get() as { data_sealed: Buffer | null }).data_sealed;

describe('retention of personal data', () => {
  it('deletes it once central has acknowledged the record and the retention time has passed, and not before', () => {
    const { store } = endedTransaction();
    store.journal.outbox.markDelivered([1], 1 * DAY);
    expect(store.purgeExpired(RETENTION - 1)).toEqual({ purgedTransactions: 0, deliveredTrimmed: 0 });
    expect(store.journal.get('t1')?.data).toEqual(step('t1').data);
    expect(store.purgeExpired(RETENTION).purgedTransactions).toBe(1);
    expect(sealedBytes(store)).toBeNull();
    // The row says the transaction happened; the personal data is gone.
    expect(store.journal.get('t1')).toMatchObject({ txnId: 't1', state: 'completed', data: null, purgedAt: RETENTION });
  });

  it('keeps it, however old, while central has not acknowledged the record', () => {
    const { store } = endedTransaction();
    expect(store.purgeExpired(100 * DAY).purgedTransactions).toBe(0);
    store.journal.outbox.deadLetter(1, 'invalid_record', 'refused', 1);
    expect(store.purgeExpired(100 * DAY).purgedTransactions).toBe(0);
    expect(store.journal.get('t1')?.data).toEqual(step('t1').data);
  });

  it('keeps it while another record of the same transaction is still queued', () => {
    const { store } = endedTransaction();
    store.journal.record(step('t1'), 0, [recordFor('t1', { second: true })]);
    store.journal.outbox.markDelivered([1], 0);
    expect(store.purgeExpired(100 * DAY).purgedTransactions).toBe(0);
    store.journal.outbox.markDelivered([2], 0);
    expect(store.purgeExpired(100 * DAY).purgedTransactions).toBe(1);
  });

  it('counts the retention time from the transaction\'s last step', () => {
    const { store } = endedTransaction();
    store.journal.setState('t1', 'refunded', 5 * DAY);
    store.journal.outbox.markDelivered([1], 5 * DAY);
    expect(store.purgeExpired(5 * DAY + RETENTION - 1).purgedTransactions).toBe(0);
    expect(store.purgeExpired(5 * DAY + RETENTION).purgedTransactions).toBe(1);
  });

  it('runs on open, so a daily restart is enough to keep the journal clean', () => {
    const { rig, store } = endedTransaction();
    store.journal.outbox.markDelivered([1], 0);
    store.close();
    const later = rig.open({ now: () => RETENTION + 1 });
    expect(sealedBytes(later)).toBeNull();
    later.close();
  });

  it('bounds the delivered bookkeeping to the retention window plus the highest seq', () => {
    const rig = storeRig({ retentionMs: RETENTION });
    const store = rig.open();
    for (let day = 0; day < 20; day += 1) {
      const id = `d${day}`;
      store.journal.record(step(id), day * DAY, [recordFor(id)]);
      store.journal.outbox.markDelivered([day + 1], day * DAY);
    }
    const result = store.purgeExpired(20 * DAY);
    // Days 0..13 are at least 7 days old: their data is purged and their delivered rows dropped.
    expect(result).toEqual({ purgedTransactions: 14, deliveredTrimmed: 14 });
    const seqs = (store.db.prepare('SELECT seq FROM delivered ORDER BY seq').all() as Array<{ seq: number }>).map((r) => r.seq);
    expect(seqs).toEqual([15, 16, 17, 18, 19, 20]);
    // Long after everything: only the highest seq stays.
    store.purgeExpired(100 * DAY);
    expect(store.db.prepare('SELECT seq FROM delivered').all()).toEqual([{ seq: 20 }]);
    // And seqs still never repeat.
    expect(store.journal.record(step('new'), 100 * DAY, [recordFor('new')])).toEqual([21]);
  });

  it('keeps a delivered row while its transaction still holds sealed data', () => {
    const { store } = endedTransaction();
    store.journal.outbox.markDelivered([1], 0);
    // The transaction took another step after its record was acknowledged: its clock restarts.
    store.journal.record(step('t1', 'refunded'), 10 * DAY, []);
    store.journal.record(step('t2'), 10 * DAY, [recordFor('t2')]);
    store.journal.outbox.markDelivered([2], 10 * DAY);
    store.purgeExpired(10 * DAY);
    expect(store.db.prepare("SELECT seq FROM delivered WHERE txn_id = 't1'").all()).toEqual([{ seq: 1 }]);
    expect(store.purgeExpired(17 * DAY).purgedTransactions).toBe(2);
  });
});
