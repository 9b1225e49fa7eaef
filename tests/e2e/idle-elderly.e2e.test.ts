/**
 * Idle and elderly mode in Chromium against the real host: "are you still there?" in a step's last
 * 15 s (continue extends, finish ends), elderly mode chosen on the attract screen (large type, the
 * host's longer limits, the flag for the whole session), the attract loop cycling the services, the
 * counter's hours and a notice from configuration, and both orientations. Screenshots go to
 * test-results/idle-elderly/.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { simulatorConfig } from '../../kiosk-config/schema';
import { DEADLINE_WARNING_MS } from '../../main/api/idle-contract';
import { type Host, startHost } from '../../main/host/host';
import { seriousAxeFindings } from '../renderer/support/screen-checks';
import { kioskScreens } from '../support/kiosk-screen';

const screens = kioskScreens('idle-elderly');
const { see } = screens;
/** Short enough that the prompt comes up 3 s after a step starts. */
const STEP_S = 18;
const NOTICE = { 'zh-CN': '春节期间人工窗口暂停服务', 'zh-TW': '春節期間人工窗口暫停服務', en: 'The staffed counter is closed over the Spring Festival' };

async function kiosk(attract = { afterS: 600, slideS: 8 }): Promise<{ host: Host; page: Page }> {
  const host = await startHost({
    dataDir: mkdtempSync(join(tmpdir(), 'idle-e2e-')),
    config: simulatorConfig({ sync: { intervalMs: 200, heartbeatIntervalS: 3600 }, ui: { stepTimeoutS: STEP_S, notices: [NOTICE], attract } }),
    log: pino({ level: 'silent' }),
  });
  const page = await screens.open(host);
  await expect.poll(() => page.locator('button.service[data-service="progress-query"][aria-disabled="false"]').count(), { timeout: 10_000 }).toBe(1);
  return { host, page };
}

const left = (h: Host) => {
  const view = h.sessions.view;
  return 'deadlineMs' in view ? view.deadlineMs - Date.now() : NaN;
};

/** A primary action a seated user reaches: at least 80 px tall, below the top third in portrait. */
async function inReach(page: Page, button: Locator): Promise<void> {
  const box = await button.boundingBox();
  const viewport = page.viewportSize()!;
  expect(box).not.toBeNull();
  expect(box!.height).toBeGreaterThanOrEqual(80);
  if (viewport.height > viewport.width) expect(box!.y).toBeGreaterThanOrEqual(viewport.height / 3);
  expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height);
}

