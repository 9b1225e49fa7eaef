/**
 * What the simulated central holds besides people: earlier applications, finished certificates
 * waiting in a kiosk's magazine, and the field staff allowed to open maintenance mode. All of it
 * made up, tied to the same test identities as test-registry.ts.
 */
import { createHash, scrypt, scryptSync } from 'node:crypto';
import { sampleMagazine, UNLOADED_CERTIFICATE } from '../certificate-unit/test-data';
import { type TestCardName, testCards } from '../id-reader/test-cards';

export type ApplicationKind = 'id-reissue' | 'hk-macau-endorsement';
export type ApplicationStatus = 'received' | 'in-production' | 'ready-for-pickup' | 'mailed' | 'collected' | 'rejected';

export interface ApplicationView {
  readonly applicationNo: string;
  readonly kind: ApplicationKind;
  readonly submittedAt: string;
  readonly status: ApplicationStatus;
  readonly pickup: { readonly kind: 'kiosk' | 'station'; readonly name: string; readonly address: string } | null;
  readonly trackingNo: string | null;
  readonly rejectReason: string | null;
}

export interface SeededApplication extends ApplicationView {
  readonly holder: TestCardName;
}

const idOf = (card: TestCardName): string => testCards[card].text.idNumber;

export const SEEDED_APPLICATIONS: readonly SeededApplication[] = [
  {
    holder: 'resident',
    applicationNo: 'GD-GZ-0001-20260105-3',
    kind: 'hk-macau-endorsement',
    submittedAt: '2026-01-05T10:12:00+08:00',
    status: 'collected',
    pickup: null,
    trackingNo: null,
    rejectReason: null,
  },
  {
    holder: 'resident-elderly',
    applicationNo: 'GD-GZ-0001-20260112-5',
    kind: 'id-reissue',
    submittedAt: '2026-01-12T03:05:00+08:00',
    status: 'ready-for-pickup',
    pickup: { kind: 'kiosk', name: '通办自助终端（测试大厅）', address: '广州市天河区测试路1号' },
    trackingNo: null,
    rejectReason: null,
  },
  {
    holder: 'hk-macau-taiwan',
    applicationNo: 'GD-ZH-0002-20251220-9',
    kind: 'hk-macau-endorsement',
    submittedAt: '2025-12-20T15:40:00+08:00',
    status: 'rejected',
    pickup: null,
    trackingNo: null,
    rejectReason: 'photo_not_compliant',
  },
  {
    holder: 'foreign-2023',
    applicationNo: 'GD-GZ-0001-20260102-1',
    kind: 'id-reissue',
    submittedAt: '2026-01-02T09:00:00+08:00',
    status: 'mailed',
    pickup: null,
    trackingNo: 'SF0000000001',
    rejectReason: null,
  },
];

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export interface WaitingCertificate {
  readonly certificateId: string;
  readonly kind: 'resident-id';
  readonly holder: TestCardName;
  /** What the citizen's receipt carries; central only ever hands out its SHA-256. */
  readonly pickupCode: string;
  /** Magazine slot once loaded; null until field staff load it. */
  readonly slot: number | null;
}

/** The reissued card of the ready-for-pickup application above, in slot 1 of the simulated magazine. */
export const WAITING_CERTIFICATES: readonly WaitingCertificate[] = [
  { certificateId: sampleMagazine(1)[0]!.serial, kind: 'resident-id', holder: 'resident-elderly', pickupCode: '824913', slot: 1 },
  // Made and sent to this kiosk, not loaded yet: field staff load it in maintenance mode (the
  // holder's card on the reader stands for the certificate; magazine-loaded gives it its slot).
  { certificateId: UNLOADED_CERTIFICATE.serial, kind: 'resident-id', holder: 'foreign-2023', pickupCode: '530118', slot: null },
];

export const waitingCertificateHolderId = (certificate: WaitingCertificate): string => idOf(certificate.holder);

export interface TestStaff {
  readonly staffId: string;
  readonly name: string;
  readonly idNumber: string;
  /** The made-up PIN, for tests and bench use; central hands out only its scrypt hash. */
  readonly pin: string;
}

export const TEST_STAFF: readonly TestStaff[] = [
  // Their staff cards are the ID reader simulator's `staff-officer` and `staff-auxiliary`.
  { staffId: 'P440104-0231', name: '测试警员', idNumber: idOf('staff-officer'), pin: '135790' },
  { staffId: 'P440106-0457', name: '样例辅警', idNumber: idOf('staff-auxiliary'), pin: '246802' },
];

/** The scrypt parameters of the contract's staff list. */
export const STAFF_PIN_KDF = { N: 16384, r: 8, p: 1, keyLength: 32 } as const;

let staffList: unknown[] | undefined;

const staffSalt = (staff: TestStaff): Buffer =>
  // A per-person salt derived from the staff id keeps the list the same across restarts.
  createHash('sha256').update(`tongban-sim-staff-salt:${staff.staffId}`).digest().subarray(0, 16);

function staffEntry(staff: TestStaff, salt: Buffer, hash: Buffer): unknown {
  return {
    staffId: staff.staffId,
    name: staff.name,
    idNumberSha256: sha256Hex(staff.idNumber),
    pin: { kdf: 'scrypt', salt: salt.toString('base64'), N: STAFF_PIN_KDF.N, r: STAFF_PIN_KDF.r, p: STAFF_PIN_KDF.p, hash: hash.toString('base64') },
  };
}

const kdfOptions = { N: STAFF_PIN_KDF.N, r: STAFF_PIN_KDF.r, p: STAFF_PIN_KDF.p };

/** The staff list as central sends it; hashed once (scrypt is slow on purpose) and then kept. */
export function staffListBody(): unknown[] {
  staffList ??= TEST_STAFF.map((staff) => staffEntry(staff, staffSalt(staff), scryptSync(staff.pin, staffSalt(staff), STAFF_PIN_KDF.keyLength, kdfOptions)));
  return staffList;
}

/**
 * Hashes the staff list ahead, off the event loop (scrypt in libuv's pool): done on the event loop
 * at the first request, it held up for about a third of a second (more on a busy machine) the
 * process it runs in, which for the embedded central is the kiosk's, just as the screen loads.
 */
export async function prepareStaffList(): Promise<void> {
  if (staffList) return;
  const entries = await Promise.all(
    TEST_STAFF.map(
      (staff) =>
        new Promise<unknown>((resolve, reject) =>
          scrypt(staff.pin, staffSalt(staff), STAFF_PIN_KDF.keyLength, kdfOptions, (error, hash) => (error ? reject(error) : resolve(staffEntry(staff, staffSalt(staff), hash)))),
        ),
    ),
  );
  staffList ??= entries;
}
