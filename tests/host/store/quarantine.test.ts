import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSealer } from '../../../main/host/store/sealing';
import { recordFor, step, storeRig } from './store-rig';

/** Five records t1..t5; then record 2's bytes are damaged and record 4 is re-sealed under a key this kiosk lacks. */
function withTwoBadRecords() {
  const rig = storeRig();
  const store = rig.open();
  for (const id of ['t1', 't2', 't3', 't4', 't5']) store.journal.record(step(id), 0, [recordFor(id)]);
  const corrupt = (store.db.prepare('SELECT payload_sealed FROM outbox WHERE seq = 2').get() as { payload_sealed: Buffer }).payload_sealed;
  corrupt[corrupt.length - 3]! ^= 0x40;
  store.db.prepare('UPDATE outbox SET payload_sealed = ? WHERE seq = 2').run(corrupt);
  const foreign = createSealer(randomBytes(32)).sealJson({ txnId: 't4' }, 'outbox:4');
  store.db.prepare('UPDATE outbox SET payload_sealed = ? WHERE seq = 4').run(foreign);
  return { rig, store };
}

describe('quarantine of unreadable rows', () => {
  it('moves a corrupt and a wrong-key outbox record aside and hands out the rest', () => {
    const { store } = withTwoBadRecords();
    const due = store.journal.outbox.due(0, 10);
    expect(due.map((r) => [r.seq, r.payload])).toEqual([
      [1, { txnId: 't1' }],
      [3, { txnId: 't3' }],
      [5, { txnId: 't5' }],
    ]);
    expect(store.journal.quarantine.list().map((q) => [q.sourceTable, q.rowKey, q.txnId, q.reason.split(':')[0]])).toEqual([
      ['outbox', '2', 't2', 'authentication-failed'],
      ['outbox', '4', 't4', 'unknown-key'],
    ]);
    // The heartbeat's queue figures say so.
    expect(store.journal.outbox.stats(0)).toMatchObject({ pending: 3, deadLetters: 0, quarantined: 2 });
  });

  it('fills a limited batch past the bad rows, and the rest syncs to an empty outbox', () => {
    const { store } = withTwoBadRecords();
    const first = store.journal.outbox.due(0, 2);
    expect(first.map((r) => r.seq)).toEqual([1, 3]);
    store.journal.outbox.markDelivered(first.map((r) => r.seq), 1);
    const second = store.journal.outbox.due(0, 2);
    expect(second.map((r) => r.seq)).toEqual([5]);
    store.journal.outbox.markDelivered([5], 2);
    expect(store.journal.outbox.stats(0)).toMatchObject({ pending: 0, quarantined: 2 });
    expect(store.journal.outbox.nextDueAt()).toBeNull();
  });

  it('keeps the quarantined bytes and columns, so a restored key can bring the row back', () => {
    const { store } = withTwoBadRecords();
    const before = store.db.prepare('SELECT payload_sealed FROM outbox WHERE seq = 4').get() as { payload_sealed: Buffer };
    store.journal.outbox.due(0, 10);
    const kept = store.db.prepare("SELECT sealed, row_json FROM quarantine WHERE row_key = '4'").get() as { sealed: Buffer; row_json: string };
    expect(kept.sealed.equals(before.payload_sealed)).toBe(true);
    expect(JSON.parse(kept.row_json)).toMatchObject({ seq: 4, txn_id: 't4', kind: 'id-reissue', attempts: 0 });
  });

  it('start-up recovery lists the readable unfinished transactions and quarantines the rest', () => {
    const rig = storeRig();
    const store = rig.open({ now: () => 77 });
    for (const id of ['a', 'b', 'c']) store.journal.record(step(id, 'identity-read'), 0);
    // Row b's sealed data is moved onto row c: it must not open as c's.
    const b = store.db.prepare("SELECT data_sealed FROM transactions WHERE txn_id = 'b'").get() as { data_sealed: Buffer };
    store.db.prepare("UPDATE transactions SET data_sealed = ? WHERE txn_id = 'c'").run(b.data_sealed);
    store.db.prepare("UPDATE transactions SET data_sealed = X'00' WHERE txn_id = 'a'").run();
    expect(store.journal.unfinished(['completed']).map((t) => t.txnId)).toEqual(['b']);
    expect(store.journal.quarantine.list().map((q) => [q.sourceTable, q.rowKey, q.reason.split(':')[0], q.quarantinedAt])).toEqual([
      ['transactions', 'a', 'malformed', 77],
      ['transactions', 'c', 'authentication-failed', 77],
    ]);
    expect(store.journal.get('c')).toBeUndefined();
    expect(store.journal.get('b')?.data).toEqual(step('b').data);
  });

  it('a bad transaction row does not hold up its readable outbox record', () => {
    const rig = storeRig();
    const store = rig.open();
    store.journal.record(step('t1'), 0, [recordFor('t1')]);
    store.db.prepare("UPDATE transactions SET data_sealed = X'0203' WHERE txn_id = 't1'").run();
    expect(store.journal.get('t1')).toBeUndefined();
    expect(store.journal.outbox.due(0, 10).map((r) => r.txnId)).toEqual(['t1']);
  });
});
