import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sampleFace } from './face-picture';
import { CAMERA_SCENES, type CameraScene, SCENE_FPS, SCENE_HEIGHT, SCENE_WIDTH, sceneFrames } from './scenes';
import { writeY4m } from './y4m';

/** Bump when the scenes change: cached videos of an older version are made again. */
const SCENES_VERSION = 6;

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
 * Replaced whole (a link made beside, renamed over), so a technician switches scenes while the
 * kiosk runs: Chromium opens the file again each time the page opens the camera, at the next
 * camera step. A symbolic link to the scene's video, not a copy: copying the cooperative scene's
 * 33 MB held the event loop of the kiosk's process for a fifth of a second at every start, just as
 * the screen loaded (issue 12's cold start), and at every switch. A copy where no link can be made.
 */
export function showScene(liveFile: string, scene: CameraScene, cacheDir = sceneCacheDir()): string {
  const source = resolve(sceneFile(scene, cacheDir));
  mkdirSync(dirname(liveFile), { recursive: true });
  const partial = `${liveFile}.${process.pid}.partial`;
  rmSync(partial, { force: true });
  try {
    symlinkSync(source, partial);
  } catch {
    copyFileSync(source, partial);
  }
  renameSync(partial, liveFile);
  return liveFile;
}

/**
 * What the technician panel switches: the scene in front of the simulated camera. The file is
 * replaced whole; the page opens the camera again at its next camera step and sees the new scene.
 */
export class FakeCameraScenes {
  #current: CameraScene = 'cooperative';
  constructor(private readonly file: string) {}

  get scenes(): readonly CameraScene[] {
    return CAMERA_SCENES;
  }

  get current(): CameraScene {
    return this.#current;
  }

  show(scene: CameraScene): void {
    showScene(this.file, scene);
    this.#current = scene;
  }
}
