/**
 * The fake `electron` module as the shell's main process sees it (ElectronMain): a window that
 * behaves like Electron 41's on the platform the kiosk runs on, and the process-wide modules,
 * each strict where the real one is. Citations are to electron/electron, branch 41-x-y.
 */
import { EventEmitter } from 'node:events';
import type {
  BrowserWindowLike,
  ElectronMain,
  IpcMainInvokeEventLike,
  IpcMainLike,
  MenuLike,
  PowerSaveBlockerLike,
  PrivilegedScheme,
  ProtocolLike,
  WindowEvents,
} from '../../main/shell/electron-types';
import { FakeApp, FakeSession, FakeWebContents } from './fake-electron';
import { CHROMIUM_UTILITY_SERVICES, FakeUtilityProcessModule, utilityServiceGone } from './fake-utility-process';

/** `--ozone-platform`: the kiosk unit passes `wayland` (cage is a Wayland compositor). */
export type OzonePlatform = 'wayland' | 'x11';

export class FakeBrowserWindow implements BrowserWindowLike {
  readonly webContents = new FakeWebContents();
  private readonly emitter = new EventEmitter();
  visible: boolean;
  destroyed = false;
  focused = 0;
  /** A frame has been produced since the last load. */
  private painted = false;
  private readyToShowSent = false;

  constructor(
    readonly options: Record<string, unknown>,
    private readonly platform: OzonePlatform,
  ) {
    // docs/api/structures/base-window-options.md: `show` "Whether window should be shown when
    // created. Default is `true`."
    this.visible = options.show !== false;
  }

  on<K extends keyof WindowEvents>(event: K, listener: WindowEvents[K]): void {
    this.emitter.on(event, listener as (...args: unknown[]) => void);
  }

  /** Any window event, including ones the shell does not declare (`ready-to-show`). */
  listen(event: string, listener: () => void): void {
    this.emitter.on(event, listener);
  }

  emit(event: string): void {
    this.emitter.emit(event);
  }

  loadURL(url: string): Promise<void> {
    this.webContents.url = url;
    this.painted = false;
    return Promise.resolve().then(() => {
      this.webContents.emit('did-finish-load');
      this.paint();
    });
  }

  /**
   * `ready-to-show` is "emitted when the renderer process has rendered the page for the first
   * time if the window has not been shown yet" (docs/api/browser-window.md). On Wayland a hidden
   * window has no mapped surface, so no frame is produced and the event never comes until
   * `show()` maps it (electron/electron#48859, since Electron 38, open; 38 also made Wayland the
   * default platform in a Wayland session, docs/breaking-changes.md). On X11 it comes either way.
   */
  private paint(): void {
    if (this.platform === 'wayland' && !this.visible) return;
    this.painted = true;
    if (!this.readyToShowSent) {
      this.readyToShowSent = true;
      this.emitter.emit('ready-to-show');
    }
  }

  show(): void {
    this.visible = true;
    if (!this.painted && this.webContents.url !== '') this.paint();
  }

  focus(): void {
    this.focused++;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  destroy(): void {
    this.destroyed = true;
    this.visible = false;
    this.webContents.destroyed = true;
    this.emitter.emit('closed');
  }
}

export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, (event: IpcMainInvokeEventLike, ...args: unknown[]) => unknown>();
  /** lib/browser/ipc-main-impl.ts: a second `handle` for one channel throws. */
  handle(channel: string, listener: (event: IpcMainInvokeEventLike, ...args: unknown[]) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}

export class FakeProtocol implements ProtocolLike {
  readonly privileged: PrivilegedScheme[] = [];
  readonly handled = new Map<string, (request: Request) => Response | Promise<Response>>();
  constructor(private readonly app: FakeApp) {}
  /** docs/api/protocol.md: "This method can only be used before the `ready` event of the `app` module gets emitted". */
  registerSchemesAsPrivileged(schemes: readonly PrivilegedScheme[]): void {
    if (this.app.isReady()) throw new Error('registerSchemesAsPrivileged called after the app is ready');
    this.privileged.push(...schemes);
  }
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
    this.handled.set(scheme, handler);
  }
}

export interface FakeElectron extends ElectronMain {
  readonly app: FakeApp;
  readonly ipcMain: FakeIpcMain;
  readonly protocol: FakeProtocol;
  readonly session: { readonly defaultSession: FakeSession };
  readonly utilityProcess: FakeUtilityProcessModule;
  readonly windows: FakeBrowserWindow[];
  readonly applicationMenu: { value: unknown };
  readonly blockers: string[];
  /** Chromium finished starting: `app.whenReady()` settles and utility processes may be forked. */
  makeReady(): void;
  /** One of Chromium's own utility services dies (all report type "Utility"; docs/api/app.md). */
  crashService(service: keyof typeof CHROMIUM_UTILITY_SERVICES): void;
}

export function createFakeElectron(options: { ozonePlatform?: OzonePlatform } = {}): FakeElectron {
  const platform = options.ozonePlatform ?? 'wayland';
  const app = new FakeApp();
  const windows: FakeBrowserWindow[] = [];
  const utilityProcess = new FakeUtilityProcessModule();
  utilityProcess.ready = false;
  utilityProcess.onGone = (details) => app.emit('child-process-gone', {}, details);
  const applicationMenu = { value: 'default' as unknown };
  const blockers: string[] = [];
  const BrowserWindow = function (this: unknown, windowOptions: Record<string, unknown>) {
    const window = new FakeBrowserWindow(windowOptions, platform);
    windows.push(window);
    // docs/api/app.md, Event: 'web-contents-created': emitted for every new webContents.
    app.emit('web-contents-created', {}, window.webContents);
    return window;
  } as unknown as new (options: Record<string, unknown>) => BrowserWindowLike;
  const Menu: MenuLike = { setApplicationMenu: (menu) => void (applicationMenu.value = menu) };
  const powerSaveBlocker: PowerSaveBlockerLike = {
    start: (type) => blockers.push(type) - 1,
    isStarted: (id) => id < blockers.length,
  };
  return {
    app,
    BrowserWindow,
    ipcMain: new FakeIpcMain(),
    protocol: new FakeProtocol(app),
    session: { defaultSession: new FakeSession() },
    Menu,
    powerSaveBlocker,
    utilityProcess,
    windows,
    applicationMenu,
    blockers,
    makeReady() {
      utilityProcess.ready = true;
      app.markReady();
    },
    crashService(service) {
      app.emit('child-process-gone', {}, utilityServiceGone(CHROMIUM_UTILITY_SERVICES[service]));
    },
  };
}
