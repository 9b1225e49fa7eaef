import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';

/** Which part of a list is on screen: items `start` to `end` (exclusive) of page `page` (from 0). */
export interface Pages {
  readonly page: number;
  readonly pages: number;
  readonly start: number;
  readonly end: number;
  readonly next: () => void;
  readonly previous: () => void;
  /** The list's element: after a turn of the page, focus goes to its first item. */
  readonly listRef: RefObject<HTMLUListElement | null>;
}

const FOCUSABLE = 'button:not([disabled]), a[href], [tabindex]';

/**
 * Moves focus to the first item of the page now shown: its first control, or the item itself
 * (made focusable from script only). The button that turned the page may be gone or disabled
 * (the last page has no "more"), and a screen reader's user would otherwise be left nowhere.
 */
function focusFirstItem(list: HTMLElement | null): void {
  const item = list?.firstElementChild;
  if (!(item instanceof HTMLElement)) return;
  const target = item.matches(FOCUSABLE) ? item : (item.querySelector<HTMLElement>(FOCUSABLE) ?? item);
  if (!target.matches(FOCUSABLE)) target.tabIndex = -1;
  target.focus();
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
  const listRef = useRef<HTMLUListElement | null>(null);
  // Set by a turn of the page (not by a new list from the host), for the effect after it.
  const turned = useRef(false);
  useEffect(() => {
    if (wanted > pages - 1) setWanted(pages - 1);
  }, [wanted, pages]);
  useEffect(() => {
    if (!turned.current) return;
    turned.current = false;
    focusFirstItem(listRef.current);
  }, [page]);
  const next = useCallback(() => {
    turned.current = true;
    setWanted((p) => Math.min(p + 1, pages - 1));
  }, [pages]);
  const previous = useCallback(() => {
    turned.current = true;
    setWanted((p) => Math.max(p - 1, 0));
  }, []);
  return { page, pages, start: page * size, end: Math.min(count, (page + 1) * size), next, previous, listRef };
}
