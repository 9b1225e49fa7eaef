/**
 * The slice of Electron's API the shell uses, declared here because the `electron` package (and
 * its types) is optional: it is absent where its binary cannot be downloaded. Tests pass a fake
 * that implements the same slice.
 */
export interface IpcMainInvokeEventLike {
  readonly senderFrame: { readonly url: string } | null;
  readonly sender: WebContentsLike;
}

export interface WebContentsLike {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEventLike, ...args: unknown[]) => Promise<unknown> | unknown): void;
  removeHandler(channel: string): void;
}

export interface BrowserWindowLike {
  readonly webContents: WebContentsLike & {
    on(event: string, listener: (...args: never[]) => void): void;
    setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' | 'allow' }): void;
    reload(): void;
  };
  loadURL(url: string): Promise<void>;
  on(event: string, listener: (...args: never[]) => void): void;
  isDestroyed(): boolean;
}

export interface ContextBridgeLike {
  exposeInMainWorld(key: string, api: unknown): void;
}

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): void;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): void;
}
