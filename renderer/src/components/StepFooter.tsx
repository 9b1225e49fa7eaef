import { memo } from 'react';
import { useTranslation } from '../translation';
import { Countdown, type CountdownProps } from './Countdown';

export interface StepFooterProps extends CountdownProps {
  /** The step's way out (cancel, back); the host decides what it means now. */
  readonly onLeave: () => void;
  readonly leaveKey?: string;
  /** The way out is the step's main action ("done" on a last screen), not a secondary one. */
  readonly primary?: boolean;
}

/** The end of every step the citizen may leave: its time limit, and the way out (memoised: a keypad's echo does not redraw it). */
export const StepFooter = memo(function StepFooter({ deadlineMs, messageKey, onLeave, leaveKey = 'actions.cancel', primary = false }: StepFooterProps) {
  const { t } = useTranslation();
  return (
    <>
      <Countdown deadlineMs={deadlineMs} {...(messageKey ? { messageKey } : {})} />
      <div className="actions">
        <button type="button" className={primary ? 'primary' : 'secondary'} onClick={onLeave}>
          {t(leaveKey)}
        </button>
      </div>
    </>
  );
});
