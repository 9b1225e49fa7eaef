import type { BrowserWindowConstructor, BrowserWindowLike } from './electron-types';

/**
 * Creates the kiosk window. Each web preference is the Electron security checklist's answer,
 * spelled out as a literal rather than left to defaults, so that a reader and electronegativity
 * (which only reads `new BrowserWindow({...})` written out in place) both see them.
 */
export function createKioskWindow(BrowserWindow: BrowserWindowConstructor, options: { preload: string; devTools: boolean }): BrowserWindowLike {
  // Reviewed (electronegativity wants `disableBlinkFeatures: 'Auxclick'`): Chromium has no Blink
  // runtime feature of that name any more, so the setting is silently ignored and protects
  // nothing. What does stop a middle click from opening anything: every new window is denied
  // (navigation-guard.ts), off-origin navigation is refused, and the preload cancels auxclick on
  // off-origin links (page-guard.ts).
  return new BrowserWindow({ // eng-disable AUXCLICK_JS_CHECK
    kiosk: true,
    fullscreen: true,
    frame: false,
    autoHideMenuBar: true,
    // Shown at once. Waiting for `ready-to-show` with `show: false` hangs for ever under cage:
    // on Wayland (the default platform since Electron 38) a hidden window has no mapped surface,
    // produces no frame and so never gets `ready-to-show` (electron/electron#48859, open). The
    // background colour is the page's, so the first moments show that, not a white flash.
    show: true,
    backgroundColor: '#f3f6fb',
    webPreferences: {
      // Reviewed (electronegativity flags every preload for review): preload.ts exposes two
      // functions, request and onEvent, with no Node or Electron object; main/shell/ipc-bridge.ts
      // checks the sender and validates every message against the zod contract.
      preload: options.preload, // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableDialogs: true,
      spellcheck: false,
      safeDialogs: true,
      devTools: options.devTools,
    },
  });
}
