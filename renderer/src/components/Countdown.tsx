import { useTranslation } from '../translation';
import { useSecondsLeft } from './useSecondsLeft';

export interface CountdownProps {
  readonly deadlineMs: number;
  /** What running out means here, as a catalogue key with `{{seconds}}`; by default "back to the start". */
  readonly messageKey?: string;
}

/** The visible time limit of a step; the host ends the session when it runs out. */
export function Countdown({ deadlineMs, messageKey = 'countdown' }: CountdownProps) {
  const { t } = useTranslation();
  const seconds = useSecondsLeft(deadlineMs);
  return (
    <p className="countdown" role="timer" aria-live="off" data-testid="countdown">
      {t(messageKey, { seconds })}
    </p>
  );
}
