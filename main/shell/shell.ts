/**
 * The Electron shell: a locked-down kiosk window onto the renderer, the IPC relay to the host,
 * and the recovery that keeps the window up. No device, storage or flow logic lives here; each
 * concern is a module taking the Electron objects it needs, wired together below. main.ts passes
 * the real `electron`; tests pass a fake.
 */
import { join } from 'node:path';
import type { Clock } from '../../drivers/common/clock';
import { findCameraAssets } from '../host/camera/model-files';
import { lockDownApp, lockDownReadyApp } from './app-guard';
import { dailyRestartFromEnv, scheduleDailyRestart } from './daily-restart';
import type { BrowserWindowLike, ElectronMain } from './electron-types';
import { createHeartbeatWatchdog } from './heartbeat-watchdog';
import { connectHostLink, type HostEndpoint } from './host-link';
import { type HostSupervisor, superviseHostProcess } from './host-process';
import { type HostLink, registerIpcBridge } from './ipc-bridge';
import { KIOSK_ORIGIN, KIOSK_URL } from './kiosk-origin';
import { registerKioskScheme, serveKioskProtocol } from './kiosk-protocol';
import { lockDownSession } from './session-guard';
import type { ShellLog } from './shell-log';
import { devToolsAllowed, externalHost, fakeCameraSwitches, relaunchOptions, restartStrategy } from './shell-settings';
import { createKioskWindow } from './window-options';
import { createWindowRecovery } from './window-recovery';

export interface ShellOptions {
  readonly env: NodeJS.ProcessEnv;
  /** The process's command line (`process.argv`). */
  readonly argv: readonly string[];
  /** The bundled shell's folder (dist/shell): the preload is here, renderer and host beside it. */
  readonly baseDir: string;
  readonly clock: Clock;
  readonly log: ShellLog;
  /** How the shell reaches the host's API socket; the loopback WebSocket unless a test says otherwise. */
  readonly connectHost?: (endpoint: () => HostEndpoint | null) => HostLink;
}

export interface RunningShell {
  /** The kiosk window while it exists. */
  window(): BrowserWindowLike | null;
  /** Settles once the app is ready and the window, host and daily restart are set up (or the start failed and the app exits). */
  readonly started: Promise<void>;
}

/** Starts the shell; null when another shell already runs (this one then exits). */
export function startShell(electron: ElectronMain, options: ShellOptions): RunningShell | null {
  const { app } = electron;
  const { env, clock, log } = options;

  // Scheme privileges must be registered before the app is ready.
  registerKioskScheme(electron.protocol);
  // Simulator mode under `npm start`: Chromium's fake camera plays the simulator's scene.
  for (const [name, value] of fakeCameraSwitches(app.isPackaged, env)) app.commandLine.appendSwitch(name, value);

  let window: BrowserWindowLike | null = null;
  const liveWindow = (): BrowserWindowLike | null => (window && !window.isDestroyed() ? window : null);

  if (!lockDownApp(app, log, () => liveWindow()?.focus())) {
    app.exit(0);
    return null;
  }

  const external = externalHost(env);
  let endpoint: HostEndpoint | null = external;
  let host: HostSupervisor | null = null;
  const link = (options.connectHost ?? connectHostLink)(() => endpoint);

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
    clock,
    log,
  );
  const watchdog = createHeartbeatWatchdog(clock, { timeoutMs: 20_000, checkEveryMs: 5_000 }, (silentForMs) => recovery.heartbeatStopped(silentForMs));

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
    const created = createKioskWindow(electron.BrowserWindow, { preload: join(options.baseDir, 'preload.cjs'), devTools: devToolsAllowed(app.isPackaged, env) });
    const contents = created.webContents;
    contents.on('render-process-gone', (_event, details) => recovery.renderProcessGone(details));
    contents.on('did-fail-load', (_event, code, description, _url, isMainFrame) => {
      if (isMainFrame) recovery.loadFailed(code, description);
    });
    contents.on('did-finish-load', () => watchdog.restart());
    created.on('unresponsive', () => recovery.unresponsive());
    created.on('responsive', () => recovery.responsive());
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

  const started = app.whenReady().then(() => {
    lockDownSession(electron.session.defaultSession, log);
    lockDownReadyApp(electron.Menu, electron.powerSaveBlocker);
    // The camera step's detector, models and wasm come from the app's own node_modules (dist/shell is two levels down).
    const camera = findCameraAssets(join(options.baseDir, '..', '..', 'package.json'));
    if (camera.problem) log.error({ problem: camera.problem }, 'the camera step cannot load its face models');
    serveKioskProtocol(electron.protocol, join(options.baseDir, '..', 'renderer'), undefined, camera.dirs ?? undefined);
    if (!external) {
      host = superviseHostProcess({
        utilityProcess: electron.utilityProcess,
        entry: join(options.baseDir, '..', 'host', 'host.cjs'),
        env: { ...env },
        clock,
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
      scheduleDailyRestart(
        clock,
        daily,
        isIdle,
        () => {
          quitting = true;
          void stopAll().finally(() => {
            if (restartStrategy(env) === 'relaunch') app.relaunch(relaunchOptions(env, options.argv));
            app.exit(0);
          });
        },
        log,
      );
    }
    log.info({ host: external ? 'external (npm start)' : 'utility process', packaged: app.isPackaged }, 'kiosk shell started');
  }).catch((error: unknown) => {
    // A shell that cannot set itself up exits, so that its supervisor (systemd) starts it again.
    log.error({ error: error instanceof Error ? error.message : String(error) }, 'kiosk shell could not start');
    app.exit(1);
  });

  return { window: liveWindow, started };
}
