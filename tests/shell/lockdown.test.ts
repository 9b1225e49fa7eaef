import { describe, expect, it } from 'vitest';
import { lockDownApp, lockDownReadyApp } from '../../main/shell/app-guard';
import type { KeyInput } from '../../main/shell/electron-types';
import { blockedKeyReason, guardInput } from '../../main/shell/input-guard';
import { guardNavigation } from '../../main/shell/navigation-guard';
import { KIOSK_ORIGIN, originOf } from '../../main/shell/kiosk-origin';
import { lockDownSession, mayUseCamera } from '../../main/shell/session-guard';
import { devToolsAllowed, externalHost, restartStrategy } from '../../main/shell/shell-settings';
import type { BrowserWindowLike } from '../../main/shell/electron-types';
import { createKioskWindow } from '../../main/shell/window-options';
import { FakeApp, FakeSession, FakeWebContents, preventable, recordingLog } from './fake-electron';

const key = (k: string, mods: Partial<Pick<KeyInput, 'control' | 'shift' | 'alt' | 'meta'>> = {}): KeyInput => ({
  type: 'keyDown',
  key: k,
  control: false,
  shift: false,
  alt: false,
  meta: false,
  ...mods,
});

describe('navigation guard', () => {
  const guarded = () => {
    const contents = new FakeWebContents();
    const log = recordingLog();
    guardNavigation(contents, log);
    return { contents, log };
  };

  it('refuses navigation to another origin and lets the kiosk page navigate within itself', () => {
    const { contents, log } = guarded();
    const away = preventable();
    contents.emit('will-navigate', away, 'https://evil.example/');
    expect(away.prevented).toBe(true);
    const file = preventable();
    contents.emit('will-navigate', file, 'file:///etc/passwd');
    expect(file.prevented).toBe(true);
    const own = preventable();
    contents.emit('will-navigate', own, 'app://kiosk/index.html#/services');
    expect(own.prevented).toBe(false);
    expect(log.messages('warn')).toContain('navigation away from the kiosk page refused');
  });

  it('refuses frame navigation and redirects off origin', () => {
    const { contents } = guarded();
    const frame = preventable({ url: 'https://evil.example/frame', isMainFrame: false });
    contents.emit('will-frame-navigate', frame);
    expect(frame.prevented).toBe(true);
    const ownFrame = preventable({ url: 'app://kiosk/index.html', isMainFrame: true });
    contents.emit('will-frame-navigate', ownFrame);
    expect(ownFrame.prevented).toBe(false);
    const redirect = preventable();
    contents.emit('will-redirect', redirect, 'http://127.0.0.1:9/');
    expect(redirect.prevented).toBe(true);
  });

  it('denies every new window, even one for our own origin', () => {
    const { contents } = guarded();
    expect(contents.openHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'app://kiosk/index.html' })).toEqual({ action: 'deny' });
  });

  it('refuses <webview>, beforeunload prompts, HTTP login, client certificates and Bluetooth choosers', () => {
    const { contents } = guarded();
    const webview = preventable();
    contents.emit('will-attach-webview', webview, {}, { src: 'https://evil.example/' });
    expect(webview.prevented).toBe(true);
    const unload = preventable();
    contents.emit('will-prevent-unload', unload);
    expect(unload.prevented).toBe(true);
    // Refused, not left hanging and not answered by Chromium's default (first certificate).
    expect(contents.requestLogin()).toBe('cancelled');
    expect(contents.requestClientCertificate()).toBe('none');
    const bluetooth = preventable();
    let chosen: string | undefined;
    contents.emit('select-bluetooth-device', bluetooth, [{ deviceId: 'x' }], (id) => (chosen = id));
    expect(bluetooth.prevented).toBe(true);
    expect(chosen).toBe('');
  });
});

