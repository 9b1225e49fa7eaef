import { describe, expect, it } from 'vitest';
import type { DecodedCard } from '../../../drivers/id-reader/card';
import { toHex } from '../../../drivers/id-reader/codec';
import type { WltPhotoDecoder } from '../../../drivers/id-reader/types';
import { type TestCardName, testCards } from '../../../simulators/id-reader/test-cards';
import { base64, rig } from './rig';

const ucs2 = (text: string): string => toHex(Uint8Array.from(Buffer.from(text, 'utf16le')));

/** The contract's JSON shape, every field, in its order. */
const expected: Record<TestCardName, DecodedCard> = {
  resident: {
    cardType: 'resident-id',
    name: '张测试',
    nameEn: null,
    sex: 'male',
    nation: '01',
    birthDate: '1990-03-07',
    address: '广东省广州市天河区测试路1号',
    idNumber: testCards.resident.text.idNumber,
    issuer: '广州市公安局天河分局',
    validFrom: '2015-06-01',
    validTo: '2035-06-01',
    permitNumber: null,
    issueCount: null,
    nationality: null,
    photoWlt: base64(testCards.resident.photoWlt),
    fingerprints: null,
  },
  'resident-elderly': {
    cardType: 'resident-id',
    name: '李样例',
    nameEn: null,
    sex: 'female',
    nation: '01',
    birthDate: '1948-11-20',
    address: '广东省深圳市福田区样例街88号',
    idNumber: testCards['resident-elderly'].text.idNumber,
    issuer: '深圳市公安局福田分局',
    validFrom: '2010-01-15',
    validTo: 'long-term',
    permitNumber: null,
    issueCount: null,
    nationality: null,
    photoWlt: base64(testCards['resident-elderly'].photoWlt),
    fingerprints: null,
  },
  'hk-macau-taiwan': {
    cardType: 'hk-macau-taiwan-permit',
    name: '陈测试',
    nameEn: null,
    sex: 'female',
    nation: null,
    birthDate: '1995-08-15',
    address: '广东省珠海市香洲区测试大道2号',
    idNumber: testCards['hk-macau-taiwan'].text.idNumber,
    issuer: '珠海市公安局',
    validFrom: '2020-01-01',
    validTo: '2025-01-01',
    permitNumber: 'H00000001',
    issueCount: '01',
    nationality: null,
    photoWlt: base64(testCards['hk-macau-taiwan'].photoWlt),
    fingerprints: null,
  },
  'foreign-2017': {
    cardType: 'foreign-permanent-2017',
    name: '测试者',
    nameEn: 'TESTER, SAMPLE',
    sex: 'male',
    nation: null,
    birthDate: '1980-02-29',
    address: null,
    idNumber: 'USA440080022900',
    issuer: null,
    validFrom: '2017-07-01',
    validTo: '2027-07-01',
    permitNumber: null,
    issueCount: null,
    nationality: 'USA',
    photoWlt: base64(testCards['foreign-2017'].photoWlt),
    fingerprints: null,
  },
  'foreign-2023': {
    cardType: 'foreign-permanent-2023',
    name: '样例人',
    nameEn: 'EXAMPLE PERSON WITH A VERY LONG ENGLISH NAME X',
    sex: 'female',
    nation: null,
    birthDate: '1985-12-01',
    address: null,
    idNumber: testCards['foreign-2023'].text.idNumber,
    issuer: null,
    validFrom: '2023-12-01',
    validTo: '2033-12-01',
    permitNumber: null,
    issueCount: '00',
    nationality: 'CAN',
    photoWlt: base64(testCards['foreign-2023'].photoWlt),
    fingerprints: null,
  },
  'staff-officer': {
    cardType: 'resident-id',
    name: '测试警员',
    nameEn: null,
    sex: 'male',
    nation: '01',
    birthDate: '1980-01-01',
    address: '广东省广州市越秀区测试路3号',
    idNumber: testCards['staff-officer'].text.idNumber,
    issuer: '广州市公安局越秀分局',
    validFrom: '2016-01-01',
    validTo: '2036-01-01',
    permitNumber: null,
    issueCount: null,
    nationality: null,
    photoWlt: base64(testCards['staff-officer'].photoWlt),
    fingerprints: null,
  },
  'staff-auxiliary': {
    cardType: 'resident-id',
    name: '样例辅警',
    nameEn: null,
    sex: 'female',
    nation: '01',
    birthDate: '1992-05-05',
    address: '广东省广州市海珠区样例路5号',
    idNumber: testCards['staff-auxiliary'].text.idNumber,
    issuer: '广州市公安局海珠分局',
    validFrom: '2018-05-05',
    validTo: '2038-05-05',
    permitNumber: null,
    issueCount: null,
    nationality: null,
    photoWlt: base64(testCards['staff-auxiliary'].photoWlt),
    fingerprints: null,
  },
};

