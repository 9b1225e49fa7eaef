/**
 * The preload: the only bridge from the sandboxed page to the kiosk, and a deliberately small
 * one: send a request envelope, receive event envelopes. Validation happens in the main process.
 * It also installs the page-side guards (no file drops, no off-origin links), which the main
 * process backs up by refusing the navigations they would cause.
 */
import type { ContextBridgeLike, IpcRendererLike } from './electron-types';
import { KIOSK_ORIGIN, originOf } from './kiosk-origin';
import { type ClickEventLike, type DropEventLike, type EventTargetLike, refuseDragAndDrop, refuseOffOriginLinks } from './page-guard';

const { contextBridge, ipcRenderer } = require('electron') as { contextBridge: ContextBridgeLike; ipcRenderer: IpcRendererLike };

contextBridge.exposeInMainWorld('tongban', {
  request: (message: unknown) => ipcRenderer.invoke('tongban:request', message),
  onEvent: (listener: (message: unknown) => void) => {
    const relay = (_event: unknown, message: unknown) => listener(message);
    ipcRenderer.on('tongban:event', relay);
    return () => ipcRenderer.removeListener('tongban:event', relay);
  },
});

const page = globalThis as unknown as EventTargetLike<DropEventLike & ClickEventLike>;
refuseDragAndDrop(page);
refuseOffOriginLinks(page, KIOSK_ORIGIN, originOf);
