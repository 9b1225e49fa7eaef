import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSealer, KeyRing, keyIdOf, openLegacyV1, SealedValueError } from '../../../main/host/store/sealing';

const problemOf = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    if (error instanceof SealedValueError) return error.problem;
    throw error;
  }
  return 'opened';
};

/** A value as the first releases sealed it: version 1, no key id, no associated data. */
function sealV1(key: Buffer, plain: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.of(1), iv, cipher.getAuthTag(), body]);
}

describe('sealing', () => {
  it('opens a value only for the row it was sealed for', () => {
    const sealer = createSealer(randomBytes(32));
    const sealed = sealer.sealJson({ idNumber: '44010619900307001X' }, 'transactions:t1');
    expect(sealer.openJson(sealed, 'transactions:t1')).toEqual({ idNumber: '44010619900307001X' });
    expect(problemOf(() => sealer.openJson(sealed, 'transactions:t2'))).toBe('authentication-failed');
    expect(problemOf(() => sealer.openJson(sealed, 'outbox:1'))).toBe('authentication-failed');
  });

  it('carries the key id, and names a key it does not have as unknown', () => {
    const key = randomBytes(32);
    const sealed = createSealer(key).seal(Buffer.from('x'), 'outbox:1');
    expect(sealed[0]).toBe(2);
    expect(sealed.subarray(1, 5).toString('hex')).toBe(keyIdOf(key));
    expect(problemOf(() => createSealer(randomBytes(32)).open(sealed, 'outbox:1'))).toBe('unknown-key');
  });

  it('rejects a header edited to name another key the ring holds', () => {
    const ring = new KeyRing([randomBytes(32)]);
    const sealer = createSealer(ring);
    const sealed = sealer.seal(Buffer.from('x'), 'outbox:1');
    const second = ring.addCurrent(randomBytes(32));
    Buffer.from(second, 'hex').copy(sealed, 1);
    expect(problemOf(() => sealer.open(sealed, 'outbox:1'))).toBe('authentication-failed');
  });

  it('seals new values with the rotated key and still opens the old ones', () => {
    const first = randomBytes(32);
    const ring = new KeyRing([first]);
    const sealer = createSealer(ring);
    const old = sealer.sealJson('before', 'outbox:1');
    const secondId = ring.addCurrent(randomBytes(32));
    const fresh = sealer.sealJson('after', 'outbox:2');
    expect(sealer.currentKeyId).toBe(secondId);
    expect(fresh.subarray(1, 5).toString('hex')).toBe(secondId);
    expect(old.subarray(1, 5).toString('hex')).toBe(keyIdOf(first));
    expect(sealer.openJson(old, 'outbox:1')).toBe('before');
    expect(sealer.openJson(fresh, 'outbox:2')).toBe('after');
  });

  it('refuses the old unbound format in ordinary reads; openLegacyV1 opens it for conversion', () => {
    const key = randomBytes(32);
    const v1 = sealV1(key, '"old"');
    expect(problemOf(() => createSealer(key).open(v1, 'outbox:1'))).toBe('legacy-format');
    expect(openLegacyV1(v1, key).toString()).toBe('"old"');
  });

  it('names flipped bytes and truncation as what they are', () => {
    const sealer = createSealer(randomBytes(32));
    const sealed = sealer.seal(Buffer.from('hello'), 'outbox:1');
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 1]! ^= 0x01;
    expect(problemOf(() => sealer.open(flipped, 'outbox:1'))).toBe('authentication-failed');
    expect(problemOf(() => sealer.open(sealed.subarray(0, 20), 'outbox:1'))).toBe('malformed');
    expect(problemOf(() => sealer.open(Buffer.of(9, 9, 9), 'outbox:1'))).toBe('malformed');
  });
});
