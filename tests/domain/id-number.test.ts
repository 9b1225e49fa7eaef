import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCharacter, idNumberProblem, maskIdNumber, maskName } from '../../main/domain/id-number';

describe('resident ID numbers', () => {
  it('computes the GB 11643 check character (worked examples)', () => {
    // 11010519491231002X is the standard's own published example.
    expect(checkCharacter('11010519491231002')).toBe('X');
    expect(checkCharacter('44052418800101001')).toBe('4');
  });

  it('names what is wrong with an ID number', () => {
    const today = new Date('2026-11-22');
    expect(idNumberProblem('11010519491231002X', today)).toBeNull();
    expect(idNumberProblem('110105194912310021', today)).toBe('check-digit');
    expect(idNumberProblem('1101051949123100', today)).toBe('length');
    expect(idNumberProblem('11010519491231002x', today)).toBe('characters');
    expect(idNumberProblem(`11010519490230002${checkCharacter('11010519490230002')}`, today)).toBe('birth-date');
    expect(idNumberProblem(`11010520300101002${checkCharacter('11010520300101002')}`, today)).toBe('birth-date');
  });

  it('property: any 17 digits with a valid date plus their check character validate, any other last character fails', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999999 }), fc.date({ min: new Date('1901-01-01'), max: new Date('2020-12-31'), noInvalidDate: true }), fc.integer({ min: 0, max: 999 }), (area, birth, order) => {
        const body = `${String(area).padStart(6, '0')}${birth.toISOString().slice(0, 10).replaceAll('-', '')}${String(order).padStart(3, '0')}`;
        const good = body + checkCharacter(body);
        expect(idNumberProblem(good)).toBeNull();
        for (const wrong of '0123456789X') if (wrong !== good[17]) expect(idNumberProblem(body + wrong)).toBe('check-digit');
      }),
    );
  });

  it('masks all but the first and last four characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
    expect(maskName('张测试')).toBe('张**');
  });
});
