/**
 * One camera step, from opening the camera to the answer the host gets: guidance until the face
 * holds still in the oval, then (live) a liveness prompt with one retry, or (ID photo) a GA 461
 * photo the citizen accepts or retakes. Frames stay in this page; only the chosen still is sent.
 */
import type { FaceResult } from '@vladmandic/human';
import type { CameraCondition, CaptureQuality, CaptureRequest, LivenessPrompt, SubmitCapture } from '../../../main/api/camera-contract';
import type { DetectMode, FaceDetector } from './detector';
import { type FaceMeasure, measureFace } from './face-measure';
import { eyeShade, frameLight, grabFrame, liveStill, toBase64 } from './frame-tools';
import { createCanvasJpegEncoder, facesFromHuman, Ga461Error, type Ga461Photo, makeGa461Photo } from './ga461';
import { type Guidance, guidance, mainFace } from './guidance';
import { LIVENESS_LIMITS } from './liveness';
import { LivenessRun } from './liveness-run';

export type CapturePhase =
  | { readonly kind: 'starting' }
  | { readonly kind: 'guiding'; readonly guidance: Guidance }
  | { readonly kind: 'prompt'; readonly prompt: LivenessPrompt; readonly attempt: 1 | 2; readonly halfway: boolean; readonly guidance: Guidance; readonly endsAtMs: number }
  | { readonly kind: 'prompt-failed'; readonly nextPrompt: LivenessPrompt }
  | { readonly kind: 'go-to-counter' }
  | { readonly kind: 'sending' }
  | { readonly kind: 'photo-review'; readonly photoUrl: string; readonly passed: boolean; readonly failedChecks: readonly string[] }
  | { readonly kind: 'camera-failed' };

export const CAPTURE_TIMING = {
  /** Consecutive frames in the oval before the prompt (or the photo) starts. */
  holdFrames: 3,
  /** No good face in this long: the step ends as no-face. */
  noFaceMs: 45_000,
  /** The picture does not move for this long: the camera gives no frames. */
  frozenMs: 4_000,
  /** A black, flat picture for this long: the lens is covered. */
  coveredMs: 3_000,
  /** "Please go to a counter" stays this long before the step ends. */
  counterNoticeMs: 4_000,
  /** GA 461 photos that fail the checks before the step gives up. */
  maxPhotoTries: 3,
  /** Eye openness (lid gap / eye width) a live still needs: open eyes read ~0.3-0.45, closed ~0.2. */
  stillMinEyeOpenness: 0.25,
} as const;

export interface CaptureRunDeps {
  readonly detector: FaceDetector;
  readonly submit: (answer: SubmitCapture) => Promise<unknown>;
  readonly report: (condition: CameraCondition, detail: string) => void;
  readonly onPhase: (phase: CapturePhase) => void;
  /** Page clock (performance.now() by default). */
  readonly now?: () => number;
}

/**
 * How the next frame is analysed (detector.ts): whole for the frame that completes the hold (it
 * becomes the live still or the GA 461 photo, or starts the prompt), with the iris on every frame
 * of a prompt, the lighter guidance analysis otherwise.
 */
export function detectModeFor(phase: CapturePhase['kind'], held: number): DetectMode {
  if (phase === 'prompt') return 'prompt';
  return phase === 'guiding' && held >= CAPTURE_TIMING.holdFrames - 1 ? 'full' : 'guide';
}

type Frame = { readonly faces: readonly FaceResult[]; readonly measures: readonly FaceMeasure[]; readonly guidance: Guidance; readonly brightness: number };

export class CaptureRun {
  readonly #video: HTMLVideoElement;
  readonly #request: CaptureRequest;
  readonly #deps: CaptureRunDeps;
  readonly #now: () => number;
  #stream: MediaStream | undefined;
  #stopped = false;
  #phase: CapturePhase = { kind: 'starting' };
  #held = 0;
  readonly #liveness: LivenessRun;
  #photoTries = 0;
  #photo: { readonly jpeg: Uint8Array; readonly quality: CaptureQuality } | undefined;
  #guidingSinceMs = 0;
  #lastFrameMs = 0;
  #darkSinceMs: number | undefined;
  #reported: CameraCondition | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #encoder = createCanvasJpegEncoder();