describe('session guard', () => {
  const guarded = () => {
    const session = new FakeSession();
    lockDownSession(session, recordingLog());
    return session;
  };

  it('cancels every download', () => {
    const session = guarded();
    const event = preventable();
    let cancelled = false;
    session.events.emit('will-download', event, { cancel: () => (cancelled = true), getURL: () => 'https://evil.example/x.exe' }, null);
    expect(event.prevented).toBe(true);
    expect(cancelled).toBe(true);
  });

  it('grants the camera to the kiosk page only, and nothing else to anyone', () => {
    const session = guarded();
    expect(session.request('media', { requestingUrl: 'app://kiosk/index.html', mediaTypes: ['video'] })).toBe(true);
    expect(session.request('media', { requestingUrl: 'app://kiosk/index.html', mediaTypes: ['audio'] })).toBe(false);
    expect(session.request('media', { requestingUrl: 'app://kiosk/index.html', mediaTypes: ['video', 'audio'] })).toBe(false);
    expect(session.request('media', { requestingUrl: 'app://kiosk/index.html', mediaTypes: [] })).toBe(false);
    expect(session.request('media', { requestingUrl: 'https://evil.example/', mediaTypes: ['video'] })).toBe(false);
    expect(session.request('media', { requestingUrl: 'app://kiosk.evil/', mediaTypes: ['video'] })).toBe(false);
    for (const permission of ['geolocation', 'notifications', 'clipboard-read', 'fullscreen', 'hid', 'serial', 'usb', 'openExternal', 'midi', 'pointerLock']) {
      expect(session.request(permission, { requestingUrl: 'app://kiosk/index.html' })).toBe(false);
    }
  });

  it('answers permission checks the same way', () => {
    const session = guarded();
    const check = session.checkHandler!;
    expect(check(null, 'media', 'app://kiosk', { mediaType: 'video' } as never)).toBe(true);
    expect(check(null, 'media', 'app://kiosk', { mediaType: 'audio' } as never)).toBe(false);
    expect(check(null, 'media', 'https://evil.example', { mediaType: 'video' } as never)).toBe(false);
    expect(check(null, 'media', 'null', { mediaType: 'video' } as never)).toBe(false);
    expect(check(null, 'geolocation', 'app://kiosk', {})).toBe(false);
    expect(session.deviceHandler!({ deviceType: 'hid' })).toBe(false);
  });

  it('mayUseCamera is the single rule behind both handlers', () => {
    expect(mayUseCamera('media', KIOSK_ORIGIN, ['video'])).toBe(true);
    expect(mayUseCamera('media', KIOSK_ORIGIN, undefined)).toBe(false);
    expect(mayUseCamera('camera', KIOSK_ORIGIN, ['video'])).toBe(false);
  });
});

describe('input guard', () => {
  it.each([
    ['F5 (reload)', key('F5')],
    ['F11 (fullscreen)', key('F11')],
    ['F12 (devtools)', key('F12')],
    ['Ctrl+R (reload)', key('r', { control: true })],
    ['Ctrl+Shift+R (hard reload)', key('R', { control: true, shift: true })],
    ['Ctrl+Shift+I (devtools)', key('I', { control: true, shift: true })],
    ['Ctrl+Shift+J (console)', key('J', { control: true, shift: true })],
    ['Ctrl+P (print)', key('p', { control: true })],
    ['Ctrl+W (close)', key('w', { control: true })],
    ['Ctrl+Q (quit)', key('q', { control: true })],
    ['Ctrl++ (zoom in)', key('+', { control: true })],
    ['Ctrl+= (zoom in)', key('=', { control: true })],
    ['Ctrl+- (zoom out)', key('-', { control: true })],
    ['Ctrl+0 (zoom reset)', key('0', { control: true })],
    ['Alt+F4 (close)', key('F4', { alt: true })],
    ['Alt+Left (back)', key('ArrowLeft', { alt: true })],
    ['Meta+Q', key('q', { meta: true })],
    ['BrowserBack', key('BrowserBack')],
    ['BrowserRefresh', key('BrowserRefresh')],
    ['ContextMenu', key('ContextMenu')],
    ['Print', key('Print')],
  ])('blocks %s', (_name, input) => {
    const contents = new FakeWebContents();
    guardInput(contents, recordingLog());
    const event = preventable();
    contents.emit('before-input-event', event, input);
    expect(event.prevented).toBe(true);
    expect(blockedKeyReason(input)).not.toBeNull();
  });

  it.each([
    ['a digit', key('7')],
    ['a letter', key('a')],
    ['a capital letter', key('A', { shift: true })],
    ['Enter', key('Enter')],
    ['Backspace', key('Backspace')],
    ['Escape', key('Escape')],
    ['Tab', key('Tab')],
  ])('lets %s through', (_name, input) => {
    const contents = new FakeWebContents();
    guardInput(contents, recordingLog());
    const event = preventable();
    contents.emit('before-input-event', event, input);
    expect(event.prevented).toBe(false);
  });

  it('pins visual zoom to 1 now and after every load, and undoes zoom changes', async () => {
    const contents = new FakeWebContents();
    guardInput(contents, recordingLog());
    await Promise.resolve();
    expect(contents.zoomLimits).toEqual([1, 1]);
    contents.zoomLimits = null;
    contents.emit('did-finish-load');
    await Promise.resolve();
    expect(contents.zoomLimits).toEqual([1, 1]);
    contents.zoomFactor = 1.5;
    const zoom = preventable();
    contents.emit('zoom-changed', zoom, 'in');
    expect(zoom.prevented).toBe(true);
    expect(contents.zoomFactor).toBe(1);
  });
});

