import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * This module's own file: import.meta.url as an ES module (tsx, tests); inside the esbuild CommonJS
 * bundles (the packaged host and shell) import.meta is empty and __filename is the bundle.
 */
const here = (): string => import.meta.url || __filename;

/** The folder of an installed package, found from its main entry (its package.json is not exported). */
export function packageDir(name: string, from: string = here()): string {
  let dir = dirname(createRequire(from).resolve(name));
  while (!(dir.endsWith(name) && existsSync(join(dir, 'package.json')))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`${name} is installed without a package folder`);
    dir = up;
  }
  return dir;
}

/**
 * The files the camera step needs on the page, served by the host itself (never from a CDN):
 * human's own ES module build (`/human/...`, loaded as published: re-bundled, the source of its
 * wasm worker threads no longer matches the names the worker expects), its models
 * (`/models/...`) and tfjs' wasm backend binaries (`/wasm/...`). Only these names are served.
 */
export const CAMERA_ASSET_FILES = {
  human: ['human.esm.js'],
  models: ['blazeface.json', 'blazeface.bin', 'facemesh.json', 'facemesh.bin', 'iris.json', 'iris.bin'],
  wasm: ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'],
} as const;

export interface CameraAssetDirs {
  readonly human: string;
  readonly models: string;
  readonly wasm: string;
}

/**
 * Where the installed packages keep them: a source checkout's node_modules, or the packaged app's
 * (`from` is a file in the folder whose node_modules to search; bundles pass their package.json).
 */
export function cameraAssetDirs(from: string = here()): CameraAssetDirs {
  const human = packageDir('@vladmandic/human', from);
  return {
    human: join(human, 'dist'),
    models: join(human, 'models'),
    wasm: join(packageDir('@tensorflow/tfjs-backend-wasm', from), 'dist'),
  };
}

/**
 * The same, or null when the packages are not there (a broken install): the page then cannot load
 * the detector, its camera step reports the camera offline and the services needing it are not
 * offered, instead of the host failing to start.
 */
export function findCameraAssets(from?: string): { readonly dirs: CameraAssetDirs | null; readonly problem: string | null } {
  try {
    return { dirs: cameraAssetDirs(from), problem: null };
  } catch (error) {
    return { dirs: null, problem: error instanceof Error ? error.message : String(error) };
  }
}

/** The file for a request path under `/human/`, `/models/` or `/wasm/`, or null when it is not one we serve. */
export function cameraAssetFile(pathname: string, dirs: CameraAssetDirs | null): string | null {
  if (!dirs) return null;
  const match = /^\/(human|models|wasm)\/([\w.-]+)$/.exec(pathname);
  if (!match) return null;
  const kind = match[1] as keyof CameraAssetDirs;
  const name = match[2]!;
  return (CAMERA_ASSET_FILES[kind] as readonly string[]).includes(name) ? join(dirs[kind], name) : null;
}
