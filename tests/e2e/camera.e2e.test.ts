/**
 * The camera step in Chromium with the real detector (human on tfjs' wasm backend, models served
 * by the UI server) and Chromium's fake camera playing the simulator's scenes. The host is a
 * scripted dispatcher here, so each scene is one capture request: what the screen says for it,
 * whether liveness passes, and exactly what the host receives. Screenshots: test-results/camera/.
 * The real host with the endorsement goes through this step in endorsement-flow.e2e.test.ts.
 */
import { mkdirSync, mkdtempSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import pino from 'pino';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaptureRequest, LivenessPrompt, SubmitCapture } from '../../main/api/camera-contract';
import { commandNames, type KioskView, type SessionView } from '../../main/api/contract';
import { ApiDispatcher, type CommandHandlers, RefusedError } from '../../main/host/api/dispatcher';
import { checkJpeg } from '../../main/host/camera/jpeg-check';
import { ensureRendererBuilt } from '../../main/launcher/renderer-build';
import { startUiServer, type UiServer } from '../../main/host/ui-server';
import { FAILED_BECAUSE } from '../../renderer/src/camera/liveness-run';
import { showScene } from '../../simulators/camera/scene-files';
import type { CameraScene } from '../../simulators/camera/scenes';
import { textFor } from '../support/catalogues';
import { launchChromium } from '../support/chromium';

const projectRoot = join(import.meta.dirname, '..', '..');
const shots = join(projectRoot, 'test-results', 'camera');
const kiosk: KioskView = {
  kioskId: 'GD-GZ-0001',
  defaultLanguage: 'zh-CN',
  services: (['hk-macau-endorsement', 'id-reissue', 'certificate-pickup', 'progress-query'] as const).map((id) => ({ id, available: true, reasonKey: null })),
  outOfService: false,
};

let current: SessionView = { step: 'idle' };
const answers: SubmitCapture[] = [];
const reports: string[] = [];
const refuse = async (): Promise<never> => {
  throw new RefusedError('not in this test', 'errors.notNow');
};
/** Every command refused (the camera step needs none of them) except those the step uses. */
const handlers = {
  ...(Object.fromEntries(commandNames.map((name) => [name, refuse])) as unknown as CommandHandlers),
  getKiosk: async () => kiosk,
  getSession: async () => current,
  cancelSession: async () => show({ step: 'idle' }),
  submitCapture: async (answer: SubmitCapture) => {
    answers.push(answer);
    return show({ step: 'flow-busy', activity: 'verifying-identity', service: 'hk-macau-endorsement', sessionId: 'sess-cam', txnId: 'txn-cam' });
  },
  reportCamera: async ({ condition }: { condition: string }) => {
    reports.push(condition);
    return {};
  },
  heartbeat: async ({ at }: { at: number }) => ({ at }),
} as CommandHandlers;
const api = new ApiDispatcher(handlers);

function show(view: SessionView): SessionView {
  current = view;
  api.emit('session', view);
  return view;
}

let requestNo = 0;
/** Opens a camera step for `purpose`, as the host does when a flow captures. */
function openCapture(purpose: CaptureRequest['purpose'], prompt: LivenessPrompt | null, promptTimeLimitMs?: number): CaptureRequest {
  requestNo++;
  const capture: CaptureRequest = {
    requestId: `00000000-0000-4000-8000-${String(requestNo).padStart(12, '0')}`,
    purpose,
    livenessPrompt: prompt,
    deadlineMs: Date.now() + 120_000,
    ...(promptTimeLimitMs === undefined ? {} : { promptTimeLimitMs }),
  };
  show({ step: 'flow-busy', activity: 'face-capture', service: 'hk-macau-endorsement', sessionId: 'sess-cam', txnId: 'txn-cam', capture });
  return capture;
}

let ui: UiServer;
let browser: Browser;
let page: Page;
const liveFile = join(mkdtempSync(join(tmpdir(), 'fake-camera-')), 'camera.y4m');

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  showScene(liveFile, 'cooperative');
  const rendererDir = await ensureRendererBuilt(projectRoot, () => {});
  ui = await startUiServer({ api, log: pino({ level: 'silent' }) }, rendererDir);
  browser = await launchChromium({ fakeCamera: liveFile });
  page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await page.goto(ui.url);
  await page.locator('button.service').nth(3).waitFor();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await ui?.close();
});

const instruction = (p: Page) => p.getByTestId('camera-instruction');
const kindOf = (p: Page) => instruction(p).getAttribute('data-kind');

