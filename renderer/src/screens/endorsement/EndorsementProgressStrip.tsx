import { useTranslation } from 'react-i18next';
import { ENDORSEMENT_STAGES, type EndorsementProgress, STAGE_KEYS } from '../../flow/endorsement-progress';

/**
 * The stages of the endorsement, the current one marked by aria-current, a heavier frame and a
 * bold name, the ones gone through by a check mark: never by colour alone.
 */
export function EndorsementProgressStrip({ progress }: { readonly progress: EndorsementProgress }) {
  const { t } = useTranslation();
  const at = ENDORSEMENT_STAGES.indexOf(progress.current);
  return (
    <nav className="progress-strip" aria-label={t('endorsement.progress.label')} data-testid="progress-strip">
      <ol>
        {ENDORSEMENT_STAGES.map((stage, index) => {
          const state = index === at ? 'current' : index < at && progress.earlierCompleted ? 'completed' : 'pending';
          return (
            <li key={stage} className={`stage stage-${state}`} data-stage={stage} aria-current={state === 'current' ? 'step' : undefined}>
              <span className="stage-mark" aria-hidden="true">
                {state === 'completed' ? '✓' : index + 1}
              </span>
              <span className="stage-name">{t(STAGE_KEYS[stage])}</span>
              {state === 'completed' ? <span className="visually-hidden">{t('endorsement.progress.completed')}</span> : null}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
