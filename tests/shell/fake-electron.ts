/**
 * A fake of the slice of Electron the shell uses (main/shell/electron-types.ts), recording what
 * the shell did; handlers are driven by emitting events. Where real Electron behaves in a way the
 * shell has got wrong before, the fake behaves the same and cites the Electron 41 document
 * (electron/electron, 41-x-y branch) or issue it models. The window and the assembled `electron`
 * module are in fake-electron-main.ts, utility processes in fake-utility-process.ts.
 */
import { EventEmitter } from 'node:events';
import type {
  AppEvents,
  AppLike,
  DownloadItemLike,
  KioskWebContents,
  PermissionCheckHandler,
  PermissionRequestHandler,
  PreventableEvent,
  SessionLike,
  WebContentsLike,
  WebContentsEvents,
  WindowOpenHandler,
} from '../../main/shell/electron-types';
import type { ShellLog } from '../../main/shell/shell-log';

export interface RecordedEvent extends PreventableEvent {
  readonly prevented: boolean;
}

export function preventable<T extends object = object>(extra?: T): RecordedEvent & T {
  let prevented = false;
  return {
    ...(extra ?? ({} as T)),
    preventDefault() {
      prevented = true;
    },
    get prevented() {
      return prevented;
    },
  };
}

export class FakeSession implements SessionLike {
  readonly events = new EventEmitter();
  requestHandler: PermissionRequestHandler | null = null;
  checkHandler: PermissionCheckHandler | null = null;
  deviceHandler: ((details: unknown) => boolean) | null = null;
  on(event: 'will-download', listener: (event: PreventableEvent, item: DownloadItemLike, webContents: WebContentsLike) => void): void {
    this.events.on(event, listener as (...args: unknown[]) => void);
  }
  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    this.checkHandler = handler;
  }
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void {
    this.deviceHandler = handler;
  }
  /** Asks the request handler as Chromium would and returns its answer. */
  request(permission: string, details: { requestingUrl?: string; mediaTypes?: string[] }): boolean {
    let answer: boolean | undefined;
    this.requestHandler!(null, permission, (granted) => (answer = granted), details);
    if (answer === undefined) throw new Error('the permission request handler never answered');
    return answer;
  }
}

export class FakeWebContents implements KioskWebContents {
  readonly emitter = new EventEmitter();
  readonly session = new FakeSession();
  openHandler: WindowOpenHandler | null = null;
  zoomLimits: [number, number] | null = null;
  zoomFactor = 1;
  reloads = 0;
  crashes = 0;
  sent: Array<{ channel: string; args: unknown[] }> = [];
  destroyed = false;
  url = 'app://kiosk/index.html';