describe('app guard', () => {
  it('takes the single-instance lock, or tells the caller to quit', () => {
    const app = new FakeApp();
    const log = recordingLog();
    let focused = 0;
    expect(lockDownApp(app, log, () => focused++)).toBe(true);
    app.emit('second-instance');
    expect(focused).toBe(1);

    const second = new FakeApp();
    second.lockAvailable = false;
    expect(lockDownApp(second, log, () => {})).toBe(false);
    expect(second.emitter.listenerCount('web-contents-created')).toBe(0);
  });

  it('guards every web contents the process creates, disables history swipes and turns off the deferral of tasks after a touch', () => {
    const app = new FakeApp();
    lockDownApp(app, recordingLog(), () => {});
    const contents = new FakeWebContents();
    app.emit('web-contents-created', {}, contents);
    expect(contents.openHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    const reload = preventable();
    contents.emit('before-input-event', reload, key('r', { control: true }));
    expect(reload.prevented).toBe(true);
    expect(app.switches).toContainEqual(['overscroll-history-navigation', '0']);
    // One disable-features switch (a second would replace the first) naming the scheduling feature.
    const disabled = app.switches.filter(([name]) => name === 'disable-features');
    expect(disabled).toHaveLength(1);
    expect(disabled[0]![1]!.split(',')).toContain('DeferRendererTasksAfterInput');
  });

  it('removes the application menu and keeps the display awake once ready', () => {
    let menu: unknown = 'default';
    const blocks: string[] = [];
    const id = lockDownReadyApp(
      { setApplicationMenu: (value) => (menu = value) },
      { start: (type) => (blocks.push(type), 7), isStarted: () => true },
    );
    expect(menu).toBeNull();
    expect(blocks).toEqual(['prevent-display-sleep']);
    expect(id).toBe(7);
  });
});

describe('window options and settings', () => {
  it('spell out the security checklist', () => {
    let options: Record<string, unknown> = {};
    const FakeBrowserWindow = function (this: unknown, given: Record<string, unknown>) {
      options = given;
    } as unknown as new (options: Record<string, unknown>) => BrowserWindowLike;
    createKioskWindow(FakeBrowserWindow, { preload: '/app/preload.cjs', devTools: false });
    expect(options).toMatchObject({ kiosk: true, fullscreen: true, frame: false });
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableDialogs: true,
      devTools: false,
      preload: '/app/preload.cjs',
    });
    // 'Auxclick' is no Blink runtime feature: the setting would be ignored and only look like a
    // protection. Middle clicks are handled by the window-open handler and the preload's guard.
    expect(options.webPreferences).not.toHaveProperty('disableBlinkFeatures');
  });

  it('devtools only unpackaged and on request; restart by exit under a supervisor', () => {
    expect(devToolsAllowed(true, { TONGBAN_DEVTOOLS: '1' })).toBe(false);
    expect(devToolsAllowed(false, {})).toBe(false);
    expect(devToolsAllowed(false, { TONGBAN_DEVTOOLS: '1' })).toBe(true);
    expect(restartStrategy({ INVOCATION_ID: 'abc' })).toBe('exit');
    expect(restartStrategy({ TONGBAN_HOST_ORIGIN: 'http://127.0.0.1:1', TONGBAN_HOST_TOKEN: 't' })).toBe('exit');
    expect(restartStrategy({})).toBe('relaunch');
    expect(externalHost({ TONGBAN_HOST_ORIGIN: 'http://127.0.0.1:1' })).toBeNull();
  });

  it('compares app:// origins as Chromium does (Node says "null" for unknown schemes)', () => {
    expect(new URL('app://kiosk/index.html').origin).toBe('null');
    expect(originOf('app://kiosk/index.html')).toBe(KIOSK_ORIGIN);
    expect(originOf('app://kiosk:80/')).not.toBe(KIOSK_ORIGIN);
    expect(originOf('not a url')).toBe('');
    expect(originOf('file:///etc/passwd')).toBe('');
  });
});