/** Plays `scene` for the next camera step, opens one, and waits for the screen to say `expected`. */
async function guidanceFor(scene: CameraScene, expected: string): Promise<void> {
  showScene(liveFile, scene);
  openCapture('live', 'blink');
  await expect.poll(() => kindOf(page), { timeout: 60_000, interval: 100 }).toBe(expected);
  expect(await instruction(page).textContent()).toBe(textFor('zh-CN', `camera.guide.${expected}`));
  await page.screenshot({ path: join(shots, `guidance-${scene}.png`) });
  show({ step: 'idle' });
  await page.getByTestId('camera-step').waitFor({ state: 'detached' });
}

describe('camera step in Chromium with the fake camera', { timeout: 120_000 }, () => {
  it('reports the camera online to the host when the page starts', async () => {
    await expect.poll(() => reports.includes('online'), { timeout: 20_000 }).toBe(true);
  });

  it.each([
    ['no-face', 'noFace'],
    ['two-faces', 'oneFaceOnly'],
    ['too-far', 'comeCloser'],
    ['too-close', 'moveBack'],
    ['off-centre', 'moveToCentre'],
    ['dark', 'moreLight'],
    ['sunglasses', 'uncover'],
  ] as const)('scene %s: the screen says %s', async (scene, expected) => {
    await guidanceFor(scene, expected);
    expect(answers).toEqual([]);
  });

  it('covered lens: the screen asks for light and the host hears the camera is covered; uncovered, it is online again', async () => {
    reports.length = 0;
    showScene(liveFile, 'covered');
    openCapture('live', 'blink');
    await expect.poll(() => kindOf(page), { timeout: 60_000, interval: 100 }).toBe('moreLight');
    await expect.poll(() => reports.at(-1), { timeout: 15_000 }).toBe('covered');
    await page.screenshot({ path: join(shots, 'covered.png') });
    show({ step: 'idle' });
    await page.getByTestId('camera-step').waitFor({ state: 'detached' });
    showScene(liveFile, 'cooperative');
    openCapture('live', 'blink');
    await expect.poll(() => reports.at(-1), { timeout: 30_000 }).toBe('online');
    show({ step: 'idle' });
    await page.getByTestId('camera-step').waitFor({ state: 'detached' });
  });

  it.each(['blink', 'turn-head'] as const)('cooperative scene: the %s prompt passes and the host gets one checked still of the face', async (prompt) => {
    answers.length = 0;
    showScene(liveFile, 'cooperative');
    const request = openCapture('live', prompt);
    await expect.poll(() => kindOf(page), { timeout: 60_000, interval: 50 }).toBe(`prompt-${prompt}`);
    await page.screenshot({ path: join(shots, `prompt-${prompt}.png`) });
    await expect.poll(() => answers.length, { timeout: 60_000 }).toBe(1);
    const answer = answers[0]!;
    expect(answer).toMatchObject({ requestId: request.requestId, ok: true, liveness: { passed: true, method: prompt } });
    if (!answer.ok) return;
    const bytes = Buffer.from(answer.jpegBase64, 'base64');
    expect(checkJpeg(bytes, { width: answer.width, height: answer.height, minBytes: 2048, maxBytes: 40 * 1024 })).toMatchObject({ ok: true });
    expect(answer.quality.faceScore).toBeGreaterThanOrEqual(0.8);
    expect(Math.abs(answer.quality.yawDeg)).toBeLessThan(12);
    // The still is the face, cropped (4:5): the middle fifth of it is skin (reddish), not the grey wall.
    expect(answer.height / answer.width).toBeCloseTo(1.25, 1);
    const decoded = jpeg.decode(bytes, { useTArray: true });
    const mean = [0, 0, 0];
    let n = 0;
    for (let y = Math.floor(decoded.height * 0.4); y < decoded.height * 0.6; y++) {
      for (let x = Math.floor(decoded.width * 0.4); x < decoded.width * 0.6; x++) {
        const at = (y * decoded.width + x) * 4;
        for (let c = 0; c < 3; c++) mean[c]! += decoded.data[at + c]!;
        n++;
      }
    }
    const [r, g, b] = mean.map((v) => v / n) as [number, number, number];
    expect(r).toBeGreaterThan(b + 10);
    expect(r).toBeGreaterThan(g);
  });

  it('motionless face: both prompts time out, one retry in between, then "please go to a counter" and a liveness failure', async () => {
    answers.length = 0;
    showScene(liveFile, 'motionless');
    // Each prompt gets the 4 s the request gives (12 s when it says nothing), so the test is short.
    const request = openCapture('live', 'blink', 4000);
    await expect.poll(() => kindOf(page), { timeout: 60_000, interval: 100 }).toBe('prompt-blink');
    await page.getByTestId('camera-retry').waitFor({ timeout: 30_000 });
    expect(await instruction(page).textContent()).toBe(textFor('zh-CN', 'camera.promptFailed'));
    await page.screenshot({ path: join(shots, 'prompt-failed.png') });
    expect(answers).toEqual([]);
    await page.getByTestId('camera-retry').click();
    await expect.poll(() => kindOf(page), { timeout: 10_000, interval: 100 }).toBe('prompt-turn-head');
    expect(await page.getByTestId('camera-attempt').textContent()).toBe(textFor('zh-CN', 'camera.prompt.lastTry'));
    await expect.poll(() => kindOf(page), { timeout: 30_000, interval: 100 }).toBe('go-to-counter');
    expect(await instruction(page).textContent()).toBe(textFor('zh-CN', 'camera.goToCounter'));
    await page.screenshot({ path: join(shots, 'go-to-counter.png') });
    await expect.poll(() => answers.length, { timeout: 15_000 }).toBe(1);
    expect(answers[0]).toMatchObject({ requestId: request.requestId, ok: false, reason: 'liveness-failed' });
  });
});

