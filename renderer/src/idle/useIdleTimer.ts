import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * True once nobody touched the screen for `afterMs`; any touch or key makes it false again. A
 * touch only notes its time: the screen is not drawn again for it (the touch that starts a
 * service would otherwise redraw the attract screen just before the service's first screen). The
 * timer, when it fires, waits on for what is left since the last touch.
 */
export function useIdleTimer(afterMs: number, enabled: boolean): readonly [boolean, () => void] {
  const [idle, setIdle] = useState(false);
  // The waits start afresh at each wake (a new state object, so the timer's effect runs again).
  const [since, setSince] = useState(() => ({ at: Date.now() }));
  const touchedAt = useRef(since.at);
  const wake = useCallback(() => {
    touchedAt.current = Date.now();
    setIdle(false);
    setSince({ at: touchedAt.current });
  }, []);
  useEffect(() => {
    if (!enabled) return;
    const touched = () => {
      touchedAt.current = Date.now();
    };
    window.addEventListener('pointerdown', touched, true);
    window.addEventListener('keydown', touched, true);
    return () => {
      window.removeEventListener('pointerdown', touched, true);
      window.removeEventListener('keydown', touched, true);
    };
  }, [enabled]);
  useEffect(() => {
    if (!enabled || idle) return;
    let timer: ReturnType<typeof setTimeout>;
    const check = () => {
      const left = touchedAt.current + afterMs - Date.now();
      if (left <= 0) setIdle(true);
      else timer = setTimeout(check, left);
    };
    timer = setTimeout(check, Math.max(0, touchedAt.current + afterMs - Date.now()));
    return () => clearTimeout(timer);
  }, [enabled, idle, since, afterMs]);
  return [enabled && idle, wake] as const;
}
