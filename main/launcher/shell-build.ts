import { join } from 'node:path';
// Native modules stay outside every bundle (host-bundle.mjs says why); `electron` is provided by the runtime.
import { BUNDLE_EXTERNALS } from './host-bundle.mjs';

const common = {
  bundle: true,
  platform: 'node' as const,
  format: 'cjs' as const,
  // Electron 41 runs Node 24; node20 output runs on both it and the Node of `npm start`.
  target: 'node20',
  external: [...BUNDLE_EXTERNALS],
  logLevel: 'warning' as const,
  legalComments: 'none' as const,
};

/**
 * Bundles the Electron shell (main process and preload) into dist/shell as CommonJS, which is
 * what Electron loads (package.json's "main" is dist/shell/main.cjs). Only needed where the
 * Electron binary is installed, and before packaging.
 */
export async function buildShell(projectRoot: string): Promise<void> {
  const { build } = await import('esbuild');
  await build({ ...common, entryPoints: [join(projectRoot, 'main/shell/main.ts')], outfile: join(projectRoot, 'dist/shell/main.cjs') });
  // The preload runs in a sandboxed renderer: it may require only `electron`, so all else is inlined.
  await build({ ...common, entryPoints: [join(projectRoot, 'main/shell/preload.ts')], outfile: join(projectRoot, 'dist/shell/preload.cjs') });
}

/**
 * Bundles the host for the packaged kiosk: dist/host/host.cjs, started by the shell as an
 * Electron utility process (main/shell/host-entry.ts), so the packaged app needs no TypeScript.
 * `npm start` runs its own bundle of the launcher (host-bundle.mjs).
 */
export async function buildHostBundle(projectRoot: string): Promise<void> {
  const { build } = await import('esbuild');
  await build({ ...common, entryPoints: [join(projectRoot, 'main/shell/host-entry.ts')], outfile: join(projectRoot, 'dist/host/host.cjs') });
}

/** Everything electron-builder packs besides the renderer (built by Vite): shell and host bundles. */
export async function buildForPackaging(projectRoot: string): Promise<void> {
  await buildShell(projectRoot);
  await buildHostBundle(projectRoot);
}

/** `tsx main/launcher/shell-build.ts`: the bundling step of `npm run package` (see docs/deploy.md). */
if (process.argv[1] && /shell-build\.[cm]?[jt]s$/.test(process.argv[1])) {
  buildForPackaging(join(import.meta.dirname, '..', '..')).catch((error: unknown) => {
    process.stderr.write(`shell build failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
