import { useTranslation } from 'react-i18next';
import { StepFooter } from '../../components/StepFooter';
import type { Step } from '../SessionScreens';
import type { QueryActions } from './query-actions';

/** The way in: the ID card on the reader (when it can serve), or the application number typed. */
export function ChooseMethodScreen({ view, actions }: { readonly view: Step<'query-choose-method'>; readonly actions: QueryActions }) {
  const { t } = useTranslation();
  return (
    <main className="screen step flow query" data-testid="screen-query-choose-method">
      <h1 data-testid="prompt">{t('progressQuery.choose.title')}</h1>
      <ul className="options" aria-label={t('progressQuery.choose.title')}>
        <li>
          <button
            type="button"
            className="option query-method"
            data-testid="method-id-card"
            aria-disabled={!view.idCardAvailable}
            onClick={() => (view.idCardAvailable ? actions.choose(0) : undefined)}
          >
            <span className="option-main">
              <span className="option-type">{t('progressQuery.choose.idCard')}</span>
              <span className="option-terms">{t(view.idCardAvailable ? 'progressQuery.choose.idCardHint' : 'errors.readerOutOfService')}</span>
            </span>
          </button>
        </li>
        <li>
          <button type="button" className="option query-method" data-testid="method-application-no" onClick={() => actions.choose(1)}>
            <span className="option-main">
              <span className="option-type">{t('progressQuery.choose.applicationNo')}</span>
              <span className="option-terms">{t('progressQuery.choose.applicationNoHint')}</span>
            </span>
          </button>
        </li>
      </ul>
      <StepFooter deadlineMs={view.deadlineMs} onLeave={actions.cancel} />
    </main>
  );
}
