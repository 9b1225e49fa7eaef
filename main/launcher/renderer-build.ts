import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withBuildLock } from './build-lock.mjs';

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Written into every build: a folder without it was built before builds were always for production. */
const BUILD_INFO = 'build-info.json';
const PRODUCTION = JSON.stringify({ nodeEnv: 'production' });

const builtForProduction = (dir: string): boolean => existsSync(join(dir, BUILD_INFO)) && readFileSync(join(dir, BUILD_INFO), 'utf8') === PRODUCTION;

/** True when dist/renderer is missing, not a production build, or older than any renderer source or the API contract. */
export function rendererIsStale(projectRoot: string): boolean {
  const built = join(projectRoot, 'dist', 'renderer', 'index.html');
  if (!existsSync(built) || !builtForProduction(join(projectRoot, 'dist', 'renderer'))) return true;
  const sources = [join(projectRoot, 'renderer'), join(projectRoot, 'main', 'api'), join(projectRoot, 'main', 'domain'), join(projectRoot, 'vite.config.ts')];
  return sources.some((source) => existsSync(source) && newestMtime(source) > statSync(built).mtimeMs);
}

/**
 * Builds the touch UI with Vite into a fresh folder and swaps it in, so a page being served from
 * dist/renderer never sees a half-written build.
 *
 * Always a production build: Vite takes the build's NODE_ENV from the environment when it is set,
 * and vitest sets it to 'test', so a UI built by a test was React's development build (jsxDEV,
 * owner stacks: several times the work per render under tests/bench/ui-touch.ts), which
 * `npm start` then served too, since the folder is shared.
 */
export async function buildRenderer(projectRoot: string): Promise<void> {
  const { build } = await import('vite');
  const target = join(projectRoot, 'dist', 'renderer');
  const fresh = join(projectRoot, 'dist', `.renderer-${process.pid}`);
  const old = join(projectRoot, 'dist', `.renderer-old-${process.pid}`);
  rmSync(fresh, { recursive: true, force: true });
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(projectRoot, 'vite.config.ts'), logLevel: 'warn', build: { outDir: fresh, emptyOutDir: true } });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  writeFileSync(join(fresh, BUILD_INFO), PRODUCTION);
  if (existsSync(target)) renameSync(target, old);
  renameSync(fresh, target);
  rmSync(old, { recursive: true, force: true });
}

export async function ensureRendererBuilt(projectRoot: string, progress: (line: string) => void): Promise<string> {
  if (rendererIsStale(projectRoot)) {
    await withBuildLock(join(projectRoot, 'dist', '.renderer-build.lock'), async () => {
      // Another process may have built it while this one waited for the lock.
      if (!rendererIsStale(projectRoot)) return;
      progress('building the touch UI (dist/renderer)...');
      await buildRenderer(projectRoot);
    });
  }
  return join(projectRoot, 'dist', 'renderer');
}
