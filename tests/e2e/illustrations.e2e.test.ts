/**
 * The device steps' illustrations in Chromium against the real host and the simulators: every
 * step where the citizen handles a device shows its drawing (`data-illustration`), the quick busy
 * steps too (recorded in the page as they pass: the face step's intro, the receipt, the
 * certificate slip, the certificate on its way), sized to fit portrait, landscape and large text,
 * and still when the citizen's system asks for reduced motion; and the one progress strip each
 * service shows, its current stage marked. Screenshots:
 * test-results/illustrations/.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { simulatorConfig } from '../../kiosk-config/schema';
import { type Host, startHost } from '../../main/host/host';
import { SimulatedCamera } from '../../simulators/camera/simulated-camera';
import { TEST_PERMITS } from '../../simulators/certificate-unit/test-data';
import { testCards } from '../../simulators/id-reader/test-cards';
import { seriousAxeFindings } from '../renderer/support/screen-checks';
import { kioskScreens, typeOnKeypad } from '../support/kiosk-screen';

const screens = kioskScreens('illustrations');
const { see } = screens;

/**
 * Records in the page every illustration shown, with the screen (and busy activity) it was on,
 * as `<screen testid>[/<activity>]:<illustration>`; busy steps may pass in a fraction of a second.
 */
async function recordIllustrations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen = new Set<string>();
    (window as unknown as { illustrationsSeen: Set<string> }).illustrationsSeen = seen;
    const look = () => {
      for (const drawing of document.querySelectorAll('[data-illustration]')) {
        const screen = drawing.closest('[data-testid^="screen-"]');
        const activity = screen?.getAttribute('data-activity');
        seen.add(`${screen?.getAttribute('data-testid') ?? 'none'}${activity ? `/${activity}` : ''}:${drawing.getAttribute('data-illustration')}`);
      }
    };
    new MutationObserver(look).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-activity'] });
  });
}

const seen = (page: Page) => page.evaluate(() => [...(window as unknown as { illustrationsSeen: Set<string> }).illustrationsSeen].sort());
/** Each of these screens showed its drawing at some point of the walk. */
const sawAll = async (page: Page, entries: readonly string[]) => expect(await seen(page)).toEqual(expect.arrayContaining([...entries]));

async function kiosk(): Promise<{ host: Host; page: Page }> {
  const host = await startHost({
    dataDir: mkdtempSync(join(tmpdir(), 'illustrations-e2e-')),
    config: simulatorConfig({ sync: { intervalMs: 200, heartbeatIntervalS: 3600, paymentPollMs: 200 } }),
    log: pino({ level: 'silent' }),
    // A cooperative face, slowly enough that the face step's intro stays on screen a moment.
    camera: new SimulatedCamera(400),
  });
  host.central!.setAutoPay(false);
  const page = await screens.open(host, recordIllustrations);
  await expect.poll(() => page.locator('button.service[aria-disabled="false"]').count(), { timeout: 10_000 }).toBe(5);
  return { host, page };
}

/** The step's drawing is the expected one, whole on the screen, not squeezed, and not a sliver. */
async function drawn(page: Page, name: string): Promise<void> {
  const drawings = page.locator('[data-illustration]');
  expect(await drawings.count()).toBe(1);
  expect(await drawings.getAttribute('data-illustration')).toBe(name);
  const box = (await drawings.boundingBox())!;
  const viewport = page.viewportSize()!;
  expect(box.height).toBeGreaterThanOrEqual(160);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
  // 480x360 kept: drawn to its own proportions, not stretched.
  expect(Math.abs(box.width / box.height - 480 / 360)).toBeLessThan(0.02);
}

/**
 * The one progress strip every service shows: this service's, with `stage` current (aria-current,
 * and its number in a filled disc), the stages before it checked.
 */
async function stripAt(page: Page, service: string, stage: string): Promise<void> {
  const strip = page.getByTestId('progress-strip');
  await expect.poll(() => strip.getAttribute('data-service')).toBe(service);
  await expect.poll(() => strip.locator('[aria-current="step"]').getAttribute('data-stage')).toBe(stage);
  const stages = await strip.locator('li').evaluateAll((items) => items.map((item) => [item.getAttribute('data-stage'), item.querySelector('.stage-mark')!.textContent]));
  const at = stages.findIndex(([id]) => id === stage);
  expect(stages.slice(0, at).every(([, mark]) => mark === '✓')).toBe(true);
  expect(stages[at]![1]).toBe(String(at + 1));
}

/** Portrait, landscape and back: the drawing fits both, and the screen's actions stay on it. */
async function drawnBothWays(page: Page, name: string, shot: string): Promise<void> {
  await drawn(page, name);
  await screens.shot(page, `portrait-${shot}`);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await drawn(page, name);
  await screens.shot(page, `landscape-${shot}`);
  await page.setViewportSize({ width: 1080, height: 1920 });
}

