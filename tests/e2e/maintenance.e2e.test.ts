/**
 * Maintenance mode end to end, as field staff do it at the terminal: the real host (ID reader,
 * printer and certificate unit through their codecs to the simulators, the embedded central
 * simulator) served to Chromium and driven by Playwright. The staff card goes on the ID-reader
 * simulator, the PIN on the on-screen pad; then each page and action, and the records at central.
 * Screenshots go to test-results/maintenance/.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { simulatorConfig } from '../../kiosk-config/schema';
import type { KioskView } from '../../main/api/contract';
import { type Host, startHost } from '../../main/host/host';
import { simulatedUsbStick } from '../../main/host/maintenance/maintenance-wiring';
import { startUiServer, type UiServer } from '../../main/host/ui-server';
import { ensureRendererBuilt } from '../../main/launcher/renderer-build';
import { SimulatedCamera } from '../../simulators/camera/simulated-camera';
import { UNLOADED_CERTIFICATE } from '../../simulators/certificate-unit/test-data';
import { TEST_STAFF } from '../../simulators/central/test-registry-records';
import { testCards } from '../../simulators/id-reader/test-cards';
import { showScene } from '../../simulators/camera/scene-files';
import { launchChromium } from '../support/chromium';
import { layCard } from '../support/reader-hands';

const KIOSK = 'GD-GZ-0001';
const projectRoot = join(import.meta.dirname, '..', '..');
const shots = join(projectRoot, 'test-results', 'maintenance');
const officer = TEST_STAFF[0]!;
let rendererDir: string;
let browser: Browser;
let host: Host | undefined;
let ui: UiServer | undefined;
let page: Page;
const liveFile = join(mkdtempSync(join(tmpdir(), 'fake-camera-')), 'camera.y4m');

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  rendererDir = await ensureRendererBuilt(projectRoot, () => {});
  // The page's camera (the desk's camera test): Chromium's fake camera playing a simulator scene.
  showScene(liveFile, 'cooperative');
  browser = await launchChromium({ fakeCamera: liveFile });
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

async function kiosk(): Promise<{ host: Host; page: Page }> {
  host = await startHost({
    dataDir: mkdtempSync(join(tmpdir(), 'maintenance-e2e-')),
    config: simulatorConfig({ sync: { intervalMs: 200, heartbeatIntervalS: 3600 } }),
    log: pino({ level: 'silent' }),
    camera: new SimulatedCamera(),
  });
  ui = await startUiServer(host, rendererDir);
  page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
  await page.goto(ui.url);
  await expect.poll(() => page.locator('button.service[data-service="progress-query"][aria-disabled="false"]').count(), { timeout: 10_000 }).toBe(1);
  // The staff list is cached before a card can be recognised.
  const h = host;
  await expect.poll(() => h.central!.requests.some((r) => r.path.endsWith('/staff') && r.status === 200), { timeout: 10_000 }).toBe(true);
  return { host, page };
}

async function see(p: Page, screen: string, shot?: string): Promise<void> {
  await expect.poll(() => p.getByTestId(`screen-${screen}`).count(), { timeout: 20_000 }).toBe(1);
  // The desk asks every device when it opens: the screenshot shows the answers, not "working".
  if (screen === 'maintenance-open') await expect.poll(() => p.getByTestId('screen-maintenance-open').getAttribute('aria-busy')).toBeNull();
  if (shot) await p.screenshot({ path: join(shots, `${shot}.png`) });
}
const shoot = (p: Page, name: string) => p.screenshot({ path: join(shots, `${name}.png`) });

/** Types the PIN on the on-screen pad, key by key, waiting for the host's count of each. */
async function typePin(p: Page, pin: string): Promise<void> {
  for (const [i, key] of [...pin].entries()) {
    await p.locator(`[data-testid="key"][data-key="${key}"]`).click();
    await expect.poll(() => p.getByTestId('echo').innerText()).toBe('●'.repeat(i + 1));
  }
}

