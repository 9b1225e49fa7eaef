/**
 * Checks of the real renderer in Chromium, shared by the screen-contract e2e tests: what the
 * progress strip marks current, what a countdown shows, axe's serious findings with a
 * screenshot, and a QR code read back from the screen module by module.
 */
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import jpeg from 'jpeg-js';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** The name of the one stage the progress strip marks current. */
export async function currentStage(page: Page): Promise<string> {
  const marked = page.locator('[data-testid="progress-strip"] [aria-current="step"]');
  expect(await marked.count()).toBe(1);
  return marked.locator('.stage-name').innerText();
}

/** The seconds the countdown shows, read from its text in the given shape. */
export async function countdownSeconds(page: Page, shape: RegExp): Promise<number> {
  const text = await page.getByTestId('countdown').innerText();
  const match = shape.exec(text);
  expect(match, text).not.toBeNull();
  return Number(match![1]);
}

/** axe's serious and critical findings on the page as it is, one line each: "impact id: targets". */
export async function seriousAxeFindings(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  return serious.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** No serious or critical axe finding, and a screenshot (`<dir>/<name>.png`) to look at. */
export async function checkAndShoot(page: Page, dir: string, name: string): Promise<void> {
  expect(await seriousAxeFindings(page), name).toEqual([]);
  await page.screenshot({ path: join(dir, `${name}.png`) });
}

/**
 * Reads a QR code (`testId`) back from the screen as painted: a screenshot of the element, sampled
 * at its `size` x `size` module centres.
 */
export async function readQrModules(page: Page, testId: string, size: number) {
  const shot = await page.getByTestId(testId).screenshot({ type: 'jpeg', quality: 100 });
  const { data, width, height } = jpeg.decode(shot, { useTArray: true });
  const dark = (x: number, y: number) => data[(y * width + x) * 4]! < 128;
  let [left, top, right, bottom] = [width, height, -1, -1];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!dark(x, y)) continue;
      [left, top, right, bottom] = [Math.min(left, x), Math.min(top, y), Math.max(right, x), Math.max(bottom, y)];
    }
  }
  const module = (right - left + 1) / size;
  const rows: string[] = [];
  for (let r = 0; r < size; r++) {
    let row = '';
    for (let c = 0; c < size; c++) row += dark(Math.floor(left + (c + 0.5) * module), Math.floor(top + (r + 0.5) * module)) ? '1' : '0';
    rows.push(row);
  }
  return {
    /** Rows of the symbol, '1' for a dark module. */
    rows,
    modulePx: module,
    /** Symbol height over width: 1 for a square symbol. */
    aspect: (bottom - top + 1) / (right - left + 1),
    /** The narrowest light margin around the symbol, in modules (4 is the standard's minimum). */
    quietZone: Math.min(left, top, width - 1 - right, height - 1 - bottom) / module,
  };
}
