/**
 * Elderly mode's fewer items per screen on the progress query's answer, in Chromium against the
 * real host: a citizen with four applications at central (one from the test registry, three that
 * kiosks synced) sees them two a page in large text, with large "next page" / "previous", and
 * all four at once in standard text. Screenshots go to test-results/elderly-results/.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { simulatorConfig } from '../../kiosk-config/schema';
import { type Host, startHost } from '../../main/host/host';
import { testCards } from '../../simulators/id-reader/test-cards';
import { ELDERLY_PER_PAGE } from '../../renderer/src/elderly/elderly-pages';
import { seriousAxeFindings } from '../renderer/support/screen-checks';
import { kioskScreens } from '../support/kiosk-screen';

const screens = kioskScreens('elderly-results');
/** The resident's application in the test registry. */
const SEEDED = 'GD-GZ-0001-20260105-3';
const SYNCED = ['GD-GZ-0001-20260110-11', 'GD-GZ-0001-20260111-12', 'GD-GZ-0001-20260112-13'];

/** A kiosk whose central knows three more ID reissues of the resident (records kiosks synced). */
async function kiosk(): Promise<{ host: Host; page: Page }> {
  const host = await startHost({
    dataDir: mkdtempSync(join(tmpdir(), 'elderly-results-e2e-')),
    config: simulatorConfig({ sync: { intervalMs: 200, heartbeatIntervalS: 3600 } }),
    log: pino({ level: 'silent' }),
  });
  SYNCED.forEach((applicationNo, i) =>
    host.central!.store.store({
      kioskId: 'GD-ZH-0002',
      txnId: `elderly-results-${i}`,
      seq: i + 1,
      kind: 'id-reissue',
      occurredAt: `2026-01-1${i}T09:00:00.000Z`,
      body: JSON.stringify({ payload: { applicationNo, idNumber: testCards.resident.text.idNumber } }),
      receivedAt: Date.now(),
    }),
  );
  const page = await screens.open(host);
  await expect.poll(() => page.locator('button.service[data-service="progress-query"][aria-disabled="false"]').count(), { timeout: 10_000 }).toBe(1);
  return { host, page };
}

/** The resident's card is on the reader: the query by ID card. */
async function query(page: Page, largeText: boolean): Promise<void> {
  if (largeText) await page.locator('button.text-size').click();
  await page.locator('button[data-service="progress-query"]').click();
  await screens.see(page, 'query-choose-method');
  await page.getByTestId('method-id-card').click();
  await screens.see(page, 'query-results');
}

const numbersShown = (page: Page) => page.getByTestId('application-no').allInnerTexts();
/** The text of the list item that has the focus, or the tag of what has it when that is no list item. */
const focusedItem = (page: Page) =>
  page.evaluate(() => {
    const item = document.activeElement?.closest('ul.applications > li');
    return item ? (item.textContent ?? '') : `<${document.activeElement?.tagName ?? 'nothing'}>`;
  });

describe('elderly mode: the progress query answer a page at a time, in Chromium', { timeout: 90_000 }, () => {
  it('four applications, two a page in large text; every one reachable, none twice', async () => {
    const { page } = await kiosk();
    await query(page, true);
    expect(await page.getByTestId('prompt').innerText()).toContain('4');
    const seen: string[] = [];
    const first = await numbersShown(page);
    expect(first).toHaveLength(ELDERLY_PER_PAGE.applications);
    seen.push(...first);
    expect(await page.getByTestId('page-position').innerText()).toBe('第 1 页，共 2 页');
    // Not a list of options: the button says "next page".
    expect(await page.getByTestId('page-more').innerText()).toContain('下一页');
    const more = (await page.getByTestId('page-more').boundingBox())!;
    expect(more.height).toBeGreaterThanOrEqual(80);
    expect(more.y + more.height).toBeLessThanOrEqual(1920);
    expect(await seriousAxeFindings(page)).toEqual([]);
    await screens.shot(page, 'portrait-page-1');
    await page.getByTestId('page-more').click();
    await expect.poll(() => page.getByTestId('page-position').innerText()).toBe('第 2 页，共 2 页');
    const second = await numbersShown(page);
    // Focus goes to the new page's first item: the "next page" button it was on is now disabled.
    expect(await focusedItem(page)).toContain(second[0]);
    seen.push(...second);
    expect([...seen].sort()).toEqual([SEEDED, ...SYNCED].sort());
    await page.setViewportSize({ width: 1920, height: 1080 });
    const pager = (await page.getByTestId('pager').boundingBox())!;
    expect(pager.y + pager.height).toBeLessThanOrEqual(1080);
    await screens.shot(page, 'landscape-page-2');
    await page.getByTestId('page-previous').click();
    await expect.poll(() => numbersShown(page)).toEqual(first);
    expect(await focusedItem(page)).toContain(first[0]);
  });

  it('in standard text all four on the one screen, without page buttons', async () => {
    const { page } = await kiosk();
    await query(page, false);
    expect((await numbersShown(page)).sort()).toEqual([SEEDED, ...SYNCED].sort());
    expect(await page.getByTestId('pager').count()).toBe(0);
  });
});
