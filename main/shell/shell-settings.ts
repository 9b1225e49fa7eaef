/**
 * The few knobs of the shell, read from its environment (the systemd unit sets them, see
 * docs/deploy.md). Pure functions of `env`, so each is tested without Electron.
 */

/** Where the host runs: given by `npm start` (development), or a utility process of our own. */
export function externalHost(env: NodeJS.ProcessEnv): { origin: string; token: string } | null {
  const origin = env.TONGBAN_HOST_ORIGIN;
  const token = env.TONGBAN_HOST_TOKEN;
  return origin && token ? { origin, token } : null;
}

/**
 * How a restart happens. Under systemd (INVOCATION_ID is set for every service process) or under
 * `npm start`'s launcher, exiting is enough: the supervisor starts us again, and a relaunched
 * child would race it. Started by hand, the shell relaunches itself.
 */
export function restartStrategy(env: NodeJS.ProcessEnv): 'exit' | 'relaunch' {
  return env.INVOCATION_ID || externalHost(env) ? 'exit' : 'relaunch';
}

/** Developer tools exist only in an unpackaged shell, and only when asked for. */
export function devToolsAllowed(isPackaged: boolean, env: NodeJS.ProcessEnv): boolean {
  return !isPackaged && env.TONGBAN_DEVTOOLS === '1';
}

/**
 * What `app.relaunch` is given to start this shell again, or nothing to repeat the current
 * command line. Inside an AppImage, process.execPath lies in the image's mount (/tmp/.mount_*),
 * which disappears when this process exits, so the relaunch would start nothing: it must run the
 * AppImage file itself, which the AppImage runtime names in APPIMAGE. Once execPath is given,
 * Electron starts exactly execPath + args (App::Relaunch in shell/browser/api/electron_api_app.cc),
 * so the arguments (--ozone-platform=wayland, ...) are passed along explicitly.
 */
export function relaunchOptions(env: NodeJS.ProcessEnv, argv: readonly string[]): { execPath: string; args: string[] } | undefined {
  const appImage = env.APPIMAGE;
  return appImage ? { execPath: appImage, args: argv.slice(1) } : undefined;
}

/**
 * The video Chromium's fake camera plays, which `npm start` names in simulator mode only. A
 * packaged shell never takes one: a fake camera would let a video pass the liveness check.
 */
export function fakeCameraFile(isPackaged: boolean, env: NodeJS.ProcessEnv): string | null {
  return !isPackaged && env.TONGBAN_FAKE_CAMERA ? env.TONGBAN_FAKE_CAMERA : null;
}

/**
 * Chromium's switches for the fake camera (`--use-fake-device-for-media-stream`,
 * `--use-file-for-fake-video-capture=<y4m>`), as [name, value] pairs for
 * `app.commandLine.appendSwitch`; none without a fake camera file. No
 * `--use-fake-ui-for-media-stream`: the session's permission handler (session-guard.ts) grants
 * the camera to the kiosk page only, video only, as in production.
 */
export function fakeCameraSwitches(isPackaged: boolean, env: NodeJS.ProcessEnv): Array<readonly [string, string?]> {
  const file = fakeCameraFile(isPackaged, env);
  return file ? [['use-fake-device-for-media-stream'], ['use-file-for-fake-video-capture', file]] : [];
}
