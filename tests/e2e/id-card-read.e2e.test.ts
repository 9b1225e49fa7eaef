/**
 * End to end: the real host (composition root, simulated reader through the GA 467 codec,
 * SQLite journal, sync client, embedded central simulator) served to Debian's Chromium, driven
 * by Playwright through the ID card slice.
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
import { testCards } from '../../simulators/id-reader/test-cards';
import { launchChromium } from '../support/chromium';

const projectRoot = join(import.meta.dirname, '..', '..');
const shots = join(projectRoot, 'test-results', 'e2e');
let host: Host;
let ui: UiServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  const rendererDir = await ensureRendererBuilt(projectRoot, () => {});
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

async function waitFor<T>(probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('ID card slice, end to end', () => {
  it('reads a simulated card, shows it masked, and syncs the record to central exactly once', async () => {
    await page.goto(ui.url);
    const services = page.locator('button.service');
    await expect.poll(() => services.count()).toBe(4);
    expect(await services.allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('港澳签注'), expect.stringContaining('身份证补领'), expect.stringContaining('取证'), expect.stringContaining('进度查询')]));
    await page.screenshot({ path: join(shots, '1-attract.png') });

    await page.locator('button[data-service="id-reissue"]').click();
    await expect.poll(() => page.getByTestId('prompt').innerText()).toBe('请将身份证放置在感应区');
    await expect.poll(() => page.getByTestId('countdown').innerText()).toMatch(/\d+ 秒后自动返回首页/);
    await page.screenshot({ path: join(shots, '2-insert-card.png') });

    host.simulators.idReader!.placeCard('resident');
    const card = testCards.resident.text;
    await expect.poll(() => page.getByTestId('masked-id-number').innerText().catch(() => '')).toBe(
      `${card.idNumber.slice(0, 4)}${'*'.repeat(10)}${card.idNumber.slice(-4)}`,
    );
    expect(await page.getByTestId('masked-name').innerText()).toBe('张**');
    expect(await page.content()).not.toContain(card.idNumber);
    await page.screenshot({ path: join(shots, '3-identity.png') });

    await page.getByRole('button', { name: '完成' }).click();
    await expect.poll(() => page.locator('button.service').count()).toBe(4);

    // Once acknowledged the record has left the outbox, so nothing can send it again: from then
    // on the batches central received are the whole story.
    await waitFor(() => (host.journal.outbox.stats(Date.now()).pending === 0 && host.central!.store.records('GD-GZ-0001').length > 0 ? true : undefined));
    const stored = host.central!.store.records('GD-GZ-0001');
    expect(stored).toHaveLength(1);
    expect(host.central!.requests.filter((r) => r.path === '/api/v1/sync/batch')).toEqual([{ method: 'POST', path: '/api/v1/sync/batch', status: 200 }]);
    const body = JSON.parse(stored[0]!.body) as { kind: string; seq: number; payload: { identity: { idNumber: string } } };
    expect(body).toMatchObject({ kind: 'id-reissue', seq: 1, payload: { identity: { idNumber: card.idNumber } } });
    expect(host.journal.outbox.stats(Date.now())).toMatchObject({ pending: 0, deadLetters: 0 });
    expect(host.journal.get(stored[0]!.txnId)?.state).toBe('completed');
  });

  it('switches the attract screen to English and Traditional Chinese', async () => {
    await page.goto(ui.url);
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('button[data-service="id-reissue"] .service-name').innerText()).toBe('ID card reissue');
    await page.getByRole('button', { name: '繁體中文' }).click();
    await expect.poll(() => page.locator('button[data-service="id-reissue"] .service-name').innerText()).toBe('身份證補領');
    await page.screenshot({ path: join(shots, '4-traditional.png') });
  });
});