describe('idle and elderly mode in Chromium', { timeout: 120_000 }, () => {
  it('"are you still there?": the seconds left, continue gives the step its time again, finish ends the session', async () => {
    const { host: h, page: p } = await kiosk();
    await p.locator('button[data-service="progress-query"]').click();
    await see(p, 'query-choose-method');
    expect(await p.getByTestId('still-there').count()).toBe(0);
    await expect.poll(() => p.getByTestId('still-there').count(), { timeout: 10_000 }).toBe(1);
    const seconds = Number((await p.getByTestId('still-there-seconds').innerText()).match(/\d+/)![0]);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(DEADLINE_WARNING_MS / 1000);
    await inReach(p, p.getByTestId('still-there-continue'));
    expect(await seriousAxeFindings(p)).toEqual([]);
    await screens.shot(p, 'portrait-1-still-there');
    // The countdown counts down while the prompt is up.
    await expect.poll(async () => Number((await p.getByTestId('still-there-seconds').innerText()).match(/\d+/)![0]), { timeout: 5000 }).toBeLessThan(seconds);

    await p.getByTestId('still-there-continue').click();
    await expect.poll(() => p.getByTestId('still-there').count()).toBe(0);
    expect(left(h)).toBeGreaterThan(DEADLINE_WARNING_MS);
    expect(h.sessions.view.step).toBe('query-choose-method');

    await p.setViewportSize({ width: 1920, height: 1080 });
    await expect.poll(() => p.getByTestId('still-there').count(), { timeout: 10_000 }).toBe(1);
    await inReach(p, p.getByTestId('still-there-continue'));
    await screens.shot(p, 'landscape-1-still-there');
    await p.getByTestId('still-there-finish').click();
    await expect.poll(() => h.sessions.view.step).toBe('idle');
    await expect.poll(() => p.locator('button.service').count()).toBe(5);
    expect(await p.getByTestId('still-there').count()).toBe(0);
  });

  it('elderly mode: chosen on the attract screen, large type, longer limits on the host, on for the whole session and off after it', async () => {
    const { host: h, page: p } = await kiosk();
    await screens.shot(p, 'portrait-0-attract');
    await inReach(p, p.locator('button[data-service="progress-query"]'));
    const standardSize = await p.locator('.service-name').first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    await p.locator('button.text-size').click();
    await expect.poll(() => p.locator('button.text-size').getAttribute('aria-pressed')).toBe('true');
    const largeSize = await p.locator('.service-name').first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    expect(largeSize).toBeGreaterThan(standardSize * 1.3);
    // One service per row instead of two.
    const [a, b] = await Promise.all([0, 1].map((i) => p.locator('button.service').nth(i).boundingBox()));
    expect(b!.y).toBeGreaterThan(a!.y + a!.height - 1);
    await screens.shot(p, 'portrait-2-elderly-attract');

    await p.locator('button[data-service="progress-query"]').click();
    await see(p, 'query-choose-method', 'portrait-3-elderly-choose');
    expect(h.sessions.view).toMatchObject({ elderly: true });
    expect(left(h)).toBeGreaterThan(STEP_S * 1000 + 5000);
    // The switch is still there on the first step; the next step keeps the mode and offers no switch.
    expect(await p.locator('button.text-size').count()).toBe(1);
    await p.getByTestId('method-application-no').click();
    await see(p, 'query-input', 'portrait-4-elderly-keypad');
    expect(await p.locator('button.text-size').count()).toBe(0);
    expect(await p.locator('.app.large-text').count()).toBe(1);
    expect(h.sessions.view).toMatchObject({ elderly: true });
    await inReach(p, p.getByTestId('key-confirm'));
    await p.setViewportSize({ width: 1920, height: 1080 });
    await screens.shot(p, 'landscape-4-elderly-keypad');

    await p.getByRole('button', { name: /返回|取消/ }).first().click();
    await expect.poll(() => h.sessions.view.step).toBe('idle');
    await expect.poll(() => p.locator('.app.large-text').count()).toBe(0);
    expect(await p.locator('button.text-size').getAttribute('aria-pressed')).toBe('false');
  });

  it('elderly mode switched on at the first step: the host lengthens the step', async () => {
    const { host: h, page: p } = await kiosk();
    await p.locator('button[data-service="progress-query"]').click();
    await see(p, 'query-choose-method');
    expect(left(h)).toBeLessThanOrEqual(STEP_S * 1000);
    await p.locator('button.text-size').click();
    await expect.poll(() => p.locator('.app.large-text').count()).toBe(1);
    expect(h.sessions.view).toMatchObject({ elderly: true });
    expect(left(h)).toBeGreaterThan(STEP_S * 1000 + 5000);
  });

  it('the attract loop: after a while without a touch it cycles the services, the counter hours and the notices; a touch brings the services back', async () => {
    const { page: p } = await kiosk({ afterS: 5, slideS: 3 });
    await p.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => p.getByTestId('attract-loop').count(), { timeout: 15_000 }).toBe(1);
    // Once the first slide has faded in (1.6 s of a 3 s slide): no serious axe finding.
    await p.waitForTimeout(1800);
    expect(await seriousAxeFindings(p)).toEqual([]);
    const seen = new Set<string>();
    const texts = new Set<string>();
    const deadline = Date.now() + 30_000;
    // Each service offered now, the hours, the notice: a slide each.
    const offered = await p.locator('[data-testid="attract-loop"] .attract-dot').count();
    expect(offered).toBeGreaterThanOrEqual(3);
    while (Date.now() < deadline && seen.size < offered) {
      const slide = await p.getByTestId('attract-loop').getAttribute('data-slide');
      if (slide && !seen.has(slide)) {
        seen.add(slide);
        texts.add(await p.getByTestId('attract-slide').innerText());
        await screens.shot(p, `portrait-5-attract-${slide}`);
      }
      await p.waitForTimeout(500);
    }
    const kinds = [...seen].map((s) => s.replace(/-\d+$/, ''));
    expect(kinds.filter((k) => k !== 'service')).toEqual(['hours', 'notice']);
    expect(kinds.length).toBe(offered);
    expect([...texts].join('\n')).toContain(NOTICE.en);
    expect([...texts].join('\n')).toContain('Staffed counter');
    await p.setViewportSize({ width: 1920, height: 1080 });
    await screens.shot(p, 'landscape-5-attract-loop');
    await p.getByTestId('attract-loop').click({ position: { x: 300, y: 500 } });
    await expect.poll(() => p.getByTestId('attract-loop').count()).toBe(0);
    await expect.poll(() => p.locator('button.service').count()).toBe(5);
    await screens.shot(p, 'landscape-0-attract');
  });
});
