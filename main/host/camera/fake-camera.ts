import { join } from 'node:path';
import { showScene } from '../../../simulators/camera/scene-files';
import { CAMERA_SCENES, type CameraScene } from '../../../simulators/camera/scenes';

/** The video file Chromium's fake camera reads in simulator mode, in the kiosk's data folder. */
export function fakeCameraPath(dataDir: string): string {
  return join(dataDir, 'camera', 'fake-camera.y4m');
}

/** Puts the cooperative citizen in front of the fake camera (each start begins with it) and returns its file. */
export function fakeCameraFile(dataDir: string): string {
  return showScene(fakeCameraPath(dataDir), 'cooperative');
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
