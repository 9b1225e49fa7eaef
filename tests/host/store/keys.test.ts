import { createCipheriv, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../../main/host/store/migrations';
import { migrate } from '../../../main/host/store/database';
import { KeyFileError, loadKeyRing, writeFileAtomic } from '../../../main/host/store/key-files';
import { SealingKeyMissingError } from '../../../main/host/store/key-registry';
import { keyIdOf } from '../../../main/host/store/sealing';
import { recordFor, step, storeRig } from './store-rig';

const mode = (path: string) => statSync(path).mode & 0o777;

describe('data keys on disk', () => {
  it('makes the first key of a new terminal in a 0700 folder, file 0600, with no temp file left', () => {
    const rig = storeRig();
    const store = rig.open();
    store.close();
    const files = readdirSync(rig.keysDir);
    expect(files).toEqual([`${loadKeyRing(rig.keysDir)!.currentId}.key`]);
    expect(mode(rig.keysDir)).toBe(0o700);
    expect(mode(join(rig.keysDir, files[0]!))).toBe(0o600);
  });

  it('writeFileAtomic replaces a file whole and leaves nothing beside it', () => {
    const rig = storeRig();
    const file = join(rig.dataDir, 'f');
    writeFileAtomic(file, 'one');
    writeFileAtomic(file, 'two');
    expect(readdirSync(rig.dataDir)).toEqual(['f']);
    expect(mode(file)).toBe(0o600);
  });

  it('refuses to start, naming the file, when the key is lost and sealed rows exist', () => {
    const rig = storeRig();
    const first = rig.open();
    const keyId = loadKeyRing(rig.keysDir)!.currentId;
    first.journal.record(step('t1'), 0, [recordFor('t1')]);
    first.close();
    rmSync(rig.keysDir, { recursive: true });
    let error: unknown;
    try {
      rig.open();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SealingKeyMissingError);
    expect((error as Error).message).toContain(join(rig.keysDir, `${keyId}.key`));
    expect((error as Error).message).toMatch(/Restore/);
    // Nothing was generated over the sealed data.
    expect(existsSync(rig.keysDir)).toBe(false);
  });

  it('refuses to start when a replaced key folder lacks the key the journal used', () => {
    const rig = storeRig();
    const first = rig.open();
    first.journal.record(step('t1'), 0);
    first.close();
    rmSync(rig.keysDir, { recursive: true });
    // A technician "fixes" the missing key by making a new one.
    const fresh = storeRig();
    fresh.open().close();
    cpSync(fresh.keysDir, rig.keysDir, { recursive: true });
    expect(() => rig.open()).toThrow(SealingKeyMissingError);
  });

  it('refuses a key file whose content is not the key its name says', () => {
    const rig = storeRig();
    rig.open().close();
    const [file] = readdirSync(rig.keysDir);
    writeFileSync(join(rig.keysDir, file!), randomBytes(32));
    expect(() => rig.open()).toThrow(KeyFileError);
  });

  it('after a rotation, seals new rows with the new key and still reads the old ones, across a restart', () => {
    const rig = storeRig();
    const first = rig.open();
    first.journal.record(step('old'), 0, [recordFor('old')]);
    const oldId = loadKeyRing(rig.keysDir)!.currentId;
    const newId = first.rotateKey();
    expect(newId).not.toBe(oldId);
    first.journal.record(step('new'), 0, [recordFor('new')]);
    const sealedKeyIds = (first.db.prepare('SELECT data_sealed FROM transactions ORDER BY txn_id DESC').all() as Array<{ data_sealed: Buffer }>).map(
      (row) => row.data_sealed.subarray(1, 5).toString('hex'),
    );
    expect(sealedKeyIds).toEqual([oldId, newId]);
    first.close();
    const again = rig.open();
    expect(loadKeyRing(rig.keysDir)!.currentId).toBe(newId);
    expect(again.journal.get('old')?.data).toEqual(step('old').data);
    expect(again.journal.get('new')?.data).toEqual(step('new').data);
    expect(again.journal.outbox.due(0, 10).map((r) => r.payload)).toEqual([{ txnId: 'old' }, { txnId: 'new' }]);
    again.close();
    // Losing the old key while its rows remain is refused like losing the only one.
    rmSync(join(rig.keysDir, `${oldId}.key`));
    expect(() => rig.open()).toThrow(SealingKeyMissingError);
  });

  it('converts rows sealed by the first releases (keys/data.key, no key id) and reads them', () => {
    const rig = storeRig();
    const key = randomBytes(32);
    const v1 = (value: unknown) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.of(1), iv, cipher.getAuthTag(), body]);
    };
    // A journal at schema version 2 with a row and a record in the old format.
    const old = new Database(rig.dbFile);
    migrate(old, migrations.slice(0, 2));
    old.prepare("INSERT INTO transactions VALUES ('t1', 'id-reissue', 'completed', 0, 0, ?)").run(v1(step('t1').data));
    old.prepare("UPDATE counters SET value = 1 WHERE name = 'outbox_seq'").run();
    old.prepare("INSERT INTO outbox(seq, txn_id, kind, occurred_at, payload_sealed) VALUES (1, 't1', 'k', 'x', ?)").run(v1({ a: 1 }));
    old.close();
    mkdirSync(rig.keysDir, { mode: 0o700 });
    writeFileSync(join(rig.keysDir, 'data.key'), key, { mode: 0o600 });

    const store = rig.open();
    expect(store.journal.get('t1')?.data).toEqual(step('t1').data);
    expect(store.journal.outbox.due(0, 10).map((r) => r.payload)).toEqual([{ a: 1 }]);
    const header = (store.db.prepare('SELECT data_sealed FROM transactions').get() as { data_sealed: Buffer }).data_sealed.subarray(0, 5);
    expect(header.toString('hex')).toBe(`02${keyIdOf(key)}`);
    store.close();
  });

  it('refuses to start when the old single key file is lost with old-format rows present', () => {
    const rig = storeRig();
    const old = new Database(rig.dbFile);
    migrate(old, migrations.slice(0, 2));
    old.prepare("INSERT INTO transactions VALUES ('t1', 'id-reissue', 'completed', 0, 0, ?)").run(Buffer.concat([Buffer.of(1), randomBytes(40)]));
    old.close();
    expect(() => rig.open()).toThrow(/data\.key/);
  });
});
