import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyStorageError, StorageError, StorageHealth, type StorageState } from '../../../main/host/store/storage-health';
import { recordFor, roomyDisk, step, storeRig } from './store-rig';

const sqliteError = (code: string) => Object.assign(new Error(code), { code });

describe('storage health', () => {
  it('names SQLite failures by their code', () => {
    expect(classifyStorageError(sqliteError('SQLITE_CORRUPT'))).toBe('corrupt');
    expect(classifyStorageError(sqliteError('SQLITE_CORRUPT_INDEX'))).toBe('corrupt');
    expect(classifyStorageError(sqliteError('SQLITE_NOTADB'))).toBe('corrupt');
    expect(classifyStorageError(sqliteError('SQLITE_FULL'))).toBe('full');
    expect(classifyStorageError(sqliteError('ENOSPC'))).toBe('full');
    expect(classifyStorageError(sqliteError('SQLITE_IOERR_FSYNC'))).toBe('io-error');
    expect(classifyStorageError(sqliteError('SQLITE_CONSTRAINT_PRIMARYKEY'))).toBeNull();
    expect(classifyStorageError(new TypeError('Do not know how to serialize a BigInt'))).toBeNull();
  });

  it('a full database stops new writes with a typed condition and keeps every committed row', () => {
    const rig = storeRig();
    const store = rig.open();
    const changes: StorageState[] = [];
    store.health.onChange((state) => changes.push(state));
    store.journal.record(step('paid-1'), 0, [recordFor('paid-1')]);
    // No room for one more page: what SQLite does when the disk is full.
    store.db.pragma(`max_page_count = ${store.db.pragma('page_count', { simple: true }) as number}`);
    const big = { ...step('paid-2'), data: { photo: 'x'.repeat(64 * 1024) } };
    let error: unknown;
    try {
      store.journal.record(big, 1, [recordFor('paid-2')]);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).condition).toBe('full');
    expect(store.health.current()).toMatchObject({ ok: false, condition: 'full' });
    expect(changes.map((state) => (state.ok ? 'ok' : state.condition))).toEqual(['full']);
    // The failed step left nothing half-written, and the committed one is intact.
    expect(store.journal.get('paid-2')).toBeUndefined();
    expect(store.journal.get('paid-1')?.data).toEqual(step('paid-1').data);
    expect(store.journal.outbox.due(0, 10).map((r) => r.txnId)).toEqual(['paid-1']);
    store.close();
    const reopened = rig.open();
    expect(reopened.journal.get('paid-1')?.data).toEqual(step('paid-1').data);
    expect(reopened.health.current()).toEqual({ ok: true });
    reopened.close();
  });

  it('clears `full` after a successful write once there is room again', () => {
    const rig = storeRig();
    const store = rig.open();
    const pages = store.db.pragma('page_count', { simple: true }) as number;
    store.db.pragma(`max_page_count = ${pages}`);
    expect(() => store.journal.record({ ...step('t'), data: 'x'.repeat(64 * 1024) }, 0)).toThrow(StorageError);
    store.db.pragma(`max_page_count = ${pages * 100}`);
    store.journal.record(step('t'), 0);
    expect(store.health.current()).toEqual({ ok: true });
  });

  it('reports disk-low below the floor, re-checking only after the interval, and clears when space returns', () => {
    let free = 500n * 1024n * 1024n;
    let time = 0;
    let calls = 0;
    const health = new StorageHealth({
      dataDir: '/data',
      diskFloorBytes: 200 * 1024 * 1024,
      now: () => time,
      diskCheckIntervalMs: 30_000,
      statfs: () => {
        calls += 1;
        return { bavail: free / 4096n, bsize: 4096n };
      },
    });
    const seen: string[] = [];
    health.onChange((state) => seen.push(state.ok ? 'ok' : `${state.condition}: ${state.detail}`));
    expect(health.current()).toEqual({ ok: true });
    free = 100n * 1024n * 1024n;
    time = 10_000;
    expect(health.current()).toEqual({ ok: true }); // not re-checked yet
    time = 30_000;
    expect(health.current()).toMatchObject({ ok: false, condition: 'disk-low', since: 30_000 });
    expect(calls).toBe(2);
    free = 300n * 1024n * 1024n;
    time = 60_000;
    expect(health.current()).toEqual({ ok: true });
    expect(seen).toEqual(['disk-low: 100 MB free on the journal\'s disk, below the floor of 200 MB', 'ok']);
  });

  it('reports the worst condition first', () => {
    const health = new StorageHealth({ dataDir: '/d', diskFloorBytes: 1, statfs: roomyDisk });
    health.raise('disk-low', 'low');
    health.raise('corrupt', 'bad page');
    expect(health.current()).toMatchObject({ condition: 'corrupt', detail: 'bad page' });
  });

  it('a store on a low disk opens and says so', () => {
    const rig = storeRig();
    const store = rig.open({ statfs: () => ({ bavail: 10, bsize: 4096 }), diskFloorBytes: 1024 * 1024 });
    expect(store.health.current()).toMatchObject({ ok: false, condition: 'disk-low' });
    store.close();
  });

  it('a damaged database file opens with `corrupt` reported instead of crashing', () => {
    const rig = storeRig();
    const store = rig.open();
    for (let i = 0; i < 200; i += 1) store.journal.record(step(`t${i}`), i, [recordFor(`t${i}`)]);
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    store.close();
    const bytes = readFileSync(rig.dbFile);
    const pageSize = bytes.readUInt16BE(16);
    // Scribble over the b-tree header of a page in the middle of the file.
    const page = Math.floor(bytes.length / pageSize / 2);
    for (let i = 0; i < 64; i += 1) bytes[page * pageSize + i] = 0xaa ^ i;
    writeFileSync(rig.dbFile, bytes);
    const damaged = rig.open();
    expect(damaged.health.current()).toMatchObject({ ok: false, condition: 'corrupt' });
    expect((damaged.health.current() as { detail: string }).detail).toMatch(/^quick_check: /);
    damaged.close();
  });

  it('a file that is no database at all is a typed error, not a crash', () => {
    const rig = storeRig();
    writeFileSync(rig.dbFile, Buffer.alloc(8192, 0x5a));
    let error: unknown;
    try {
      rig.open();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).condition).toBe('corrupt');
  });
});
