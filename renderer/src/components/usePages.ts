import { useCallback, useEffect, useState } from 'react';

/** Which part of a list is on screen: items `start` to `end` (exclusive) of page `page` (from 0). */
export interface Pages {
  readonly page: number;
  readonly pages: number;
  readonly start: number;
  readonly end: number;
  readonly next: () => void;
  readonly previous: () => void;
}

/**
 * A list of `count` items shown `perPage` at a time, or all at once when `perPage` is null. A
 * shorter list from the host (a new step) puts the page back within it.
 */
export function usePages(count: number, perPage: number | null): Pages {
  const size = perPage === null ? Math.max(1, count) : Math.max(1, perPage);
  const pages = Math.max(1, Math.ceil(count / size));
  const [wanted, setWanted] = useState(0);
  const page = Math.min(wanted, pages - 1);
  useEffect(() => {
    if (wanted > pages - 1) setWanted(pages - 1);
  }, [wanted, pages]);
  const next = useCallback(() => setWanted((p) => Math.min(p + 1, pages - 1)), [pages]);
  const previous = useCallback(() => setWanted((p) => Math.max(p - 1, 0)), []);
  return { page, pages, start: page * size, end: Math.min(count, (page + 1) * size), next, previous };
}
