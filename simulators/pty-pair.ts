import { type ChildProcess, spawn } from 'node:child_process';

export interface PtyPair {
  /** [device end for the simulator, kiosk end for the driver]. */
  readonly paths: readonly [string, string];
  readonly pid: number | undefined;
  /** Stops socat and waits for it to exit. */
  stop(): Promise<void>;
}

/**
 * Starts `socat -d -d pty,raw,echo=0 pty,raw,echo=0` and resolves with the two pty paths it
 * prints on stderr, once its transfer loop runs (before that the ptys may not accept opens).
 */
export function startPtyPair(timeoutMs = 5000): Promise<PtyPair> {
  return new Promise((resolve, reject) => {
    let child: ChildProcess;
    try {
      child = spawn('socat', ['-d', '-d', 'pty,raw,echo=0', 'pty,raw,echo=0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    const stop = async (): Promise<void> => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    };
    let stderr = '';
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`socat gave no ptys within ${timeoutMs} ms: ${stderr.trim()}`));
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`cannot start socat (is it installed?): ${error.message}`));
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      // socat keeps logging at -d -d; only the start-up lines matter.
      if (stderr.length > 64_000) stderr = stderr.slice(-16_000);
      const paths = [...stderr.matchAll(/PTY is (\/dev\/pts\/\d+)/g)].map((m) => m[1]!);
      if (paths.length === 2 && /starting data transfer loop/.test(stderr)) {
        clearTimeout(timer);
        resolve({ paths: [paths[0]!, paths[1]!], pid: child.pid, stop });
      }
    });
  });
}
