import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkCharacter, idNumberKeyFits, typedIdNumberProblem } from '../../../main/domain/id-number';
import { confirmProblem, keyFits } from '../../../main/host/flows/certificate-pickup/input';
import { matchCertificate } from '../../../main/host/flows/certificate-pickup/matching';

const TODAY = new Date('2026-11-23T00:00:00Z');
const BODY = '11010119850615123';
const NUMBER = BODY + checkCharacter(BODY);
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('the ID number as it is typed', () => {
  it('takes digits, and X only as the 18th character', () => {
    expect(idNumberKeyFits('', '1')).toBe(true);
    expect(idNumberKeyFits('', 'X')).toBe(false);
    expect(idNumberKeyFits(BODY, 'X')).toBe(true);
    expect(idNumberKeyFits(NUMBER, '1')).toBe(false);
    expect(idNumberKeyFits('', 'delete')).toBe(false);
    expect(idNumberKeyFits('1', 'A')).toBe(false);
  });

  it('says the birth date is wrong as soon as its year, month or day shows it', () => {
    expect(typedIdNumberProblem('110101', TODAY)).toBeNull();
    expect(typedIdNumberProblem('1101011850', TODAY)).toBe('birth-date');
    expect(typedIdNumberProblem('1101012030', TODAY)).toBe('birth-date');
    expect(typedIdNumberProblem('110101198513', TODAY)).toBe('birth-date');
    expect(typedIdNumberProblem('11010119850230', TODAY)).toBe('birth-date');
    expect(typedIdNumberProblem('11010119850615', TODAY)).toBeNull();
    expect(typedIdNumberProblem('1101011985061512', TODAY)).toBeNull();
  });

  it('checks the check character once all 18 are in', () => {
    expect(typedIdNumberProblem(NUMBER, TODAY)).toBeNull();
    const wrong = BODY + (NUMBER[17] === '0' ? '1' : '0');
    expect(typedIdNumberProblem(wrong, TODAY)).toBe('check-digit');
    expect(confirmProblem('idNumber', wrong, TODAY)).toBe('pickup.input.idNumber.checkDigit');
    expect(confirmProblem('idNumber', NUMBER.slice(0, 17), TODAY)).toBe('pickup.input.idNumber.length');
    expect(confirmProblem('idNumber', NUMBER, TODAY)).toBeUndefined();
  });
});

describe('the pickup code', () => {
  it('is 6 to 8 digits', () => {
    expect(keyFits('pickupCode', '', 'X')).toBe(false);
    expect(keyFits('pickupCode', '1234567', '8')).toBe(true);
    expect(keyFits('pickupCode', '12345678', '9')).toBe(false);
    expect(confirmProblem('pickupCode', '12345', TODAY)).toBe('pickup.input.pickupCode.length');
    expect(confirmProblem('pickupCode', '824913', TODAY)).toBeUndefined();
  });
});

describe('matching the kiosk list', () => {
  const entry = (id: string, holder: string, code: string, slot: number | null) => ({ certificateId: id, kind: 'resident-id', holderIdNumberSha256: sha(holder), pickupCodeSha256: sha(code), slot });
  const other = `${'44010619920505004'}${checkCharacter('44010619920505004')}`;

  it('finds the holder by hash, with or without the code, and prefers a loaded one', () => {
    const list = [entry('A', other, '111111', 3), entry('B', NUMBER, '222222', null), entry('C', NUMBER, '333333', 7)];
    expect(matchCertificate(list, NUMBER, undefined)).toMatchObject({ ok: true, certificate: { certificateId: 'C', slot: 7 } });
    expect(matchCertificate(list, NUMBER, '333333')).toMatchObject({ ok: true, certificate: { certificateId: 'C' } });
  });

  it('tells nothing waiting, a code of someone else, and one not loaded yet apart', () => {
    const list = [entry('A', other, '111111', 3), entry('B', NUMBER, '222222', null)];
    expect(matchCertificate([], NUMBER, undefined)).toEqual({ ok: false, reason: 'none-waiting' });
    expect(matchCertificate(list, NUMBER, '111111')).toEqual({ ok: false, reason: 'code-mismatch' });
    expect(matchCertificate(list, NUMBER, '222222')).toEqual({ ok: false, reason: 'not-loaded' });
    // A malformed digest from central never matches.
    expect(matchCertificate([{ ...entry('D', NUMBER, '1', 1), holderIdNumberSha256: 'ab' }], NUMBER, undefined)).toEqual({ ok: false, reason: 'none-waiting' });
  });
});
