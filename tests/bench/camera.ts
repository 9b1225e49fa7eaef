/**
 * The camera step in Chromium, as the kiosk page runs it (models from the UI server, COOP/COEP,
 * the fake camera playing a simulator scene): model load time, per-frame guidance time at 640x480
 * (goal: median <= 70 ms, so guidance runs at >= 14 fps), per-frame time during a liveness
 * prompt (iris on every frame) and of a frame analysed whole (the still's), "face ready" to a composed, checked
 * GA 461 JPEG with the canvas encoder (goal <= 300 ms), and the page's memory after 200 camera
 * steps against after 1 (goal: growth <= 5 %), JS heap after a forced GC and tfjs' tensors.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import pino from 'pino';
import type { Page } from 'playwright-core';
import { commandNames } from '../../main/api/contract';
import { ApiDispatcher, type CommandHandlers, RefusedError } from '../../main/host/api/dispatcher';
import { startUiServer } from '../../main/host/ui-server';
import { ensureRendererBuilt } from '../../main/launcher/renderer-build';
import { showScene } from '../../simulators/camera/scene-files';
import type { CameraScene } from '../../simulators/camera/scenes';
import { launchChromium } from '../support/chromium';
import type { cameraBench } from './camera-page';
import { medianAndP95, round, runIfMain } from './stats';

const projectRoot = join(import.meta.dirname, '..', '..');
const GUIDANCE_FRAMES = 60;
const GA461_RUNS = 10;
const SESSIONS = 200;

type Bench = typeof cameraBench;
type Method = { [K in keyof Bench]: Bench[K] extends (n: number) => unknown ? K : never }[keyof Bench];
/** Calls one of the page's bench functions (tests/bench/camera-page.ts) with a count. */
const inPage = <K extends Method>(page: Page, method: K, count = 0): Promise<Awaited<ReturnType<Bench[K]>>> =>
  page.evaluate(([name, n]) => (window as unknown as { cameraBench: Record<string, (n: number) => Promise<unknown>> }).cameraBench[name]!(n), [method, count] as const) as Promise<
    Awaited<ReturnType<Bench[K]>>
  >;

async function heapUsed(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

export async function bench(): Promise<Record<string, number>> {
  const refuse = async (): Promise<never> => {
    throw new RefusedError('bench', 'errors.notNow');
  };
  const api = new ApiDispatcher({
    ...(Object.fromEntries(commandNames.map((name) => [name, refuse])) as unknown as CommandHandlers),
    getSession: async () => ({ step: 'idle' }),
    reportCamera: async () => ({}),
    heartbeat: async ({ at }: { at: number }) => ({ at }),
  } as CommandHandlers);
  const ui = await startUiServer({ api, log: pino({ level: 'silent' }) }, await ensureRendererBuilt(projectRoot, () => {}));
  const liveFile = join(mkdtempSync(join(tmpdir(), 'camera-bench-')), 'camera.y4m');
  const show = (scene: CameraScene) => showScene(liveFile, scene);
  show('cooperative');
  const browser = await launchChromium({ fakeCamera: liveFile });
  try {
    const script = await build({ entryPoints: [join(import.meta.dirname, 'camera-page.ts')], bundle: true, format: 'iife', platform: 'browser', write: false });
    // The kiosk page's CSP allows its own files only: the bench's script goes in with CSP bypassed.
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(ui.url);
    await page.addScriptTag({ content: script.outputFiles[0]!.text });

    const load = await inPage(page, 'loadModels');
    if (!load.crossOriginIsolated || !load.threads) process.stderr.write('camera bench: the page is not cross-origin isolated or wasm threads are off\n');
    const guided = await inPage(page, 'guidanceTimes', GUIDANCE_FRAMES);
    const prompted = await inPage(page, 'promptTimes', GUIDANCE_FRAMES);
    const whole = await inPage(page, 'fullTimes', GUIDANCE_FRAMES);
    if (guided.size[0] !== 640 || guided.size[1] !== 480) throw new Error(`the fake camera gave ${guided.size.join('x')}, not 640x480`);
    show('id-photo');
    const ga461 = await inPage(page, 'ga461Times', GA461_RUNS);
    if (!ga461.passed) throw new Error('the id-photo scene no longer makes a GA 461 photo that passes its checks');
    show('cooperative');
    const afterOne = await inPage(page, 'sessions', 1);
    const heapAfterOne = await heapUsed(page);
    const afterMany = await inPage(page, 'sessions', SESSIONS - 1);
    const heapAfterMany = await heapUsed(page);
    return {
      'camera.modelLoadMs': round(load.loadMs),
      'camera.wasmThreads': load.threads ? 1 : 0,
      ...medianAndP95('camera.guidanceFrameMs', guided.times),
      'camera.guidanceHoldFrames': guided.holds,
      ...medianAndP95('camera.promptFrameMs', prompted.times),
      ...medianAndP95('camera.wholeFrameMs', whole.times),
      ...medianAndP95('camera.ga461PhotoMs', ga461.photoMs),
      'camera.ga461PhotoBytes': ga461.bytes,
      'camera.heapAfter1SessionMb': round(heapAfterOne / 2 ** 20),
      [`camera.heapAfter${SESSIONS}SessionsMb`]: round(heapAfterMany / 2 ** 20),
      'camera.heapGrowthPercent': round(((heapAfterMany - heapAfterOne) / heapAfterOne) * 100),
      'camera.tensorsAfter1Session': afterOne.tensors,
      [`camera.tensorsAfter${SESSIONS}Sessions`]: afterMany.tensors,
      'camera.tensorBytesGrowthPercent': round(((afterMany.bytes - afterOne.bytes) / Math.max(1, afterOne.bytes)) * 100),
    };
  } finally {
    await browser.close();
    await ui.close();
  }
}

runIfMain(import.meta.url, bench);
