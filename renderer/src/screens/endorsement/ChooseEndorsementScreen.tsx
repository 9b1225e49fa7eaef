import { useTranslation } from '../../translation';
import { PageButtons } from '../../components/PageButtons';
import { StepFooter } from '../../components/StepFooter';
import { usePages } from '../../components/usePages';
import { perPage } from '../../elderly/elderly-pages';
import type { SessionActions, Step } from '../SessionScreens';
import { OptionText } from './OptionText';

/**
 * The endorsements central offers this citizen, each one large touch target: up to twelve on one
 * screen, in elderly mode a few a page. An option keeps its index in the host's list on every page.
 */
export function ChooseEndorsementScreen({ view, actions }: { readonly view: Step<'choose-endorsement'>; readonly actions: SessionActions }) {
  const { t } = useTranslation();
  const pages = usePages(view.options.length, perPage(view.elderly, 'endorsements'));
  const many = pages.pages === 1 && view.options.length > 4;
  return (
    <main className="screen step flow" data-testid="screen-choose-endorsement">
      <h1 data-testid="prompt">{t('endorsement.choose.title')}</h1>
      <p className="applicant" data-testid="applicant">
        {t('endorsement.choose.applicant', { name: view.maskedName })}
      </p>
      <p className="hint">{t('endorsement.choose.hint')}</p>
      <ul className={many ? 'options many' : 'options'} aria-label={t('endorsement.choose.options')} ref={pages.listRef}>
        {view.options.slice(pages.start, pages.end).map((option, onPage) => {
          const index = pages.start + onPage;
          return (
            <li key={`${index}-${option.code}-${option.validity}-${option.entries}`}>
              <button type="button" className="option" data-testid="endorsement-option" data-index={index} onClick={() => actions.choose(index)}>
                <OptionText option={option} />
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
