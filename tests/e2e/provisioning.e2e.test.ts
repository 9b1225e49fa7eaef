/**
 * The first-boot screen end to end: a production kiosk (configuration required) with none yet,
 * served to Chromium; field staff type the kiosk id and a one-time code on the on-screen keypad,
 * the host probes the simulators on ptys (and an empty pty), enrols with the central simulator,
 * writes the configuration and self-tests; "put into service" restarts the kiosk on it. Also a
 * malformed code caught on the host and an unknown code answered by central, with a way back.
 * The self-test's camera frame comes from Chromium's fake camera playing the simulator's scenes: a
 * face before a wall passes, the black `covered` scene fails as a covered lens.
 * Screenshots in test-results/provisioning/.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type KioskRuntime, runKiosk } from '../../main/host/kiosk-runtime';
import { ensureRendererBuilt } from '../../main/launcher/renderer-build';
import { type RunningSimulators, startSimulators } from '../../main/cli/sim-up';
import { ZERO_TIMING } from '../../simulators/certificate-unit/simulator';
import { CentralSimulator } from '../../simulators/central/server';
import { type PtyPair, startPtyPair } from '../../simulators/pty-pair';
import { showScene } from '../../simulators/camera/scene-files';
import { launchChromium } from '../support/chromium';

const projectRoot = join(import.meta.dirname, '..', '..');
const shots = join(projectRoot, 'test-results', 'provisioning');
let rendererDir: string;
let browser: Browser;
let sims: RunningSimulators;
let empty: PtyPair;
let central: CentralSimulator;
let runtime: KioskRuntime | undefined;
const liveFile = join(mkdtempSync(join(tmpdir(), 'fake-camera-')), 'camera.y4m');

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  rendererDir = await ensureRendererBuilt(projectRoot, () => {});
  showScene(liveFile, 'cooperative');
  browser = await launchChromium({ fakeCamera: liveFile });
  sims = await startSimulators({ card: 'resident', certificateUnitTiming: ZERO_TIMING });
  empty = await startPtyPair();
  central = new CentralSimulator({ dbFile: ':memory:', secrets: {} });
  await central.start();
}, 180_000);

afterAll(async () => {
  await runtime?.stop();
  await browser?.close();
  await central?.stop();
  await sims?.stop();
  await empty?.stop();
  vi.unstubAllEnvs();
});

async function see(page: Page, stage: string, shot?: string): Promise<void> {
  await expect.poll(() => page.locator(`[data-testid="screen-provisioning"][data-stage="${stage}"]`).count(), { timeout: 30_000 }).toBe(1);
  if (shot) await page.screenshot({ path: join(shots, `${shot}.png`) });
}

/** Types on the on-screen keypad, key by key, waiting for the host's echo of each. */
async function type(page: Page, text: string): Promise<void> {
  for (const key of text) {
    const before = await page.getByTestId('echo').innerText();
    await page.locator(`[data-testid="key"][data-key="${key}"]`).click();
    await expect.poll(() => page.getByTestId('echo').innerText()).not.toBe(before);
  }
}

async function clear(page: Page): Promise<void> {
  while ((await page.getByTestId('echo').innerText()).trim() !== '') {
    const before = await page.getByTestId('echo').innerText();
    await page.getByTestId('key-delete').click();
    await expect.poll(() => page.getByTestId('echo').innerText()).not.toBe(before);
  }
}

