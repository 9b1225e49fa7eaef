import { join } from 'node:path';
import { showScene } from '../../../simulators/camera/scene-files';

/** The video file Chromium's fake camera reads in simulator mode, in the kiosk's data folder. */
export function fakeCameraPath(dataDir: string): string {
  return join(dataDir, 'camera', 'fake-camera.y4m');
}

/** Puts the cooperative citizen in front of the fake camera (each start begins with it) and returns its file. */
export function fakeCameraFile(dataDir: string): string {
  return showScene(fakeCameraPath(dataDir), 'cooperative');
}
