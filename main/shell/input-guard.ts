import type { KeyInput, KioskWebContents } from './electron-types';
import type { ShellLog } from './shell-log';

/** Keys that act on the browser rather than the page: reload, fullscreen, devtools, help, history, media. */
const BROWSER_KEYS = new Set([
  'BrowserBack',
  'BrowserForward',
  'BrowserRefresh',
  'BrowserHome',
  'BrowserSearch',
  'BrowserFavorites',
  'BrowserStop',
  'ContextMenu',
  'Help',
  'Print',
  'PrintScreen',
  'ZoomIn',
  'ZoomOut',
  'Close',
  'LaunchApplication1',
  'LaunchApplication2',
  'LaunchMail',
]);

/**
 * Why a key press must not reach Chromium, or null when it may. The touch UI needs no modifier
 * shortcut and no function key, so rather than chase every accelerator (Ctrl+R, Ctrl+Shift+I,
 * Ctrl+P, Ctrl+W, Ctrl+Q, Ctrl +/-/0, Alt+F4, Alt+Left, F5, F11, F12, ...) every Ctrl, Alt and
 * Meta combination and every function key is refused. Shift alone stays (capital letters).
 */
export function blockedKeyReason(input: KeyInput): string | null {
  if (/^F\d{1,2}$/.test(input.key)) return `function key ${input.key}`;
  if (BROWSER_KEYS.has(input.key)) return `browser key ${input.key}`;
  if (input.control) return `Ctrl+${input.key}`;
  if (input.alt) return `Alt+${input.key}`;
  if (input.meta) return `Meta+${input.key}`;
  return null;
}

/** Keyboard and zoom lockdown of one page. */
export function guardInput(contents: KioskWebContents, log: ShellLog): void {
  contents.on('before-input-event', (event, input) => {
    const reason = blockedKeyReason(input);
    if (reason === null) return;
    event.preventDefault();
    if (input.type === 'keyDown') log.info({ key: reason }, 'shortcut blocked');
  });
  // Pinch zoom is visual zoom: pin it to 1 after every load (Chromium resets limits per page).
  const pinZoom = () => void contents.setVisualZoomLevelLimits(1, 1).catch(() => undefined);
  pinZoom();
  contents.on('did-finish-load', pinZoom);
  contents.on('zoom-changed', (event) => {
    event.preventDefault();
    contents.setZoomFactor(1);
  });
}
