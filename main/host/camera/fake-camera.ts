import { join } from 'node:path';
import { sceneFile, showScene } from '../../../simulators/camera/scene-files';
import { CAMERA_SCENES } from '../../../simulators/camera/scenes';

/** The video file Chromium's fake camera reads in simulator mode, in the kiosk's data folder. */
export function fakeCameraPath(dataDir: string): string {
  return join(dataDir, 'camera', 'fake-camera.y4m');
}

/**
 * Puts the cooperative citizen in front of the fake camera (each start begins with it) and returns
 * its file. Every scene is made here, once per checkout (about 10 s the first time), so that the
 * technician panel's switch is a file copy and never stalls the host.
 */
export function fakeCameraFile(dataDir: string): string {
  for (const scene of CAMERA_SCENES) sceneFile(scene);
  return showScene(fakeCameraPath(dataDir), 'cooperative');
}