describe('first-boot screen', () => {
  it('provisions the terminal by touch and puts it into service', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'first-boot-'));
    vi.stubEnv('KIOSK_DATA_DIR', dataDir);
    vi.stubEnv('KIOSK_CENTRAL_URL', central.baseUrl);
    vi.stubEnv('KIOSK_PROBE_PORTS', [empty.paths[1], sims.ports['certificate-unit'], sims.ports['id-reader'], sims.ports.printer].join(','));
    runtime = await runKiosk({ rendererDir, port: 0, log: pino({ level: 'silent' }), requireConfigFile: true });
    expect(runtime.host).toBeNull();
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await page.goto(runtime.url);
    await see(page, 'enter', '01-entry');
    expect(await page.getByRole('heading').first().innerText()).toContain('首次开机');

    await type(page, 'GD-GZ-0001');
    await page.getByTestId('field-code').click();
    await expect.poll(() => page.getByTestId('field-code').getAttribute('aria-pressed')).toBe('true');
    // A malformed code is caught on the host before anything runs.
    await type(page, 'ABC');
    await page.getByTestId('key-confirm').click();
    await expect.poll(() => page.getByTestId('input-message').count()).toBe(1);
    expect(await page.getByTestId('input-message').innerText()).toContain('K7QX-M2TB-9RHD');
    await page.screenshot({ path: join(shots, '02-malformed-code.png') });
    expect(central.requests.filter((r) => r.path.endsWith('/enroll'))).toHaveLength(0);

    // A well-formed code central does not know: the run stops at enrolment and says why.
    await clear(page);
    await type(page, 'ABCD-EFGH-JKLM');
    await page.getByTestId('key-confirm').click();
    await see(page, 'failed', '03-unknown-code');
    expect(await page.getByTestId('failure').innerText()).toContain('中心不认识此注册码');
    expect(await page.getByTestId('found-printer').innerText()).toContain(sims.ports.printer);
    expect(existsSync(join(dataDir, 'kiosk-config.json'))).toBe(false);

    // Back to the entry, the real code, and the whole run.
    await page.getByTestId('retry').click();
    await see(page, 'enter');
    await clear(page);
    const code = central.issueEnrollmentCode();
    await type(page, code);
    const jobsBefore = sims.devices.printer.jobs.length;
    await page.getByTestId('key-confirm').click();
    await see(page, 'done', '04-done');
    expect(await page.getByTestId('done-title').innerText()).toContain('GD-GZ-0001');
    for (const check of ['idReader', 'certificateUnit', 'printer']) {
      expect(await page.getByTestId(`check-${check}`).getAttribute('data-result')).toBe('passed');
    }
    // One frame from the page's camera (the fake camera's face before a white wall), judged on the host.
    expect(await page.getByTestId('check-camera').getAttribute('data-result')).toBe('passed');
    expect(await page.getByTestId('camera-frame').innerText()).toContain('640×480');
    expect(await page.getByTestId('camera-frame').getAttribute('data-covered')).toBe('false');
    expect(await page.getByTestId('done-message').count()).toBe(0);
    expect(sims.devices.printer.jobs.length).toBe(jobsBefore + 1);
    const written = JSON.parse(readFileSync(join(dataDir, 'kiosk-config.json'), 'utf8')) as Record<string, unknown>;
    expect(written).toMatchObject({ mode: 'production', kioskId: 'GD-GZ-0001', central: { baseUrl: central.baseUrl, secretFile: 'central-secret.sealed' } });

    // Into service: the kiosk restarts on its configuration and shows the attract screen.
    await page.getByTestId('finish').click();
    await expect.poll(() => runtime?.host?.config.kioskId ?? null, { timeout: 30_000 }).toBe('GD-GZ-0001');
    await expect.poll(() => page.locator('button.service').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await page.getByTestId('screen-provisioning').count()).toBe(0);
    await page.screenshot({ path: join(shots, '05-in-service.png') });
    // The self-test's audit record reaches central from the running kiosk.
    await expect.poll(() => selfTestAudit('GD-GZ-0001'), { timeout: 20_000 }).not.toBeNull();
    expect(selfTestAudit('GD-GZ-0001')).toMatchObject({ passed: true, checks: { camera: { result: 'passed', width: 640, height: 480, covered: false, source: 'screen' } } });
    await page.close();
  }, 180_000);

  it('a covered camera (a black picture) fails the self-test, in words and in the audit record', async () => {
    await runtime?.stop();
    runtime = undefined;
    showScene(liveFile, 'covered');
    const dataDir = mkdtempSync(join(tmpdir(), 'first-boot-covered-'));
    vi.stubEnv('KIOSK_DATA_DIR', dataDir);
    runtime = await runKiosk({ rendererDir, port: 0, log: pino({ level: 'silent' }), requireConfigFile: true });
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await page.goto(runtime.url);
    await see(page, 'enter');
    await type(page, 'GD-GZ-0002');
    await page.getByTestId('field-code').click();
    await expect.poll(() => page.getByTestId('field-code').getAttribute('aria-pressed')).toBe('true');
    await type(page, central.issueEnrollmentCode());
    await page.getByTestId('key-confirm').click();
    await see(page, 'done', '06-camera-covered');
    expect(await page.getByTestId('check-camera').getAttribute('data-result')).toBe('failed');
    expect(await page.getByTestId('check-printer').getAttribute('data-result')).toBe('passed');
    expect(await page.getByTestId('camera-frame').getAttribute('data-covered')).toBe('true');
    expect(await page.getByTestId('camera-frame').innerText()).toContain('镜头是否被遮挡');
    expect(await page.getByTestId('done-message').innerText()).toContain('自检发现问题');
    await page.getByTestId('finish').click();
    await expect.poll(() => selfTestAudit('GD-GZ-0002'), { timeout: 30_000 }).not.toBeNull();
    expect(selfTestAudit('GD-GZ-0002')).toMatchObject({ passed: false, checks: { camera: { result: 'failed', covered: true, width: 640 } } });
    await page.close();
  }, 180_000);
});

/** The self-test report central got in the kiosk's `audit` record, or null. */
function selfTestAudit(kioskId: string): Record<string, unknown> | null {
  const records = central.store.records(kioskId).map((r) => JSON.parse(r.body) as { kind: string; payload: { action?: string; report?: Record<string, unknown> } });
  return records.find((r) => r.kind === 'audit' && r.payload.action === 'self-test')?.payload.report ?? null;
}

