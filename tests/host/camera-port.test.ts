/**
 * The screen's camera step as the flows see it: RendererCameraPort opens a capture request, the
 * screen answers with submitCapture, and the host checks the still before a flow gets it. The
 * stills are real JPEGs (jpeg-js); the hostile ones are real JPEGs bent on purpose.
 */
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { CaptureResult, IdPhotoResult } from '../../drivers/camera/camera-port';
import { MAX_CAPTURE_JPEG_BYTES, SubmitCapture } from '../../main/api/camera-contract';
import { RefusedError } from '../../main/host/api/dispatcher';
import { checkJpeg } from '../../main/host/camera/jpeg-check';
import { cameraStatus, ID_PHOTO, RendererCameraPort } from '../../main/host/camera/renderer-camera-port';
import { ManualClock } from '../support/manual-clock';
import { testJpeg } from './camera-jpegs';

const silent = pino({ level: 'silent' });

const quality = { faceScore: 0.97, faceWidthPx: 205, yawDeg: 2, pitchDeg: -1, brightness: 140, checks: {} };

function port(clock = new ManualClock(1_000)) {
  return { clock, camera: new RendererCameraPort({ log: silent, clock, captureTimeoutMs: 60_000, random: () => 0.9 }) };
}

/** Opens a live capture and returns its request and the pending result. */
function openLive(camera: RendererCameraPort, signal?: AbortSignal) {
  const result = camera.captureLive({ signal });
  const request = camera.request!;
  return { request, result };
}

function liveAnswer(requestId: string, bytes: Buffer, width: number, height: number): SubmitCapture {
  return { requestId, ok: true, jpegBase64: bytes.toString('base64'), width, height, liveness: { passed: true, method: 'turn-head' }, quality };
}

