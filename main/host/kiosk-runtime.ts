import { existsSync } from 'node:fs';
import { ConfigError, resolveDataDir } from '../../kiosk-config/load';
import { candidatesFromList } from '../../kiosk-config/probe/candidates';
import type { ApiDispatcher } from './api/dispatcher';
import { type Host, startHost } from './host';
import type { Logger } from './log';
import { outOfServiceHost } from './out-of-service-host';
import { firstBootHost } from './provisioning/first-boot-host';
import { KeyFileError } from './store/key-files';
import { SealingKeyMissingError } from './store/key-registry';
import { StorageError } from './store/storage-health';
import { startPhase } from './start-timing';

/**
 * Reasons the host cannot run that a person must mend on the terminal (configuration, a lost or
 * damaged key, a journal that is no database): the kiosk then stays out of service and says why,
 * instead of crashing and being restarted in a loop behind a blank screen.
 */
const mustBeMended = (error: unknown): error is Error =>
  error instanceof ConfigError || error instanceof SealingKeyMissingError || error instanceof KeyFileError || error instanceof StorageError;
import { type SimulatorTools, startSimulatorTools } from './simulator-tools';
import { startUiServer, type UiServer } from './ui-server';

export interface KioskRuntimeOptions {
  readonly rendererDir: string;
  /** Loopback port of the UI server (else the configuration's; 0 picks a free one, kept across restarts). */
  readonly port?: number;
  readonly log: Logger;
  /** The packaged app: no configuration file means out of service, never simulators. */
  readonly requireConfigFile?: boolean;
  /** `npm start`: in simulator mode, a cooperative simulated citizen and the technician panel. */
  readonly simulatorTools?: boolean;
  /** A problem a person must mend (configuration, keys, journal), in words for the console (it is logged too). */
  readonly onProblem?: (message: string) => void;
}

export interface KioskRuntime {
  /** The URL a kiosk window opens (with the token), the same across restarts. */
  readonly url: string;
  readonly token: string;
  /** The running host; null while the kiosk is out of service for its configuration. */
  readonly host: Host | null;
  /** The technician panel's URL while simulator tools run (see simulator-tools.ts). */
  readonly panelUrl: string | null;
  /** The screen API being served now (the host's, or the out-of-service one). */
  readonly api: ApiDispatcher;
  /** Restarts the host in place (central's `restart` / `reload-config`); the window reconnects. */
  restart(why: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The kiosk as `npm start` and the packaged shell's host process run it: the host and the UI
 * server that carries its API. A configuration that does not load, or a lost key, leaves the
 * kiosk out of service (the screen says so, the log says why) instead of serving or crashing. Central's
 * `restart` and `reload-config` restart the host here, keeping the UI server's port and token so
 * the open window reconnects by itself.
 */
export async function runKiosk(options: KioskRuntimeOptions): Promise<KioskRuntime> {
  let host: Host | null = null;
  let served: { readonly api: ApiDispatcher; readonly log: Logger } | undefined;
  let ui: UiServer | undefined;
  let tools: SimulatorTools | null = null;
  let port = options.port;
  let token: string | undefined;
  let restarting: Promise<void> | undefined;

  const bringUp = async () => {
    try {
      host = await startHost({
        log: options.log,
        requireConfigFile: options.requireConfigFile,
        onRestartRequested: (why) => void runtime.restart(why),
        // The screen is served before the devices first answer; it offers them when they do.
        probeDevicesInBackground: true,
      });
      served = host;
    } catch (error) {
      if (!mustBeMended(error)) throw error;
      options.onProblem?.(error.message);
      host = null;
      // No configuration at all (not a wrong one): the first-boot screen provisions the terminal.
      served = isMissingConfig(error) ? firstBootHost(firstBootOptions(options.log, () => void runtime.restart('provisioned'))) : outOfServiceHost(error.message, options.log);
    }
    if (host && options.simulatorTools) tools = await startSimulatorTools(host);
    startPhase('runtime: simulator tools started');
    port ??= host?.config.ui.port ?? 0;
    ui = await startUiServer(served, options.rendererDir, port, token);
    port = ui.port;
    startPhase('runtime: UI server listening');
    token = ui.token;
  };

  const bringDown = async () => {
    await tools?.close();
    tools = null;
    await ui?.close();
    await host?.stop();
    ui = undefined;
    host = null;
  };

  const runtime: KioskRuntime = {
    get url() {
      return ui?.url ?? '';
    },
    get token() {
      return token ?? '';
    },
    get host() {
      return host;
    },
    get panelUrl() {
      return tools?.panelUrl ?? null;
    },
    get api() {
      if (!served) throw new Error('the kiosk is not running');
      return served.api;
    },
    restart(why) {
      restarting ??= (async () => {
        options.log.warn({ why }, 'restarting the host in place');
        await bringDown();
        await bringUp();
      })().finally(() => {
        restarting = undefined;
      });
      return restarting;
    },
    async stop() {
      await restarting;
      await bringDown();
    },
  };
  await bringUp();
  return runtime;
}

const isMissingConfig = (error: Error): boolean => error instanceof ConfigError && !existsSync(error.file);

/**
 * The first-boot screen's settings, from the environment the package's service sets:
 * `KIOSK_CENTRAL_URL` (where to enrol), and for a bench `KIOSK_PROBE_PORTS` (a comma-separated
 * list: only these ports) or `KIOSK_PROBE_PTS=1` (also /dev/pts, where simulators sit).
 */
function firstBootOptions(log: Logger, onFinished: () => void, env: NodeJS.ProcessEnv = process.env) {
  const candidates = env.KIOSK_PROBE_PORTS ? candidatesFromList(env.KIOSK_PROBE_PORTS) : undefined;
  return {
    log,
    dataDir: resolveDataDir(env),
    centralUrl: env.KIOSK_CENTRAL_URL || null,
    provisionOptions: { env, log, ...(candidates ? { candidates } : { includePts: env.KIOSK_PROBE_PTS === '1' }) },
    onFinished,
  };
}
