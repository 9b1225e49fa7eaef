/**
 * The ID card reissue with the screen's own camera step, as `npm start` runs it: Chromium's fake
 * camera plays the simulator's scenes, the real detector takes the live face (liveness prompt
 * followed) and then composes the GA 461 ID photo the citizen accepts. Checks the photo central
 * receives with the application. Screenshots: test-results/id-reissue/camera-*.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import pino from 'pino';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorConfig } from '../../kiosk-config/schema';
import { type Host, startHost } from '../../main/host/host';
import { startUiServer, type UiServer } from '../../main/host/ui-server';
import { ensureRendererBuilt } from '../../main/launcher/renderer-build';
import { showScene } from '../../simulators/camera/scene-files';
import { testCards } from '../../simulators/id-reader/test-cards';
import { launchChromium } from '../support/chromium';
import { typeOnKeypad } from '../support/kiosk-screen';

const KIOSK = 'GD-GZ-0001';
const projectRoot = join(import.meta.dirname, '..', '..');
const shots = join(projectRoot, 'test-results', 'id-reissue');
const liveFile = join(mkdtempSync(join(tmpdir(), 'id-reissue-camera-')), 'camera.y4m');
let rendererDir: string;
let browser: Browser;
let host: Host | undefined;
let ui: UiServer | undefined;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  rendererDir = await ensureRendererBuilt(projectRoot, () => {});
  browser = await launchChromium({ fakeCamera: showScene(liveFile, 'cooperative') });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await ui?.close();
  await host?.stop();
});

describe('ID card reissue with the screen camera', { timeout: 180_000 }, () => {
  it('live face with liveness, then a new GA 461 photo accepted by the citizen, sent to central with the application', async () => {
    host = await startHost({
      dataDir: mkdtempSync(join(tmpdir(), 'id-reissue-camera-e2e-')),
      config: simulatorConfig({ sync: { intervalMs: 200, heartbeatIntervalS: 3600, paymentPollMs: 200 } }),
      log: pino({ level: 'silent' }),
    });
    host.central!.setAutoPay(false);
    ui = await startUiServer(host, rendererDir);
    const p = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await p.goto(ui.url);
    await expect.poll(() => p.locator('button.service[data-service="id-reissue"][aria-disabled="false"]').count(), { timeout: 20_000 }).toBe(1);
    const screen = (step: string) => expect.poll(() => p.getByTestId(`screen-${step}`).count(), { timeout: 60_000 }).toBe(1);
    const choose = (choice: string) => p.locator(`[data-testid="choice"][data-choice="${choice}"]`).first().click();

    await p.locator('button[data-service="id-reissue"]').click();
    await screen('reissue-id-input');
    await typeOnKeypad(p, testCards.resident.text.idNumber);
    await p.getByTestId('key-confirm').click();
    // The live face: the detector finds it and the citizen follows the liveness prompt.
    await expect.poll(() => p.getByTestId('camera-step').getAttribute('data-purpose'), { timeout: 20_000 }).toBe('live');
    await expect.poll(() => p.getByTestId('camera-instruction').getAttribute('data-kind'), { timeout: 60_000, interval: 100 }).toMatch(/^prompt-/);
    await p.screenshot({ path: join(shots, 'camera-1-live.png') });
    await screen('reissue-confirm-identity');
    await choose('its-me');
    await screen('reissue-choose-reason');
    await choose('lost');
    await screen('reissue-choose-photo');
    // The same cooperative citizen as under npm start (before the booth's white wall) gives the
    // ID photo too: no scene is switched, as a new user switches none.
    await choose('new');
    await expect.poll(() => p.getByTestId('camera-step').getAttribute('data-purpose'), { timeout: 20_000 }).toBe('id-photo');
    await expect.poll(() => p.getByTestId('camera-accept').count(), { timeout: 90_000, interval: 200 }).toBe(1);
    await p.screenshot({ path: join(shots, 'camera-2-id-photo.png') });
    await p.getByTestId('camera-accept').click();
    await screen('reissue-choose-delivery');
    await choose('this-kiosk');
    await screen('pay');
    host.central!.payNow();
    await screen('flow-done');
    expect(await p.getByTestId('screen-flow-done').getAttribute('data-outcome')).toBe('delivered');
    await p.screenshot({ path: join(shots, 'camera-3-done.png') });

    await expect.poll(() => host!.central!.store.records(KIOSK).length, { timeout: 10_000 }).toBe(1);
    const record = host.central!.store.records(KIOSK)[0]!;
    const body = JSON.parse(record.body) as { payload: { photo: string }; attachments: Array<{ name: string }> };
    expect(body.payload.photo).toBe('new');
    expect(body.attachments.map((a) => a.name)).toEqual(['live.jpg', 'id-photo.jpg']);
    const photo = host.central!.attachments.get(KIOSK, record.txnId, 'id-photo.jpg')!;
    // GA 461: 358 x 441 pixels, about 14-20 KB.
    const decoded = jpeg.decode(photo, { useTArray: true });
    expect({ width: decoded.width, height: decoded.height }).toEqual({ width: 358, height: 441 });
    expect(photo.length).toBeGreaterThanOrEqual(14 * 1024);
    expect(photo.length).toBeLessThanOrEqual(20 * 1024);
    await p.close();
  });
});
