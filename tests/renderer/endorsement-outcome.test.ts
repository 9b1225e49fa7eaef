import { describe, expect, it } from 'vitest';
import { OUTCOME_TEXTS, reasonKey } from '../../renderer/src/flow/endorsement-outcome';
import { LANGUAGES, textFor } from '../support/catalogues';

const known = (key: string) => textFor('zh-CN', key) !== undefined;

describe('the last screen of the endorsement', () => {
  it('has a distinct title and a hint for every outcome, in every language', () => {
    for (const language of LANGUAGES) {
      const titles = Object.values(OUTCOME_TEXTS).map((texts) => textFor(language, texts.title));
      const hints = Object.values(OUTCOME_TEXTS).map((texts) => textFor(language, texts.hint));
      expect([...titles, ...hints].every((text) => text !== undefined && text.trim() !== ''), language).toBe(true);
      expect(new Set(titles).size, language).toBe(titles.length);
    }
  });

  it("shows the host's reason when the catalogues have it", () => {
    expect(reasonKey(null, known)).toBeNull();
    expect(reasonKey('endorsement.done.transactionNo', known)).toBe('endorsement.done.transactionNo');
  });

  it('never shows a raw key: an unknown refusal reads as not eligible, anything else as a failure', () => {
    expect(reasonKey('endorsement.notEligible.some_new_reason', known)).toBe('endorsement.failed.notEligible');
    expect(reasonKey('endorsement.failed.somethingNew', known)).toBe('errors.internal');
    expect(reasonKey('nothing.like.this', known)).toBe('errors.internal');
  });
});
