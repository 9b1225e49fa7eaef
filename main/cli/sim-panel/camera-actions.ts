/**
 * The simulated camera on the technician panel: which scene Chromium's fake camera plays (a
 * cooperative citizen, nobody, two people, too far, too close, off-centre, a dark room, a face that
 * does not move). The page sees a new scene when it next opens the camera (the next camera step).
 */
import { z } from 'zod';
import type { FakeCameraScenes } from '../../../simulators/camera/scene-files';
import { CAMERA_SCENES } from '../../../simulators/camera/scenes';
import type { ActionOutcome } from './device-actions';

export const CameraAction = z.object({ action: z.literal('scene'), scene: z.enum(CAMERA_SCENES) }).strict();

export function applyCameraAction(camera: FakeCameraScenes, body: unknown): ActionOutcome {
  const action = CameraAction.parse(body);
  camera.show(action.scene);
  return { ok: true, message: `the camera shows "${action.scene}" from the next camera step` };
}

export function cameraSnapshot(camera: FakeCameraScenes): unknown {
  return { scene: camera.current, scenes: camera.scenes };
}