describe('RendererCameraPort', () => {
  it('opens a request the screen sees, takes a checked still, and hands it to the flow with liveness and figures', async () => {
    const { camera } = port();
    const seen: unknown[] = [];
    camera.onRequestChange((request) => seen.push(request));
    const { request, result } = openLive(camera);
    expect(request).toMatchObject({ purpose: 'live', livenessPrompt: 'turn-head', deadlineMs: 61_000 });
    const still = testJpeg(480, 600);
    camera.submit(liveAnswer(request.requestId, still, 480, 600));
    const captured = (await result) as Extract<CaptureResult, { ok: true }>;
    expect(captured.ok).toBe(true);
    expect(Buffer.from(captured.value.jpeg).equals(still)).toBe(true);
    expect(captured.value.liveness).toEqual({ passed: true, method: 'turn-head' });
    expect(captured.value.quality).toEqual({ faceScore: 0.97, faceWidthPx: 205, yawDeg: 2, pitchDeg: -1, brightness: 140 });
    expect(camera.request).toBeNull();
    expect(seen).toEqual([request, null]);
  });

  it("gives each liveness prompt 12 s and the step its time, both lengthened by the session's time scale (elderly mode); an ID photo has no prompt", async () => {
    const { camera, clock } = port();
    void camera.captureLive({});
    expect(camera.request).toMatchObject({ promptTimeLimitMs: 12_000, deadlineMs: 61_000 });
    camera.cancel('next');
    void camera.captureLive({ timeScale: 1.5 });
    expect(camera.request).toMatchObject({ promptTimeLimitMs: 18_000, deadlineMs: 91_000 });
    // The host waits that long too before it gives up on the screen.
    clock.advance(60_001);
    expect(camera.request).not.toBeNull();
    camera.cancel('next');
    void camera.captureIdPhoto({ timeScale: 1.5 });
    expect(camera.request).toMatchObject({ purpose: 'id-photo', deadlineMs: 61_001 + 90_000 });
    expect(camera.request).not.toHaveProperty('promptTimeLimitMs');
    camera.cancel('test over');
  });

  it('picks the first liveness prompt at random', () => {
    const low = new RendererCameraPort({ log: silent, random: () => 0.1 });
    void low.captureLive({});
    expect(low.request?.livenessPrompt).toBe('blink');
    low.cancel('test over');
  });

  it.each([
    ['not a JPEG', () => Buffer.concat([Buffer.from('GIF89a'), testJpeg(480, 600).subarray(6)]), 'not-jpeg'],
    ['cut short', () => testJpeg(480, 600).subarray(0, 6000), 'truncated'],
    ['declared sides that are not the picture', () => testJpeg(400, 600), 'wrong-size'],
    ['over the size limit', () => testJpeg(1000, 1200, 100, 200), 'too-big'],
    ['too small to be a face', () => testJpeg(200, 200, 5, 2), 'too-small'],
  ])('refuses a still that is %s, and keeps the step open for a good one', async (_name, make, problem) => {
    const { camera } = port();
    const { request, result } = openLive(camera);
    const bytes = make();
    const answer = liveAnswer(request.requestId, bytes, 480, 600);
    // The contract caps the base64 itself: an oversized still never reaches the port.
    if (problem === 'too-big') {
      expect(bytes.length).toBeGreaterThan(MAX_CAPTURE_JPEG_BYTES);
      expect(SubmitCapture.safeParse(answer).success).toBe(false);
      expect(checkJpeg(bytes, { width: 1000, height: 1200, minBytes: 0, maxBytes: MAX_CAPTURE_JPEG_BYTES })).toMatchObject({ ok: false, problem });
      camera.cancel('test over');
      return;
    }
    expect(() => camera.submit(answer)).toThrow(RefusedError);
    expect(() => camera.submit(answer)).toThrow(new RegExp(problem));
    expect(camera.request).toBe(request);
    camera.submit(liveAnswer(request.requestId, testJpeg(480, 600), 480, 600));
    expect((await result).ok).toBe(true);
  });

  it('refuses an answer to a request that is not open, and a live still without liveness', async () => {
    const { camera } = port();
    const still = testJpeg(480, 600);
    expect(() => camera.submit(liveAnswer('6f1d1b52-6d1a-4a38-9d53-0a8d2c1e0b11', still, 480, 600))).toThrow(RefusedError);
    const { request, result } = openLive(camera);
    expect(() => camera.submit(liveAnswer('6f1d1b52-6d1a-4a38-9d53-0a8d2c1e0b11', still, 480, 600))).toThrow(/no camera step/);
    expect(() => camera.submit({ ...liveAnswer(request.requestId, still, 480, 600), liveness: null } as SubmitCapture)).toThrow(/liveness/);
    camera.cancel('test over');
    expect(await result).toMatchObject({ ok: false, reason: 'cancelled' });
  });

  it("passes the screen's failures on as the flow's CaptureResult reasons", async () => {
    const { camera } = port();
    for (const reason of ['no-face', 'liveness-failed', 'offline'] as const) {
      const { request, result } = openLive(camera);
      camera.submit({ requestId: request.requestId, ok: false, reason, detail: `screen said ${reason}` });
      expect(await result).toEqual({ ok: false, reason, message: `screen said ${reason}` });
    }
  });

  it('ends the step as offline when the screen never answers, and as cancelled when the flow aborts', async () => {
    const { camera, clock } = port();
    const first = openLive(camera);
    clock.advance(59_999);
    expect(camera.request).not.toBeNull();
    clock.advance(1);
    expect(await first.result).toMatchObject({ ok: false, reason: 'offline' });
    const abort = new AbortController();
    const second = openLive(camera, abort.signal);
    abort.abort();
    expect(await second.result).toMatchObject({ ok: false, reason: 'cancelled' });
    expect(camera.request).toBeNull();
    expect(clock.pending()).toBe(0);
  });

  it('takes a GA 461 photo only at 358x441 and 14-20 KB, without liveness', async () => {
    const { camera } = port();
    const result: Promise<IdPhotoResult> = camera.captureIdPhoto({});
    const request = camera.request!;
    expect(request).toMatchObject({ purpose: 'id-photo', livenessPrompt: null });
    const photo = testJpeg(ID_PHOTO.width, ID_PHOTO.height, 80, 12);
    expect(photo.length).toBeGreaterThanOrEqual(ID_PHOTO.minBytes);
    expect(photo.length).toBeLessThanOrEqual(ID_PHOTO.maxBytes);
    const answer: SubmitCapture = { requestId: request.requestId, ok: true, jpegBase64: photo.toString('base64'), width: 358, height: 441, liveness: null, quality: { ...quality, checks: { oneFace: true, centred: true } } };
    const wrongSize = testJpeg(360, 441, 80, 12);
    expect(() => camera.submit({ ...answer, jpegBase64: wrongSize.toString('base64'), width: 360 })).toThrow(/wrong-size|too-/);
    expect(() => camera.submit({ ...answer, liveness: { passed: true, method: 'blink' } })).toThrow(/no liveness/);
    camera.submit(answer);
    expect(await result).toMatchObject({ ok: true, value: { quality: { widthPx: 358, heightPx: 441, bytes: photo.length, checks: { oneFace: true, centred: true } } } });
  });

  it('maps what the screen finds of the camera onto the one status vocabulary', () => {
    const { camera } = port();
    expect(camera.status.status).toBe('offline');
    const changes: string[] = [];
    camera.onStatusChange((status) => changes.push(status.status));
    camera.report('online', '');
    camera.report('online', '');
    camera.report('covered', 'picture is black');
    expect(changes).toEqual(['online', 'user-error']);
    expect(cameraStatus('no-frames', '').status).toBe('hardware-error');
    expect(cameraStatus('offline', 'NotFoundError').detail).toBe('NotFoundError');
  });
});
