import type { Db } from './database';
import { createFirstKey, keyFileFor, loadKeyRing } from './key-files';
import type { KeyRing } from './sealing';

/**
 * The journal's side of the keys: `sealing_keys` lists every key id that has sealed a value in
 * this database. Comparing it with the key files at start is how a lost key file is told apart
 * from a new terminal, so a key is never generated over data it would make unreadable.
 */

/** Sealed data is in the journal but a key it needs is not on disk: the kiosk must not start. */
export class SealingKeyMissingError extends Error {
  override readonly name = 'SealingKeyMissingError';
  constructor(
    readonly missingFiles: readonly string[],
    detail: string,
  ) {
    super(
      `${detail}. Missing: ${missingFiles.join(', ')}. Restore the file(s) from the terminal's key backup into the keys folder ` +
        `(mode 0600, folder 0700) and start again. The kiosk does not make a new key: it would leave every sealed row unreadable for good.`,
    );
  }
}

const countSealed = (db: Db): number =>
  (
    db
      .prepare(
        `SELECT (SELECT COUNT(*) FROM transactions WHERE data_sealed IS NOT NULL)
              + (SELECT COUNT(*) FROM outbox) + (SELECT COUNT(*) FROM dead_letters)
              + (SELECT COUNT(*) FROM quarantine WHERE sealed IS NOT NULL) AS n`,
      )
      .get() as { n: number }
  ).n;

export const registeredKeyIds = (db: Db): string[] =>
  (db.prepare('SELECT key_id FROM sealing_keys ORDER BY added_at, key_id').all() as Array<{ key_id: string }>).map((row) => row.key_id);

/** Notes that `keyId` seals values in this database, before it seals the first one. */
export function registerKey(db: Db, keyId: string, nowMs: number): void {
  db.prepare('INSERT OR IGNORE INTO sealing_keys(key_id, added_at) VALUES (?, ?)').run(keyId, nowMs);
}

/**
 * Loads the key ring for this database, creating the first key only for a journal with nothing
 * sealed in it. Throws SealingKeyMissingError when a key the journal has used is not on disk, and
 * KeyFileError (key-files.ts) when a key file is damaged.
 */
export function ensureKeyRing(db: Db, keysDir: string, nowMs: number): KeyRing {
  const registered = registeredKeyIds(db);
  const ring = loadKeyRing(keysDir);
  if (!ring) {
    const sealed = countSealed(db);
    if (sealed > 0 || registered.length > 0) {
      const files = registered.length > 0 ? registered.map((id) => keyFileFor(keysDir, id)) : [`${keysDir}/data.key`];
      throw new SealingKeyMissingError(files, `The keys folder ${keysDir} holds no key, but the journal holds ${sealed} sealed value(s)`);
    }
    const created = createFirstKey(keysDir);
    registerKey(db, created.currentId, nowMs);
    return created;
  }
  const missing = registered.filter((id) => !ring.get(id));
  if (missing.length > 0) {
    throw new SealingKeyMissingError(
      missing.map((id) => keyFileFor(keysDir, id)),
      `The journal holds values sealed with key(s) ${missing.join(', ')}, which are not in ${keysDir}`,
    );
  }
  registerKey(db, ring.currentId, nowMs);
  return ring;
}
