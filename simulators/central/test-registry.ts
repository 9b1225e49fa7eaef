/**
 * The simulated population and exit-entry registry: made-up people built from the SAME made-up
 * identities the device simulators carry (the ID reader's test cards, the certificate unit's test
 * permits), so a citizen "walking up" with a simulated card and permit is known here. Nothing is
 * copied: names, numbers and dates are read from those modules.
 *
 * The permits' chips carry their own made-up holder names (测试甲, 样例乙), not the card
 * holders' names; the registry keeps the name as issued on each document, so a document is
 * checked against its own record and the person found is the card holder's.
 */
import { createHash } from 'node:crypto';
import { TEST_PERMITS } from '../certificate-unit/test-data';
import { type TestCardName, testCards } from '../id-reader/test-cards';

export type EndorsementCode = 'G' | 'L' | 'T' | 'S' | 'Q' | 'D';

export interface EndorsementOption {
  readonly code: EndorsementCode;
  readonly validity: '3M' | '1Y';
  readonly entries: 1 | 2 | 'multiple';
  readonly feeFen: number;
}

export interface RegistryPermit {
  readonly number: string;
  readonly validTo: string;
  /** The holder's name as issued on the permit (what its chip says). */
  readonly name: string;
  /** What central offers for this permit; empty means nothing to offer. */
  readonly options: readonly EndorsementOption[];
}

export interface RegistryPerson {
  /** Central's opaque id for the person; stable across restarts. */
  readonly personId: string;
  /** The test card this person is built from. */
  readonly card: TestCardName;
  readonly idNumber: string;
  readonly name: string;
  readonly sex: 'male' | 'female';
  readonly birthDate: string;
  /** The card's own validity end, 'long-term' for a card that never expires. */
  readonly cardValidTo: string;
  readonly issuer: string;
  readonly address: string;
  /** False: the face on record is someone else's, so every live photo is a face_mismatch. */
  readonly faceMatches: boolean;
  readonly score: number;
  readonly permit: RegistryPermit | null;
  readonly photoOnRecord: boolean;
  /** Why an ID card reissue is refused, or null when it is allowed. */
  readonly reissueRefusal: string | null;
}

interface PersonFacts {
  readonly permitNumber: string | null;
  readonly faceMatches: boolean;
  readonly score: number;
  readonly photoOnRecord: boolean;
  readonly reissueRefusal: string | null;
}

/**
 * Who is who. The 2017 foreign permanent residence card has no GB 11643 number and is not in the
 * registry at all (identity: no_record). The HK/Macau/Taiwan residence card's validity ended on
 * 2025-01-01, so it is document_invalid.
 */
const PEOPLE: Partial<Record<TestCardName, PersonFacts>> = {
  resident: { permitNumber: 'CT0000001', faceMatches: true, score: 0.93, photoOnRecord: true, reissueRefusal: null },
  'resident-elderly': { permitNumber: 'CT0000002', faceMatches: true, score: 0.88, photoOnRecord: false, reissueRefusal: 'application_in_progress' },
  'hk-macau-taiwan': { permitNumber: null, faceMatches: true, score: 0.9, photoOnRecord: false, reissueRefusal: 'not_a_resident_id_holder' },
  'foreign-2023': { permitNumber: null, faceMatches: false, score: 0.41, photoOnRecord: false, reissueRefusal: 'not_a_resident_id_holder' },
};

/** The endorsements central offers per permit (fees from domain.md); central decides, never the kiosk. */
const OPTIONS: Readonly<Record<string, readonly EndorsementOption[]>> = {
  CT0000001: [
    { code: 'G', validity: '3M', entries: 1, feeFen: 1500 },
    { code: 'G', validity: '1Y', entries: 2, feeFen: 3000 },
    { code: 'G', validity: '1Y', entries: 'multiple', feeFen: 8000 },
  ],
  CT0000002: [
    { code: 'T', validity: '3M', entries: 1, feeFen: 1500 },
    { code: 'T', validity: '1Y', entries: 2, feeFen: 3000 },
  ],
};

function permitFor(number: string): RegistryPermit {
  const permit = TEST_PERMITS.find((p) => p.record.permitNumber === number);
  // A renamed test permit must break loudly here, not turn into "unknown permit" in a flow test.
  if (!permit) throw new Error(`test registry names permit ${number}, which the certificate unit's test data does not hold`);
  return { number, validTo: permit.record.validTo, name: permit.record.nameZh, options: OPTIONS[number] ?? [] };
}

export const personIdFor = (idNumber: string): string => `SIM-P-${createHash('sha256').update(idNumber).digest('hex').slice(0, 12)}`;

export const REGISTRY_PEOPLE: readonly RegistryPerson[] = Object.entries(PEOPLE).map(([cardName, facts]) => {
  const card = cardName as TestCardName;
  const text = testCards[card].text;
  return {
    personId: personIdFor(text.idNumber),
    card,
    idNumber: text.idNumber,
    name: text.name,
    sex: text.sex,
    birthDate: text.birthDate,
    cardValidTo: text.validTo,
    issuer: text.issuer ?? '广州市公安局',
    address: text.address ?? '',
    faceMatches: facts.faceMatches,
    score: facts.score,
    permit: facts.permitNumber ? permitFor(facts.permitNumber) : null,
    photoOnRecord: facts.photoOnRecord,
    reissueRefusal: facts.reissueRefusal,
  };
});

export function personByIdNumber(idNumber: string): RegistryPerson | undefined {
  const wanted = idNumber.toUpperCase();
  return REGISTRY_PEOPLE.find((person) => person.idNumber === wanted);
}

export function personById(personId: string): RegistryPerson | undefined {
  return REGISTRY_PEOPLE.find((person) => person.personId === personId);
}

export function personByPermit(permitNumber: string): RegistryPerson | undefined {
  return REGISTRY_PEOPLE.find((person) => person.permit?.number === permitNumber.toUpperCase());
}

/** Every permit the certificate unit simulates, whether or not a registry person holds it. */
export function registryPermit(permitNumber: string): RegistryPermit | undefined {
  const number = permitNumber.toUpperCase();
  return TEST_PERMITS.some((p) => p.record.permitNumber === number) ? permitFor(number) : undefined;
}

/** The registered address as the kiosk may show it: province, city and district, the rest starred. */
export function maskedAddress(address: string): string {
  return `${Array.from(address).slice(0, 9).join('')}*****`;
}

export const STATIONS = [
  { code: '440106-01', name: '天河区测试派出所', address: '广州市天河区测试路100号' },
  { code: '440104-01', name: '越秀区样例派出所', address: '广州市越秀区样例街8号' },
] as const;

/** Fees for an ID card reissue by reason (domain.md: after loss 4000 fen). */
export const REISSUE_FEES_FEN = { lost: 4000, damaged: 2000, expired: 2000 } as const;