  constructor(video: HTMLVideoElement, request: CaptureRequest, deps: CaptureRunDeps) {
    this.#video = video;
    this.#request = request;
    this.#deps = deps;
    this.#now = deps.now ?? (() => performance.now());
    this.#liveness = new LivenessRun(request.livenessPrompt ?? 'blink', request.promptTimeLimitMs);
  }

  get phase(): CapturePhase {
    return this.#phase;
  }

  async start(): Promise<void> {
    try {
      this.#stream = await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 640 }, height: { ideal: 480 }, facingMode: 'user' }, audio: false });
    } catch (error) {
      return this.#cameraFailed('offline', error instanceof Error ? `${error.name}: ${error.message}` : 'getUserMedia failed');
    }
    if (this.#stopped) return this.#release();
    this.#video.srcObject = this.#stream;
    this.#video.muted = true;
    // Not awaited: play() of a camera that opens but sends no frame never settles (nor does it
    // when the step stops first); the frame loop notices a camera without frames.
    void this.#video.play().catch(() => undefined);
    const detector = this.#deps.detector;
    this.#guidingSinceMs = this.#lastFrameMs = this.#now();
    this.#set({ kind: 'guiding', guidance: 'noFace' });
    void this.#loop(detector);
  }

  /** The citizen pressed "try again" after a failed prompt. */
  retry(): void {
    if (this.#phase.kind !== 'prompt-failed') return;
    this.#startPrompt(this.#phase.nextPrompt, true);
  }

  /** ID photo: the citizen wants another one. */
  retake(): void {
    if (this.#phase.kind !== 'photo-review') return;
    this.#dropPhoto();
    this.#held = 0;
    this.#guidingSinceMs = this.#now();
    this.#set({ kind: 'guiding', guidance: 'hold' });
  }

  /** ID photo: the citizen accepts the photo shown. */
  accept(): void {
    if (this.#phase.kind !== 'photo-review' || !this.#phase.passed || !this.#photo) return;
    const photo = this.#photo;
    this.#finish({ requestId: this.#request.requestId, ok: true, jpegBase64: toBase64(photo.jpeg), width: 358, height: 441, liveness: null, quality: photo.quality });
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#dropPhoto();
    this.#release();
  }

  #release(): void {
    for (const track of this.#stream?.getTracks() ?? []) track.stop();
    this.#stream = undefined;
    this.#video.srcObject = null;
  }

  #set(phase: CapturePhase): void {
    this.#phase = phase;
    if (!this.#stopped) this.#deps.onPhase(phase);
  }

  #report(condition: CameraCondition, detail: string): void {
    if (this.#reported === condition) return;
    this.#reported = condition;
    this.#deps.report(condition, detail);
  }

  #cameraFailed(condition: 'offline' | 'no-frames', detail: string): void {
    this.#report(condition, detail);
    this.#set({ kind: 'camera-failed' });
    this.#finish({ requestId: this.#request.requestId, ok: false, reason: 'offline', detail });
  }

  #finish(answer: SubmitCapture): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#release();
    if (answer.ok) this.#set({ kind: 'sending' });
    void this.#deps.submit(answer).catch(() => undefined);
  }

  /** Waits for the next camera frame (or a short while, where frame callbacks are missing). */
  #nextFrame(): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      const timeout = setTimeout(() => resolve(false), 1000);
      const video = this.#video;
      if ('requestVideoFrameCallback' in video) {
        video.requestVideoFrameCallback(() => {
          clearTimeout(timeout);
          resolve(true);
        });
      } else {
        clearTimeout(timeout);
        setTimeout(() => resolve(true), 33);
      }
    });
  }

  async #loop(detector: FaceDetector): Promise<void> {
    while (!this.#stopped) {
      const fresh = await this.#nextFrame();
      if (this.#stopped) return;
      const nowMs = this.#now();
      if (!fresh || this.#video.readyState < 2) {
        if (nowMs - this.#lastFrameMs > CAPTURE_TIMING.frozenMs) return this.#cameraFailed('no-frames', 'the camera picture stopped');
        continue;
      }
      this.#lastFrameMs = nowMs;
      if (this.#phase.kind === 'prompt-failed' || this.#phase.kind === 'go-to-counter' || this.#phase.kind === 'photo-review' || this.#phase.kind === 'sending') continue;
      const frame = await this.#analyse(detector);
      if (this.#stopped) return;
      this.#watchLens(frame.brightness, nowMs);
      await this.#step(frame, nowMs);
    }
  }

  async #analyse(detector: FaceDetector): Promise<Frame> {
    const light = frameLight(this.#video);
    const faces = light.mean < 8 ? [] : await detector.detect(this.#video, detectModeFor(this.#phase.kind, this.#held));
    const measures: FaceMeasure[] = [];
    for (const face of faces) {
      const measured = measureFace(face);
      if (measured) measures.push({ ...measured, eyeShade: eyeShade(this.#video, face.mesh) });
    }
    const g = guidance({ width: this.#video.videoWidth, height: this.#video.videoHeight, brightness: light.mean, faces: measures });
    return { faces, measures, guidance: g, brightness: light.mean };
  }

  #watchLens(brightness: number, nowMs: number): void {
    if (brightness >= 8) {
      this.#darkSinceMs = undefined;
      this.#report('online', '');
      return;
    }
    this.#darkSinceMs ??= nowMs;
    if (nowMs - this.#darkSinceMs > CAPTURE_TIMING.coveredMs) this.#report('covered', 'the camera picture is black');
  }

  async #step(frame: Frame, nowMs: number): Promise<void> {
    const phase = this.#phase;
    if (phase.kind === 'guiding') {
      // Between the prompt followed and the still, the face must stay the one that followed it.
      const tracked = this.#liveness.stillFrame(frame.measures, nowMs);
      if (tracked === 'again') this.#held = 0;
      this.#held = frame.guidance === 'hold' ? this.#held + 1 : 0;
      if (this.#held < CAPTURE_TIMING.holdFrames) {
        if (nowMs - this.#guidingSinceMs > CAPTURE_TIMING.noFaceMs) {
          return this.#finish({ requestId: this.#request.requestId, ok: false, reason: 'no-face', detail: `no usable face in ${CAPTURE_TIMING.noFaceMs} ms (last: ${frame.guidance})` });
        }
        if (phase.guidance !== frame.guidance) this.#set({ kind: 'guiding', guidance: frame.guidance });
        return;
      }
      if (this.#request.purpose === 'id-photo') return this.#composePhoto(frame);
      if (this.#liveness.passed) return tracked && tracked !== 'again' ? this.#sendStill(frame, tracked) : undefined;
      // First, or again after the face changed: the prompt the citizen was given.
      return this.#startPrompt(this.#liveness.prompt);
    }
    if (phase.kind === 'prompt') {
      const outcome = this.#liveness.promptFrame(frame, nowMs);
      if (outcome.kind === 'passed') {
        this.#held = 0;
        this.#set({ kind: 'guiding', guidance: frame.guidance });
        return;
      }
      if (outcome.kind === 'failed') return this.#promptFailed(outcome.nextPrompt);
      if (outcome.halfway !== phase.halfway || frame.guidance !== phase.guidance) this.#set({ ...phase, halfway: outcome.halfway, guidance: frame.guidance });
    }
  }

  #startPrompt(prompt: LivenessPrompt, retry = false): void {
    this.#liveness.start(prompt, this.#now(), retry);
    this.#set({ kind: 'prompt', prompt, attempt: this.#liveness.attempt, halfway: false, guidance: 'hold', endsAtMs: Date.now() + (this.#request.promptTimeLimitMs ?? LIVENESS_LIMITS.timeLimitMs) });
  }

  #promptFailed(nextPrompt: LivenessPrompt | null): void {
    if (nextPrompt) {
      this.#set({ kind: 'prompt-failed', nextPrompt });
      return;
    }
    this.#set({ kind: 'go-to-counter' });
    this.#timer = setTimeout(
      () => this.#finish({ requestId: this.#request.requestId, ok: false, reason: 'liveness-failed', detail: `two liveness prompts failed: ${this.#liveness.failures.join('; ')}` }),
      CAPTURE_TIMING.counterNoticeMs,
    );
  }

  /** After liveness: the first frame in the oval with the eyes open becomes the still, of the face that followed the prompt. */
  async #sendStill(frame: Frame, face: FaceMeasure): Promise<void> {
    // Not mid-blink: the still is the picture central compares with the one on record.
    if (face.eyeOpenness < CAPTURE_TIMING.stillMinEyeOpenness) return;
    this.#set({ kind: 'sending' });
    const still = await liveStill(this.#video, face, this.#encoder);
    this.#finish({
      requestId: this.#request.requestId,
      ok: true,
      jpegBase64: toBase64(still.jpeg),
      width: still.width,
      height: still.height,
      liveness: { passed: true, method: this.#liveness.prompt },
      quality: { faceScore: face.score, faceWidthPx: face.widthPx, yawDeg: face.yawDeg, pitchDeg: face.pitchDeg, brightness: frame.brightness, checks: {} },
    });
  }

  async #composePhoto(frame: Frame): Promise<void> {
    const face = mainFace(frame.measures);
    if (!face) return;
    this.#set({ kind: 'sending' });
    const image = grabFrame(this.#video);
    // Every face found, not only the main one: the photo's `oneFace` check counts them.
    const ga461Faces = facesFromHuman(frame.faces, image);
    if (ga461Faces.length === 0) return this.#set({ kind: 'guiding', guidance: 'hold' });
    let photo: Ga461Photo;
    try {
      photo = await makeGa461Photo(image, ga461Faces, this.#encoder);
    } catch (error) {
      // No face the composer is sure of, or landmarks it cannot use: guide on, take another frame.
      if (!(error instanceof Ga461Error)) throw error;
      this.#held = 0;
      return this.#set({ kind: 'guiding', guidance: 'hold' });
    }
    this.#photoTries++;
    this.#dropPhoto();
    this.#photo = {
      jpeg: photo.jpeg,
      quality: { faceScore: face.score, faceWidthPx: face.widthPx, yawDeg: clampDeg(face.yawDeg), pitchDeg: clampDeg(face.pitchDeg), brightness: frame.brightness, checks: { ...photo.quality.checks } },
    };
    const failedChecks = Object.entries(photo.quality.checks)
      .filter(([, passed]) => !passed)
      .map(([name]) => name);
    if (!photo.passed && this.#photoTries >= CAPTURE_TIMING.maxPhotoTries) {
      return this.#finish({ requestId: this.#request.requestId, ok: false, reason: 'quality-failed', detail: `failed checks: ${failedChecks.join(', ')}` });
    }
    const photoUrl = URL.createObjectURL(new Blob([photo.jpeg as BlobPart], { type: 'image/jpeg' }));
    this.#set({ kind: 'photo-review', photoUrl, passed: photo.passed, failedChecks });
  }

  #dropPhoto(): void {
    if (this.#phase.kind === 'photo-review') URL.revokeObjectURL(this.#phase.photoUrl);
    this.#photo = undefined;
  }
}

const clampDeg = (deg: number) => (Number.isFinite(deg) ? Math.max(-90, Math.min(90, deg)) : 0);
