import type { CameraPort, CaptureResult, IdPhotoResult, LivenessMethod } from '../../drivers/camera/camera-port';
import type { CommonStatus } from '../../drivers/common/device-status';

import { simulatedGa461Photo } from './ga461-sample';
import { LIVE_FACE_JPEG_BASE64 } from './live-face';

/** A drawn, made-up face (not a person), 480x640 JPEG. */
export const SIMULATED_FACE_JPEG: Uint8Array = Buffer.from(LIVE_FACE_JPEG_BASE64, 'base64');

export type SimulatedCameraMode = 'cooperative' | 'no-face' | 'liveness-fails' | 'offline';

/**
 * A camera with a cooperative citizen in front of it: after `captureDelayMs` it hands over the
 * drawn face with a passed liveness check. Tests and the technician panel switch it to the ways a
 * real capture fails.
 */
export class SimulatedCamera implements CameraPort {
  mode: SimulatedCameraMode = 'cooperative';
  method: LivenessMethod = 'blink';
  captures = 0;

  constructor(private readonly captureDelayMs = 800) {}

  get status(): CommonStatus {
    return this.mode === 'offline' ? { status: 'offline', detail: 'simulated camera switched off' } : { status: 'online' };
  }

  async captureLive(options: { readonly signal?: AbortSignal } = {}): Promise<CaptureResult> {
    await this.pause(options.signal);
    if (options.signal?.aborted) return { ok: false, reason: 'cancelled', message: 'the face step was cancelled' };
    switch (this.mode) {
      case 'offline':
        return { ok: false, reason: 'offline', message: 'the camera gives no frames' };
      case 'no-face':
        return { ok: false, reason: 'no-face', message: 'no face in front of the camera' };
      case 'liveness-fails':
        return { ok: false, reason: 'liveness-failed', message: 'the liveness prompt was not followed' };
      case 'cooperative':
        this.captures++;
        return { ok: true, value: { jpeg: SIMULATED_FACE_JPEG, liveness: { passed: true, method: this.method } } };
      default:
        return this.mode satisfies never;
    }
  }

  /**
   * A cooperative citizen accepts the first photo: the drawn face composed into a GA 461 photo
   * (358x441, 350 dpi, 14-20 KB) by the kiosk's own composer, with the figures its checks measured.
   */
  async captureIdPhoto(options: { readonly signal?: AbortSignal } = {}): Promise<IdPhotoResult> {
    await this.pause(options.signal);
    if (options.signal?.aborted) return { ok: false, reason: 'cancelled', message: 'the photo step was cancelled' };
    switch (this.mode) {
      case 'offline':
        return { ok: false, reason: 'offline', message: 'the camera gives no frames' };
      case 'no-face':
      case 'liveness-fails':
        return { ok: false, reason: 'no-face', message: 'no face in front of the camera' };
      case 'cooperative': {
        const photo = await simulatedGa461Photo();
        if (!photo.passed) return { ok: false, reason: 'quality-failed', message: 'the composed photo fails a GA 461 check' };
        this.captures++;
        const { widthPx, heightPx, bytes, checks } = photo.quality;
        return { ok: true, value: { jpeg: photo.jpeg, quality: { widthPx, heightPx, bytes, checks } } };
      }
      default:
        return this.mode satisfies never;
    }
  }

  private pause(signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, this.captureDelayMs);
      signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
