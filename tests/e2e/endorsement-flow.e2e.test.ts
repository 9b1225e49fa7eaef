/**
 * The HK/Macau endorsement end to end, as a citizen does it: the real host (flows, journal,
 * drivers through their codecs to the simulators, sync to the embedded central simulator) served
 * to Debian's Chromium and driven through the screen by Playwright. The test acts as the citizen
 * at the devices (permit in, permit out) and as the payer at central; one test per failure path.
 * Screenshots of each step go to test-results/endorsement-flow/.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { simulatorConfig } from '../../kiosk-config/schema';
import { type Host, startHost } from '../../main/host/host';
import { startUiServer, type UiServer } from '../../main/host/ui-server';
import { ensureRendererBuilt } from '../../main/launcher/renderer-build';
import { SimulatedCamera } from '../../simulators/camera/simulated-camera';
import { showScene } from '../../simulators/camera/scene-files';
import { TEST_PERMITS } from '../../simulators/certificate-unit/test-data';
import { textFor } from '../support/catalogues';
import { launchChromium } from '../support/chromium';

const KIOSK = 'GD-GZ-0001';
const projectRoot = join(import.meta.dirname, '..', '..');
const shots = join(projectRoot, 'test-results', 'endorsement-flow');
let rendererDir: string;
let browser: Browser;
let host: Host | undefined;
let ui: UiServer | undefined;
let page: Page;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  rendererDir = await ensureRendererBuilt(projectRoot, () => {});
  // The fake camera plays the cooperative citizen (blinks, turns the head) for the happy path's camera step.
  browser = await launchChromium({ fakeCamera: showScene(join(mkdtempSync(join(tmpdir(), 'endorsement-camera-')), 'camera.y4m'), 'cooperative') });
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

afterEach(async () => {
  await page?.close();
  await ui?.close();
  await host?.stop();
  host = undefined;
  ui = undefined;
});

/** A kiosk as `npm start` wires it (simulator mode, embedded central), shown in Chromium. */
async function kiosk(options: { readonly screenCamera?: boolean } = {}): Promise<{ host: Host; page: Page }> {
  host = await startHost({
    // The happy path takes the face at the screen's camera step (the real detector on the fake
    // camera); the failure paths are about other steps and take the simulated camera's face.
    ...(options.screenCamera ? {} : { camera: new SimulatedCamera(300) }),
    dataDir: mkdtempSync(join(tmpdir(), 'endorsement-e2e-')),
    config: simulatorConfig({ sync: { intervalMs: 200, heartbeatIntervalS: 3600 }, ui: { takeBackTimeoutS: 4 } }),
    log: pino({ level: 'silent' }),
  });
  host.central!.setAutoPay(false);
  ui = await startUiServer(host, rendererDir);
  page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
  await page.goto(ui.url);
  await expect.poll(() => page.locator('button.service').count(), { timeout: 10_000 }).toBe(5);
  return { host, page };
}

const screen = (p: Page, step: string) => p.getByTestId(`screen-${step}`);
async function see(p: Page, step: string, shot?: string): Promise<void> {
  await expect.poll(() => screen(p, step).count(), { timeout: 20_000 }).toBe(1);
  if (shot) await p.screenshot({ path: join(shots, `${shot}.png`) });
}
const prompt = (p: Page) => p.getByTestId('prompt').innerText();

/** The citizen: permit into the open slot, and out of the gate when it comes back. */
async function insertPermit(h: Host): Promise<void> {
  await expect.poll(() => h.simulators.certificateUnit!.state.entryEnabled, { timeout: 10_000 }).toBe(true);
  expect(h.simulators.certificateUnit!.insertCard(TEST_PERMITS[0]!)).toBe(true);
}
async function takePermit(h: Host): Promise<void> {
  // In the gate with the slot closed: handed back by the kiosk, not just pushed in by the citizen.
  const unit = h.simulators.certificateUnit!;
  await expect.poll(() => unit.state.location === 'gate' && !unit.state.entryEnabled, { timeout: 15_000 }).toBe(true);
  expect(h.simulators.certificateUnit!.takeCardFromGate()).toBeDefined();
}

async function start(p: Page, h: Host, shot?: string): Promise<void> {
  await p.locator('button[data-service="hk-macau-endorsement"]').click();
  await see(p, 'insert-permit', shot);
  await insertPermit(h);
}