/** Offset of text byte `n` inside a plain read reply frame: 7 header + 3 SW + 4 lengths. */
const TEXT_AT = 14;

describe('ID reader: every card type end to end through the driver', () => {
  for (const name of Object.keys(expected) as TestCardName[]) {
    it(`${name} decodes into the contract's JSON shape`, async () => {
      const { driver, sim } = rig({ simulator: { card: name } });
      const result = await driver.readCard();
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.value).toEqual(expected[name]);
      expect(Object.keys(result.value)).toEqual(Object.keys(expected[name]));
      expect(JSON.parse(JSON.stringify(result.value))).toEqual(expected[name]);
      expect(sim.state.card).toBe(name);
    });
  }

  it("the 2023 card's English name is split: 35 characters at offset 52, the rest at offset 220", async () => {
    const { driver, received } = rig({ simulator: { card: 'foreign-2023' } });
    const result = await driver.readCard();
    expect(result.ok && result.value.nameEn).toBe('EXAMPLE PERSON WITH A VERY LONG ENGLISH NAME X');
    const reply = Uint8Array.from(received.slice(15 + 19));
    expect(reply).toHaveLength(1295);
    const text = reply.subarray(TEXT_AT, TEXT_AT + 256);
    expect(toHex(text.subarray(52, 52 + 70))).toBe(ucs2('EXAMPLE PERSON WITH A VERY LONG ENG'));
    expect(toHex(text.subarray(220, 220 + 22))).toBe(ucs2('LISH NAME X'));
    expect(toHex(text.subarray(248, 250))).toBe('59 00');
    expect(toHex(text.subarray(242, 248))).toBe(ucs2('CAN'));
  });

  it('a plain read is LEN 05 08 and 1295 bytes', async () => {
    const { driver, received } = rig();
    expect((await driver.readCard()).ok).toBe(true);
    const reply = received.slice(15 + 19);
    expect(reply).toHaveLength(1295);
    expect(toHex(Uint8Array.from(reply.slice(0, 14)))).toBe('AA AA AA 96 69 05 08 00 00 90 01 00 04 00');
  });

  it('a fingerprint read of a card with fingerprints is LEN 09 0A, 2321 bytes, fingerprints decoded', async () => {
    const { driver, received } = rig();
    const result = await driver.readCard({ withFingerprints: true });
    expect(result.ok && result.value).toEqual({ ...expected.resident, fingerprints: base64(testCards.resident.fingerprints) });
    const reply = received.slice(15 + 19);
    expect(reply).toHaveLength(2321);
    expect(toHex(Uint8Array.from(reply.slice(0, 16)))).toBe('AA AA AA 96 69 09 0A 00 00 90 01 00 04 00 04 00');
  });

  it('a fingerprint read of a card without fingerprints is LEN 05 0A with length 00 00, fingerprints null', async () => {
    const { driver, received } = rig({ simulator: { card: 'resident-elderly' } });
    const result = await driver.readCard({ withFingerprints: true });
    expect(result.ok && result.value).toEqual(expected['resident-elderly']);
    const reply = received.slice(15 + 19);
    expect(reply).toHaveLength(1297);
    expect(toHex(Uint8Array.from(reply.slice(0, 16)))).toBe('AA AA AA 96 69 05 0A 00 00 90 01 00 04 00 00 00');
  });

  it('uses a WLT decoder only when one is given; a failing decoder does not lose the read', async () => {
    const seen: string[] = [];
    const decoder: WltPhotoDecoder = {
      async decode(wlt) {
        seen.push(base64(wlt));
        return { width: 102, height: 126, bgr: new Uint8Array(102 * 126 * 3) };
      },
    };
    const withDecoder = rig({ driver: { photoDecoder: decoder } });
    const decoded = await withDecoder.driver.readCard();
    expect(decoded.ok && decoded.value.photo).toMatchObject({ width: 102, height: 126 });
    expect(seen).toEqual([base64(testCards.resident.photoWlt)]);

    const plain = rig();
    const read = await plain.driver.readCard();
    expect(read.ok && 'photo' in read.value).toBe(false);

    const broken = rig({ driver: { photoDecoder: { decode: () => Promise.reject(new Error('licence expired')) } } });
    const failed = await broken.driver.readCard();
    expect(failed.ok && failed.value).toMatchObject({ idNumber: expected.resident.idNumber, photo: null });
  });
});
