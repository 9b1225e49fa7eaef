/**
 * The host process's side of the conversation with the shell: announce where the API socket
 * listens (origin and per-boot token) over the utility process's parent port, and stop cleanly
 * when the shell asks. Kept apart from host-entry.ts so it is tested without starting a host.
 */
import { HOST_STOP_MESSAGE, type HostReadyMessage } from './host-process';

export interface ParentPortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

export interface HostRunner {
  start(): Promise<{ origin: string; token: string; stop(): Promise<void> }>;
  exit(code: number): void;
}

/** Starts the host, announces it, and stops it when the shell says so. */
export async function serveHostToShell(port: ParentPortLike, runner: HostRunner): Promise<void> {
  const running = await runner.start();
  const ready: HostReadyMessage = { kind: 'host-ready', origin: running.origin, token: running.token };
  port.on('message', (event) => {
    const data = event.data as { kind?: unknown } | null;
    if (data?.kind !== HOST_STOP_MESSAGE.kind) return;
    void running.stop().then(
      () => runner.exit(0),
      () => runner.exit(1),
    );
  });
  port.postMessage(ready);
}

export interface ProcessEventsLike {
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): void;
}

/**
 * An unhandled promise rejection ends the host, as it does under plain Node (`npm start`), whose
 * default is to throw. Since Electron 37 a utility process only prints a warning instead
 * (docs/breaking-changes.md, "Utility Process unhandled rejection behavior change"), which would
 * leave a half-broken host running that the shell never restarts. Exiting non-zero hands it to
 * the shell's supervisor (host-process.ts), which starts a fresh one.
 */
export function exitOnUnhandledRejection(events: ProcessEventsLike, log: { error(details: object, message: string): void }, exit: (code: number) => void): void {
  events.on('unhandledRejection', (reason) => {
    log.error({ err: reason }, 'unhandled promise rejection in the host; exiting so that it is restarted');
    exit(1);
  });
}
