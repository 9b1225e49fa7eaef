import { useTranslation } from '../../translation';
import { Countdown } from '../../components/Countdown';
import type { Step } from '../SessionScreens';
import type { QueryActions } from './query-actions';

/** Why there is no answer, and whether asking again (another way in) makes sense. */
export function QueryFailedScreen({ view, actions }: { readonly view: Step<'query-failed'>; readonly actions: QueryActions }) {
  const { t } = useTranslation();
  return (
    <main className="screen step flow query failed" data-testid="screen-query-failed">
      <h1 role="alert" data-testid="prompt">
        {t(view.messageKey)}
      </h1>
      <Countdown deadlineMs={view.deadlineMs} />
      <div className="actions">
        <button type="button" className="secondary" onClick={actions.cancel}>
          {t('actions.back')}
        </button>
        {view.canRetry ? (
          <button type="button" className="primary" data-testid="query-again" onClick={actions.retry}>
            {t('progressQuery.failed.tryAgain')}
          </button>
        ) : null}
      </div>
    </main>
  );
}
