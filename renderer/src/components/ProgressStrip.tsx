import { memo } from 'react';
import { useTranslation } from '../translation';
import type { ServiceProgress } from '../flow/service-progress';

/**
 * The one progress strip of every service: its stages, the current one marked by aria-current, a
 * filled heavier disc and a bold underlined name, the ones gone through by a check mark; never by
 * colour alone. Drawn again only when the place in the service changes, not for every view
 * (a keypad's echo, a countdown).
 */
export const ProgressStrip = memo(function ProgressStrip({ progress }: { readonly progress: ServiceProgress }) {
  const { t } = useTranslation();
  const at = progress.stages.findIndex((stage) => stage.id === progress.current);
  return (
    <nav className="progress-strip" aria-label={t('progress.label')} data-testid="progress-strip" data-service={progress.service}>
      <ol>
        {progress.stages.map((stage, index) => {
          const state = index === at ? 'current' : index < at && progress.earlierCompleted ? 'completed' : 'pending';
          return (
            <li key={stage.id} className={`stage stage-${state}`} data-stage={stage.id} aria-current={state === 'current' ? 'step' : undefined}>
              <span className="stage-mark" aria-hidden="true">
                {state === 'completed' ? '✓' : index + 1}
              </span>
              <span className="stage-name">{t(stage.key)}</span>
              {state === 'completed' ? <span className="visually-hidden">{t('progress.completed')}</span> : null}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}, (before, after) => samePlace(before.progress, after.progress));

/** The same stages (a service's list is one constant) with the same one current and the same ones gone through. */
export const samePlace = (a: ServiceProgress, b: ServiceProgress): boolean =>
  a.service === b.service && a.stages === b.stages && a.current === b.current && a.earlierCompleted === b.earlierCompleted;
