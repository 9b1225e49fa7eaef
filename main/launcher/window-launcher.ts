import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Logger } from '../host/log';
import { disableFeaturesArg } from './chromium-features';

export type WindowMode = 'electron' | 'chromium' | 'none';

export interface WindowChoice {
  readonly mode: WindowMode;
  /** The executable for electron or chromium. */
  readonly executable: string | null;
  readonly why: string;
}

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/snap/bin/chromium'];

/**
 * The Electron binary, when the optional `electron` package installed one. Found the way the
 * package itself finds it (dist/ + the name in path.txt), without loading Electron into the host.
 */
export function findElectron(projectRoot: string): string | null {
  try {
    const require = createRequire(join(projectRoot, 'package.json'));
    const packageDir = dirname(require.resolve('electron/package.json'));
    const binary = join(packageDir, 'dist', readFileSync(join(packageDir, 'path.txt'), 'utf8').trim());
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.KIOSK_CHROMIUM && existsSync(env.KIOSK_CHROMIUM)) return env.KIOSK_CHROMIUM;
  return CHROMIUM_CANDIDATES.find((candidate) => existsSync(candidate)) ?? null;
}

/**
 * Electron in kiosk mode when its binary is installed; otherwise the system Chromium in kiosk app
 * mode when there is a display; otherwise no window (the URL is printed). `KIOSK_WINDOW` forces one.
 */
export function chooseWindow(projectRoot: string, env: NodeJS.ProcessEnv = process.env): WindowChoice {
  const forced = env.KIOSK_WINDOW;
  const hasDisplay = Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
  if (forced === 'none') return { mode: 'none', executable: null, why: 'KIOSK_WINDOW=none' };
  const electron = forced === 'chromium' ? null : findElectron(projectRoot);
  if (electron && hasDisplay) return { mode: 'electron', executable: electron, why: 'Electron binary installed' };
  const chromium = forced === 'electron' ? null : findChromium(env);
  if (chromium && hasDisplay) return { mode: 'chromium', executable: chromium, why: 'no Electron binary; system Chromium found' };
  if (!hasDisplay) return { mode: 'none', executable: null, why: 'no display (DISPLAY/WAYLAND_DISPLAY unset)' };
  return { mode: 'none', executable: null, why: 'neither Electron nor Chromium is installed' };
}

/**
 * Chromium's fake camera playing `file` (a y4m scene, simulators/camera/scene-files.ts), granted
 * without asking. Chromium opens the file again at each getUserMedia, so a scene replaced on disk
 * shows from the next camera step. Simulator mode only.
 */
export function fakeCameraArgs(file: string): string[] {
  return ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${file}`];
}

/** Chromium flags of a kiosk app window with no first-run UI and no background traffic. */
export function chromiumKioskArgs(url: string, profileDir: string, isRoot: boolean): string[] {
  return [
    '--kiosk',
    `--app=${url}`,
    `--user-data-dir=${profileDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--noerrdialogs',
    '--disable-infobars',
    '--disable-session-crashed-bubble',
    '--disable-translate',
    disableFeaturesArg(),
    '--disable-pinch',
    '--overscroll-history-navigation=0',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--password-store=basic',
    '--autoplay-policy=no-user-gesture-required',
    '--use-fake-ui-for-media-stream',
    ...(isRoot ? ['--no-sandbox'] : []),
  ];
}

export interface RunningWindow {
  stop(): void;
}

/**
 * Starts the kiosk window and keeps it up: a window that exits or crashes is started again, with
 * a growing pause so that a window that cannot start does not spin.
 */
export function launchWindow(
  choice: WindowChoice,
  options: { url: string; dataDir: string; projectRoot: string; env?: NodeJS.ProcessEnv; log: Logger; token: string; fakeCamera?: string },
): RunningWindow {
  if (choice.mode === 'none' || !choice.executable) return { stop() {} };
  let child: ChildProcess | undefined;
  let stopped = false;
  let delay = 1000;
  const start = () => {
    const startedAt = Date.now();
    if (choice.mode === 'chromium') {
      const profile = join(options.dataDir, 'chromium-profile');
      mkdirSync(profile, { recursive: true });
      const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
      const camera = options.fakeCamera ? fakeCameraArgs(options.fakeCamera) : [];
      child = spawn(choice.executable!, [...chromiumKioskArgs(options.url, profile, isRoot), ...camera], { stdio: 'ignore' });
    } else {
      const shell = join(options.projectRoot, 'dist', 'shell', 'main.cjs');
      const hostUrl = new URL(options.url);
      child = spawn(choice.executable!, [shell], {
        stdio: 'inherit',
        env: {
          ...(options.env ?? process.env),
          TONGBAN_HOST_ORIGIN: hostUrl.origin,
          TONGBAN_HOST_TOKEN: options.token,
          ...(options.fakeCamera ? { TONGBAN_FAKE_CAMERA: options.fakeCamera } : {}),
        },
      });
    }
    options.log.info({ mode: choice.mode, pid: child.pid }, 'kiosk window started');
    child.on('error', (error) => options.log.error({ err: error }, 'kiosk window could not start'));
    child.on('exit', (code, signal) => {
      if (stopped) return;
      // A window that lived a while gets a quick restart; one that dies at once backs off.
      delay = Date.now() - startedAt > 60_000 ? 1000 : Math.min(delay * 2, 60_000);
      options.log.warn({ code, signal, restartInMs: delay }, 'kiosk window exited; restarting');
      setTimeout(() => !stopped && start(), delay).unref();
    });
  };
  start();
  return {
    stop() {
      stopped = true;
      child?.kill('SIGTERM');
    },
  };
}
