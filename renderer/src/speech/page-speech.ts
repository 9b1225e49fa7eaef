import { createContext, useContext } from 'react';

/**
 * What a list shown a page at a time (elderly mode) says when its page changes: the step's own
 * prompt was spoken when the step came up, so the voice tells where the citizen is now.
 */
export function pageTurnPrompt(from: number, to: number, pages: number): readonly string[] {
  if (to === from) return [];
  if (to < from) return ['pages.spoken.previousShown'];
  return to === pages - 1 ? ['pages.spoken.nextShown', 'pages.spoken.lastPage'] : ['pages.spoken.nextShown'];
}

/** Speaks catalogue keys over the step's prompt (set by App, which owns the spoken prompt). */
export const PageSpeechContext = createContext<(keys: readonly string[]) => void>(() => undefined);

export const usePageSpeech = () => useContext(PageSpeechContext);
