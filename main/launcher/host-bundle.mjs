/**
 * The launcher as `npm start` runs it: main/launcher/start.ts (host, simulators, UI server,
 * window) bundled by esbuild into one CommonJS file, dist/launcher/start.cjs, with the packages it
 * uses inlined (only native modules and the build tools stay in node_modules). Compiling the
 * TypeScript with tsx at every start, and Node finding and loading a few hundred package files,
 * took most of a cold start (issue 12).
 *
 * Never stale: build-info.json beside the bundle lists every project file esbuild read for it, and
 * a digest of the bytes it read (not of the files after the build: one saved meanwhile counts), package-lock.json (the inlined packages' versions) and this file (the
 * build's options). Every start digests them again (a few milliseconds) and rebuilds when anything
 * differs, or when a listed file is gone. A new file can only matter once an existing one imports
 * it, and that one then differs.
 *
 * Compiling the bundle is most of what is left of loading it (about 0.2 s of CPU on a busy
 * 2-core machine). Node 22.1+ keeps the compiled code (kiosk-start.mjs turns that on). On Node 20
 * a cache of our own through vm.Script's cachedData saved about 0.1 s, but the bundle's import()
 * of vite and esbuild then failed (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING in functions restored
 * from the cache), so there is none.
 *
 * Plain JavaScript on Node's built-ins (esbuild is loaded only to build): it runs before any
 * TypeScript can.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withBuildLock } from './build-lock.mjs';

/**
 * Native modules stay outside every bundle: they are `.node` binaries loaded from node_modules
 * (rebuilt for Electron by electron-builder when packaging). `electron` is provided by its runtime.
 */
export const BUNDLE_EXTERNALS = ['electron', 'better-sqlite3', 'serialport', '@serialport/*', 'node-hid'];

/** Loaded by the launcher only to build the renderer or the Electron shell. */
const BUILD_TOOLS = ['vite', 'esbuild'];

const ENTRY = 'main/launcher/start.ts';
const thisFile = fileURLToPath(import.meta.url);

export const hostBundlePaths = (root) => {
  const dir = join(root, 'dist', 'launcher');
  return { dir, bundle: join(dir, 'start.cjs'), info: join(dir, 'build-info.json'), lock: join(root, 'dist', '.launcher-build.lock') };
};

/** The digest of the inputs' bytes (path -> bytes), with the lock file's and this file's. */
function digestOf(root, contents) {
  const hash = createHash('sha256');
  hash.update(readFileSync(thisFile));
  hash.update(existsSync(join(root, 'package-lock.json')) ? readFileSync(join(root, 'package-lock.json')) : '');
  for (const input of [...contents.keys()].sort()) hash.update(`\0${input}\0`).update(contents.get(input));
  return hash.digest('hex');
}

/** The digest of the bundle's inputs as they are now; null when one of them is gone. */
export function inputsDigest(root, inputs) {
  const contents = new Map();
  for (const input of inputs) {
    const file = join(root, input);
    if (!existsSync(file)) return null;
    contents.set(input, readFileSync(file));
  }
  return digestOf(root, contents);
}

const LOADERS = { '.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.tsx': 'tsx', '.js': 'js', '.mjs': 'js', '.cjs': 'js', '.json': 'json' };

/**
 * Reads the project's own files for esbuild and keeps the bytes it was given, so the digest is of
 * exactly what was bundled: a file saved while the build runs makes the next start build again.
 */
function recordedInputs(root, contents) {
  return {
    name: 'recorded-inputs',
    setup(build) {
      build.onLoad({ filter: /\.(m|c)?(ts|js)x?$|\.json$/ }, (args) => {
        if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
        const bytes = readFileSync(args.path);
        contents.set(relative(root, args.path).split(sep).join('/'), bytes);
        return { contents: bytes, loader: LOADERS[extname(args.path)] ?? 'js' };
      });
    },
  };
}

function readInfo(root) {
  try {
    const info = JSON.parse(readFileSync(hostBundlePaths(root).info, 'utf8'));
    return typeof info.digest === 'string' && Array.isArray(info.inputs) ? info : null;
  } catch {
    return null;
  }
}

/** The digest of the bundle in dist/launcher when it is current; null when it must be built. */
export function currentBundleDigest(root) {
  const info = readInfo(root);
  if (!info || !existsSync(hostBundlePaths(root).bundle)) return null;
  return inputsDigest(root, info.inputs) === info.digest ? info.digest : null;
}

/**
 * Bundles the launcher into dist/launcher/start.cjs: written beside it and renamed over it, so a
 * start reading it never sees half a file, and the build info written after it.
 */
export async function buildHostBundle(root) {
  const { build } = await import('esbuild');
  const paths = hostBundlePaths(root);
  mkdirSync(paths.dir, { recursive: true });
  const fresh = `${paths.bundle}.${process.pid}.tmp`;
  const contents = new Map();
  await build({
    absWorkingDir: root,
    entryPoints: [join(root, ENTRY)],
    outfile: fresh,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    // The Node of `npm start` (engines: >= 20).
    target: 'node20',
    external: [...BUNDLE_EXTERNALS, ...BUILD_TOOLS],
    // The sources find the project from their own module's place (two folders up, as from
    // main/launcher/); the bundle sits as deep, in dist/launcher/.
    define: { 'import.meta.url': '__bundleUrl', 'import.meta.dirname': '__dirname', 'import.meta.filename': '__filename' },
    banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
    plugins: [recordedInputs(root, contents)],
    logLevel: 'warning',
    legalComments: 'none',
  });
  const digest = digestOf(root, contents);
  renameSync(fresh, paths.bundle);
  const info = `${paths.info}.${process.pid}.tmp`;
  writeFileSync(info, JSON.stringify({ digest, inputs: [...contents.keys()].sort() }, null, 1));
  renameSync(info, paths.info);
  return digest;
}

/** Builds the bundle when it is missing or not current; returns its digest. */
export async function ensureHostBundle(root, progress = () => {}) {
  const current = currentBundleDigest(root);
  if (current) return current;
  return withBuildLock(hostBundlePaths(root).lock, async () => {
    // Another start may have built it while this one waited for the lock.
    const built = currentBundleDigest(root);
    if (built) return built;
    progress('building the kiosk host (dist/launcher)...');
    return buildHostBundle(root);
  });
}

/** Runs the bundle in this process, as Node runs any CommonJS module. */
export function runHostBundle(root) {
  const { bundle } = hostBundlePaths(root);
  return Module.createRequire(bundle)(bundle);
}
