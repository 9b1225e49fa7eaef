import { describe, expect, it } from 'vitest';
import en from '../../renderer/i18n/en.json';
import { pageTurnPrompt } from '../../renderer/src/speech/page-speech';

describe('what a turn of the page says', () => {
  it('forward says the next page is shown, and on the last page that it is the last', () => {
    expect(pageTurnPrompt(0, 1, 3)).toEqual(['pages.spoken.nextShown']);
    expect(pageTurnPrompt(1, 2, 3)).toEqual(['pages.spoken.nextShown', 'pages.spoken.lastPage']);
  });

  it('back says the previous page is shown; no turn says nothing', () => {
    expect(pageTurnPrompt(2, 1, 3)).toEqual(['pages.spoken.previousShown']);
    expect(pageTurnPrompt(1, 1, 3)).toEqual([]);
  });

  it('every key it says is in the catalogue', () => {
    const spoken = en.pages.spoken as Record<string, string>;
    for (const key of [...pageTurnPrompt(0, 1, 2), ...pageTurnPrompt(1, 0, 2)]) expect(spoken[key.replace('pages.spoken.', '')]).toBeTruthy();
  });
});