/**
 * In the page: getUserMedia gives a track that is live but never carries a picture (a canvas
 * stream that is never drawn: what a camera whose sensor hangs gives), until `restore`.
 */
const noPictureCamera = (p: Page) =>
  p.evaluate(() => {
    const media = navigator.mediaDevices as MediaDevices & { realGetUserMedia?: MediaDevices['getUserMedia'] };
    media.realGetUserMedia ??= media.getUserMedia.bind(media);
    media.getUserMedia = async () => {
      const canvas = document.createElement('canvas');
      canvas.width = 640;
      canvas.height = 480;
      return canvas.captureStream(0);
    };
  });
const restoreCamera = (p: Page) =>
  p.evaluate(() => {
    const media = navigator.mediaDevices as MediaDevices & { realGetUserMedia?: MediaDevices['getUserMedia'] };
    if (media.realGetUserMedia) media.getUserMedia = media.realGetUserMedia;
  });
/** What the page hears when a camera is plugged in or out. */
const plugEvent = (p: Page) => p.evaluate(() => navigator.mediaDevices.dispatchEvent(new Event('devicechange')));

describe('the camera between citizens and when its picture stops', { timeout: 120_000 }, () => {
  it('idle: a camera that opens but gives no picture is reported as no-frames; giving pictures again, online', async () => {
    await page.getByTestId('camera-step').waitFor({ state: 'detached' });
    reports.length = 0;
    await noPictureCamera(page);
    await plugEvent(page);
    await expect.poll(() => reports.at(-1), { timeout: 30_000, interval: 100 }).toBe('no-frames');
    await restoreCamera(page);
    await plugEvent(page);
    await expect.poll(() => reports.at(-1), { timeout: 30_000, interval: 100 }).toBe('online');
  });

  it('idle: a camera that cannot be opened any more (the fake device has lost its file) is reported offline, and online once it is back', async () => {
    reports.length = 0;
    renameSync(liveFile, `${liveFile}.away`);
    try {
      await plugEvent(page);
      await expect.poll(() => reports.at(-1), { timeout: 30_000, interval: 100 }).toBe('offline');
    } finally {
      renameSync(`${liveFile}.away`, liveFile);
    }
    await plugEvent(page);
    await expect.poll(() => reports.at(-1), { timeout: 30_000, interval: 100 }).toBe('online');
  });

  it('camera step: a camera whose picture never comes ends the step as offline and the host hears no-frames', async () => {
    answers.length = 0;
    reports.length = 0;
    await noPictureCamera(page);
    try {
      const request = openCapture('live', 'blink');
      await expect.poll(() => answers.length, { timeout: 30_000, interval: 100 }).toBe(1);
      expect(answers[0]).toMatchObject({ requestId: request.requestId, ok: false, reason: 'offline' });
      expect(reports).toContain('no-frames');
      await page.screenshot({ path: join(shots, 'no-frames.png') });
    } finally {
      await restoreCamera(page);
      show({ step: 'idle' });
    }
  });

  it('camera step: the picture stops mid-step (the track is stopped under the step): no-frames, the step ends as offline', async () => {
    answers.length = 0;
    reports.length = 0;
    showScene(liveFile, 'too-far');
    const request = openCapture('live', 'blink');
    await expect.poll(() => kindOf(page), { timeout: 60_000, interval: 100 }).toBe('comeCloser');
    await page.evaluate(() => {
      const video = document.querySelector<HTMLVideoElement>('[data-testid=camera-step] video')!;
      for (const track of (video.srcObject as MediaStream).getVideoTracks()) track.stop();
    });
    await expect.poll(() => answers.length, { timeout: 30_000, interval: 100 }).toBe(1);
    expect(answers[0]).toMatchObject({ requestId: request.requestId, ok: false, reason: 'offline' });
    expect(reports).toContain('no-frames');
    show({ step: 'idle' });
  });
});

