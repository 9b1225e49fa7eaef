import { join } from 'node:path';

/**
 * Bundles the Electron shell (main process and preload) into dist/shell as CommonJS, which is
 * what Electron loads. Only needed where the Electron binary is installed.
 */
export async function buildShell(projectRoot: string): Promise<void> {
  const { build } = await import('esbuild');
  const common = {
    bundle: true,
    platform: 'node' as const,
    format: 'cjs' as const,
    target: 'node20',
    external: ['electron'],
    logLevel: 'warning' as const,
  };
  await build({ ...common, entryPoints: [join(projectRoot, 'main/shell/main.ts')], outfile: join(projectRoot, 'dist/shell/main.cjs') });
  await build({ ...common, entryPoints: [join(projectRoot, 'main/shell/preload.ts')], outfile: join(projectRoot, 'dist/shell/preload.cjs') });
}
