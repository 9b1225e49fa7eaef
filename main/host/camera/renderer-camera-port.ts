import { randomUUID } from 'node:crypto';
import type { CameraPort, CaptureOptions, CaptureResult, IdPhotoResult } from '../../../drivers/camera/camera-port';
import { type Clock, systemClock, type TimerHandle } from '../../../drivers/common/clock';
import type { CommonStatus } from '../../../drivers/common/device-status';
import { Listeners } from '../../../drivers/transport/byte-pipe';
import {
  CAPTURE_SIDE_RANGE,
  type CameraCondition,
  type CapturePurpose,
  type CaptureRequest,
  type LivenessPrompt,
  MAX_CAPTURE_JPEG_BYTES,
  MIN_CAPTURE_JPEG_BYTES,
  type SubmitCapture,
} from '../../api/camera-contract';
import { RefusedError } from '../api/dispatcher';
import type { Logger } from '../log';
import { checkJpeg, type JpegExpectation } from './jpeg-check';

/** A GA 461 photo: 358x441, a JPEG of about 14-20 KB (domain.md). */
export const ID_PHOTO = { width: 358, height: 441, minBytes: 14_000, maxBytes: 20 * 1024 } as const;

export interface RendererCameraOptions {
  readonly log: Logger;
  readonly clock?: Clock;
  /** How long the host waits for the screen's answer (guidance, two prompts, a retake). */
  readonly captureTimeoutMs?: number;
  /** How long the citizen has to follow a liveness prompt (12 s by default); a session's time scale lengthens it. */
  readonly promptTimeLimitMs?: number;
  /** Picks the first liveness prompt; Math.random by default, fixed in tests. */
  readonly random?: () => number;
}

type Answer = { readonly purpose: 'live'; readonly resolve: (result: CaptureResult) => void } | { readonly purpose: 'id-photo'; readonly resolve: (result: IdPhotoResult) => void };

interface OpenRequest {
  readonly request: CaptureRequest;
  readonly answer: Answer;
  readonly timer: TimerHandle;
  readonly offAbort: () => void;
}

/** How the screen's words for the camera map onto the one device status vocabulary. */
export function cameraStatus(condition: CameraCondition, detail: string): CommonStatus {
  switch (condition) {
    case 'online':
      return { status: 'online' };
    case 'offline':
      return { status: 'offline', detail: detail || 'the screen cannot open the camera' };
    case 'no-frames':
      return { status: 'hardware-error', detail: detail || 'the camera gives no frames' };
    case 'covered':
      return { status: 'user-error', detail: detail || 'the camera sees nothing (covered)' };
    default:
      return condition satisfies never;
  }
}

/**
 * The camera as the flows see it (CameraPort), with the capture done by the screen: a capture
 * opens a request that the session view carries as `capture`; the camera step on the screen
 * answers with `submitCapture`, which is checked here before a flow sees it. Frames never reach
 * the host; only the chosen still does. The screen also reports how it finds the camera.
 */
export class RendererCameraPort implements CameraPort {
  readonly #log: Logger;
  readonly #clock: Clock;
  readonly #timeoutMs: number;
  readonly #random: () => number;
  readonly #promptTimeLimitMs: number;
  readonly #requestChanged = new Listeners<[CaptureRequest | null]>();
  readonly #statusChanged = new Listeners<[CommonStatus]>();
  #status: CommonStatus = { status: 'offline', detail: 'no screen has reported the camera yet' };
  #open: OpenRequest | undefined;

  constructor(options: RendererCameraOptions) {
    this.#log = options.log;
    this.#clock = options.clock ?? systemClock;
    this.#timeoutMs = options.captureTimeoutMs ?? 150_000;
    this.#random = options.random ?? Math.random;
    this.#promptTimeLimitMs = options.promptTimeLimitMs ?? 12_000;
  }

  get status(): CommonStatus {
    return this.#status;
  }

  /** The open capture request, or null. */
  get request(): CaptureRequest | null {
    return this.#open?.request ?? null;
  }

  onRequestChange(listener: (request: CaptureRequest | null) => void): () => void {
    return this.#requestChanged.add(listener);
  }

  onStatusChange(listener: (status: CommonStatus) => void): () => void {
    return this.#statusChanged.add(listener);
  }

