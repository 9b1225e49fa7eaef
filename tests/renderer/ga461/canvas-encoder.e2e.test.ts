/**
 * The renderer's side in a real Chromium: Chromium's own JPEG encoder (canvas) through the quality
 * search lands a composed drawn face in 14-20 KB, 358x441, 24-bit, 350 dpi, with OffscreenCanvas
 * and with a <canvas> element. The time from "face ready" to the JPEG is written to
 * test-results/ga461/chromium-timing.json (measured, not asserted: the bench owns timings).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJpegInfo } from '../../../renderer/src/camera/ga461';
import { launchChromium } from '../../support/chromium';

const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));

interface PageResult {
  readonly jpeg: number[];
  readonly passed: boolean;
  readonly failed: string[];
  readonly jpegQuality: number;
  readonly encoder: string;
}

let browser: Browser;
let page: Page;

beforeAll(async () => {
  const { build } = await import('esbuild');
  const bundle = await build({
    stdin: {
      contents: [
        "import * as ga461 from './renderer/src/camera/ga461';",
        "import { drawFrame, landmarksOf } from './tests/renderer/ga461/support/drawn-face';",
        'Object.assign(window, { ga461, drawFrame, landmarksOf });',
      ].join('\n'),
      resolveDir: projectRoot,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    write: false,
  });
  browser = await launchChromium();
  page = await browser.newPage();
  await page.setContent('<!doctype html><title>ga461</title>');
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
});

afterAll(async () => {
  await browser?.close();
});

/** Runs in the page: compose, check and encode a drawn face with the canvas encoder. */
function photoInPage(withOffscreen: boolean): Promise<PageResult> {
  return page.evaluate(async (offscreen) => {
    const w = window as unknown as Record<string, never> & {
      ga461: typeof import('../../../renderer/src/camera/ga461');
      drawFrame: typeof import('./support/drawn-face').drawFrame;
      landmarksOf: typeof import('./support/drawn-face').landmarksOf;
      OffscreenCanvas?: unknown;
    };
    const saved = w.OffscreenCanvas;
    if (!offscreen) delete w.OffscreenCanvas;
    try {
      const spec = { cx: 330, cy: 250, width: 175 };
      const frame = w.drawFrame({ width: 640, height: 480, faces: [spec] });
      const photo = await w.ga461.makeGa461Photo(frame, [w.landmarksOf(spec)], w.ga461.createCanvasJpegEncoder());
      return {
        jpeg: Array.from(photo.jpeg),
        passed: photo.passed,
        failed: Object.entries(photo.quality.checks).filter(([, ok]) => !ok).map(([name]) => name),
        jpegQuality: photo.jpegQuality,
        encoder: typeof w.OffscreenCanvas === 'undefined' ? 'canvas element' : 'OffscreenCanvas',
      };
    } finally {
      if (!offscreen) Object.assign(w, { OffscreenCanvas: saved });
    }
  }, withOffscreen);
}

describe('GA 461 photo in Chromium with the canvas encoder', () => {
  it.each([true, false])('OffscreenCanvas available: %s -> a 14-20 KB, 358x441, 3-component, 350 dpi JPEG that passes its checks', async (offscreen) => {
    const result = await photoInPage(offscreen);
    expect(result.encoder).toBe(offscreen ? 'OffscreenCanvas' : 'canvas element');
    expect(result.failed).toEqual([]);
    const jpeg = Uint8Array.from(result.jpeg);
    expect(jpeg.length).toBeGreaterThanOrEqual(14 * 1024);
    expect(jpeg.length).toBeLessThanOrEqual(20_000);
    expect(readJpegInfo(jpeg)).toEqual({ width: 358, height: 441, components: 3, precision: 8, jfif: { units: 1, x: 350, y: 350 } });
    mkdirSync('test-results/ga461', { recursive: true });
    writeFileSync(`test-results/ga461/chromium-${offscreen ? 'offscreen' : 'element'}.jpg`, jpeg);
  });

  it('times "face ready" to the checked JPEG in the page (figures to test-results, the bench judges them)', async () => {
    const timing = await page.evaluate(async () => {
      const w = window as unknown as {
        ga461: typeof import('../../../renderer/src/camera/ga461');
        drawFrame: typeof import('./support/drawn-face').drawFrame;
        landmarksOf: typeof import('./support/drawn-face').landmarksOf;
      };
      const spec = { cx: 330, cy: 250, width: 175 };
      const frame = w.drawFrame({ width: 640, height: 480, faces: [spec] });
      return w.ga461.timeGa461Photo(frame, [w.landmarksOf(spec)], w.ga461.createCanvasJpegEncoder(), { warmup: 2, runs: 10 });
    });
    expect(timing.passed).toBe(true);
    expect(timing.photoMs).toHaveLength(10);
    const sorted = [...timing.photoMs].sort((a, b) => a - b);
    mkdirSync('test-results/ga461', { recursive: true });
    writeFileSync('test-results/ga461/chromium-timing.json', JSON.stringify({ photoMsMedian: sorted[5], photoMs: timing.photoMs, copyMs: timing.copyMs, bytes: timing.bytes }, null, 2));
  });
});
