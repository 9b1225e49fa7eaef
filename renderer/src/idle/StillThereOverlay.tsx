import { memo } from 'react';
import { useTranslation } from '../translation';
import type { SessionView } from '../../../main/api/contract';
import { DEADLINE_WARNING_MS } from '../../../main/api/idle-contract';
import { useSecondsLeft } from '../components/useSecondsLeft';

export interface StillThereOverlayProps {
  readonly session: SessionView;
  /** "Continue": the host starts the step's time limit again (it names the deadline this prompt is for). */
  readonly onContinue: (deadlineMs: number) => void;
  /** "Finish": the session ends the way the step's cancel does (a permit in the slot is handed back first). */
  readonly onFinish: () => void;
}

/**
 * "Are you still there?" over any step in its last seconds (DEADLINE_WARNING_MS), with the seconds
 * left, a big "continue" and "finish". Not for a deadline a device or central sets: "continue"
 * could not move it.
 */
export function StillThereOverlay({ session, onContinue, onFinish }: StillThereOverlayProps) {
  const deadline = 'deadlineMs' in session && session.deadlineExtendable ? session.deadlineMs : undefined;
  return <StillThereWatch deadlineMs={deadline} onContinue={onContinue} onFinish={onFinish} />;
}

/**
 * Waits for the step's last seconds. Memoised on the deadline: a new view of the same step (a
 * keypad's echo) does not draw it again, and until the last seconds nothing is translated.
 */
const StillThereWatch = memo(function StillThereWatch({ deadlineMs, ...actions }: Omit<StillThereOverlayProps, 'session'> & { readonly deadlineMs: number | undefined }) {
  const seconds = useSecondsLeft(deadlineMs);
  if (deadlineMs === undefined || seconds === 0 || seconds * 1000 > DEADLINE_WARNING_MS) return null;
  return <StillThereDialog deadlineMs={deadlineMs} seconds={seconds} {...actions} />;
});

function StillThereDialog({ deadlineMs, seconds, onContinue, onFinish }: Omit<StillThereOverlayProps, 'session'> & { readonly deadlineMs: number; readonly seconds: number }) {
  const { t } = useTranslation();
  return (
    <div className="still-there-backdrop">
      <section
        className="still-there"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="still-there-title"
        aria-describedby="still-there-seconds"
        data-testid="still-there"
      >
        <h2 id="still-there-title">{t('idle.stillThere.title')}</h2>
        <p id="still-there-seconds" className="still-there-seconds" role="timer" aria-live="off" data-testid="still-there-seconds">
          {t('idle.stillThere.countdown', { seconds })}
        </p>
        <div className="still-there-actions">
          {/* The one thing to do: it takes the focus, so a keyboard or a switch reaches it first. */}
          <button type="button" className="primary still-there-continue" autoFocus data-testid="still-there-continue" onClick={() => onContinue(deadlineMs)}>
            {t('idle.stillThere.continue')}
          </button>
          <button type="button" className="still-there-finish" data-testid="still-there-finish" onClick={onFinish}>
            {t('idle.stillThere.finish')}
          </button>
        </div>
      </section>
    </div>
  );
}
