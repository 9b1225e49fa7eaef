import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { KeyRing, keyIdOf } from './sealing';

/**
 * The data keys on disk, in `<dataDir>/keys/` (folder 0700, files 0600):
 * - `<keyId>.key`: 32 raw bytes; the name is the key's id, so a file that was swapped is noticed;
 * - `data.key`: the one key of the first releases (any id), still read;
 * - `current`: the id new values are sealed with (absent while there is exactly one key).
 * Every file is written to a temporary name, fsynced, renamed and the folder fsynced, so a power
 * cut leaves either the old file or the new one, never half a key.
 */

/** A key file that exists but cannot be used as it is. */
export class KeyFileError extends Error {
  override readonly name = 'KeyFileError';
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}. Restore the keys folder from the terminal's key backup; do not generate a new key over sealed data.`);
  }
}

const LEGACY_FILE = 'data.key';
const CURRENT_FILE = 'current';
const KEY_FILE = /^([0-9a-f]{8})\.key$/;

function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Writes `data` to `file` so that a crash leaves the old content or the new, and nothing in between. */
export function writeFileAtomic(file: string, data: Uint8Array | string, mode = 0o600): void {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(temp, 'wx', mode);
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  chmodSync(temp, mode); // the umask may have narrowed or, with an odd umask, not applied `mode`
  renameSync(temp, file);
  fsyncDir(dirname(file));
}

function ensureKeysDir(keysDir: string): void {
  if (!existsSync(keysDir)) {
    mkdirSync(keysDir, { recursive: true, mode: 0o700 });
    fsyncDir(dirname(keysDir));
  }
  chmodSync(keysDir, 0o700);
}

/** The key ring in `keysDir`, or null when the folder holds no key at all. */
export function loadKeyRing(keysDir: string): KeyRing | null {
  if (!existsSync(keysDir)) return null;
  const keys: Buffer[] = [];
  for (const entry of readdirSync(keysDir).sort()) {
    const named = KEY_FILE.exec(entry);
    if (!named && entry !== LEGACY_FILE) continue;
    const file = join(keysDir, entry);
    const key = readFileSync(file);
    if (key.length !== 32) throw new KeyFileError(file, `holds ${key.length} bytes, not a 32-byte key`);
    if (named && keyIdOf(key) !== named[1]) throw new KeyFileError(file, `holds key ${keyIdOf(key)}, not the key ${named[1]} its name says`);
    keys.push(key);
  }
  if (keys.length === 0) return null;
  const currentFile = join(keysDir, CURRENT_FILE);
  let currentId: string | undefined;
  if (existsSync(currentFile)) {
    currentId = readFileSync(currentFile, 'utf8').trim();
    if (!keys.some((key) => keyIdOf(key) === currentId)) throw new KeyFileError(join(keysDir, `${currentId}.key`), 'is named as the current key but is missing');
  } else if (new Set(keys.map(keyIdOf)).size > 1) {
    throw new KeyFileError(currentFile, 'is missing and there is more than one key, so which one seals new values is unknown');
  }
  return new KeyRing(keys, currentId);
}

/** Generates the first key of a new terminal. Only for a journal with nothing sealed in it. */
export function createFirstKey(keysDir: string): KeyRing {
  ensureKeysDir(keysDir);
  const key = randomBytes(32);
  writeFileAtomic(join(keysDir, `${keyIdOf(key)}.key`), key);
  return new KeyRing([key]);
}

/**
 * Adds a new key and makes it current, in `ring` and on disk. The key file is written first, then
 * `beforeUse` runs (the store records the id in the journal there), then `current` names it: a
 * crash anywhere in between leaves the old key current and nothing lost. Returns the new key's id.
 */
export function rotateKey(keysDir: string, ring: KeyRing, beforeUse: (keyId: string) => void = () => {}): string {
  ensureKeysDir(keysDir);
  let key = randomBytes(32);
  while (ring.get(keyIdOf(key))) key = randomBytes(32); // 32-bit id already taken: draw again
  const id = keyIdOf(key);
  writeFileAtomic(join(keysDir, `${id}.key`), key);
  beforeUse(id);
  writeFileAtomic(join(keysDir, CURRENT_FILE), `${id}\n`);
  return ring.addCurrent(key);
}

/** Where a key with this id is expected, for messages. */
export const keyFileFor = (keysDir: string, keyId: string): string => join(keysDir, `${keyId}.key`);
