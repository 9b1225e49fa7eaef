import { createCipheriv, createDecipheriv, createHash, createSecretKey, type KeyObject, randomBytes } from 'node:crypto';

/**
 * Encryption at rest for personal data: AES-256-GCM, one random 12-byte IV per value.
 *
 * Layout of a sealed value (version 2): version(1) = 2 | keyId(4) | iv(12) | tag(16) | ciphertext.
 * The GCM associated data is the 5-byte header followed by the row's identity as given by the
 * caller (`transactions:<txnId>`, `outbox:<seq>`): a blob copied into another row, or a header
 * edited to name another key, fails authentication instead of opening as someone else's data.
 *
 * Version 1 (version(1) = 1 | iv | tag | ciphertext, no key id, no associated data) is what the
 * first releases wrote. It is opened only by `openLegacyV1`, which the store uses once at start to
 * re-seal old rows in the current format; ordinary reads refuse it, so a v1 blob cannot be moved
 * between rows either.
 */
export interface Sealer {
  /** The key id new values are sealed with. */
  readonly currentKeyId: string;
  seal(plain: Uint8Array, aad: string): Buffer;
  open(sealed: Uint8Array, aad: string): Buffer;
  sealJson(value: unknown, aad: string): Buffer;
  openJson<T = unknown>(sealed: Uint8Array, aad: string): T;
}

const VERSION = 2;
const LEGACY_VERSION = 1;
const KEY_ID_BYTES = 4;
const HEADER_BYTES = 1 + KEY_ID_BYTES;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export type SealedValueProblem = 'malformed' | 'legacy-format' | 'unknown-key' | 'authentication-failed' | 'not-json';

/** A sealed value that cannot be opened; `problem` says why, for the quarantine's reason column. */
export class SealedValueError extends Error {
  override readonly name = 'SealedValueError';
  constructor(
    readonly problem: SealedValueProblem,
    message: string,
  ) {
    super(message);
  }
}

/** A key's id: the first 4 bytes of its SHA-256, as 8 hex digits. It names the key without revealing it. */
export function keyIdOf(key: Uint8Array): string {
  return createHash('sha256').update(key).digest().subarray(0, KEY_ID_BYTES).toString('hex');
}

/**
 * The keys this kiosk can open values with, and the one it seals new values with. Rotation adds a
 * key and makes it current; older keys stay, so rows sealed before the rotation stay readable.
 */
export class KeyRing {
  readonly #keys = new Map<string, Buffer>();
  #current: string;

