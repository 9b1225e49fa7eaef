/**
 * What the end-to-end tests of a service do around the screen: the renderer built once, one
 * Chromium for the file, and per test the host's UI served to a fresh portrait page; all of it
 * closed after each test. Plus the two moves every service test makes: waiting for a screen (and
 * photographing it) and typing on the on-screen keypad.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { Host } from '../../main/host/host';
import { startUiServer, type UiServer } from '../../main/host/ui-server';
import { ensureRendererBuilt } from '../../main/launcher/renderer-build';
import { launchChromium } from './chromium';

const projectRoot = join(import.meta.dirname, '..', '..');

export interface KioskScreens {
  /** Serves this host's UI to a new 1080x1920 page and opens it; the host is stopped after the test. */
  open(host: Host, beforeLoad?: (page: Page) => Promise<void>): Promise<Page>;
  /** Waits for `screen-<step>` and, given a name, saves a screenshot of it in the test file's folder. */
  see(page: Page, step: string, shot?: string): Promise<void>;
  shot(page: Page, name: string): Promise<void>;
}

export interface KioskScreensOptions {
  /** Makes the y4m Chromium's fake camera plays (getUserMedia granted without asking); its path. */
  readonly fakeCamera?: () => string;
}

/** Registers the file's browser and per-test clean-up; screenshots go to test-results/<folder>. */
export function kioskScreens(folder: string, options: KioskScreensOptions = {}): KioskScreens {
  const shots = join(projectRoot, 'test-results', folder);
  let rendererDir: string;
  let browser: Browser;
  let open: { host: Host; ui: UiServer; page: Page } | undefined;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    rendererDir = await ensureRendererBuilt(projectRoot, () => {});
    browser = await launchChromium(options.fakeCamera ? { fakeCamera: options.fakeCamera() } : {});
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    const current = open;
    open = undefined;
    await current?.page.context().close();
    await current?.ui.close();
    await current?.host.stop();
  });

  const shot = (page: Page, name: string) => page.screenshot({ path: join(shots, `${name}.png`) }).then(() => undefined);
  return {
    async open(host, beforeLoad) {
      const ui = await startUiServer(host, rendererDir);
      // A context of its own (axe needs one), closed with the page.
      const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
      const page = await context.newPage();
      open = { host, ui, page };
      if (beforeLoad) await beforeLoad(page);
      await page.goto(ui.url);
      return page;
    },
    async see(page, step, name) {
      try {
        await expect.poll(() => page.getByTestId(`screen-${step}`).count(), { timeout: 20_000 }).toBe(1);
      } catch (error) {
        // What was there instead, for whoever reads the failure: the screen, the host's step, a picture.
        const shown = await page.locator('[data-testid^="screen-"]').evaluateAll((screens) => screens.map((screen) => screen.getAttribute('data-testid'))).catch(() => []);
        const hostStep = open?.page === page ? open.host.sessions.view.step : 'unknown';
        await shot(page, `FAILED-waiting-for-${step}`).catch(() => undefined);
        throw new Error(`screen-${step} never came: the page shows ${JSON.stringify(shown)}, the host is at ${hostStep} (screenshot FAILED-waiting-for-${step}.png)`, { cause: error });
      }
      if (name) await shot(page, name);
    },
    shot,
  };
}

/** Types on the on-screen keypad, key by key, waiting for the host's echo of each. */
export async function typeOnKeypad(page: Page, text: string): Promise<void> {
  for (const key of text) {
    const before = await page.getByTestId('typed-count').innerText();
    await page.locator(`[data-testid="key"][data-key="${key}"]`).click();
    await expect.poll(() => page.getByTestId('typed-count').innerText()).not.toBe(before);
  }
}
