/**
 * The slice of Electron's API the shell uses, declared here because the `electron` package (and
 * its types) is optional: it is absent where its binary cannot be downloaded. Tests pass a fake
 * that implements the same slice. Names and shapes follow Electron 41's documentation; only what
 * the shell calls is declared, so a fake stays small.
 */

/** An Electron event whose default action a handler may cancel. */
export interface PreventableEvent {
  preventDefault(): void;
}

export interface FrameLike {
  readonly url: string;
}

export interface IpcMainInvokeEventLike {
  readonly senderFrame: FrameLike | null;
  readonly sender: WebContentsLike;
}

export interface WebContentsLike {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

/** What `before-input-event` reports of a key press (a subset of Electron's `Input`). */
export interface KeyInput {
  readonly type: string;
  readonly key: string;
  readonly code?: string;
  readonly control: boolean;
  readonly shift: boolean;
  readonly alt: boolean;
  readonly meta: boolean;
}

export interface RenderProcessGoneDetails {
  readonly reason: string;
  readonly exitCode?: number;
}

/** `app`'s `child-process-gone` details (docs/api/app.md); see child-process.ts for the names. */
export interface ChildProcessGoneDetails {
  readonly type: string;
  readonly reason: string;
  readonly exitCode?: number;
  /** The non-localized name, e.g. "network.mojom.NetworkService". */
  readonly serviceName?: string;
  /** The display name, e.g. "Network Service", or the fork option `serviceName` for ours. */
  readonly name?: string;
}

/** The events the shell listens to on a page, each with its listener's signature. */
export interface WebContentsEvents {
  'will-navigate': (event: PreventableEvent, url: string) => void;
  'will-frame-navigate': (event: PreventableEvent & { readonly url: string; readonly isMainFrame: boolean }) => void;
  'will-redirect': (event: PreventableEvent, url: string) => void;
  'will-attach-webview': (event: PreventableEvent, webPreferences: Record<string, unknown>, params: Record<string, unknown>) => void;
  'will-prevent-unload': (event: PreventableEvent) => void;
  'before-input-event': (event: PreventableEvent, input: KeyInput) => void;
  'render-process-gone': (event: unknown, details: RenderProcessGoneDetails) => void;
  unresponsive: () => void;
  responsive: () => void;
  'did-finish-load': () => void;
  'did-fail-load': (event: unknown, errorCode: number, errorDescription: string, validatedURL: string, isMainFrame: boolean) => void;
  'zoom-changed': (event: PreventableEvent, direction: string) => void;
  'select-bluetooth-device': (event: PreventableEvent, devices: unknown[], callback: (deviceId: string) => void) => void;
  /** HTTP auth: `callback()` with no credentials cancels the request (docs/api/app.md, 'login'). */
  login: (event: PreventableEvent, details: { readonly url: string }, authInfo: unknown, callback: (username?: string, password?: string) => void) => void;
  /** Unprevented, Chromium picks the first certificate itself; `callback()` continues without one. */
  'select-client-certificate': (event: PreventableEvent, url: string, certificateList: unknown[], callback: (certificate?: unknown) => void) => void;
}

export type WindowOpenHandler = (details: { readonly url: string }) => { action: 'deny' } | { action: 'allow' };

/** A page's WebContents with what the lockdown and recovery modules need. */
export interface KioskWebContents extends WebContentsLike {
  on<K extends keyof WebContentsEvents>(event: K, listener: WebContentsEvents[K]): void;
  setWindowOpenHandler(handler: WindowOpenHandler): void;
  setVisualZoomLevelLimits(minimumLevel: number, maximumLevel: number): Promise<void>;
  setZoomFactor(factor: number): void;
  reload(): void;
  forcefullyCrashRenderer(): void;
  getURL(): string;
  readonly session: SessionLike;
}

export interface WindowEvents {
  unresponsive: () => void;
  responsive: () => void;
  closed: () => void;
}

export interface BrowserWindowLike {
  readonly webContents: KioskWebContents;
  loadURL(url: string): Promise<void>;
  on<K extends keyof WindowEvents>(event: K, listener: WindowEvents[K]): void;
  isDestroyed(): boolean;
  destroy(): void;
  show(): void;
  focus(): void;
}

export type BrowserWindowConstructor = new (options: Record<string, unknown>) => BrowserWindowLike;

export interface DownloadItemLike {
  cancel(): void;
  getURL(): string;
}

export interface PermissionDetails {
  readonly requestingUrl?: string;
  readonly mediaTypes?: readonly string[];
  readonly isMainFrame?: boolean;
}

export type PermissionRequestHandler = (
  webContents: WebContentsLike | null,
  permission: string,
  callback: (granted: boolean) => void,
  details: PermissionDetails,
) => void;

export type PermissionCheckHandler = (
  webContents: WebContentsLike | null,
  permission: string,
  requestingOrigin: string,
  details: PermissionDetails & { readonly securityOrigin?: string },
) => boolean;

export interface SessionLike {
  on(event: 'will-download', listener: (event: PreventableEvent, item: DownloadItemLike, webContents: WebContentsLike) => void): void;
  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void;
  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void;
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void;
}

export interface PrivilegedScheme {
  readonly scheme: string;
  readonly privileges: {
    readonly standard?: boolean;
    readonly secure?: boolean;
    readonly supportFetchAPI?: boolean;
    readonly corsEnabled?: boolean;
    readonly bypassCSP?: boolean;
    readonly allowServiceWorkers?: boolean;
    readonly stream?: boolean;
    readonly codeCache?: boolean;
  };
}

export interface ProtocolLike {
  registerSchemesAsPrivileged(schemes: readonly PrivilegedScheme[]): void;
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
}

export interface AppEvents {
  'second-instance': () => void;
  'window-all-closed': () => void;
  'child-process-gone': (event: unknown, details: ChildProcessGoneDetails) => void;
  'web-contents-created': (event: unknown, contents: KioskWebContents) => void;
  'before-quit': (event: PreventableEvent) => void;
}

export interface AppLike {
  readonly isPackaged: boolean;
  whenReady(): Promise<void>;
  on<K extends keyof AppEvents>(event: K, listener: AppEvents[K]): void;
  requestSingleInstanceLock(): boolean;
  relaunch(options?: { args?: string[]; execPath?: string }): void;
  exit(code?: number): void;
  quit(): void;
  getAppPath(): string;
  readonly commandLine: { appendSwitch(name: string, value?: string): void };
}

export interface MenuLike {
  setApplicationMenu(menu: null): void;
}

export interface PowerSaveBlockerLike {
  start(type: 'prevent-app-suspension' | 'prevent-display-sleep'): number;
  isStarted(id: number): boolean;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEventLike, ...args: unknown[]) => Promise<unknown> | unknown): void;
  removeHandler(channel: string): void;
}