/** Taps an action and waits until the host says how it went (the message's key). */
async function tap(p: Page, testId: string, messageKey: string, shot?: string): Promise<void> {
  await p.getByTestId(testId).click();
  await expect.poll(() => p.getByTestId('desk-message').getAttribute('data-key'), { timeout: 15_000 }).toBe(messageKey);
  if (shot) await shoot(p, shot);
}

async function tab(p: Page, pageName: string): Promise<void> {
  await p.locator(`[data-testid="desk-tab"][data-page="${pageName}"]`).click();
  await expect.poll(() => p.getByTestId('screen-maintenance-open').getAttribute('data-page')).toBe(pageName);
  await expect.poll(() => p.getByTestId('screen-maintenance-open').getAttribute('aria-busy')).toBeNull();
}

const records = (h: Host) => h.central!.store.records(KIOSK).map((r) => JSON.parse(r.body) as { kind: string; payload: Record<string, unknown> });
async function offer(h: Host): Promise<KioskView> {
  const reply = await h.api.handle({ kind: 'request', id: 1, command: 'getKiosk', args: {} });
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.result as KioskView;
}

describe('maintenance mode in Chromium', { timeout: 150_000 }, () => {
  it('staff card and PIN, then every page and action, each recorded at central; closing gives the kiosk back to citizens', async () => {
    const { host: h, page: p } = await kiosk();
    const reader = h.simulators.idReader!;
    const unit = h.simulators.certificateUnit!;
    const printer = h.simulators.printer!;
    printer.nearEnd();
    unit.unloadMagazineSlot(30);
    unit.fillRetainBin();
    await shoot(p, '00-attract');

    // Entry: the staff card on the idle reader, a wrong PIN, then the right one.
    await layCard(h, 'staff-officer');
    await see(p, 'maintenance-pin', '01-pin');
    expect(await p.getByTestId('prompt').innerText()).toBe('工作人员密码');
    const key = await p.locator('[data-testid="key"][data-key="5"]').boundingBox();
    expect(Math.min(key!.width, key!.height)).toBeGreaterThanOrEqual(64);
    await typePin(p, '000000');
    await p.getByTestId('key-confirm').click();
    await expect.poll(() => p.getByTestId('input-message').innerText()).toBe('密码错误');
    expect(await p.getByTestId('attempts-left').innerText()).toContain('4');
    await shoot(p, '02-pin-wrong');
    await typePin(p, officer.pin);
    expect(await p.content()).not.toContain(officer.pin);
    await p.getByTestId('key-confirm').click();
    await see(p, 'maintenance-open', '03-status');
    expect((await offer(h)).services.every((s) => !s.available && s.reasonKey === 'services.inMaintenance')).toBe(true);

    // Device status with detail and the counters.
    const printerRow = p.locator('[data-testid="device-row"][data-device="printer"]');
    expect(await printerRow.innerText()).toContain('纸张：将尽');
    expect(await p.locator('[data-testid="device-row"][data-device="certificateUnit"]').innerText()).toContain('回收箱：已满');
    expect(await p.getByTestId('transactions-today').innerText()).toBe('今日业务：0 笔');
    // Staff may read it in English: the same page, every word from the catalogue.
    await p.locator('.language-switch button[lang="en"]').click();
    await expect.poll(() => p.getByTestId('transactions-today').innerText()).toBe('Transactions today: 0');
    await shoot(p, '03-status-en');
    await p.locator('.language-switch button[lang="zh-CN"]').click();
    await expect.poll(() => p.getByTestId('transactions-today').innerText()).toBe('今日业务：0 笔');
    // The camera test: one frame from the page's camera, judged on the host.
    await tap(p, 'camera-test', 'maintenance.camera.passed', '03-camera-test');
    expect(await p.getByTestId('camera-test-result').innerText()).toContain('640×480');

    // Paper: a test slip, then new paper resets the counter.
    await tab(p, 'printer');
    const jobs = printer.jobs.length;
    await tap(p, 'test-print', 'maintenance.printer.testPrinted', '04-test-print');
    expect(printer.jobs.length).toBe(jobs + 1);
    expect(await p.getByTestId('receipts-since-paper').innerText()).toContain('1');
    printer.refillPaper();
    await tap(p, 'paper-replaced', 'maintenance.printer.paperReplaced', '05-paper-replaced');
    expect(await p.getByTestId('receipts-since-paper').innerText()).toContain('0');

    // Magazine: the reissued card read on the reader, matched to central's list, slot 30 assigned.
    await tab(p, 'magazine');
    expect(await p.getByTestId('magazine-waiting').innerText()).toContain('1');
    reader.placeCard('foreign-2023');
    await tap(p, 'magazine-read', 'maintenance.magazine.putInSlot', '06-magazine-slot-assigned');
    expect(await p.getByTestId('magazine-pending').innerText()).toContain('第 30 格');
    await tap(p, 'magazine-placed', 'maintenance.magazine.slotStillEmpty');
    unit.loadMagazineSlot(30, UNLOADED_CERTIFICATE);
    await tap(p, 'magazine-placed', 'maintenance.magazine.loaded', '07-magazine-loaded');
    expect(await p.getByTestId('magazine-last').innerText()).toContain('SIM-CERT-NEW-01');

    // Retain bin: every card ticked as collected, the bin emptied, the unit agrees.
    await tab(p, 'retain-bin');
    expect(await p.getByTestId('retained-unlisted').innerText()).toContain('50');
    await shoot(p, '08-retain-bin-full');
    await tap(p, 'retain-emptied', 'maintenance.retainBin.confirmEach');
    await p.getByTestId('retained-tick').click();
    await expect.poll(() => p.getByTestId('retained-tick').getAttribute('aria-pressed')).toBe('true');
    await tap(p, 'retain-emptied', 'maintenance.retainBin.stillFull');
    unit.clearFaults({ emptyRetainBin: true });
    await tap(p, 'retain-emptied', 'maintenance.retainBin.emptied', '09-retain-bin-emptied');
    expect(await p.getByTestId('retain-counted').innerText()).toContain('0');

    // Service: out, a device down keeps it out, back in once healthy.
    await tab(p, 'service');
    await tap(p, 'out-of-service', 'maintenance.service.takenOut', '10-out-of-service');
    unit.setSilent(true);
    await tap(p, 'in-service', 'maintenance.service.notHealthy', '11-not-healthy');
    expect(await p.getByTestId('service-problems').innerText()).toContain('证卡机不可用');
    unit.setSilent(false);
    await tap(p, 'in-service', 'maintenance.service.backIn', '12-back-in-service');

    // Export to the simulated stick in the data folder.
    await tab(p, 'export');
    expect(await p.getByTestId('export-target').innerText()).toContain(simulatedUsbStick(h.dataDir));
    await tap(p, 'export-run', 'maintenance.export.done', '13-export');
    const folders = readdirSync(simulatedUsbStick(h.dataDir));
    expect(folders).toHaveLength(1);
    expect(existsSync(join(simulatedUsbStick(h.dataDir), folders[0]!, 'journal-summary.json'))).toBe(true);

    // Closing gives the attract screen back, with services offered again, in the kiosk's language.
    await p.locator('.language-switch button[lang="en"]').click();
    await p.getByTestId('maintenance-close').click();
    await expect.poll(() => p.locator('button.service[data-service="progress-query"][aria-disabled="false"]').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => p.locator('.language-switch button[lang="zh-CN"]').getAttribute('aria-pressed')).toBe('true');
    await shoot(p, '14-back-to-citizens');

    // Every action reached central: the records of their own and an audit each.
    h.sync.kick();
    const expected = ['pin-refused', 'maintenance-opened', 'camera-test', 'test-print', 'paper-replaced', 'magazine-loaded', 'retain-bin-emptied', 'out-of-service', 'in-service', 'export', 'maintenance-closed'];
    await expect
      .poll(() => records(h).filter((r) => r.kind === 'audit').map((r) => r.payload.action), { timeout: 15_000 })
      .toEqual(expect.arrayContaining(expected));
    expect(records(h).find((r) => r.kind === 'magazine-loaded')?.payload).toMatchObject({ certificateId: 'SIM-CERT-NEW-01', slot: 30, staffId: officer.staffId });
    expect(records(h).find((r) => r.kind === 'retain-bin-emptied')?.payload).toMatchObject({ unlisted: 50, staffId: officer.staffId });
    const sent = JSON.stringify(records(h));
    expect(sent).not.toContain(testCards['staff-officer'].text.idNumber);
    expect(sent).not.toContain(officer.pin);
  });

  it("five wrong PINs lock that staff card: the locked screen says until when, the kiosk goes back to citizens, another staff card still opens", async () => {
    const { host: h, page: p } = await kiosk();
    await layCard(h, 'staff-auxiliary');
    await see(p, 'maintenance-pin');
    for (let attempt = 1; attempt <= 5; attempt++) {
      await typePin(p, '1111');
      await p.getByTestId('key-confirm').click();
      if (attempt < 5) await expect.poll(() => p.getByTestId('attempts-left').innerText()).toContain(String(5 - attempt));
    }
    await see(p, 'maintenance-locked', '15-locked');
    expect(await p.getByTestId('locked-until').innerText()).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(await p.getByTestId('prompt').innerText()).toBe('此工作证已锁定');
    await p.getByRole('button', { name: '返回' }).click();
    await expect.poll(() => p.locator('button.service[data-service="progress-query"][aria-disabled="false"]').count(), { timeout: 10_000 }).toBe(1);
    // The lock is that card's: another staff member's card asks for its PIN with every try left.
    await layCard(h, 'staff-officer');
    await see(p, 'maintenance-pin');
    expect(await p.getByTestId('attempts-left').innerText()).toContain('5');
    await p.getByRole('button', { name: '返回' }).click();
    h.sync.kick();
    await expect.poll(() => records(h).filter((r) => r.kind === 'audit').map((r) => r.payload.action), { timeout: 15_000 }).toContain('entry-locked');
  });

  it("central's out-of-service is its own reason: staff see it, their back-in does not lift it, central's in-service does", async () => {
    const { host: h, page: p } = await kiosk();
    await expect.poll(() => h.central!.store.heartbeatCount(KIOSK), { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    h.central!.queueCommand(KIOSK, { id: 'e2e-out', type: 'out-of-service' });
    await h.heartbeat.beatOnce();
    await expect.poll(() => p.locator('button.service[aria-disabled="false"]').count(), { timeout: 10_000 }).toBe(0);

    await layCard(h, 'staff-officer');
    await see(p, 'maintenance-pin');
    await typePin(p, officer.pin);
    await p.getByTestId('key-confirm').click();
    await see(p, 'maintenance-open');
    await tab(p, 'service');
    expect(await p.getByTestId('held-by-central').innerText()).toContain('中心已暂停本机服务');
    expect(await p.getByTestId('held-by-staff').count()).toBe(0);
    await shoot(p, '16-held-by-central');
    // Staff hold it out too, then lift their own hold: central's stays, and the screen says so.
    await tap(p, 'out-of-service', 'maintenance.service.takenOut');
    expect(await p.getByTestId('held-by-staff').count()).toBe(1);
    await tap(p, 'in-service', 'maintenance.service.centralHoldsOut', '17-central-still-holds');
    expect(await p.getByTestId('service-state').getAttribute('data-out')).toBe('true');
    await p.getByTestId('maintenance-close').click();
    await expect.poll(() => p.locator('button.service').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await p.locator('button.service[aria-disabled="false"]').count()).toBe(0);

    h.central!.queueCommand(KIOSK, { id: 'e2e-in', type: 'in-service' });
    await h.heartbeat.beatOnce();
    await expect.poll(() => p.locator('button.service[data-service="progress-query"][aria-disabled="false"]').count(), { timeout: 10_000 }).toBe(1);
  });
});
