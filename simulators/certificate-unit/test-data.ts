import type { PermitRecord } from '../../drivers/certificate-unit/messages';

/**
 * Made-up permits and certificates for the simulator. Names and numbers are obviously fictitious
 * ("测试" means "test", "样例" means "sample") and follow no real numbering scheme.
 */

export interface SimPermit {
  /** Chip UID the RF activation returns. */
  readonly uid: Uint8Array;
  readonly record: PermitRecord;
}

export const TEST_PERMITS: readonly SimPermit[] = [
  {
    uid: Uint8Array.of(0x04, 0x7e, 0x57, 0x00, 0x00, 0x00, 0x01),
    record: {
      permitNumber: 'CT0000001',
      nameZh: '测试甲',
      namePinyin: 'CESHI JIA',
      birthDate: '1990-01-01',
      sex: 'male',
      validTo: '2030-12-31',
      endorsements: [{ code: 'G', validity: '1Y', entriesLeft: 2, validTo: '2027-11-30' }],
    },
  },
  {
    uid: Uint8Array.of(0x04, 0x7e, 0x57, 0x00, 0x00, 0x00, 0x02),
    record: {
      permitNumber: 'CT0000002',
      nameZh: '样例乙',
      namePinyin: 'YANGLI YI',
      birthDate: '1985-06-15',
      sex: 'female',
      validTo: '2029-06-30',
      endorsements: [],
    },
  },
];

export interface MagazineCertificate {
  readonly serial: string;
  readonly kind: 'resident-id-card' | 'residence-permit';
  readonly holderName: string;
}

/**
 * A finished certificate sent to the kiosk and not loaded yet: field staff load it in maintenance
 * mode (central's test registry waits for it; the technician panel puts it into a free slot).
 */
export const UNLOADED_CERTIFICATE: MagazineCertificate = { serial: 'SIM-CERT-NEW-01', kind: 'resident-id-card', holderName: '样例人' };

/** A full magazine of `count` made-up certificates (slot 1 at index 0). */
export function sampleMagazine(count = 30): Array<MagazineCertificate | undefined> {
  return Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(2, '0');
    return {
      serial: `SIM-CERT-${n}`,
      kind: i % 5 === 4 ? 'residence-permit' : 'resident-id-card',
      holderName: `测试领证人${n}`,
    };
  });
}
