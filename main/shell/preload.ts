/**
 * The preload: the only bridge from the sandboxed page to the kiosk, and a deliberately small
 * one: send a request envelope, receive event envelopes. Validation happens in the main process.
 */
import type { ContextBridgeLike, IpcRendererLike } from './electron-types';

const { contextBridge, ipcRenderer } = require('electron') as { contextBridge: ContextBridgeLike; ipcRenderer: IpcRendererLike };

contextBridge.exposeInMainWorld('tongban', {
  request: (message: unknown) => ipcRenderer.invoke('tongban:request', message),
  onEvent: (listener: (message: unknown) => void) => {
    const relay = (_event: unknown, message: unknown) => listener(message);
    ipcRenderer.on('tongban:event', relay);
    return () => ipcRenderer.removeListener('tongban:event', relay);
  },
});