  /** The screen's `reportCamera`. */
  report(condition: CameraCondition, detail: string): void {
    const next = cameraStatus(condition, detail);
    if (next.status === this.#status.status && next.detail === this.#status.detail) return;
    this.#log.info({ camera: next.status, detail: next.detail }, 'camera status reported by the screen');
    this.#status = next;
    this.#statusChanged.emit(next);
  }

  captureLive(options: CaptureOptions = {}): Promise<CaptureResult> {
    return new Promise<CaptureResult>((resolve) => this.#openRequest({ purpose: 'live', resolve }, options));
  }

  captureIdPhoto(options: CaptureOptions = {}): Promise<IdPhotoResult> {
    return new Promise<IdPhotoResult>((resolve) => this.#openRequest({ purpose: 'id-photo', resolve }, options));
  }

  /** Ends the open request as cancelled (the session ended). */
  cancel(why: string): void {
    if (this.#open) this.#close(this.#open.request.requestId, { ok: false, reason: 'cancelled', message: why });
  }

  /**
   * The screen's `submitCapture`. A still that fails the checks is refused (the request stays
   * open, the screen may send a good one before the deadline); an answer for a request that is
   * not open is refused too.
   */
  submit(answer: SubmitCapture): void {
    const open = this.#open;
    if (!open || open.request.requestId !== answer.requestId) throw new RefusedError('no camera step with this request is open', 'errors.notNow');
    const purpose = open.request.purpose;
    if (!answer.ok) {
      this.#log.info({ requestId: answer.requestId, reason: answer.reason, detail: answer.detail }, 'camera step ended without a still');
      this.#close(answer.requestId, { ok: false, reason: answer.reason, message: answer.detail || answer.reason });
      return;
    }
    const bytes = Buffer.from(answer.jpegBase64, 'base64');
    const checked = checkJpeg(bytes, expectation(purpose, answer.width, answer.height));
    if (!checked.ok) return this.#refuse(answer.requestId, `${checked.problem}: ${checked.message}`);
    if (purpose === 'live' && !answer.liveness) return this.#refuse(answer.requestId, 'a live still without a passed liveness prompt');
    if (purpose === 'id-photo' && answer.liveness) return this.#refuse(answer.requestId, 'an ID photo carries no liveness result');
    const { checks, ...figures } = answer.quality;
    this.#log.info({ requestId: answer.requestId, purpose, bytes: bytes.length, width: answer.width, height: answer.height, ...figures }, 'camera still received');
    if (open.answer.purpose === 'live') {
      open.answer.resolve({ ok: true, value: { jpeg: new Uint8Array(bytes), liveness: { passed: true, method: answer.liveness!.method }, quality: figures } });
    } else {
      open.answer.resolve({ ok: true, value: { jpeg: new Uint8Array(bytes), quality: { widthPx: answer.width, heightPx: answer.height, bytes: bytes.length, checks } } });
    }
    this.#forget(open);
  }

  #refuse(requestId: string, why: string): never {
    this.#log.warn({ requestId, why }, 'camera still refused');
    throw new RefusedError(`the still was refused: ${why}`, 'camera.stillRefused');
  }

  #openRequest(answer: Answer, { signal, timeScale = 1 }: CaptureOptions): void {
    if (signal?.aborted) {
      answer.resolve({ ok: false, reason: 'cancelled', message: 'the camera step was cancelled' });
      return;
    }
    this.cancel('a newer camera step replaced this one');
    const requestId = randomUUID();
    const prompt: LivenessPrompt | null = answer.purpose === 'live' ? (this.#random() < 0.5 ? 'blink' : 'turn-head') : null;
    // Elderly mode: the prompts and the whole step last longer, by the session's time scale.
    const timeoutMs = Math.round(this.#timeoutMs * timeScale);
    const request: CaptureRequest = {
      requestId,
      purpose: answer.purpose,
      livenessPrompt: prompt,
      deadlineMs: this.#clock.now() + timeoutMs,
      ...(prompt ? { promptTimeLimitMs: Math.round(this.#promptTimeLimitMs * timeScale) } : {}),
    };
    const timer = this.#clock.setTimeout(
      () => this.#close(requestId, { ok: false, reason: 'offline', message: 'the screen did not answer the camera step in time' }),
      timeoutMs,
    );
    const onAbort = () => this.#close(requestId, { ok: false, reason: 'cancelled', message: 'the camera step was cancelled' });
    signal?.addEventListener('abort', onAbort, { once: true });
    this.#open = { request, answer, timer, offAbort: () => signal?.removeEventListener('abort', onAbort) };
    this.#log.info({ requestId, purpose: answer.purpose, prompt }, 'camera step opened');
    this.#requestChanged.emit(request);
  }

  /** Ends a request without a still. */
  #close(requestId: string, failure: { readonly ok: false; readonly reason: 'no-face' | 'liveness-failed' | 'offline' | 'cancelled' | 'quality-failed'; readonly message: string }): void {
    const open = this.#open;
    if (!open || open.request.requestId !== requestId) return;
    if (open.answer.purpose === 'live') {
      open.answer.resolve({ ...failure, reason: failure.reason === 'quality-failed' ? 'no-face' : failure.reason });
    } else {
      open.answer.resolve({ ...failure, reason: failure.reason === 'liveness-failed' ? 'no-face' : failure.reason });
    }
    this.#forget(open);
  }

  #forget(open: OpenRequest): void {
    this.#clock.clearTimeout(open.timer);
    open.offAbort();
    if (this.#open === open) this.#open = undefined;
    this.#requestChanged.emit(null);
  }
}

function expectation(purpose: CapturePurpose, width: number, height: number): JpegExpectation {
  if (purpose === 'id-photo') return ID_PHOTO;
  const inRange = (side: number) => side >= CAPTURE_SIDE_RANGE.min && side <= CAPTURE_SIDE_RANGE.max;
  return { width: inRange(width) ? width : -1, height: inRange(height) ? height : -1, minBytes: MIN_CAPTURE_JPEG_BYTES, maxBytes: MAX_CAPTURE_JPEG_BYTES };
}
