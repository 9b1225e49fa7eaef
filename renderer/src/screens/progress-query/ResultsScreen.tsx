import { useTranslation } from '../../translation';
import type { ApplicationProgress } from '../../../../main/api/contract';
import { Countdown } from '../../components/Countdown';
import { PageButtons } from '../../components/PageButtons';
import { usePages } from '../../components/usePages';
import { perPage } from '../../elderly/elderly-pages';
import { statusText } from '../../flow/progress-query-text';
import type { Step } from '../SessionScreens';
import type { QueryActions } from './query-actions';

function ApplicationItem({ application }: { readonly application: ApplicationProgress }) {
  const { t, i18n } = useTranslation();
  const status = statusText(application, (key) => i18n.exists(key));
  return (
    <li className="application" data-testid="application" data-status={application.status}>
      <p className="application-kind">{t(`progressQuery.kind.${application.kind}`)}</p>
      <p className={`application-status status-${application.status}`} data-testid="application-status">
        {t(status.key, status.values)}
      </p>
      {status.reasonKey ? (
        <p className="application-reason" data-testid="application-reason">
          {t(status.reasonKey)}
        </p>
      ) : null}
      <dl className="application-facts">
        <dt>{t('progressQuery.results.applicationNo')}</dt>
        <dd data-testid="application-no">{application.applicationNo}</dd>
        <dt>{t('progressQuery.results.submittedAt')}</dt>
        <dd>{application.submittedAt.slice(0, 10)}</dd>
      </dl>
    </li>
  );
}

/**
 * The applications in plain words, shown for a limited time and then wiped with the session; in
 * elderly mode two a page.
 */
export function ResultsScreen({ view, actions }: { readonly view: Step<'query-results'>; readonly actions: QueryActions }) {
  const { t } = useTranslation();
  const pages = usePages(view.applications.length, perPage(view.elderly, 'applications'));
  return (
    <main className="screen step flow query" data-testid="screen-query-results">
      <h1 data-testid="prompt">{t('progressQuery.results.title', { n: view.applications.length })}</h1>
      <ul className="applications" ref={pages.listRef}>
        {view.applications.slice(pages.start, pages.end).map((application) => (
          <ApplicationItem key={application.applicationNo} application={application} />
        ))}
      </ul>
      <PageButtons pages={pages} moreKey="pages.next" />
      <Countdown deadlineMs={view.deadlineMs} messageKey="progressQuery.results.countdown" />
      <div className="actions">
        <button type="button" className="primary" onClick={actions.finish}>
          {t('actions.done')}
        </button>
      </div>
    </main>
  );
}
