import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../main/host/store/database';
import { Journal } from '../../../main/host/store/journal';
import { migrations } from '../../../main/host/store/migrations';
import { createSealer } from '../../../main/host/store/sealing';

function fresh() {
  const dir = mkdtempSync(join(tmpdir(), 'journal-'));
  const file = join(dir, 'kiosk.sqlite');
  const key = randomBytes(32);
  const open = () => {
    const db = openDatabase(file);
    return { db, journal: new Journal(db, createSealer(key)) };
  };
  return { file, open };
}

const step = (txnId: string) => ({
  txnId,
  kind: 'id-reissue',
  state: 'completed',
  data: { idNumber: '44010619900307001X', name: '张测试' },
});

describe('journal and outbox', () => {
  it('opens with WAL, synchronous=FULL and all migrations', () => {
    const { open } = fresh();
    const { db } = open();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version);
  });

  it('writes the transaction and its outbox record together, with increasing seqs', () => {
    const { open } = fresh();
    const { journal } = open();
    const now = Date.parse('2026-11-22T03:00:00Z');
    const seqs = [
      ...journal.record(step('t1'), now, [{ txnId: 't1', kind: 'id-reissue', occurredAt: '2026-11-22T03:00:00.000Z', payload: { a: 1 } }]),
      ...journal.record(step('t2'), now, [{ txnId: 't2', kind: 'id-reissue', occurredAt: '2026-11-22T03:00:01.000Z', payload: { a: 2 } }]),
    ];
    expect(seqs).toEqual([1, 2]);
    expect(journal.outbox.due(now, 10).map((r) => [r.seq, r.txnId, r.payload])).toEqual([
      [1, 't1', { a: 1 }],
      [2, 't2', { a: 2 }],
    ]);
  });

  it('rolls back the transaction row when its outbox record cannot be written', () => {
    const { open } = fresh();
    const { journal } = open();
    const bad = { txnId: 't1', kind: 'id-reissue', occurredAt: 'now', payload: 1n } as never;
    expect(() => journal.record(step('t1'), 0, [bad])).toThrow();
    expect(journal.get('t1')).toBeUndefined();
    expect(journal.outbox.stats(0).pending).toBe(0);
  });

  it('never hands out a seq twice, even after delivery and a restart', () => {
    const { open } = fresh();
    const first = open();
    first.journal.record(step('t1'), 0, [{ txnId: 't1', kind: 'k', occurredAt: 'x', payload: {} }]);
    first.journal.outbox.markDelivered([1], 1);
    first.db.close();
    const second = open();
    const [seq] = second.journal.record(step('t2'), 0, [{ txnId: 't2', kind: 'k', occurredAt: 'x', payload: {} }]);
    expect(seq).toBe(2);
  });

  it('never hands out a seq again that left the outbox by dead letter or quarantine, across a restart', () => {
    const { open } = fresh();
    const first = open();
    const record = (txnId: string) => first.journal.record(step(txnId), 0, [{ txnId, kind: 'k', occurredAt: 'x', payload: {} }]);
    record('t1');
    record('t2');
    record('t3');
    first.journal.outbox.deadLetter(3, 'invalid_record', 'bad', 1);
    first.db.prepare("UPDATE outbox SET payload_sealed = X'00' WHERE seq = 2").run();
    expect(first.journal.outbox.due(0, 10).map((r) => r.seq)).toEqual([1]); // 2 quarantined
    first.journal.outbox.markDelivered([1], 2);
    expect(first.journal.outbox.stats(0)).toMatchObject({ pending: 0, deadLetters: 1, quarantined: 1 });
    first.db.close();
    const second = open();
    const [seq] = second.journal.record(step('t4'), 0, [{ txnId: 't4', kind: 'k', occurredAt: 'x', payload: {} }]);
    expect(seq).toBe(4);
  });

  it('keeps personal data out of the file in clear text', () => {
    const { open, file } = fresh();
    const { db, journal } = open();
    journal.record(step('t1'), 0, [{ txnId: 't1', kind: 'k', occurredAt: 'x', payload: { idNumber: '44010619900307001X' } }]);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = readFileSync(file);
    expect(bytes.includes(Buffer.from('44010619900307001X'))).toBe(false);
    expect(bytes.includes(Buffer.from('张测试'))).toBe(false);
    const again = open();
    expect(again.journal.get('t1')?.data).toEqual(step('t1').data);
  });

  it('moves a rejected record to the dead letters and keeps it', () => {
    const { open } = fresh();
    const { journal } = open();
    journal.record(step('t1'), 0, [{ txnId: 't1', kind: 'k', occurredAt: '2026-01-01T00:00:00Z', payload: {} }]);
    journal.outbox.deadLetter(1, 'invalid_record', 'bad', 5);
    expect(journal.outbox.stats(0)).toMatchObject({ pending: 0, deadLetters: 1 });
    expect(journal.outbox.deadLetters()).toEqual([{ seq: 1, txnId: 't1', kind: 'k', code: 'invalid_record', message: 'bad' }]);
  });
});
