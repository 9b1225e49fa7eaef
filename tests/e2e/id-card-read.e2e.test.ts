/**
 * End to end: the real host (composition root, simulated reader through the GA 467 codec,
 * SQLite journal, sync client, embedded central simulator) served to Debian's Chromium, driven
 * by Playwright: the attract screen in each language. (The ID card reissue, which began as the
 * ID-card read slice, is typed now: tests/e2e/id-reissue.e2e.test.ts.)
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorConfig } from '../../kiosk-config/schema';
import { type Host, startHost } from '../../main/host/host';
import { ensureRendererBuilt } from '../../main/launcher/renderer-build';
import { startUiServer, type UiServer } from '../../main/host/ui-server';
import { launchChromium } from '../support/chromium';

const projectRoot = join(import.meta.dirname, '..', '..');
const shots = join(projectRoot, 'test-results', 'e2e');
let host: Host;
let ui: UiServer;
let browser: Browser;
let page: Page;
let rendererDir: string;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  rendererDir = await ensureRendererBuilt(projectRoot, () => {});
  host = await startHost({
    dataDir: mkdtempSync(join(tmpdir(), 'kiosk-e2e-')),
    config: simulatorConfig({ devices: { idReader: { transport: 'simulator', card: 'none' } }, sync: { intervalMs: 200 } }),
    log: pino({ level: 'silent' }),
  });
  ui = await startUiServer(host, rendererDir);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 1024 } });
});

afterAll(async () => {
  await browser?.close();
  await ui?.close();
  await host?.stop();
});

describe('attract screen, end to end', () => {
  it('shows the five services on the attract screen', async () => {
    await page.goto(ui.url);
    const services = page.locator('button.service');
    await expect.poll(() => services.count()).toBe(5);
    expect(await services.allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('港澳签注'), expect.stringContaining('身份证补领'), expect.stringContaining('取证'), expect.stringContaining('进度查询'), expect.stringContaining('补打临时身份证明')]));
    await page.screenshot({ path: join(shots, '1-attract.png') });
  });

  it('switches the attract screen to English and Traditional Chinese', async () => {
    await page.goto(ui.url);
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('button[data-service="id-reissue"] .service-name').innerText()).toBe('ID card reissue');
    await page.getByRole('button', { name: '繁體中文' }).click();
    await expect.poll(() => page.locator('button[data-service="id-reissue"] .service-name').innerText()).toBe('身份證補領');
    await page.screenshot({ path: join(shots, '4-traditional.png') });
  });

  it('opens in the language the kiosk is configured for', async () => {
    const twHost = await startHost({
      dataDir: mkdtempSync(join(tmpdir(), 'kiosk-e2e-tw-')),
      config: simulatorConfig({ ui: { defaultLanguage: 'zh-TW' }, devices: { idReader: { transport: 'simulator', card: 'none' } } }),
      log: pino({ level: 'silent' }),
    });
    const twUi = await startUiServer(twHost, rendererDir);
    try {
      await page.goto(twUi.url);
      await expect.poll(() => page.locator('button[data-service="id-reissue"] .service-name').innerText()).toBe('身份證補領');
    } finally {
      await twUi.close();
      await twHost.stop();
    }
  });
});
