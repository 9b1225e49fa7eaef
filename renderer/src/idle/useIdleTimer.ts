import { useCallback, useEffect, useState } from 'react';

/** True once nobody touched the screen for `afterMs`; any touch or key makes it false again. */
export function useIdleTimer(afterMs: number, enabled: boolean): readonly [boolean, () => void] {
  const [idle, setIdle] = useState(false);
  const [touchedAt, setTouchedAt] = useState(() => Date.now());
  const wake = useCallback(() => {
    setIdle(false);
    setTouchedAt(Date.now());
  }, []);
  useEffect(() => {
    if (!enabled) return;
    const touched = () => setTouchedAt(Date.now());
    window.addEventListener('pointerdown', touched, true);
    window.addEventListener('keydown', touched, true);
    return () => {
      window.removeEventListener('pointerdown', touched, true);
      window.removeEventListener('keydown', touched, true);
    };
  }, [enabled]);
  useEffect(() => {
    if (!enabled || idle) return;
    const timer = setTimeout(() => setIdle(true), Math.max(0, touchedAt + afterMs - Date.now()));
    return () => clearTimeout(timer);
  }, [enabled, idle, touchedAt, afterMs]);
  return [enabled && idle, wake] as const;
}
