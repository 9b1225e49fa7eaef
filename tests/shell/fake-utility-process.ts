/**
 * A fake of Electron's `utilityProcess` that behaves like the real one where the shell has got
 * it wrong before. Each behaviour cites the Electron 41 document it models
 * (electron/electron, 41-x-y branch, docs/api/utility-process.md unless said otherwise).
 */
import { EventEmitter } from 'node:events';
import type { UtilityProcessLike, UtilityProcessModule } from '../../main/shell/electron-types';

type ForkOptions = Parameters<UtilityProcessModule['fork']>[2];

let nextPid = 4000;

export class FakeUtilityProcess extends EventEmitter implements UtilityProcessLike {
  /**
   * `child.pid`: "Until the child process has spawned successfully, the value is `undefined`.
   * When the child process exits, then the value is `undefined` after the `exit` event is
   * emitted." Right after `fork` it is therefore undefined; `spawn()` sets it.
   */
  pid: number | undefined = undefined;
  readonly stdout = null;
  readonly stderr = null;
  readonly posted: unknown[] = [];
  killed = false;
  exited = false;
  /** What the scripted child does with a message from the shell (a test sets it). */
  onMessageFromShell: (message: unknown) => void = () => {};

  constructor(
    readonly modulePath: string,
    readonly options: ForkOptions,
  ) {
    super();
  }

  /** "Event: 'spawn' — Emitted once the child process has spawned successfully." */
  spawn(): void {
    this.pid = nextPid++;
    this.emit('spawn');
  }

  /** "Event: 'exit'" with the code from waitpid; `pid` is undefined once listeners have run. */
  exit(code: number): void {
    if (this.exited) return;
    this.exited = true;
    this.emit('exit', code);
    this.pid = undefined;
  }

  /**
   * "Event: 'error' — Emitted when the child process needs to terminate due to non continuable
   * error from V8. No matter if you listen to the `error` event, the `exit` event will be emitted
   * after the child process terminates." `UtilityProcess` "is an EventEmitter", so an `error`
   * nobody listens to throws ERR_UNHANDLED_ERROR in the main process, as EventEmitter#emit does;
   * in Electron's main process that surfaces as the modal "A JavaScript error occurred" dialog.
   */
  fatalError(location = 'v8::internal::Heap::FatalProcessOutOfMemory', report = '{}'): void {
    try {
      this.emit('error', 'FatalError', location, report);
    } finally {
      this.crash('crashed', 134);
    }
  }

  /**
   * The process dies abnormally: `exit` on the child and, as for every child process Chromium
   * loses, `child-process-gone` on `app` (docs/api/app.md), which the fake electron wires up.
   */
  crash(reason = 'crashed', exitCode = 139): void {
    if (this.exited) return;
    this.onGone(reason, exitCode);
    this.exit(exitCode);
  }

  /** Set by the fake electron: reports the loss on `app`. */
  onGone: (reason: string, exitCode: number) => void = () => {};

  postMessage(message: unknown): void {
    this.posted.push(message);
    this.onMessageFromShell(message);
  }

  /** "Terminates the process gracefully. On POSIX, it uses SIGTERM": exit code 0 is reported. */
  kill(): boolean {
    if (this.exited) return false;
    this.killed = true;
    queueMicrotask(() => this.exit(0));
    return true;
  }
}

export class FakeUtilityProcessModule implements UtilityProcessModule {
  readonly forks: FakeUtilityProcess[] = [];
  /** False until the fake app is ready; see `fork`. */
  ready = true;
  /** Scripts each new child (spawn it, answer messages, ...); by default it spawns at once. */
  onFork: (child: FakeUtilityProcess) => void = (child) => queueMicrotask(() => child.spawn());
  /** Where a lost child is reported (the fake electron emits `child-process-gone` on its app). */
  onGone: (details: ReturnType<typeof forkedUtilityGone>) => void = () => {};

  /**
   * "`utilityProcess.fork` can only be called after the `ready` event has been emitted on `App`."
   * The launch itself is asynchronous (Chromium's service launcher), hence no pid yet on return.
   */
  fork(modulePath: string, _args?: string[], options?: ForkOptions): FakeUtilityProcess {
    if (!this.ready) throw new Error('utilityProcess.fork called before the app is ready');
    const child = new FakeUtilityProcess(modulePath, options);
    child.onGone = (reason, exitCode) => this.onGone(forkedUtilityGone(options?.serviceName, reason, exitCode));
    this.forks.push(child);
    this.onFork(child);
    return child;
  }
}

/**
 * What `app`'s `child-process-gone` reports for utility processes (docs/api/app.md, "Event:
 * 'child-process-gone'"): `type` is "Utility" for all of them; `serviceName` is the non-localized
 * name (Chromium's metrics name, the service's mojo interface, set in
 * shell/browser/api/electron_api_app.cc) and `name` the display name, e.g. "Network Service",
 * "Audio Service", "Video Capture".
 */
export const CHROMIUM_UTILITY_SERVICES = {
  network: { serviceName: 'network.mojom.NetworkService', name: 'Network Service' },
  audio: { serviceName: 'audio.mojom.AudioService', name: 'Audio Service' },
  videoCapture: { serviceName: 'video_capture.mojom.VideoCaptureService', name: 'Video Capture' },
} as const;

export function utilityServiceGone(service: { serviceName: string; name: string }, reason = 'crashed', exitCode = 139) {
  return { type: 'Utility', reason, exitCode, serviceName: service.serviceName, name: service.name };
}

/**
 * A `utilityProcess.fork` child as `child-process-gone` reports it: `serviceName` is always
 * "node.mojom.NodeService"; the fork option `serviceName` comes back as `name`, by default
 * "Node Utility Process" (utility-process.md; spec/api-utility-process-spec.ts, "app
 * 'child-process-gone' event").
 */
export function forkedUtilityGone(forkServiceName: string | undefined, reason = 'crashed', exitCode = 139) {
  return { type: 'Utility', reason, exitCode, serviceName: 'node.mojom.NodeService', name: forkServiceName ?? 'Node Utility Process' };
}
