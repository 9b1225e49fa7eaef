import { type ChildProcess, spawn } from 'node:child_process';

export interface PtyPair {
  readonly paths: readonly [string, string];
  /** Stops socat and waits for it to exit. */
  stop(): Promise<void>;
}

/** Starts `socat -d -d pty,raw,echo=0 pty,raw,echo=0` and returns the two pty paths from its stderr. */
export function startPtyPair(): Promise<PtyPair> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn('socat', ['-d', '-d', 'pty,raw,echo=0', 'pty,raw,echo=0'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const stop = async (): Promise<void> => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    };
    let stderr = '';
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`socat gave no ptys: ${stderr}`));
    }, 5000);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const paths = [...stderr.matchAll(/PTY is (\/dev\/pts\/\d+)/g)].map((m) => m[1]!);
      // Both ptys exist once socat says its transfer loop started.
      if (paths.length === 2 && /starting data transfer loop/.test(stderr)) {
        clearTimeout(timer);
        resolve({ paths: [paths[0]!, paths[1]!], stop });
      }
    });
  });
}
