/**
 * Made-up identities for the simulated reader, one per card type. Names say "测试" (test) and
 * the ID numbers are built with a valid check digit on purpose, so that the kiosk's checks pass,
 * but they belong to nobody.
 */
import type { CardText } from '../../drivers/id-reader/card';
import { checkCharacter } from '../../main/domain/id-number';

const withCheck = (first17: string): string => first17 + checkCharacter(first17);

export interface TestCard {
  readonly text: CardText;
  /** Opaque stand-in for the 1024-byte WLT photo. */
  readonly photoWlt: Uint8Array;
  /** 1024 bytes (two templates) or null for a card without fingerprints. */
  readonly fingerprints: Uint8Array | null;
}

/** Deterministic filler so a test can check that the bytes arrive unchanged. */
function pattern(seed: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

const none = {
  nameEn: null,
  nation: null,
  address: null,
  issuer: null,
  permitNumber: null,
  issueCount: null,
  nationality: null,
} as const;

export const testCards = {
  resident: {
    text: {
      ...none,
      cardType: 'resident-id',
      name: '张测试',
      sex: 'male',
      nation: '01',
      birthDate: '1990-03-07',
      address: '广东省广州市天河区测试路1号',
      idNumber: withCheck('44010619900307001'),
      issuer: '广州市公安局天河分局',
      validFrom: '2015-06-01',
      validTo: '2035-06-01',
    },
    photoWlt: pattern(1, 1024),
    fingerprints: pattern(2, 1024),
  },
  'resident-elderly': {
    text: {
      ...none,
      cardType: 'resident-id',
      name: '李样例',
      sex: 'female',
      nation: '01',
      birthDate: '1948-11-20',
      address: '广东省深圳市福田区样例街88号',
      idNumber: withCheck('44030419481120002'),
      issuer: '深圳市公安局福田分局',
      validFrom: '2010-01-15',
      validTo: 'long-term',
    },
    photoWlt: pattern(3, 1024),
    fingerprints: null,
  },
  'hk-macau-taiwan': {
    text: {
      ...none,
      cardType: 'hk-macau-taiwan-permit',
      name: '陈测试',
      sex: 'female',
      birthDate: '1995-08-15',
      address: '广东省珠海市香洲区测试大道2号',
      idNumber: withCheck('81000019950815002'),
      issuer: '珠海市公安局',
      validFrom: '2020-01-01',
      validTo: '2025-01-01',
      permitNumber: 'H00000001',
      issueCount: '01',
    },
    photoWlt: pattern(4, 1024),
    fingerprints: null,
  },
  'foreign-2017': {
    text: {
      ...none,
      cardType: 'foreign-permanent-2017',
      name: '测试者',
      nameEn: 'TESTER, SAMPLE',
      sex: 'male',
      birthDate: '1980-02-29',
      idNumber: 'USA440080022900',
      nationality: 'USA',
      validFrom: '2017-07-01',
      validTo: '2027-07-01',
    },
    photoWlt: pattern(5, 1024),
    fingerprints: null,
  },
  'foreign-2023': {
    text: {
      ...none,
      cardType: 'foreign-permanent-2023',
      name: '样例人',
      nameEn: 'EXAMPLE PERSON WITH A VERY LONG ENGLISH NAME X',
      sex: 'female',
      issueCount: '00',
      birthDate: '1985-12-01',
      idNumber: withCheck('93144019851201003'),
      nationality: 'CAN',
      validFrom: '2023-12-01',
      validTo: '2033-12-01',
    },
    photoWlt: pattern(6, 1024),
    fingerprints: null,
  },
  // Field staff's own resident ID cards: the central simulator's staff list names them by the
  // SHA-256 of these numbers (PINs 135790 and 246802); on the idle reader they open maintenance.
  'staff-officer': {
    text: {
      ...none,
      cardType: 'resident-id',
      name: '测试警员',
      sex: 'male',
      nation: '01',
      birthDate: '1980-01-01',
      address: '广东省广州市越秀区测试路3号',
      idNumber: withCheck('44010419800101003'),
      issuer: '广州市公安局越秀分局',
      validFrom: '2016-01-01',
      validTo: '2036-01-01',
    },
    photoWlt: pattern(7, 1024),
    fingerprints: null,
  },
  'staff-auxiliary': {
    text: {
      ...none,
      cardType: 'resident-id',
      name: '样例辅警',
      sex: 'female',
      nation: '01',
      birthDate: '1992-05-05',
      address: '广东省广州市海珠区样例路5号',
      idNumber: withCheck('44010619920505004'),
      issuer: '广州市公安局海珠分局',
      validFrom: '2018-05-05',
      validTo: '2038-05-05',
    },
    photoWlt: pattern(8, 1024),
    fingerprints: null,
  },
} as const satisfies Record<string, TestCard>;

export type TestCardName = keyof typeof testCards;

export const testCardNames = Object.keys(testCards) as TestCardName[];

export function isTestCardName(name: string): name is TestCardName {
  return Object.hasOwn(testCards, name);
}
