import { useTranslation } from 'react-i18next';
import { StepFooter } from '../../components/StepFooter';
import type { SessionActions, Step } from '../SessionScreens';
import { OptionText } from './OptionText';

/** The endorsements central offers this citizen, each one large touch target. */
export function ChooseEndorsementScreen({ view, actions }: { readonly view: Step<'choose-endorsement'>; readonly actions: SessionActions }) {
  const { t } = useTranslation();
  return (
    <main className="screen step flow" data-testid="screen-choose-endorsement">
      <h1 data-testid="prompt">{t('endorsement.choose.title')}</h1>
      <p className="applicant" data-testid="applicant">
        {t('endorsement.choose.applicant', { name: view.maskedName })}
      </p>
      <p className="hint">{t('endorsement.choose.hint')}</p>
      <ul className={view.options.length > 4 ? 'options many' : 'options'} aria-label={t('endorsement.choose.options')}>
        {view.options.map((option, index) => (
          <li key={`${index}-${option.code}-${option.validity}-${option.entries}`}>
            <button type="button" className="option" data-testid="endorsement-option" data-index={index} onClick={() => actions.choose(index)}>
              <OptionText option={option} />
            </button>
          </li>
        ))}
      </ul>
      <StepFooter deadlineMs={view.deadlineMs} onLeave={actions.cancel} />
    </main>
  );
}
