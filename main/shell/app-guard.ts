import { CHROMIUM_FEATURES_OFF } from '../launcher/chromium-features';
import type { AppLike, KioskWebContents, MenuLike, PowerSaveBlockerLike } from './electron-types';
import { guardInput } from './input-guard';
import { guardNavigation } from './navigation-guard';
import type { ShellLog } from './shell-log';


/**
 * Process-wide lockdown, before `app.whenReady()`. Returns false when another shell already runs: the caller quits, so a
 * second launch (a double-clicked icon, a racing service restart) never opens a second window
 * over the first.
 */
export function lockDownApp(app: AppLike, log: ShellLog, onSecondInstance: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    log.warn({}, 'another kiosk shell is running; this one quits');
    return false;
  }
  app.on('second-instance', onSecondInstance);
  // Swiping from the edge must not go back in history.
  app.commandLine.appendSwitch('overscroll-history-navigation', '0');
  // The host's answer to a touch is drawn in the first frame after it (chromium-features.ts says why).
  app.commandLine.appendSwitch('disable-features', CHROMIUM_FEATURES_OFF.join(','));
  // Every page the process ever creates gets the guards, not only the kiosk window's.
  app.on('web-contents-created', (_event, contents: KioskWebContents) => {
    guardNavigation(contents, log);
    guardInput(contents, log);
  });
  return true;
}

/**
 * Process-wide lockdown once the app is ready. No menu means no accelerators either (the default
 * menu carries Ctrl+R, Ctrl+Shift+I, Ctrl+W, ...). A 24-hour kiosk never blanks its screen; the
 * blocker's id is returned so that it is kept.
 */
export function lockDownReadyApp(Menu: MenuLike, powerSaveBlocker: PowerSaveBlockerLike): number {
  Menu.setApplicationMenu(null);
  return powerSaveBlocker.start('prevent-display-sleep');
}
