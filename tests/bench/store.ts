/**
 * Cost of a durable enqueue against the floor any durable write pays. Durable: journal.record of
 * one transaction step with one outbox record (both sealed, one SQLite transaction, WAL,
 * synchronous=FULL) through the store the host opens. Raw: a plain better-sqlite3 INSERT of the
 * same sealed bytes, one commit each, same pragmas, same file system. The two are interleaved, one
 * of each per round and in alternating order, so machine load falls on both alike. The fsync at
 * each commit dominates both; what is left is the store's own work (sealing twice, two rows in two
 * tables and their indexes, so more WAL pages to write and sync).
 *
 * `store.rawOverDurable` = raw median time / durable median time, i.e. durable throughput as a
 * fraction of raw throughput; goal >= 0.8. `store.rawOverDurablePaired` is the median of the same
 * ratio taken round by round, which load that comes and goes (other processes' fsyncs on a
 * shared disk) disturbs less.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pino from 'pino';
import { openStore } from '../../main/host/store/open-store';
import { medianAndP95, percentile, round, runIfMain, sorted } from './stats';

const WARMUP = 20;
const RUNS = 500;

const identity = {
  idNumber: '44010619900307001X',
  name: '张测试',
  sex: '男',
  nation: '汉',
  birthDate: '1990-03-07',
  address: '广东省广州市越秀区东风中路123号4栋505房',
  issuer: '广州市公安局越秀区分局',
  validFrom: '2020-01-01',
  validTo: '2040-01-01',
};

export async function bench(): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-store-'));
  try {
    const store = openStore({ dataDir: join(dir, 'durable'), log: pino({ level: 'silent' }), now: () => 0 });
    if (store.db.pragma('synchronous', { simple: true }) !== 2) throw new Error('the store is not synchronous=FULL');

    const raw = new Database(join(dir, 'raw.sqlite'));
    for (const pragma of ['journal_mode = WAL', 'synchronous = FULL', 'foreign_keys = ON', 'secure_delete = ON', 'busy_timeout = 5000']) raw.pragma(pragma);
    raw.exec('CREATE TABLE raw (id INTEGER PRIMARY KEY, step BLOB NOT NULL, record BLOB NOT NULL) STRICT');
    const insert = raw.prepare('INSERT INTO raw(step, record) VALUES (?, ?)');

    const readStep = store.db.prepare('SELECT data_sealed FROM transactions WHERE txn_id = ?');
    const readRecord = store.db.prepare('SELECT payload_sealed FROM outbox WHERE seq = ?');
    const durableTimes: number[] = [];
    const rawTimes: number[] = [];
    let stepBytes: Buffer = Buffer.alloc(0);
    let recordBytes: Buffer = Buffer.alloc(0);
    for (let run = 0; run < WARMUP + RUNS; run += 1) {
      const txnId = `00000000-0000-4000-8000-${String(run).padStart(12, '0')}`;
      const data = { identity, photoSha256: 'a'.repeat(64), step: 'completed' };
      const payload = { outcome: 'completed', identity, steps: ['identity-read', 'completed'] };

      // The raw side inserts the very bytes the store wrote, so both move the same amount of data;
      // on odd rounds it goes first with the previous round's bytes (same sizes).
      const durableStep = () => {
        const started = performance.now();
        const [seq] = store.journal.record({ txnId, kind: 'id-reissue', state: 'completed', data }, run, [
          { txnId, kind: 'id-reissue', occurredAt: '2026-11-22T03:00:00.000Z', payload },
        ]);
        const elapsed = performance.now() - started;
        stepBytes = (readStep.get(txnId) as { data_sealed: Buffer }).data_sealed;
        recordBytes = (readRecord.get(seq) as { payload_sealed: Buffer }).payload_sealed;
        return elapsed;
      };
      const rawStep = () => {
        const started = performance.now();
        insert.run(stepBytes, recordBytes);
        return performance.now() - started;
      };
      let durable: number;
      let plain: number;
      if (run % 2 === 0 || run === 0) {
        durable = durableStep();
        plain = rawStep();
      } else {
        plain = rawStep();
        durable = durableStep();
      }
      if (run >= WARMUP) {
        durableTimes.push(durable);
        rawTimes.push(plain);
      }
    }
    store.close();
    raw.close();
    return {
      ...medianAndP95('store.durableEnqueueMs', durableTimes),
      ...medianAndP95('store.rawInsertMs', rawTimes),
      'store.rawOverDurable': round(percentile(sorted(rawTimes), 0.5) / percentile(sorted(durableTimes), 0.5)),
      'store.rawOverDurablePaired': round(percentile(sorted(rawTimes.map((raw, i) => raw / durableTimes[i]!)), 0.5)),
      'store.bytesPerEnqueue': stepBytes.length + recordBytes.length,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

runIfMain(import.meta.url, bench);
