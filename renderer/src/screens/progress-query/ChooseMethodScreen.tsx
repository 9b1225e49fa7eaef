import { useTranslation } from '../../translation';
import { OptionButton } from '../../components/OptionButton';
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
          <OptionButton
            testId="method-id-card"
            className="query-method"
            title={t('progressQuery.choose.idCard')}
            terms={t(view.idCardAvailable ? 'progressQuery.choose.idCardHint' : 'errors.readerOutOfService')}
            unavailable={!view.idCardAvailable}
            onChoose={() => actions.choose(0)}
          />
        </li>
        <li>
          <OptionButton
            testId="method-application-no"
            className="query-method"
            title={t('progressQuery.choose.applicationNo')}
            terms={t('progressQuery.choose.applicationNoHint')}
            onChoose={() => actions.choose(1)}
          />
        </li>
      </ul>
      <StepFooter deadlineMs={view.deadlineMs} onLeave={actions.cancel} />
    </main>
  );
}
