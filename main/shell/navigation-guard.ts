import type { KioskWebContents } from './electron-types';
import { isKioskUrl } from './kiosk-origin';
import type { ShellLog } from './shell-log';

/**
 * The page may go nowhere but its own origin: no link, redirect, frame or popup leaves
 * app://kiosk, no <webview> is attached, and no dialog of Chromium's own (beforeunload prompt,
 * HTTP login, client certificate, Bluetooth chooser) can appear over the kiosk.
 */
export function guardNavigation(contents: KioskWebContents, log: ShellLog): void {
  contents.on('will-navigate', (event, url) => {
    if (isKioskUrl(url)) return;
    event.preventDefault();
    log.warn({ url }, 'navigation away from the kiosk page refused');
  });
  contents.on('will-frame-navigate', (event) => {
    if (isKioskUrl(event.url)) return;
    event.preventDefault();
    log.warn({ url: event.url, isMainFrame: event.isMainFrame }, 'frame navigation refused');
  });
  contents.on('will-redirect', (event, url) => {
    if (isKioskUrl(url)) return;
    event.preventDefault();
    log.warn({ url }, 'redirect away from the kiosk page refused');
  });
  contents.setWindowOpenHandler(({ url }) => {
    log.warn({ url }, 'new window refused');
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn({}, '<webview> refused');
  });
  // Ignoring beforeunload means no "leave this page?" prompt can block a reload or relaunch.
  contents.on('will-prevent-unload', (event) => event.preventDefault());
  // Preventing the default of these two takes the answer over: it must then be given, or the
  // request waits for ever. `callback()` with no credentials cancels the authentication, and
  // with no certificate continues without one (docs/api/app.md, 'login' and
  // 'select-client-certificate'). Unprevented, Chromium would hand over the first certificate.
  contents.on('login', (event, details, _authInfo, callback) => {
    event.preventDefault();
    callback();
    log.warn({ url: details.url }, 'HTTP login prompt refused');
  });
  contents.on('select-client-certificate', (event, url, _certificates, callback) => {
    event.preventDefault();
    callback();
    log.warn({ url }, 'client certificate chooser refused');
  });
  contents.on('select-bluetooth-device', (event, _devices, callback) => {
    event.preventDefault();
    callback('');
  });
}
