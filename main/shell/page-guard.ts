/**
 * The page-side half of the lockdown, installed by the preload: a file dragged onto the screen
 * (from a USB stick on a maintenance keyboard, say) is never opened, and nothing on the page can
 * be dragged away. The main process also refuses the file:// navigation a drop would cause.
 */
export interface DropEventLike {
  preventDefault(): void;
  readonly dataTransfer?: { dropEffect: string } | null;
}

export interface EventTargetLike<E> {
  addEventListener(type: string, listener: (event: E) => void, options?: { capture?: boolean }): void;
}

export function refuseDragAndDrop(target: EventTargetLike<DropEventLike>): void {
  const refuse = (event: DropEventLike) => {
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'none';
  };
  for (const type of ['dragstart', 'dragenter', 'dragover', 'drop']) target.addEventListener(type, refuse, { capture: true });
}

/**
 * Off-origin links do nothing: a capture-phase click handler cancels any anchor whose target is
 * another origin, before Chromium would navigate (and before the main process has to refuse it).
 */
export interface ClickEventLike {
  preventDefault(): void;
  readonly target: unknown;
}

interface AnchorLike {
  readonly href: string;
  closest?(selector: string): AnchorLike | null;
}

export function refuseOffOriginLinks(target: EventTargetLike<ClickEventLike>, ownOrigin: string, originOf: (url: string) => string): void {
  const check = (event: ClickEventLike) => {
    const element = event.target as AnchorLike | null;
    const anchor = typeof element?.closest === 'function' ? element.closest('a[href]') : null;
    if (anchor && originOf(anchor.href) !== ownOrigin) event.preventDefault();
  };
  for (const type of ['click', 'auxclick']) target.addEventListener(type, check, { capture: true });
}
