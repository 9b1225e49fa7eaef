/** A socat pty pair for tests over real serial device files. */
import { type ChildProcess, spawn } from 'node:child_process';

export interface PtyPair {
  readonly a: string;
  readonly b: string;
  close(): Promise<void>;
}

export function openPtyPair(timeoutMs = 5_000): Promise<PtyPair> {
  const child: ChildProcess = spawn('/usr/bin/socat', ['-d', '-d', 'pty,raw,echo=0', 'pty,raw,echo=0'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const close = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => {
      void close();
      reject(new Error(`socat did not start: ${log}`));
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      const paths = [...log.matchAll(/PTY is (\/dev\/pts\/\d+)/g)].map((match) => match[1]);
      // Only once socat has entered its transfer loop are both ends connected.
      if (paths.length === 2 && log.includes('starting data transfer loop')) {
        clearTimeout(timer);
        resolve({ a: paths[0]!, b: paths[1]!, close });
      }
    });
  });
}
