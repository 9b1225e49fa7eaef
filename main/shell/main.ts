/**
 * The Electron shell: a locked-down kiosk window onto the renderer, the IPC relay to the host,
 * and the recovery that keeps the window up. No device, storage or flow logic lives here; each
 * concern is a module taking the Electron objects it needs, wired together below.
 */
import { join } from 'node:path';
import { lockDownApp, lockDownReadyApp } from './app-guard';
import { systemClock } from '../../drivers/common/clock';
import { dailyRestartFromEnv, scheduleDailyRestart } from './daily-restart';
import type { BrowserWindowLike, ElectronMain } from './electron-types';
import { createHeartbeatWatchdog } from './heartbeat-watchdog';
import { connectHostLink, type HostEndpoint } from './host-link';
import { type HostSupervisor, superviseHostProcess } from './host-process';
import { registerIpcBridge } from './ipc-bridge';
import { KIOSK_ORIGIN, KIOSK_URL } from './kiosk-origin';
import { registerKioskScheme, serveKioskProtocol } from './kiosk-protocol';
import { lockDownSession } from './session-guard';
import { devToolsAllowed, externalHost, restartStrategy } from './shell-settings';
import type { ShellLog } from './shell-log';
import { createKioskWindow } from './window-options';
import { createWindowRecovery } from './window-recovery';

const electron = require('electron') as ElectronMain;
const { app } = electron;
const env = process.env;

// One JSON line per event on stderr, which journald keeps next to the host's lines.
const log: ShellLog = {
  info: (details, message) => process.stderr.write(`${JSON.stringify({ level: 'info', part: 'shell', msg: message, ...details, time: Date.now() })}\n`),
  warn: (details, message) => process.stderr.write(`${JSON.stringify({ level: 'warn', part: 'shell', msg: message, ...details, time: Date.now() })}\n`),
  error: (details, message) => process.stderr.write(`${JSON.stringify({ level: 'error', part: 'shell', msg: message, ...details, time: Date.now() })}\n`),
};

// Scheme privileges must be registered before the app is ready.
registerKioskScheme(electron.protocol);

let window: BrowserWindowLike | null = null;
const liveWindow = (): BrowserWindowLike | null => (window && !window.isDestroyed() ? window : null);

if (!lockDownApp(app, log, () => liveWindow()?.focus())) {
  app.exit(0);
} else {
  const external = externalHost(env);
  let endpoint: HostEndpoint | null = external;
  let host: HostSupervisor | null = null;
  const link = connectHostLink(() => endpoint);

  const recovery = createWindowRecovery(
    {
      reload: () => liveWindow()?.webContents.reload(),
      restartHungRenderer: () => {
        const contents = liveWindow()?.webContents;
        if (!contents) return;
        contents.forcefullyCrashRenderer();
        contents.reload();
      },
      relaunch: () => {
        const old = window;
        window = createWindow();
        old?.destroy();
      },
    },
    systemClock,
    log,
  );
  const watchdog = createHeartbeatWatchdog(systemClock, { timeoutMs: 20_000, checkEveryMs: 5_000 }, (silentForMs) =>
    recovery.heartbeatStopped(silentForMs),
  );

  registerIpcBridge(
    electron.ipcMain,
    link,
    KIOSK_ORIGIN,
    () => {
      const live = liveWindow();
      return live ? [live.webContents] : [];
    },
    (command) => {
      if (command === 'heartbeat') watchdog.beat();
    },
  );

  const createWindow = (): BrowserWindowLike => {
    const created = createKioskWindow(electron.BrowserWindow, { preload: join(__dirname, 'preload.cjs'), devTools: devToolsAllowed(app.isPackaged, env) });
    const contents = created.webContents;
    contents.on('render-process-gone', (_event, details) => recovery.renderProcessGone(details));
    contents.on('did-fail-load', (_event, code, description, _url, isMainFrame) => {
      if (isMainFrame) recovery.loadFailed(code, description);
    });
    contents.on('did-finish-load', () => watchdog.restart());
    created.on('unresponsive', () => recovery.unresponsive());
    created.on('responsive', () => recovery.responsive());
    created.on('ready-to-show', () => created.show());
    void created.loadURL(KIOSK_URL).catch(() => undefined);
    return created;
  };

  const stopAll = async () => {
    recovery.stop();
    watchdog.stop();
    await host?.stop();
  };

  const isIdle = async (): Promise<boolean> => {
    const answer = await link.request({ kind: 'request', id: 0, command: 'getSession', args: {} });
    return answer.ok && (answer.result as { step?: unknown } | null)?.step === 'idle';
  };

  app.on('child-process-gone', (_event, details) => recovery.childProcessGone(details));
  app.on('window-all-closed', () => app.quit());
  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting || !host) return;
    // Let the host finish its journal writes before the process goes.
    event.preventDefault();
    quitting = true;
    void stopAll().finally(() => app.exit(0));
  });

  void app.whenReady().then(() => {
    lockDownSession(electron.session.defaultSession, log);
    lockDownReadyApp(electron.Menu, electron.powerSaveBlocker);
    serveKioskProtocol(electron.protocol, join(__dirname, '..', 'renderer'));
    if (!external) {
      host = superviseHostProcess({
        utilityProcess: electron.utilityProcess,
        entry: join(__dirname, '..', 'host', 'host.cjs'),
        env: { ...env },
        clock: systemClock,
        log,
        onReady: (ready) => {
          endpoint = ready;
          link.reconnect?.();
        },
      });
    }
    window = createWindow();
    const daily = dailyRestartFromEnv(env);
    if (daily) {
      scheduleDailyRestart(systemClock, daily, isIdle, () => {
        quitting = true;
        void stopAll().finally(() => {
          if (restartStrategy(env) === 'relaunch') app.relaunch();
          app.exit(0);
        });
      }, log);
    }
    log.info({ host: external ? 'external (npm start)' : 'utility process', packaged: app.isPackaged }, 'kiosk shell started');
  });
}
