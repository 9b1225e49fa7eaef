import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** True when dist/renderer is missing or older than any renderer source or the API contract. */
export function rendererIsStale(projectRoot: string): boolean {
  const built = join(projectRoot, 'dist', 'renderer', 'index.html');
  if (!existsSync(built)) return true;
  const sources = [join(projectRoot, 'renderer'), join(projectRoot, 'main', 'api'), join(projectRoot, 'main', 'domain'), join(projectRoot, 'vite.config.ts')];
  return sources.some((source) => existsSync(source) && newestMtime(source) > statSync(built).mtimeMs);
}

/** Builds the touch UI with Vite into dist/renderer. */
export async function buildRenderer(projectRoot: string): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: join(projectRoot, 'vite.config.ts'), logLevel: 'warn' });
}

export async function ensureRendererBuilt(projectRoot: string, progress: (line: string) => void): Promise<string> {
  if (rendererIsStale(projectRoot)) {
    progress('building the touch UI (dist/renderer)...');
    await buildRenderer(projectRoot);
  }
  return join(projectRoot, 'dist', 'renderer');
}
