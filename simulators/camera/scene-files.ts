import { copyFileSync, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sampleFace } from './face-picture';
import { type CameraScene, SCENE_FPS, SCENE_HEIGHT, SCENE_WIDTH, sceneFrames } from './scenes';
import { writeY4m } from './y4m';

/** Bump when the scenes change: cached videos of an older version are made again. */
const SCENES_VERSION = 3;

/** Where the scene videos are made, once per version, beside the other build products (never committed: megabytes each). */
export function sceneCacheDir(projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..')): string {
  return join(projectRoot, 'dist', 'camera-scenes', `v${SCENES_VERSION}`);
}

/** The video of a scene, made on first use. */
export function sceneFile(scene: CameraScene, cacheDir = sceneCacheDir()): string {
  const file = join(cacheDir, `${scene}.y4m`);
  if (!existsSync(file)) writeY4m(file, { width: SCENE_WIDTH, height: SCENE_HEIGHT, fps: SCENE_FPS, frames: sceneFrames(scene, sampleFace()) });
  return file;
}

/**
 * The file Chromium's fake camera reads (`--use-file-for-fake-video-capture`), showing `scene`.
 * Replaced whole (copy beside, rename over), so a technician switches scenes while the kiosk runs:
 * Chromium opens the file again each time the page opens the camera, at the next camera step.
 */
export function showScene(liveFile: string, scene: CameraScene, cacheDir = sceneCacheDir()): string {
  const source = sceneFile(scene, cacheDir);
  mkdirSync(dirname(liveFile), { recursive: true });
  const partial = `${liveFile}.${process.pid}.partial`;
  copyFileSync(source, partial);
  renameSync(partial, liveFile);
  return liveFile;
}

/** Bytes of a scene's video (a check that it was made whole). */
export function sceneBytes(file: string): number {
  return existsSync(file) ? statSync(file).size : 0;
}
