import type { CommonStatus } from '../common/device-status';

/** How the citizen proved to be a live person at the camera. */
export type LivenessMethod = 'blink' | 'turn-head';

export interface LiveCapture {
  /** The chosen still, JPEG. Frames and video never leave the camera step. */
  readonly jpeg: Uint8Array;
  readonly liveness: { readonly passed: boolean; readonly method: LivenessMethod };
  /** What the camera step measured of the still (the renderer camera reports them). */
  readonly quality?: LiveQuality;
}

/** Figures of a live still: face score 0..1, face width in frame pixels, head angles, brightness 0..255. */
export interface LiveQuality {
  readonly faceScore: number;
  readonly faceWidthPx: number;
  readonly yawDeg: number;
  readonly pitchDeg: number;
  readonly brightness: number;
}

/** What the kiosk could check of a composed GA 461 ID photo (each check true when it passed). */
export interface IdPhotoQuality {
  readonly widthPx: number;
  readonly heightPx: number;
  readonly bytes: number;
  readonly checks: Readonly<Record<string, boolean>>;
}

export interface IdPhotoCapture {
  /** The composed GA 461 photo, JPEG (358x441, 350 dpi, 14-20 KB), accepted by the citizen. */
  readonly jpeg: Uint8Array;
  readonly quality: IdPhotoQuality;
}

export type IdPhotoResult =
  | { readonly ok: true; readonly value: IdPhotoCapture }
  | { readonly ok: false; readonly reason: 'no-face' | 'quality-failed' | 'offline' | 'cancelled'; readonly message: string };

export type CaptureResult =
  | { readonly ok: true; readonly value: LiveCapture }
  | { readonly ok: false; readonly reason: 'no-face' | 'liveness-failed' | 'offline' | 'cancelled'; readonly message: string };

/**
 * The face step as the flows see it: one live capture with liveness. The camera issue puts the
 * real capture (in the renderer, on-device models) behind this port; until then, and in
 * simulator mode, a simulated camera answers.
 */
export interface CaptureOptions {
  readonly signal?: AbortSignal;
  /** How many times longer the citizen's time limits are (elderly mode); 1 by default. */
  readonly timeScale?: number;
}

export interface CameraPort {
  readonly status: CommonStatus;
  captureLive(options: CaptureOptions): Promise<CaptureResult>;
  /** A GA 461 ID photo taken now (ID reissue), which the citizen has seen and accepted. */
  captureIdPhoto(options: CaptureOptions): Promise<IdPhotoResult>;
}

/** A production terminal until the camera driver exists: out of service, so services needing it are not offered. */
export const absentCamera: CameraPort = {
  status: { status: 'offline', detail: 'no camera driver in this build' },
  captureLive: async () => ({ ok: false, reason: 'offline', message: 'no camera driver in this build' }),
  captureIdPhoto: async () => ({ ok: false, reason: 'offline', message: 'no camera driver in this build' }),
};
