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
