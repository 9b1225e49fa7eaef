/**
 * The Electron shell: a locked-down kiosk window onto the host's UI, and the IPC relay to the
 * host. No device, storage or flow logic lives here.
 */
import { join } from 'node:path';
import type { BrowserWindowLike, IpcMainLike } from './electron-types';
import { connectHostLink } from './host-link';
import { registerIpcBridge } from './ipc-bridge';

interface ElectronMain {
  readonly app: { whenReady(): Promise<void>; on(event: string, listener: (...args: never[]) => void): void; quit(): void };
  readonly BrowserWindow: new (options: Record<string, unknown>) => BrowserWindowLike;
  readonly ipcMain: IpcMainLike;
}

const electron = require('electron') as ElectronMain;
const origin = process.env.TONGBAN_HOST_ORIGIN ?? '';
const token = process.env.TONGBAN_HOST_TOKEN ?? '';

if (!origin || !token) {
  process.stderr.write('tongban shell: TONGBAN_HOST_ORIGIN and TONGBAN_HOST_TOKEN must be set (start the kiosk with npm start)\n');
  electron.app.quit();
} else {
  const windows: BrowserWindowLike[] = [];
  registerIpcBridge(electron.ipcMain, connectHostLink(origin, token), origin, () =>
    windows.filter((w) => !w.isDestroyed()).map((w) => w.webContents),
  );
  void electron.app.whenReady().then(() => {
    const window = new electron.BrowserWindow({
      kiosk: true,
      fullscreen: true,
      autoHideMenuBar: true,
      backgroundColor: '#f3f6fb',
      webPreferences: {
        preload: join(__dirname, 'preload.cjs'),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        devTools: false,
      },
    });
    windows.push(window);
    window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
    window.webContents.on('will-navigate', (event: { preventDefault(): void }) => event.preventDefault());
    void window.loadURL(`${origin}/`);
  });
  electron.app.on('window-all-closed', () => electron.app.quit());
}
