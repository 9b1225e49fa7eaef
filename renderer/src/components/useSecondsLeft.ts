import { useEffect, useState } from 'react';

const secondsLeft = (deadlineMs: number | undefined, now: number): number => (deadlineMs === undefined ? 0 : Math.max(0, Math.ceil((deadlineMs - now) / 1000)));

/**
 * Whole seconds until `deadlineMs` (0 once it has passed, or without a deadline), drawn again only
 * when that number changes: one render a second, timed to the change, instead of polling the clock
 * several times a second on every step.
 */
export function useSecondsLeft(deadlineMs: number | undefined): number {
  const [now, setNow] = useState(() => Date.now());
  const shown = secondsLeft(deadlineMs, now);
  useEffect(() => {
    if (deadlineMs === undefined) return;
    const msLeft = deadlineMs - Date.now();
    // Passed, and already shown as passed: nothing more will change.
    if (msLeft <= 0 && shown === 0) return;
    // The number shown changes when the time left crosses the next whole second below it.
    const wait = msLeft <= 0 ? 0 : (msLeft % 1000 || 1000) + 1;
    const timer = setTimeout(() => setNow(Date.now()), wait);
    return () => clearTimeout(timer);
  }, [deadlineMs, now, shown]);
  return shown;
}