describe('the same person through the liveness prompt', { timeout: 120_000 }, () => {
  it('another face in place of the first mid-prompt (the camera now sees someone further away) fails that try at once, and the step says why', async () => {
    answers.length = 0;
    showScene(liveFile, 'motionless');
    const request = openCapture('live', 'blink');
    await expect.poll(() => kindOf(page), { timeout: 60_000, interval: 100 }).toBe('prompt-blink');
    // The camera is opened again on another scene and given to the step's picture: a face a third of the size.
    showScene(liveFile, 'too-far');
    await page.evaluate(async () => {
      const video = document.querySelector<HTMLVideoElement>('[data-testid=camera-step] video')!;
      for (const track of (video.srcObject as MediaStream).getTracks()) track.stop();
      const swapped = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: false });
      (window as unknown as { swapped: MediaStream }).swapped = swapped;
      video.srcObject = swapped;
      void video.play();
    });
    try {
      // The try failed on the other face, not on the prompt's time limit: the answer's detail below
      // names the first try's reason (the face jumped) apart from the second's (time ran out).
      await page.getByTestId('camera-retry').waitFor({ timeout: 30_000 });
      await page.screenshot({ path: join(shots, 'prompt-failed-face-changed.png') });
      await page.getByTestId('camera-retry').click();
      await expect.poll(() => kindOf(page), { timeout: 60_000, interval: 100 }).toBe('go-to-counter');
      await expect.poll(() => answers.length, { timeout: 15_000 }).toBe(1);
      expect(answers[0]).toMatchObject({ requestId: request.requestId, ok: false, reason: 'liveness-failed' });
      expect(answers[0]!.ok === false && answers[0]!.detail).toBe(`two liveness prompts failed: ${FAILED_BECAUSE.jump}; ${FAILED_BECAUSE.timeout}`);
    } finally {
      // The step closes the camera it opened, not this one: the next tests' getUserMedia must open the file again.
      await page.evaluate(() => {
        for (const track of (window as unknown as { swapped?: MediaStream }).swapped?.getTracks() ?? []) track.stop();
      });
      show({ step: 'idle' });
    }
  });
});

describe('ID photo at the camera step', { timeout: 120_000 }, () => {
  it('good face: a composed GA 461 photo passes the checks, is shown, and on "accept" the host gets it (358x441, 14-20 KB)', async () => {
    answers.length = 0;
    showScene(liveFile, 'id-photo');
    const request = openCapture('id-photo', null);
    await page.getByTestId('camera-photo').waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(shots, 'id-photo-review.png') });
    const failed = await page.getByTestId('camera-failed-checks').count() ? await page.getByTestId('camera-failed-checks').innerText() : '';
    expect(failed).toBe('');
    await page.getByTestId('camera-accept').click();
    await expect.poll(() => answers.length, { timeout: 10_000 }).toBe(1);
    const answer = answers[0]!;
    expect(answer).toMatchObject({ requestId: request.requestId, ok: true, width: 358, height: 441, liveness: null });
    if (!answer.ok) return;
    const bytes = Buffer.from(answer.jpegBase64, 'base64');
    expect(checkJpeg(bytes, { width: 358, height: 441, minBytes: 14 * 1024, maxBytes: 20_000 })).toMatchObject({ ok: true });
    expect(Object.values(answer.quality.checks).every(Boolean)).toBe(true);
    expect(Object.keys(answer.quality.checks)).toEqual(expect.arrayContaining(['oneFace', 'faceWidth', 'headTop', 'eyeLine', 'backgroundBright']));
  });

  it('off-centre face: the citizen is told to move before any photo is taken', async () => {
    showScene(liveFile, 'off-centre');
    openCapture('id-photo', null);
    await expect.poll(() => kindOf(page), { timeout: 60_000, interval: 100 }).toBe('moveToCentre');
    expect(await page.getByTestId('camera-photo').count()).toBe(0);
    show({ step: 'idle' });
  });
});
