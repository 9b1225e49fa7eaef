/**
 * The simulator's staff list hashed ahead off the event loop (prepareStaffList, which the embedded
 * central starts at once) is the list the synchronous path makes, and each hash is the PIN's.
 */
import { createHash, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { prepareStaffList, STAFF_PIN_KDF, staffListBody, TEST_STAFF } from '../../../simulators/central/test-registry-records';

interface Entry {
  readonly staffId: string;
  readonly idNumberSha256: string;
  readonly pin: { readonly salt: string; readonly hash: string; readonly N: number; readonly r: number; readonly p: number };
}

describe('central simulator staff list', () => {
  it('hashed ahead, it holds each made-up staff member with the scrypt hash of their PIN', async () => {
    await prepareStaffList();
    const list = staffListBody() as Entry[];
    expect(list.map((entry) => entry.staffId)).toEqual(TEST_STAFF.map((staff) => staff.staffId));
    for (const [index, entry] of list.entries()) {
      const staff = TEST_STAFF[index]!;
      const expected = scryptSync(staff.pin, Buffer.from(entry.pin.salt, 'base64'), STAFF_PIN_KDF.keyLength, { N: entry.pin.N, r: entry.pin.r, p: entry.pin.p });
      expect(entry.pin.hash).toBe(expected.toString('base64'));
      expect(entry.idNumberSha256).toBe(createHash('sha256').update(staff.idNumber).digest('hex'));
    }
    // Asked again: the same list, not hashed anew.
    await prepareStaffList();
    expect(staffListBody()).toBe(list);
  });
});
