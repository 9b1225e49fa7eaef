import { useTranslation } from '../translation';
import { pageTurnPrompt, usePageSpeech } from '../speech/page-speech';
import type { Pages } from './usePages';

/**
 * Large "previous" and "more options" buttons under a list shown a page at a time (elderly mode),
 * and which page this is, in words; a turn of the page is spoken (page-speech.ts). Nothing when
 * the list fits on one page. A list that is not of options (the query's answer) says "next page"
 * instead (`moreKey`).
 */
export function PageButtons({ pages, moreKey = 'pages.more' }: { readonly pages: Pages; readonly moreKey?: string }) {
  const { t } = useTranslation();
  const say = usePageSpeech();
  if (pages.pages < 2) return null;
  const turn = (to: number, move: () => void) => () => {
    move();
    say(pageTurnPrompt(pages.page, to, pages.pages));
  };
  const first = pages.page === 0;
  const last = pages.page === pages.pages - 1;
  return (
    <nav className="pager" aria-label={t('pages.label')} data-testid="pager">
      <button type="button" className="pager-previous" data-testid="page-previous" disabled={first} onClick={turn(pages.page - 1, pages.previous)}>
        <span aria-hidden="true">‹ </span>
        {t('pages.previous')}
      </button>
      <span className="pager-position" data-testid="page-position" aria-live="polite">
        {t('pages.position', { page: pages.page + 1, pages: pages.pages })}
      </span>
      <button type="button" className="pager-more primary" data-testid="page-more" disabled={last} onClick={turn(pages.page + 1, pages.next)}>
        {t(moreKey)}
        <span aria-hidden="true"> ›</span>
      </button>
    </nav>
  );
}
