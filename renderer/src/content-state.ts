import { useCallback, useState } from 'react';

/**
 * Remembers the content last taken (its JSON) and says whether a new value differs from it.
 * The host's views arrive as fresh objects, often with nothing new in them: a tap's answer comes
 * twice (the session event, then the command's reply), and the kiosk view is sent again whenever
 * a device reports, mostly unchanged. Comparing the content keeps such a copy from rendering the
 * whole screen again. Views are validated (zod) before they get here, and zod gives their keys in
 * the schema's order, so equal content gives equal JSON.
 */
export class ContentGate {
  #last: string | undefined;
  #lastValue: unknown;

  constructor(initial?: unknown) {
    this.#lastValue = initial;
    this.#last = initial === undefined ? undefined : JSON.stringify(initial);
  }

  /** True (and remembered) when `value` differs from the last value taken. */
  changed(value: unknown): boolean {
    // The API client gives back the very object it gave before for content it already checked.
    if (Object.is(value, this.#lastValue)) return false;
    this.#lastValue = value;
    const json = JSON.stringify(value);
    if (json === this.#last) return false;
    this.#last = json;
    return true;
  }
}

/** useState whose setter ignores a value with the same content as the last one set. */
export function useContentState<T>(initial: T): readonly [T, (next: T) => void] {
  const [value, setValue] = useState(initial);
  const [gate] = useState(() => new ContentGate(initial));
  const set = useCallback(
    (next: T) => {
      if (gate.changed(next)) setValue(next);
    },
    [gate],
  );
  return [value, set] as const;
}
