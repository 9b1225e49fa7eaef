import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../log';
import { type Db, openDatabase } from './database';
import { loadKeyRing, rotateKey } from './key-files';
import { ensureKeyRing, registerKey } from './key-registry';
import { AttachmentStore } from './attachments';
import { Journal } from './journal';
import { resealLegacyRows } from './legacy-reseal';
import { Quarantine } from './quarantine';
import { DEFAULT_RETENTION_MS, type PurgeResult, purgeExpired } from './retention';
import { createSealer, type KeyRing } from './sealing';
import { classifyStorageError, guarded, type StatFs, StorageError, StorageHealth } from './storage-health';

export interface StoreOptions {
  readonly dataDir: string;
  readonly log: Logger;
  readonly now?: () => number;
  /** Free bytes under which the health reports `disk-low`; default 200 MiB. */
  readonly diskFloorBytes?: number;
  /** How long sealed personal data stays after central acknowledged it; default 7 days. */
  readonly retentionMs?: number;
  /** Injected in tests; node:fs statfsSync otherwise. */
  readonly statfs?: StatFs;
}

export interface Store {
  readonly db: Db;
  readonly journal: Journal;
  /** Files records carry (the live photo), sealed; see attachments.ts. */
  readonly attachments: AttachmentStore;
  readonly health: StorageHealth;
  /** Deletes sealed personal data that is past retention (see retention.ts). */
  purgeExpired(nowMs?: number): PurgeResult;
  /** Makes a new key current for new values; older keys stay for the rows they sealed. Returns its id. */
  rotateKey(): string;
  close(): void;
}

export const DEFAULT_DISK_FLOOR_BYTES = 200 * 1024 * 1024;

/**
 * The host's one way into storage: opens `<dataDir>/kiosk.sqlite` (migrated, quick_check'ed),
 * loads the keys from `<dataDir>/keys/` and converts old-format sealed rows. A damaged database
 * that still opens comes back with `health` reporting `corrupt`, so the host can keep its
 * heartbeat going and say why it takes no payments. Throws only when there is nothing to run on:
 * a file SQLite cannot open as a database (StorageError), a missing or damaged key
 * (SealingKeyMissingError, KeyFileError).
 */
export function openStore(options: StoreOptions): Store {
  const now = options.now ?? Date.now;
  const { log } = options;
  const retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS;
  const health = new StorageHealth({
    dataDir: options.dataDir,
    diskFloorBytes: options.diskFloorBytes ?? DEFAULT_DISK_FLOOR_BYTES,
    now,
    statfs: options.statfs,
  });
  health.onChange((state) => {
    if (state.ok) log.info('storage healthy again');
    else log.error({ condition: state.condition, detail: state.detail }, 'storage condition: no new paid transactions');
  });
  // The free-space check looks at the data folder, which a first start has not made yet.
  mkdirSync(options.dataDir, { recursive: true });
  health.checkDisk();

  const file = join(options.dataDir, 'kiosk.sqlite');
  let db: Db;
  try {
    db = openDatabase(file);
  } catch (error) {
    const condition = classifyStorageError(error);
    if (!condition) throw error;
    throw new StorageError(condition, `cannot open the journal ${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  try {
    health.checkIntegrity(db);
    const keysDir = join(options.dataDir, 'keys');
    const ring = loadRing(db, keysDir, health, log, now());
    const sealer = createSealer(ring);
    try {
      const legacy = resealLegacyRows(db, ring, sealer);
      if (legacy.resealed || legacy.unreadable) log.warn(legacy, 'sealed values of the old format converted');
    } catch (error) {
      if (!health.report(error)) throw error;
    }
    const quarantine = new Quarantine(db, (row) => log.error(row, 'unreadable row quarantined'));
    const journal = new Journal(db, sealer, { health, quarantine, now });

    const purge = (nowMs: number = now()): PurgeResult => {
      const result = purgeExpired(db, nowMs, retentionMs);
      if (result.purgedTransactions || result.deliveredTrimmed) log.info(result, 'retention: expired personal data deleted');
      return result;
    };
    try {
      purge();
    } catch (error) {
      // Retention can wait for the next run; a start must not fail over it.
      if (!health.report(error)) throw error;
    }

    return {
      db,
      journal,
      attachments: new AttachmentStore(db, sealer),
      health,
      purgeExpired: purge,
      rotateKey: () => guarded(health, 'rotating the data key', () => rotateKey(keysDir, ring, (id) => registerKey(db, id, now()))),
      close: () => db.close(),
    };
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * The key ring, checked against the journal's key registry. When the journal is too damaged to
 * say which keys it used, the key files are used as they are: the health already reports
 * `corrupt`, and refusing to start would also stop the heartbeat that tells central so.
 */
function loadRing(db: Db, keysDir: string, health: StorageHealth, log: Logger, nowMs: number): KeyRing {
  try {
    return guarded(health, 'loading the data keys', () => ensureKeyRing(db, keysDir, nowMs));
  } catch (error) {
    const ring = error instanceof StorageError && error.condition === 'corrupt' ? loadKeyRing(keysDir) : null;
    if (!ring) throw error;
    log.error({ err: error }, 'the journal is damaged: keys loaded without checking them against it');
    return ring;
  }
}
