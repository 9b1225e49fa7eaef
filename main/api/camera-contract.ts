/**
 * The camera step's part of the screen API (issue 9). Frames never leave the renderer: the host
 * opens a capture request, the screen shows the camera step, and answers with the chosen still
 * (JPEG), the liveness result and the quality figures, or with why there is none.
 *
 * Imported by the renderer too: zod only, nothing from Node.
 */
import { z } from 'zod';

export const LivenessPrompt = z.enum(['blink', 'turn-head']);
export type LivenessPrompt = z.infer<typeof LivenessPrompt>;

export const CapturePurpose = z.enum(['live', 'id-photo']);
export type CapturePurpose = z.infer<typeof CapturePurpose>;

/**
 * What the host asks of the camera step, carried as `capture` on the session view of any flow
 * step while it is open. The host picks the liveness prompt at random (a screen cannot pick the
 * easy one); a retry after a failed prompt uses the other one.
 */
export const CaptureRequest = z.object({
  requestId: z.string().uuid(),
  purpose: CapturePurpose,
  /** The first liveness prompt (live capture only). */
  livenessPrompt: LivenessPrompt.nullable(),
  /** Epoch ms when the host gives up waiting for an answer. */
  deadlineMs: z.number().int(),
  /** How long the citizen has to follow each liveness prompt (longer in elderly mode); 12 s when not given. */
  promptTimeLimitMs: z.number().int().min(3000).max(60_000).optional(),
});
export type CaptureRequest = z.infer<typeof CaptureRequest>;

/**
 * Largest still the host takes. The screen API's messages are at most 64 KB and base64 adds a
 * third: a 40 KB JPEG is a face cropped to ~480x600 at good quality (and a GA 461 photo is 20 KB).
 */
export const MAX_CAPTURE_JPEG_BYTES = 40 * 1024;
export const MIN_CAPTURE_JPEG_BYTES = 2 * 1024;
/** The still's sides, in pixels: the live crop's range; a GA 461 photo is exactly 358x441. */
export const CAPTURE_SIDE_RANGE = { min: 200, max: 1280 } as const;

/** What the screen measured of the chosen still (what central and the audit may want). */
export const CaptureQuality = z.object({
  /** Human's face score, 0..1 (the step requires >= 0.8). */
  faceScore: z.number().min(0).max(1),
  /** Face width from mesh points 234-454, in pixels of the camera frame. */
  faceWidthPx: z.number().min(0).max(4096),
  yawDeg: z.number().min(-90).max(90),
  pitchDeg: z.number().min(-90).max(90),
  /** Mean brightness of the face, 0..255. */
  brightness: z.number().min(0).max(255),
  /** Named checks of the composed photo (GA 461), each true when it passed. */
  checks: z.record(z.string().regex(/^[a-zA-Z][\w-]{0,39}$/), z.boolean()).refine((c) => Object.keys(c).length <= 24, 'at most 24 checks'),
});
export type CaptureQuality = z.infer<typeof CaptureQuality>;

export const CaptureFailure = z.enum(['no-face', 'liveness-failed', 'offline', 'quality-failed']);
export type CaptureFailure = z.infer<typeof CaptureFailure>;

/** The screen's answer to a capture request. */
export const SubmitCapture = z.discriminatedUnion('ok', [
  z
    .object({
      requestId: z.string().uuid(),
      ok: z.literal(true),
      /** The chosen still, JPEG, base64; checked by the host (magic, size, declared sides). */
      jpegBase64: z
        .string()
        .max(Math.ceil(MAX_CAPTURE_JPEG_BYTES / 3) * 4)
        .regex(/^[A-Za-z0-9+/]+={0,2}$/),
      width: z.number().int().min(CAPTURE_SIDE_RANGE.min).max(CAPTURE_SIDE_RANGE.max),
      height: z.number().int().min(CAPTURE_SIDE_RANGE.min).max(CAPTURE_SIDE_RANGE.max),
      /** The prompt the citizen followed (live capture); null for an ID photo. */
      liveness: z.object({ passed: z.literal(true), method: LivenessPrompt }).nullable(),
      quality: CaptureQuality,
    })
    .strict(),
  z
    .object({
      requestId: z.string().uuid(),
      ok: z.literal(false),
      reason: CaptureFailure,
      /** For the technician's log, English; never shown to a citizen. */
      detail: z.string().max(200),
    })
    .strict(),
]);
export type SubmitCapture = z.infer<typeof SubmitCapture>;

/**
 * The camera as the screen finds it: `online`; `offline` (no camera, or it cannot be opened);
 * `no-frames` (opened, but the picture does not move); `covered` (the picture is black or flat).
 */
export const CameraCondition = z.enum(['online', 'offline', 'no-frames', 'covered']);
export type CameraCondition = z.infer<typeof CameraCondition>;

export const ReportCamera = z.object({ condition: CameraCondition, detail: z.string().max(200) }).strict();