async function choose(p: Page, shot?: string): Promise<void> {
  await see(p, 'choose-endorsement', shot);
  await p.getByTestId('endorsement-option').nth(0).click();
  await see(p, 'pay', shot ? `${shot}-pay` : undefined);
}

async function done(p: Page, shot: string): Promise<string> {
  await see(p, 'flow-done', shot);
  return prompt(p);
}

/** The transaction's journaled steps and what each did, shown when an end's reason is not the expected one. */
function journaled(h: Host): string {
  const view = h.sessions.view;
  if (!('txnId' in view) || typeof view.txnId !== 'string') return `no transaction (step ${view.step})`;
  return `journal: ${JSON.stringify(h.journal.steps(view.txnId).map((step) => [step.state, step.effect]))}`;
}

const centralRecords = (h: Host) => h.central!.store.records(KIOSK).map((r) => JSON.parse(r.body) as { kind: string; payload: Record<string, unknown> });

describe('HK/Macau endorsement in Chromium', { timeout: 90_000 }, () => {
  it('happy path: the citizen gets the endorsement, the permit back, a receipt, and central one record', async () => {
    const { host: h, page: p } = await kiosk({ screenCamera: true });
    await start(p, h, 'happy-1-insert');
    // The camera step: the detector finds the face, the prompt is followed, the still goes to the host.
    await expect.poll(() => p.getByTestId('camera-step').count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => p.getByTestId('camera-instruction').getAttribute('data-kind'), { timeout: 60_000, interval: 100 }).toMatch(/^prompt-/);
    await p.screenshot({ path: join(shots, 'happy-1b-camera.png') });
    await choose(p, 'happy-2-choose');
    expect(await p.getByTestId('pay-amount').innerText()).toContain('15.00');
    h.central!.payNow();
    await see(p, 'take-permit', 'happy-3-take');
    await takePermit(h);
    expect(await done(p, 'happy-4-done')).toBe('签注办理成功');
    expect(await p.getByTestId('transaction-no').innerText()).toMatch(/^GD-GZ-0001-\d{8}-[0-9A-F]{6}$/);
    expect(h.simulators.printer!.jobs).toHaveLength(1);
    await expect.poll(() => centralRecords(h).map((r) => r.payload.outcome)).toEqual(['delivered']);
    await p.getByRole('button', { name: '完成' }).click();
    await expect.poll(() => p.locator('button.service').count()).toBe(5);
    // Nothing of the citizen is left on the screen.
    expect(await p.content()).not.toContain('张**');
  });

  it('permit jammed: the citizen is told the kiosk keeps it and what to do; nothing is charged', async () => {
    const { host: h, page: p } = await kiosk();
    // The permit jams on its way in.
    await start(p, h);
    h.simulators.certificateUnit!.jam();
    expect(await done(p, 'jammed')).toBe('本次办理已结束');
    expect(await p.getByTestId('reason').innerText(), journaled(h)).toContain('通行证卡在设备内');
    // Nothing was paid, so no receipt was due: no note about one.
    expect(await p.getByTestId('receipt-note').count()).toBe(0);
    expect(h.central!.payments()).toHaveLength(0);
  });

  it('chip unreadable: the permit comes back with a plain reason', async () => {
    const { host: h, page: p } = await kiosk();
    h.simulators.certificateUnit!.chipDead();
    await start(p, h);
    await see(p, 'take-permit', 'chip-unreadable-take');
    await takePermit(h);
    await done(p, 'chip-unreadable');
    expect(await p.getByTestId('reason').innerText(), journaled(h)).toContain('无法读取您的通行证');
  });

  it('identity not verified: no options, no payment, the permit comes back', async () => {
    const { host: h, page: p } = await kiosk();
    h.central!.setIdentityResult('face_mismatch');
    await start(p, h);
    await takePermit(h);
    await done(p, 'identity');
    expect(await p.getByTestId('reason').innerText(), journaled(h)).toContain('身份核验未通过');
    expect(h.central!.payments()).toHaveLength(0);
  });

  it('not eligible: says why central refuses and what to do', async () => {
    const { host: h, page: p } = await kiosk();
    h.central!.setNotEligible('quota_reached');
    await start(p, h);
    await takePermit(h);
    await done(p, 'not-eligible');
    expect((await p.getByTestId('reason').innerText()).length).toBeGreaterThan(5);
    await expect.poll(() => centralRecords(h).map((r) => r.payload.failure)).toEqual(['endorsement.notEligible.quota_reached']);
  });

  it('central unreachable before payment: the service ends cleanly and says so', async () => {
    const { host: h, page: p } = await kiosk();
    await start(p, h);
    await see(p, 'flow-busy');
    h.central!.setOffline(true);
    await takePermit(h);
    await done(p, 'central-unreachable');
    expect(await p.getByTestId('reason').innerText(), journaled(h)).toContain('暂时无法连接');
    h.central!.setOffline(false);
    // The record waits in the outbox and reaches central once it is back.
    await expect.poll(() => centralRecords(h).map((r) => r.payload.outcome), { timeout: 20_000 }).toEqual(['ended']);
  });

  it('payment expires: the permit comes back and nothing is charged', async () => {
    const { host: h, page: p } = await kiosk();
    await start(p, h);
    await choose(p);
    h.central!.expireNow();
    await takePermit(h);
    await done(p, 'payment-expired');
    expect(await p.getByTestId('reason').innerText(), journaled(h)).toContain('缴费');
    expect(h.central!.payments(1)[0]?.status).toBe('expired');
  });

  it('cancel at the payment: the payment is closed and the permit handed back', async () => {
    const { host: h, page: p } = await kiosk();
    await start(p, h);
    await choose(p);
    await p.getByRole('button', { name: '取消' }).click();
    await see(p, 'take-permit', 'cancel-take');
    await takePermit(h);
    await done(p, 'cancelled');
    expect(h.central!.payments(1)[0]?.status).toBe('cancelled');
  });

  it('chip write fails after payment: refund recorded, failure receipt printed, permit back', async () => {
    const { host: h, page: p } = await kiosk();
    await start(p, h);
    await choose(p);
    h.simulators.certificateUnit!.chipWriteFails();
    h.central!.payNow();
    await takePermit(h);
    expect(await done(p, 'write-failed-refunded')).toBe('签注未能办理，已为您退款');
    expect(h.central!.payments(1)[0]?.status).toBe('refunded');
    expect(h.simulators.printer!.jobs).toHaveLength(1);
    await expect.poll(() => centralRecords(h).map((r) => r.payload.outcome)).toEqual(['refunded']);
  });

  it('the receipt prints in the language on the screen: chosen before the service, switched during it', async () => {
    const { host: h, page: p } = await kiosk();
    await p.getByRole('button', { name: 'English' }).click();
    await start(p, h);
    expect(h.sessions.language).toBe('en');
    await see(p, 'choose-endorsement');
    await p.getByRole('button', { name: '繁體中文' }).click();
    await expect.poll(() => h.sessions.language).toBe('zh-TW');
    await choose(p);
    h.central!.payNow();
    await takePermit(h);
    await see(p, 'flow-done');
    const receipt = JSON.stringify(h.simulators.printer!.jobs.at(-1)!.document);
    expect(receipt).toContain(textFor('zh-TW', 'receipt.kioskTitle'));
    expect(receipt).not.toContain(textFor('en', 'receipt.kioskTitle'));
  });

  it('printer out of paper: the endorsement still completes, and the screen says how to get a receipt', async () => {
    const { host: h, page: p } = await kiosk();
    h.simulators.printer!.setPaper('out');
    await start(p, h);
    await choose(p);
    h.central!.payNow();
    await takePermit(h);
    expect(await done(p, 'no-paper')).toBe('签注办理成功');
    expect(await p.getByTestId('receipt-note').innerText()).toContain('交易号');
    // The receipt's proof as a code the citizen can photograph.
    await expect.poll(() => p.getByTestId('receipt-qr').count()).toBe(1);
  });

  it('permit not taken: retained, the citizen told where it is, and a card-retained record sent', async () => {
    const { host: h, page: p } = await kiosk();
    await start(p, h);
    await choose(p);
    h.central!.payNow();
    await see(p, 'take-permit');
    // Nobody takes it: after the take-back time the unit keeps it.
    await done(p, 'retained');
    expect(await p.getByTestId('retained-note').innerText()).toContain('已由本机保管');
    expect(h.simulators.certificateUnit!.state.retained).toHaveLength(1);
    await expect.poll(() => centralRecords(h).map((r) => r.kind).sort()).toEqual(['card-retained', 'endorsement']);
  });
});
