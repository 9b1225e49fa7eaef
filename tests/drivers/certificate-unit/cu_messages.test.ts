import { describe, expect, it } from 'vitest';
import { ERROR_CODES, REASONS, reasonForErrorCode } from '../../../drivers/certificate-unit/errors';
import {
  encodeEndorsementWrite,
  encodePermitRecord,
  parseEndorsement,
  parseEndorsementWrite,
  parseInventory,
  parsePermitRecord,
} from '../../../drivers/certificate-unit/messages';
import { renderCardBackSvg, renderCardBackText } from '../../../simulators/certificate-unit/render';
import { TEST_PERMITS } from '../../../simulators/certificate-unit/test-data';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('certificate unit vendor DATA fields', () => {
  it('parses a permit record with US fields and RS-joined endorsements', () => {
    const wire = utf8('CT9\u001f测试丙\u001fCESHI BING\u001f20000229\u001f2\u001f20310101\u001fG:1Y:2:20271130\u001eL:3M:0:20260101');
    expect(parsePermitRecord(wire)).toEqual({
      ok: true,
      value: {
        permitNumber: 'CT9',
        nameZh: '测试丙',
        namePinyin: 'CESHI BING',
        birthDate: '2000-02-29',
        sex: 'female',
        validTo: '2031-01-01',
        endorsements: [
          { code: 'G', validity: '1Y', entriesLeft: 2, validTo: '2027-11-30' },
          { code: 'L', validity: '3M', entriesLeft: 0, validTo: '2026-01-01' },
        ],
      },
    });
  });

  it('round-trips the test permits', () => {
    for (const { record } of TEST_PERMITS) expect(parsePermitRecord(encodePermitRecord(record))).toEqual({ ok: true, value: record });
  });

  it('rejects malformed records with a reason instead of throwing', () => {
    const bad = [
      'CT9\u001f测试\u001fCE SHI\u001f20010229\u001f1\u001f20310101\u001f', // 2001 is not a leap year
      'CT9\u001f测试\u001fCE SHI\u001f20010101\u001f3\u001f20310101\u001f',
      'CT9\u001f测试\u001fCE SHI\u001f20010101\u001f1\u001f20310101',
      'CT9\u001f测试\u001fCE SHI\u001f20010101\u001f1\u001f20310101\u001fG:1Y:x:20271130',
    ];
    for (const text of bad) expect(parsePermitRecord(utf8(text)).ok, text).toBe(false);
    expect(parsePermitRecord(Uint8Array.of(0xff, 0xfe)).ok).toBe(false);
    expect(parseEndorsement('G:1Y:2')).toMatchObject({ ok: false });
  });

  it('encodes an endorsement write as US-separated fields', () => {
    const data = encodeEndorsementWrite({ code: 'G', validity: '1Y', entriesLeft: 2, validTo: '2027-11-30' });
    expect(Array.from(data)).toEqual([...utf8('G'), 0x1f, ...utf8('1Y'), 0x1f, ...utf8('2'), 0x1f, ...utf8('20271130')]);
    expect(parseEndorsementWrite(data)).toEqual({
      ok: true,
      value: { code: 'G', validity: '1Y', entriesLeft: 2, validTo: '2027-11-30' },
    });
    expect(() => encodeEndorsementWrite({ code: 'G:', validity: '1Y', entriesLeft: 2, validTo: '2027-11-30' })).toThrow();
  });

  it('parses the magazine inventory', () => {
    expect(parseInventory(utf8('101'))).toEqual({
      ok: true,
      value: [
        { slot: 1, loaded: true },
        { slot: 2, loaded: false },
        { slot: 3, loaded: true },
      ],
    });
    expect(parseInventory(utf8('12')).ok).toBe(false);
  });
});

describe('certificate unit error codes', () => {
  it('maps every contract error code to a typed reason', () => {
    const contractCodes = ['00', '01', '02', '03', '04', '10', '12', '13', '14', '40', '45', '50', '51', '61', '62', '63', '70', '80', 'A0', 'A1', 'B0'];
    expect(Object.keys(ERROR_CODES).sort()).toEqual([...contractCodes].sort());
    expect(reasonForErrorCode('a1')).toBe('retain-bin-full');
    expect(reasonForErrorCode('ZZ')).toBe('unknown-error-code');
  });

  it('only jam, motor error and full bin put the unit out of service', () => {
    const outOfService = Object.entries(ERROR_CODES)
      .filter(([, reason]) => REASONS[reason].outOfService)
      .map(([code]) => code)
      .sort();
    expect(outOfService).toEqual(['10', '51', 'A1']);
  });
});

describe('card-back rendering', () => {
  it('renders text in a box that lines up with wide characters', () => {
    const text = renderCardBackText(['签注 G 1Y', 'VALID TO 2027-11-30']);
    const rows = text.split('\n');
    expect(rows).toHaveLength(8);
    expect(rows[1]).toBe(`| 签注 G 1Y${' '.repeat(48 - 9)} |`);
    expect(rows[2]).toContain('VALID TO 2027-11-30');
  });

  it('renders escaped SVG', () => {
    const svg = renderCardBackSvg(['A<B & "C"']);
    expect(svg).toContain('<text x="6" y="12.0">A&lt;B &amp; &quot;C&quot;</text>');
    expect(svg.startsWith('<svg')).toBe(true);
  });
});