describe('illustrations of the device steps and the progress strip in Chromium', { timeout: 120_000 }, () => {
  it('the endorsement: permit in, the face, the payment code, the permit back, the receipt', async () => {
    const { host, page } = await kiosk();
    await page.locator('button[data-service="hk-macau-endorsement"]').click();
    await see(page, 'insert-permit');
    await drawnBothWays(page, 'insert-permit', 'insert-permit');
    // A drawing with words for a screen reader (the permit's way in), in the catalogue's language.
    expect(await page.locator('[data-illustration="insert-permit"]').getAttribute('aria-label')).toMatch(/通行证/);
    const unit = host.simulators.certificateUnit!;
    await expect.poll(() => unit.state.entryEnabled, { timeout: 10_000 }).toBe(true);
    unit.insertCard(TEST_PERMITS[0]!);
    await see(page, 'choose-endorsement');
    await page.getByTestId('endorsement-option').nth(0).click();
    await see(page, 'pay');
    await stripAt(page, 'hk-macau-endorsement', 'pay');
    await drawnBothWays(page, 'scan-to-pay', 'pay');
    // The drawing is decorative beside the written prompt and the real code.
    expect(await page.locator('[data-illustration="scan-to-pay"]').getAttribute('aria-hidden')).toBe('true');
    expect(await seriousAxeFindings(page)).toEqual([]);
    host.central!.payNow();
    await see(page, 'take-permit');
    await drawnBothWays(page, 'take-permit', 'take-permit');
    await expect.poll(() => unit.state.location === 'gate' && !unit.state.entryEnabled, { timeout: 15_000 }).toBe(true);
    unit.takeCardFromGate();
    await see(page, 'flow-done');
    await sawAll(page, [
        'screen-insert-permit:insert-permit',
        'screen-flow-busy/face-capture:look-at-camera',
        'screen-pay:scan-to-pay',
        'screen-take-permit:take-permit',
        'screen-flow-busy/printing-receipt:take-receipt',
      ]);
    // Nothing drawn on a step that is not a device's: the choice, the end.
    expect((await seen(page)).filter((entry) => /choose-endorsement|flow-done/.test(entry))).toEqual([]);
  });

  it('the progress query by ID card: the card laid on the reader, in large text too', async () => {
    const { host, page } = await kiosk();
    const reader = host.simulators.idReader!;
    reader.removeCard();
    await page.locator('button.text-size').click();
    await page.locator('button[data-service="progress-query"]').click();
    await see(page, 'query-choose-method');
    await page.getByTestId('method-id-card').click();
    await see(page, 'insert-id-card');
    await stripAt(page, 'progress-query', 'identify');
    await drawnBothWays(page, 'place-id-card', 'large-place-id-card');
    // Large text: the prompt, the drawing and "cancel" all on the portrait screen.
    const cancel = (await page.locator('.actions button').boundingBox())!;
    expect(cancel.y + cancel.height).toBeLessThanOrEqual(1920);
    expect(await seriousAxeFindings(page)).toEqual([]);
    reader.placeCard('resident');
    await see(page, 'query-results');
    await stripAt(page, 'progress-query', 'results');
    expect(await page.locator('[data-illustration]').count()).toBe(0);
  });

  it('the ID reissue: the face, then the receipt and the temporary certificate slip from the printer', async () => {
    const { host, page } = await kiosk();
    await page.locator('button[data-service="id-reissue"]').click();
    await see(page, 'reissue-id-input');
    await typeOnKeypad(page, testCards.resident.text.idNumber);
    await page.getByTestId('key-confirm').click();
    await see(page, 'reissue-confirm-identity');
    for (const choice of ['its-me', 'lost', 'keep', 'this-kiosk']) {
      await page.locator(`[data-testid="choice"][data-choice="${choice}"]`).first().click();
      await expect.poll(() => page.locator(`[data-testid="choice"][data-choice="${choice}"]`).count()).toBe(0);
    }
    await see(page, 'pay');
    await stripAt(page, 'id-reissue', 'pay');
    await screens.shot(page, 'portrait-reissue-pay');
    host.central!.payNow();
    await see(page, 'flow-done');
    await stripAt(page, 'id-reissue', 'done');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await screens.shot(page, 'landscape-reissue-done');
    await sawAll(page, [
        'screen-flow-busy/face-capture:look-at-camera',
        'screen-pay:scan-to-pay',
        'screen-flow-busy/printing-receipt:take-receipt',
        'screen-flow-busy/printing-certificate:take-certificate-slip',
      ]);
  });

  it('the certificate pickup: the certificate on its way and in the gate; with reduced motion nothing moves', async () => {
    const { host, page } = await kiosk();
    const unit = host.simulators.certificateUnit!;
    await page.locator('button[data-service="certificate-pickup"]').click();
    await page.getByTestId('method-id-number').click();
    await see(page, 'pickup-input');
    await typeOnKeypad(page, testCards['resident-elderly'].text.idNumber);
    await page.getByTestId('key-confirm').click();
    await see(page, 'take-certificate');
    await stripAt(page, 'certificate-pickup', 'take');
    await drawnBothWays(page, 'take-certificate', 'take-certificate');
    // Moving as it is: the arrow pulses, the card slides.
    const animations = () =>
      page.locator('[data-illustration] *').evaluateAll((elements) => elements.map((e) => getComputedStyle(e).animationName).filter((name) => name !== 'none'));
    expect((await animations()).length).toBeGreaterThanOrEqual(2);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    expect(await animations()).toEqual([]);
    await expect.poll(() => unit.state.location, { timeout: 10_000 }).toBe('gate');
    unit.takeCardFromGate();
    await see(page, 'pickup-done');
    await sawAll(page, ['screen-flow-busy/face-capture:look-at-camera', 'screen-flow-busy/dispensing-certificate:take-certificate', 'screen-take-certificate:take-certificate']);
  });
});