  on<K extends keyof WebContentsEvents>(event: K, listener: WebContentsEvents[K]): void {
    this.emitter.on(event, listener as (...args: unknown[]) => void);
  }
  emit<K extends keyof WebContentsEvents>(event: K, ...args: Parameters<WebContentsEvents[K]>): void {
    this.emitter.emit(event, ...args);
  }
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.openHandler = handler;
  }
  async setVisualZoomLevelLimits(min: number, max: number): Promise<void> {
    this.zoomLimits = [min, max];
  }
  setZoomFactor(factor: number): void {
    this.zoomFactor = factor;
  }
  reload(): void {
    this.reloads++;
  }
  forcefullyCrashRenderer(): void {
    this.crashes++;
  }
  getURL(): string {
    return this.url;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }

  /**
   * A page asks for HTTP authentication, as Chromium's login handler does: "The default behavior
   * is to cancel all authentications. To override this you should prevent the default behavior
   * with event.preventDefault() and call callback(username, password)"; "If callback is called
   * without a username or password, the authentication request will be cancelled" (docs/api/app.md,
   * Event: 'login'; the webContents event is forwarded to it). Prevented and never answered, the
   * request waits: 'pending'.
   */
  requestLogin(url = 'https://evil.example/'): 'cancelled' | 'credentials' | 'pending' {
    let answer: 'cancelled' | 'credentials' | 'pending' = 'pending';
    const event = preventable();
    this.emit('login', event, { url }, { isProxy: false, scheme: 'basic', host: new URL(url).host, port: 443, realm: 'x' }, (username, password) => {
      answer = username !== undefined && password !== undefined ? 'credentials' : 'cancelled';
    });
    return event.prevented ? answer : 'cancelled';
  }

  /**
   * A server asks for a client certificate. Unprevented, Electron picks the first one from the
   * platform store by itself; prevented, `callback()` with nothing continues without one
   * (shell/browser/api/electron_api_app.cc, App::SelectClientCertificate; docs/api/app.md, Event:
   * 'select-client-certificate'). Prevented and never answered, the TLS handshake waits: 'pending'.
   */
  requestClientCertificate(certificates: unknown[] = [{ subjectName: 'officer' }]): 'first-certificate' | 'chosen' | 'none' | 'pending' {
    let answer: 'chosen' | 'none' | 'pending' = 'pending';
    const event = preventable();
    this.emit('select-client-certificate', event, 'evil.example:443', certificates, (certificate) => {
      answer = certificate === undefined || certificate === null ? 'none' : 'chosen';
    });
    return event.prevented ? answer : 'first-certificate';
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export class FakeApp implements AppLike {
  readonly emitter = new EventEmitter();
  readonly switches: Array<[string, string | undefined]> = [];
  isPackaged = true;
  lockAvailable = true;
  /** Where the binary runs from; `runFromAppImage` moves it into an AppImage mount. */
  execPath = '/opt/Tongban/tongban-kiosk';
  argv: string[] = [this.execPath, '--ozone-platform=wayland'];
  /** Folders that disappear when this process exits (an AppImage's mount). */
  private readonly goneAtExit: string[] = [];
  /** Each `app.relaunch`: the command line it will start, and whether that still exists then. */
  readonly relaunched: Array<{ argv: string[]; comesBack: boolean }> = [];
  exitCode: number | null = null;
  readonly commandLine = { appendSwitch: (name: string, value?: string) => void this.switches.push([name, value]) };
  private readyNow = false;
  private readonly readyWaiters: Array<() => void> = [];
  /** Chromium's start-up is done: `whenReady()` settles (the test decides when). */
  markReady(): void {
    this.readyNow = true;
    for (const resolve of this.readyWaiters.splice(0)) resolve();
  }
  isReady(): boolean {
    return this.readyNow;
  }
  whenReady(): Promise<void> {
    return this.readyNow ? Promise.resolve() : new Promise((resolve) => this.readyWaiters.push(resolve));
  }
  on<K extends keyof AppEvents>(event: K, listener: AppEvents[K]): void {
    this.emitter.on(event, listener as (...args: unknown[]) => void);
  }
  emit<K extends keyof AppEvents>(event: K, ...args: Parameters<AppEvents[K]>): void {
    this.emitter.emit(event, ...args);
  }
  requestSingleInstanceLock(): boolean {
    return this.lockAvailable;
  }
  /**
   * The AppImage runtime mounts the image at /tmp/.mount_<name><random>, runs the binary from
   * there, sets APPIMAGE to the image file, and unmounts when the app exits.
   */
  runFromAppImage(mount = '/tmp/.mount_TongbaX1y2Z3'): void {
    this.execPath = `${mount}/tongban-kiosk`;
    this.argv = [this.execPath, ...this.argv.slice(1)];
    this.goneAtExit.push(`${mount}/`);
  }

  /**
   * docs/api/app.md, `app.relaunch([options])`, as App::Relaunch implements it
   * (shell/browser/api/electron_api_app.cc): without execPath and args the current command line
   * is started again; with either, exactly [execPath or the current executable, ...args].
   * The new instance starts after this one exits, so a path that vanishes then never comes back.
   */
  relaunch(options?: { args?: string[]; execPath?: string }): void {
    const override = options?.execPath !== undefined || options?.args !== undefined;
    const argv = override ? [options?.execPath ?? this.execPath, ...(options?.args ?? [])] : [...this.argv];
    const executable = argv[0] ?? '';
    this.relaunched.push({ argv, comesBack: !this.goneAtExit.some((folder) => executable.startsWith(folder)) });
  }
  exit(code = 0): void {
    this.exitCode = code;
  }
  quit(): void {
    this.exitCode = 0;
  }
  getAppPath(): string {
    return '/opt/Tongban/resources/app.asar';
  }
}

export interface LogLine {
  readonly level: 'info' | 'warn' | 'error';
  readonly message: string;
  readonly details: object;
}

export function recordingLog(): ShellLog & { lines: LogLine[]; messages(level?: LogLine['level']): string[] } {
  const lines: LogLine[] = [];
  return {
    lines,
    info: (details, message) => void lines.push({ level: 'info', message, details }),
    warn: (details, message) => void lines.push({ level: 'warn', message, details }),
    error: (details, message) => void lines.push({ level: 'error', message, details }),
    messages: (level) => lines.filter((line) => !level || line.level === level).map((line) => line.message),
  };
}
