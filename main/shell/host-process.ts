import { z } from 'zod';
import type { Clock, TimerHandle } from '../../drivers/common/clock';
import { HOST_SERVICE_NAME } from './child-process';
import type { UtilityProcessLike, UtilityProcessModule } from './electron-types';
import type { HostEndpoint } from './host-link';
import type { ShellLog } from './shell-log';

/** What the host process tells the shell once it listens (see host-announce.ts). */
export const HostReadyMessage = z
  .object({
    kind: z.literal('host-ready'),
    origin: z.string().regex(/^http:\/\/127\.0\.0\.1:\d{1,5}$/),
    token: z.string().min(16).max(128),
  })
  .strict();
export type HostReadyMessage = z.infer<typeof HostReadyMessage>;

export const HOST_STOP_MESSAGE = { kind: 'stop' } as const;

export interface HostSupervisorOptions {
  readonly utilityProcess: UtilityProcessModule;
  /** The bundled host entry (dist/host/host.cjs). */
  readonly entry: string;
  readonly env: NodeJS.ProcessEnv;
  readonly clock: Clock;
  readonly log: ShellLog;
  /** Called each time a (re)started host is listening. */
  readonly onReady: (endpoint: HostEndpoint) => void;
  readonly backoff?: { readonly initialMs: number; readonly maxMs: number };
  /** A host that lived this long before dying restarts at once (it was not a start-up failure). */
  readonly stableAfterMs?: number;
}

export interface HostSupervisor {
  endpoint(): HostEndpoint | null;
  /** Asks the host to finish its work and exit; kills it if it has not after `timeoutMs`. */
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * The packaged kiosk runs the host as an Electron utility process: plain Node semantics in its
 * own process, so a renderer crash or a window relaunch never touches sessions or the journal,
 * and a host crash is restarted (with a growing pause while it keeps failing at start-up).
 */
export function superviseHostProcess(options: HostSupervisorOptions): HostSupervisor {
  const backoff = options.backoff ?? { initialMs: 1_000, maxMs: 60_000 };
  const stableAfterMs = options.stableAfterMs ?? 60_000;
  let child: UtilityProcessLike | null = null;
  let current: HostEndpoint | null = null;
  let delayMs = backoff.initialMs;
  let stopping = false;
  let restartTimer: TimerHandle | null = null;
  let exited: (() => void) | null = null;

  const start = () => {
    restartTimer = null;
    if (stopping) return;
    const startedAt = options.clock.now();
    const process = options.utilityProcess.fork(options.entry, [], { serviceName: HOST_SERVICE_NAME, stdio: 'inherit', env: options.env });
    child = process;
    // The pid exists only once Chromium has launched the process (docs/api/utility-process.md:
    // "Until the child process has spawned successfully, the value is `undefined`").
    process.on('spawn', () => options.log.info({ pid: process.pid }, 'host process started'));
    // A fatal V8 error (out of memory, say). `exit` follows whether or not anyone listens, and
    // the restart happens there; the listener must exist because UtilityProcess is an
    // EventEmitter: an `error` with no listener throws in the main process, and Electron shows
    // its modal "A JavaScript error occurred" dialog over the kiosk.
    process.on('error', (type, location) => options.log.error({ type, location }, 'host process hit a fatal error; it will exit and be restarted'));
    process.on('message', (raw: unknown) => {
      const ready = HostReadyMessage.safeParse(raw);
      if (!ready.success) {
        options.log.warn({}, 'host process sent an unexpected message');
        return;
      }
      current = { origin: ready.data.origin, token: ready.data.token };
      options.log.info({ origin: current.origin }, 'host process ready');
      options.onReady(current);
    });
    process.on('exit', (code: number) => {
      child = null;
      current = null;
      if (stopping) {
        options.log.info({ code }, 'host process stopped');
        exited?.();
        return;
      }
      const lived = options.clock.now() - startedAt;
      const stable = lived >= stableAfterMs;
      if (stable) delayMs = backoff.initialMs;
      const wait = stable ? 0 : delayMs;
      if (!stable) delayMs = Math.min(delayMs * 2, backoff.maxMs);
      options.log.error({ code, livedMs: lived, restartInMs: wait }, 'host process exited; restarting it');
      restartTimer = options.clock.setTimeout(start, wait);
    });
  };

  start();
  return {
    endpoint: () => current,
    stop(timeoutMs = 10_000) {
      stopping = true;
      if (restartTimer !== null) options.clock.clearTimeout(restartTimer);
      const running = child;
      if (!running) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const killTimer = options.clock.setTimeout(() => {
          options.log.warn({ timeoutMs }, 'host process did not stop in time; killing it');
          running.kill();
          resolve();
        }, timeoutMs);
        exited = () => {
          options.clock.clearTimeout(killTimer);
          resolve();
        };
        running.postMessage(HOST_STOP_MESSAGE);
      });
    },
  };
}
