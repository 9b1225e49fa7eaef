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