  constructor(keys: readonly Uint8Array[], currentId?: string) {
    for (const key of keys) this.#add(key);
    const current = currentId ?? (keys[0] ? keyIdOf(keys[0]) : undefined);
    if (current === undefined || !this.#keys.has(current)) throw new RangeError(`the key ring has no key ${current ?? '(none)'}`);
    this.#current = current;
  }

  get currentId(): string {
    return this.#current;
  }

  ids(): string[] {
    return [...this.#keys.keys()];
  }

  get(id: string): Buffer | undefined {
    return this.#keys.get(id);
  }

  /** Adds a key and makes it the one new values are sealed with. Returns its id. */
  addCurrent(key: Uint8Array): string {
    const id = this.#add(key);
    this.#current = id;
    return id;
  }

  #add(key: Uint8Array): string {
    if (key.length !== 32) throw new RangeError('a data key is 32 bytes');
    const id = keyIdOf(key);
    const known = this.#keys.get(id);
    // Two different keys with one id would make the id useless; with 32 bits it needs bad luck.
    if (known && !known.equals(key)) throw new RangeError(`two different keys share the id ${id}`);
    this.#keys.set(id, Buffer.from(key));
    return id;
  }
}

const associatedData = (header: Uint8Array, aad: string): Buffer => Buffer.concat([header, Buffer.from(aad, 'utf8')]);

/**
 * Random IVs drawn from a pool that is refilled from the CSPRNG: one call for 512 IVs instead of
 * one per value (a sync randomBytes call costs as much as the encryption of a small value). Each
 * IV is still 96 fresh random bits, used once.
 */
function ivSource(): () => Buffer {
  const perFill = 512;
  let pool = Buffer.alloc(0);
  let offset = 0;
  return () => {
    if (offset + IV_BYTES > pool.length) {
      pool = randomBytes(IV_BYTES * perFill);
      offset = 0;
    }
    const iv = Buffer.from(pool.subarray(offset, offset + IV_BYTES));
    // Used bytes are wiped from the pool so that no IV can be handed out twice by mistake.
    pool.fill(0, offset, offset + IV_BYTES);
    offset += IV_BYTES;
    return iv;
  };
}

/** Builds a sealer over a key ring, or over one key (tests, and the shape older callers used). */
export function createSealer(keys: KeyRing | Uint8Array): Sealer {
  const ring = keys instanceof KeyRing ? keys : new KeyRing([keys]);
  const nextIv = ivSource();
  // Key objects made once per key: building one from raw bytes on every call is measurable.
  const keyObjects = new Map<string, KeyObject>();
  const keyObject = (id: string, key: Buffer): KeyObject => {
    let made = keyObjects.get(id);
    if (!made) keyObjects.set(id, (made = createSecretKey(key)));
    return made;
  };
  // The header (version, key id) is the same for every value sealed with one key: made once.
  const headers = new Map<string, Buffer>();
  const headerOf = (keyId: string): Buffer => {
    let header = headers.get(keyId);
    if (!header) headers.set(keyId, (header = Buffer.concat([Buffer.of(VERSION), Buffer.from(keyId, 'hex')])));
    return header;
  };
  const seal = (plain: Uint8Array, aad: string): Buffer => {
    const keyId = ring.currentId;
    const header = headerOf(keyId);
    const iv = nextIv();
    const cipher = createCipheriv('aes-256-gcm', keyObject(keyId, ring.get(keyId)!), iv);
    cipher.setAAD(associatedData(header, aad));
    const body = cipher.update(plain);
    const last = cipher.final();
    // One copy into the sealed layout: header | iv | tag | ciphertext.
    return Buffer.concat([header, iv, cipher.getAuthTag(), body, last]);
  };
  const open = (sealed: Uint8Array, aad: string): Buffer => {
    const buf = Buffer.from(sealed);
    if (buf[0] === LEGACY_VERSION) throw new SealedValueError('legacy-format', 'sealed value is in the old format without row binding');
    if (buf[0] !== VERSION || buf.length < HEADER_BYTES + IV_BYTES + TAG_BYTES) {
      throw new SealedValueError('malformed', 'sealed value has an unknown format');
    }
    const keyId = buf.subarray(1, HEADER_BYTES).toString('hex');
    const key = ring.get(keyId);
    if (!key) throw new SealedValueError('unknown-key', `sealed with key ${keyId}, which this kiosk does not have`);
    const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(HEADER_BYTES, HEADER_BYTES + IV_BYTES));
    decipher.setAAD(associatedData(buf.subarray(0, HEADER_BYTES), aad));
    decipher.setAuthTag(buf.subarray(HEADER_BYTES + IV_BYTES, HEADER_BYTES + IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(buf.subarray(HEADER_BYTES + IV_BYTES + TAG_BYTES)), decipher.final()]);
    } catch {
      throw new SealedValueError('authentication-failed', `sealed value does not authenticate as ${aad} under key ${keyId}`);
    }
  };
  return {
    get currentKeyId() {
      return ring.currentId;
    },
    seal,
    open,
    sealJson: (value, aad) => seal(Buffer.from(JSON.stringify(value), 'utf8'), aad),
    openJson: <T>(sealed: Uint8Array, aad: string) => {
      const text = open(sealed, aad).toString('utf8');
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new SealedValueError('not-json', `sealed value of ${aad} opens but is not JSON`);
      }
    },
  };
}

/** True when the value is in the version 1 layout (see `openLegacyV1`). */
export const isLegacyV1 = (sealed: Uint8Array): boolean => sealed[0] === LEGACY_VERSION;

/** Opens a version 1 value; used only to re-seal old rows (see sealing-migration.ts). */
export function openLegacyV1(sealed: Uint8Array, key: Uint8Array): Buffer {
  const buf = Buffer.from(sealed);
  if (buf[0] !== LEGACY_VERSION || buf.length < 1 + IV_BYTES + TAG_BYTES) throw new SealedValueError('malformed', 'not a version 1 sealed value');
  const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(1, 1 + IV_BYTES));
  decipher.setAuthTag(buf.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(buf.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    throw new SealedValueError('authentication-failed', 'version 1 sealed value does not authenticate under this key');
  }
}