/** A process started with `utilityProcess.fork`: plain Node inside Electron's runtime. */
export interface UtilityProcessLike {
  readonly pid: number | undefined;
  on(event: 'message', listener: (message: unknown) => void): void;
  on(event: 'exit', listener: (code: number) => void): void;
  on(event: 'spawn', listener: () => void): void;
  /** A fatal V8 error; `exit` follows. `type` is "FatalError"; `report` a Node diagnostic report. */
  on(event: 'error', listener: (type: string, location: string, report: string) => void): void;
  postMessage(message: unknown): void;
  kill(): boolean;
  readonly stdout: NodeJS.ReadableStream | null;
  readonly stderr: NodeJS.ReadableStream | null;
}

export interface UtilityProcessModule {
  fork(modulePath: string, args?: string[], options?: { serviceName?: string; stdio?: 'pipe' | 'inherit' | 'ignore'; env?: NodeJS.ProcessEnv }): UtilityProcessLike;
}

/** Everything main.ts takes from `require('electron')`. */
export interface ElectronMain {
  readonly app: AppLike;
  readonly BrowserWindow: BrowserWindowConstructor;
  readonly ipcMain: IpcMainLike;
  readonly protocol: ProtocolLike;
  readonly session: { readonly defaultSession: SessionLike };
  readonly Menu: MenuLike;
  readonly powerSaveBlocker: PowerSaveBlockerLike;
  readonly utilityProcess: UtilityProcessModule;
}

export interface ContextBridgeLike {
  exposeInMainWorld(key: string, api: unknown): void;
}

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): void;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): void;
}
