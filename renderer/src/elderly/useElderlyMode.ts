import { useCallback, useEffect, useState } from 'react';
import type { SessionView } from '../../../main/api/contract';

export interface ElderlyMode {
  /** Large type, fewer items per row, longer time limits (the host's), slower speech. */
  readonly on: boolean;
  /** The switch is offered: on the attract screen and the session's first step. */
  readonly canSwitch: boolean;
  /** On the attract screen: the choice the next session starts with. */
  readonly toggleChoice: () => void;
}

/**
 * Elderly mode (大字模式). Chosen on the attract screen it goes with startService; in a session the
 * host's flag (`elderly` in the session view) is what counts, for the whole session. It is off
 * again when the session ends.
 */
export function useElderlyMode(session: SessionView): ElderlyMode {
  const [choice, setChoice] = useState(false);
  const [first, setFirst] = useState<{ readonly sessionId: string; readonly step: string; readonly past: boolean } | null>(null);
  const idle = session.step === 'idle';
  const sessionId = idle ? null : session.sessionId;
  useEffect(() => {
    if (idle) {
      setChoice(false);
      setFirst(null);
      return;
    }
    // Once past the first step it stays so: the same object, so later steps render nothing more.
    setFirst((was) =>
      was && was.sessionId === sessionId
        ? was.past || was.step === session.step
          ? was
          : { ...was, past: true }
        : { sessionId: sessionId ?? '', step: session.step, past: false },
    );
  }, [idle, sessionId, session.step]);
  const on = idle ? choice : (('elderly' in session && session.elderly) ?? false);
  const atFirstStep = !idle && (first === null || first.sessionId !== sessionId || !first.past);
  const toggleChoice = useCallback(() => setChoice((c) => !c), []);
  return { on, canSwitch: idle || atFirstStep, toggleChoice };
}
