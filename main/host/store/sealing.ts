import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Encryption at rest for personal data: AES-256-GCM, one random 12-byte IV per value.
 * Layout of a sealed value: version(1) | iv(12) | tag(16) | ciphertext.
 */
export interface Sealer {
  seal(plain: Uint8Array): Buffer;
  open(sealed: Uint8Array): Buffer;
  sealJson(value: unknown): Buffer;
  openJson<T = unknown>(sealed: Uint8Array): T;
}

const VERSION = 1;

export function createSealer(key: Uint8Array): Sealer {
  if (key.length !== 32) throw new RangeError('the data key is 32 bytes');
  const seal = (plain: Uint8Array): Buffer => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([Buffer.of(VERSION), iv, cipher.getAuthTag(), body]);
  };
  const open = (sealed: Uint8Array): Buffer => {
    const buf = Buffer.from(sealed);
    if (buf[0] !== VERSION || buf.length < 29) throw new Error('sealed value has an unknown format');
    const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(1, 13));
    decipher.setAuthTag(buf.subarray(13, 29));
    return Buffer.concat([decipher.update(buf.subarray(29)), decipher.final()]);
  };
  return {
    seal,
    open,
    sealJson: (value) => seal(Buffer.from(JSON.stringify(value), 'utf8')),
    openJson: <T>(sealed: Uint8Array) => JSON.parse(open(sealed).toString('utf8')) as T,
  };
}

/**
 * The data key lives in a file readable only by the kiosk user, created on first start. (A
 * terminal with a TPM would keep it there instead; the Sealer does not care where it comes from.)
 */
export function loadOrCreateKey(file: string): Buffer {
  if (existsSync(file)) {
    const key = readFileSync(file);
    if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte key`);
    return key;
  }
  mkdirSync(dirname(file), { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return key;
}
