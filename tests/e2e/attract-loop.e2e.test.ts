/**
 * The attract loop in Chromium against the real host: it gives way to the services when someone
 * lays an ID card on the reader (the host sees it in its idle look at the reader) or touches the
 * screen, it is gone for the whole session, and it comes back once the kiosk is idle again.
 * Screenshots go to test-results/attract-loop/.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { simulatorConfig } from '../../kiosk-config/schema';
import { type Host, startHost } from '../../main/host/host';
import { kioskScreens } from '../support/kiosk-screen';

const screens = kioskScreens('attract-loop');
/** The loop after 5 s without a touch (the shortest configuration allows). */
const AFTER_S = 5;

async function kiosk(): Promise<{ host: Host; page: Page }> {
  const host = await startHost({
    dataDir: mkdtempSync(join(tmpdir(), 'attract-e2e-')),
    config: simulatorConfig({ sync: { intervalMs: 200, heartbeatIntervalS: 3600 }, ui: { attract: { afterS: AFTER_S, slideS: 3 } } }),
    log: pino({ level: 'silent' }),
  });
  // Nobody there yet: the reader is empty.
  host.simulators.idReader!.removeCard();
  const page = await screens.open(host);
  await expect.poll(() => page.locator('button.service[data-service="progress-query"][aria-disabled="false"]').count(), { timeout: 10_000 }).toBe(1);
  return { host, page };
}

const loopShown = (page: Page) => page.getByTestId('attract-loop').count();
const servicesShown = (page: Page) => page.locator('button.service').count();

describe('the attract loop in Chromium', { timeout: 90_000 }, () => {
  it('an ID card laid on the reader stops it (no touch); it comes back when nobody does anything', async () => {
    const { host, page } = await kiosk();
    await expect.poll(() => loopShown(page), { timeout: 10_000 }).toBe(1);
    await screens.shot(page, '1-loop');
    host.simulators.idReader!.placeCard('resident');
    await expect.poll(() => loopShown(page), { timeout: 5000 }).toBe(0);
    expect(await servicesShown(page)).toBe(5);
    await screens.shot(page, '2-card-placed');
    // The card stays on the reader: that alone does not keep the loop away.
    await expect.poll(() => loopShown(page), { timeout: 10_000 }).toBe(1);
    // A card taken away and laid down again is someone again.
    host.simulators.idReader!.removeCard();
    await page.waitForTimeout(1500);
    expect(await loopShown(page)).toBe(1);
    host.simulators.idReader!.placeCard('resident');
    await expect.poll(() => loopShown(page), { timeout: 5000 }).toBe(0);
  });

  it('touches on the services screen keep it away, each for the whole idle time from that touch', async () => {
    const { page } = await kiosk();
    await expect.poll(() => loopShown(page), { timeout: 10_000 }).toBe(1);
    await page.getByTestId('attract-loop').click({ position: { x: 300, y: 600 } });
    await expect.poll(() => servicesShown(page)).toBe(5);
    // Touches on the screen (not on a service) every 3 s, well past the 5 s idle time in all.
    for (let touch = 0; touch < 3; touch++) {
      await page.waitForTimeout(3000);
      expect(await loopShown(page), `touch ${touch}`).toBe(0);
      await page.locator('main.attract h1').click();
    }
    await page.waitForTimeout(3000);
    expect(await loopShown(page)).toBe(0);
    await expect.poll(() => loopShown(page), { timeout: (AFTER_S + 5) * 1000 }).toBe(1);
  });

  it('a touch stops it; a session keeps it away however long it lasts; idle again, it comes back', async () => {
    const { host, page } = await kiosk();
    await expect.poll(() => loopShown(page), { timeout: 10_000 }).toBe(1);
    await page.getByTestId('attract-loop').click({ position: { x: 300, y: 600 } });
    await expect.poll(() => servicesShown(page)).toBe(5);
    expect(await loopShown(page)).toBe(0);
    await page.locator('button[data-service="progress-query"]').click();
    await screens.see(page, 'query-choose-method');
    // Twice the idle time inside a session: no loop over the step.
    await page.waitForTimeout(AFTER_S * 2000);
    expect(await loopShown(page)).toBe(0);
    expect(host.sessions.view.step).toBe('query-choose-method');
    // A card laid on the reader during the session is the session's business, not a wake-up call.
    host.simulators.idReader!.placeCard('resident');
    await page.getByRole('button', { name: '取消' }).click();
    await expect.poll(() => host.sessions.view.step).toBe('idle');
    await expect.poll(() => servicesShown(page)).toBe(5);
    expect(await loopShown(page)).toBe(0);
    await expect.poll(() => loopShown(page), { timeout: (AFTER_S + 5) * 1000 }).toBe(1);
    await screens.shot(page, '3-loop-again');
  });
});
