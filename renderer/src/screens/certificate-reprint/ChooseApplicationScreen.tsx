import { useTranslation } from '../../translation';
import { PageButtons } from '../../components/PageButtons';
import { StepFooter } from '../../components/StepFooter';
import { usePages } from '../../components/usePages';
import { perPage } from '../../elderly/elderly-pages';
import { statusText } from '../../flow/progress-query-text';
import type { SessionActions, Step } from '../SessionScreens';

/**
 * Several reissue applications: the citizen picks the one on their receipt, by its number. In
 * elderly mode a few a page, each keeping its index in the host's list.
 */
export function ChooseApplicationScreen({ view, actions }: { readonly view: Step<'reprint-choose-application'>; readonly actions: SessionActions }) {
  const { t, i18n } = useTranslation();
  const pages = usePages(view.applications.length, perPage(view.elderly, 'reprintApplications'));
  return (
    <main className="screen step flow reissue reprint" data-testid="screen-reprint-choose-application">
      <h1 data-testid="prompt">{t('reprint.choose.title')}</h1>
      <p className="hint">{t('reprint.choose.hint')}</p>
      <ul className="options" aria-label={t('reprint.choose.title')} ref={pages.listRef}>
        {view.applications.slice(pages.start, pages.end).map((application, onPage) => {
          const index = pages.start + onPage;
          const status = statusText({ ...application, kind: 'id-reissue', pickup: null, trackingNo: null, rejectReason: null }, (key) => i18n.exists(key));
          return (
            <li key={application.applicationNo}>
              <button type="button" className="option" data-testid="choice" data-choice={application.applicationNo} data-index={index} onClick={() => actions.choose(index)}>
                <span className="option-type">{application.applicationNo}</span>
                <span className="option-terms">
                  {t('reprint.choose.submittedAt', { date: application.submittedAt.slice(0, 10) })} · {t(status.key, status.values)}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      <PageButtons pages={pages} />
      <StepFooter deadlineMs={view.deadlineMs} onLeave={actions.cancel} />
    </main>
  );
}
