/**
 * One build at a time per output folder, across processes: test files run in parallel workers,
 * and several starts may find a build stale at the same moment. The lock is a directory (mkdir is
 * atomic); a lock older than STALE_LOCK_MS was left by a process that died mid-build.
 * Plain JavaScript on Node's built-ins: `npm start`'s loader (host-bundle.mjs) runs before any
 * TypeScript can.
 */
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

const STALE_LOCK_MS = 5 * 60_000;

export async function withBuildLock(lock, work) {
  mkdirSync(dirname(lock), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
