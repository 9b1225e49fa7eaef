import { statfsSync } from 'node:fs';
import type { Db } from './database';

/**
 * Whether the journal can be trusted with a new paid transaction. The store reports into this
 * object; the host asks it before offering paid services and puts it in the heartbeat.
 *
 * - `corrupt`: SQLite found damage (SQLITE_CORRUPT*, SQLITE_NOTADB, or PRAGMA quick_check on open).
 *   Stays until a person has looked: a restart re-checks.
 * - `io-error`: the disk failed a read or write (SQLITE_IOERR*, SQLITE_CANTOPEN, SQLITE_READONLY*).
 *   Clears on the next successful write.
 * - `full`: a write failed for lack of space (SQLITE_FULL, ENOSPC). Clears on the next successful
 *   write once free space is above the floor again.
 * - `disk-low`: free space under the configured floor. Re-checked when asked, at most every
 *   `diskCheckIntervalMs`.
 */
export type StorageCondition = 'corrupt' | 'io-error' | 'full' | 'disk-low';

export type StorageState =
  | { readonly ok: true }
  | { readonly ok: false; readonly condition: StorageCondition; readonly detail: string; readonly since: number };

/**
 * The journal as the heartbeat reports it, in the devices' vocabulary: central sees why a kiosk
 * takes no new transactions without a field visit.
 */
export function storageReport(state: StorageState): { status: 'online' | 'hardware-error'; condition: StorageCondition | null; detail: string | null } {
  return state.ok ? { status: 'online', condition: null, detail: null } : { status: 'hardware-error', condition: state.condition, detail: state.detail };
}

/** A store operation failed for a storage reason; `condition` is what the health now reports. */
export class StorageError extends Error {
  override readonly name = 'StorageError';
  constructor(
    readonly condition: StorageCondition,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The storage condition an error stands for, or null when it is not a storage failure. */
export function classifyStorageError(error: unknown): StorageCondition | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'corrupt';
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return 'full';
  if (code.startsWith('SQLITE_IOERR') || code === 'SQLITE_CANTOPEN' || code.startsWith('SQLITE_READONLY') || code === 'EIO') return 'io-error';
  return null;
}

/** What statfs says about free space; bigint or number, as node:fs may give either. */
export type StatFs = (path: string) => { readonly bavail: number | bigint; readonly bsize: number | bigint };

export interface StorageHealthOptions {
  /** The folder whose file system holds the journal. */
  readonly dataDir: string;
  /** Below this many free bytes, the kiosk takes no new paid transactions. */
  readonly diskFloorBytes: number;
  readonly now?: () => number;
  readonly statfs?: StatFs;
  readonly diskCheckIntervalMs?: number;
}

/** Worst first: the state reports the most serious active condition. */
const SEVERITY: readonly StorageCondition[] = ['corrupt', 'io-error', 'full', 'disk-low'];

export class StorageHealth {
  readonly #options: StorageHealthOptions;
  readonly #now: () => number;
  readonly #statfs: StatFs;
  readonly #active = new Map<StorageCondition, { detail: string; since: number }>();
  readonly #listeners = new Set<(state: StorageState) => void>();
  #lastDiskCheck = Number.NEGATIVE_INFINITY;

  constructor(options: StorageHealthOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#statfs = options.statfs ?? ((path) => statfsSync(path));
  }

  /** The most serious condition now, re-checking free space when the last check is old. */
  current(): StorageState {
    if (this.#now() - this.#lastDiskCheck >= (this.#options.diskCheckIntervalMs ?? 30_000)) this.checkDisk();
    return this.#state();
  }

  /** Called with the new state whenever it changes. Returns a function that stops the calls. */
  onChange(listener: (state: StorageState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Records the condition `error` stands for and returns it, or returns null (and records
   * nothing) when the error is not a storage failure.
   */
  report(error: unknown): StorageCondition | null {
    const condition = classifyStorageError(error);
    if (condition) this.raise(condition, error instanceof Error ? error.message : String(error));
    return condition;
  }

  raise(condition: StorageCondition, detail: string): void {
    const active = this.#active.get(condition);
    // The first finding of a failure says most about it; only free space is worth updating.
    if (active && (condition !== 'disk-low' || active.detail === detail)) return;
    this.#change(() => this.#active.set(condition, { detail, since: active?.since ?? this.#now() }));
  }

  /** A write went through: the failures a write clears are over. */
  writeSucceeded(): void {
    if (!this.#active.has('io-error') && !this.#active.has('full')) return;
    const roomAgain = this.#active.has('full') && this.checkDisk();
    this.#change(() => {
      this.#active.delete('io-error');
      if (roomAgain) this.#active.delete('full');
    });
  }

  /** Compares free space with the floor now. Returns true when there is enough. */
  checkDisk(): boolean {
    this.#lastDiskCheck = this.#now();
    let free: number;
    try {
      const stats = this.#statfs(this.#options.dataDir);
      free = Number(stats.bavail) * Number(stats.bsize);
    } catch (error) {
      this.raise('io-error', `cannot read the free space of ${this.#options.dataDir}: ${String(error)}`);
      return false;
    }
    if (free < this.#options.diskFloorBytes) {
      const mb = (bytes: number) => `${Math.floor(bytes / 1024 / 1024)} MB`;
      this.raise('disk-low', `${mb(free)} free on the journal's disk, below the floor of ${mb(this.#options.diskFloorBytes)}`);
      return false;
    }
    if (this.#active.has('disk-low')) this.#change(() => this.#active.delete('disk-low'));
    return true;
  }

  /** PRAGMA quick_check; a damaged file raises `corrupt` (with SQLite's first findings) instead of throwing. */
  checkIntegrity(db: Db): boolean {
    let findings: string[];
    try {
      findings = (db.pragma('quick_check') as Array<{ quick_check: string }>).map((row) => row.quick_check);
    } catch (error) {
      // Damage bad enough that the check itself stops is the same finding.
      const condition = classifyStorageError(error);
      if (!condition) throw error;
      this.raise(condition, `quick_check: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
    if (findings.length === 1 && findings[0] === 'ok') return true;
    this.raise('corrupt', `quick_check: ${findings.slice(0, 3).join('; ')}`);
    return false;
  }

  #state(): StorageState {
    for (const condition of SEVERITY) {
      const active = this.#active.get(condition);
      if (active) return { ok: false, condition, detail: active.detail, since: active.since };
    }
    return { ok: true };
  }

  #change(mutate: () => void): void {
    const before = JSON.stringify(this.#state());
    mutate();
    const after = this.#state();
    if (JSON.stringify(after) !== before) for (const listener of this.#listeners) listener(after);
  }
}

/**
 * Runs a store operation; a storage failure is reported to `health` and rethrown as a
 * StorageError naming the condition. Other errors (a bug, a bad argument) pass through unchanged.
 */
export function guarded<T>(health: StorageHealth | undefined, what: string, operation: () => T): T {
  try {
    return operation();
  } catch (error) {
    const condition = health ? health.report(error) : classifyStorageError(error);
    if (!condition) throw error;
    throw new StorageError(condition, `${what} failed: storage is ${condition} (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
}
