/**
 * The words of an offered endorsement, through a real i18next over the real catalogues: type by
 * code, validity, entries and the fee in yuan, in all three languages.
 */
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../main/api/contract';
import { entriesText, moneyText, type Text, typeText, validityText, yuan } from '../../main/domain/endorsement-text';
import { CATALOGUES } from '../support/catalogues';

const translators = new Map<Language, TFunction>();

beforeAll(async () => {
  for (const language of ['zh-CN', 'zh-TW', 'en'] as const) {
    const instance = i18next.createInstance();
    await instance.init({ lng: language, resources: { [language]: { translation: CATALOGUES[language] as object } }, interpolation: { escapeValue: false } });
    translators.set(language, instance.t);
  }
});

const say = (language: Language, text: Text): string => {
  const key = text.key;
  const t = translators.get(language)!;
  const said = t(key, text.values);
  // A missing key comes back as the key itself: that is a failure, not a text.
  expect(said, `${key} in ${language}`).not.toBe(key);
  return said;
};

describe('endorsement option texts', () => {
  it('names every type central uses by its code, in each language', () => {
    const expected: Record<string, [string, string, string]> = {
      G: ['个人旅游', '個人旅遊', 'Individual tourism'],
      L: ['团队旅游', '團隊旅遊', 'Group tourism'],
      T: ['探亲', '探親', 'Family visit'],
      S: ['商务', '商務', 'Business'],
      Q: ['其他', '其他', 'Other'],
      D: ['逗留', '逗留', 'Stay'],
    };
    for (const [code, [cn, tw, en]] of Object.entries(expected)) {
      expect([say('zh-CN', typeText(code)), say('zh-TW', typeText(code)), say('en', typeText(code))], code).toEqual([cn, tw, en]);
    }
  });

  it('shows a code the catalogue does not know as itself, never as a raw key or a wrong type', () => {
    expect(say('en', typeText('X'))).toBe('Endorsement type X');
    expect(say('zh-CN', typeText('X'))).toBe('签注类型 X');
    // Inherited object properties are not endorsement types.
    expect(typeText('constructor')).toEqual({ key: 'endorsement.type.unknown', values: { code: 'constructor' } });
  });

  it('reads validity as months or years, with one and many told apart', () => {
    expect(say('zh-CN', validityText('3M'))).toBe('有效期3个月');
    expect(say('zh-TW', validityText('3M'))).toBe('有效期限3個月');
    expect(say('en', validityText('3M'))).toBe('Valid 3 months');
    expect(say('en', validityText('1Y'))).toBe('Valid 1 year');
    expect(say('en', validityText('1M'))).toBe('Valid 1 month');
    expect(say('en', validityText('2Y'))).toBe('Valid 2 years');
    expect(say('zh-CN', validityText('1Y'))).toBe('有效期1年');
    expect(say('en', validityText('90D'))).toBe('Valid 90D');
  });

  it('says one trip, two trips or multiple', () => {
    expect([1, 2, 'multiple'].map((entries) => say('zh-CN', entriesText(entries as 1 | 2 | 'multiple')))).toEqual(['一次有效', '二次有效', '多次有效']);
    expect([1, 2, 'multiple'].map((entries) => say('en', entriesText(entries as 1 | 2 | 'multiple')))).toEqual(['One trip', 'Two trips', 'Multiple trips']);
  });

  it('writes fen as yuan with two decimals, without floating-point drift', () => {
    expect([0, 5, 80, 1500, 3000, 8000, 123456, 1999].map(yuan)).toEqual(['0.00', '0.05', '0.80', '15.00', '30.00', '80.00', '1234.56', '19.99']);
    // 1.1 + 2.2 style drift: 0.29 * 100 is 28.999999999999996 in floating point.
    expect(yuan(29)).toBe('0.29');
    expect(say('zh-CN', moneyText(1500))).toBe('¥15.00');
    expect(say('en', moneyText(8000))).toBe('¥80.00');
  });
});
