/**
 * Certificate pickup (取证) end to end, as a citizen does it: the real host (flow, the certificate
 * unit through its bytes to the simulator, the embedded central simulator; a simulated camera, as
 * no camera is attached here) served to Chromium and driven through the screen by Playwright:
 * the way in, the on-screen keypad, the face step, the certificate in the gate, and each failure.
 * Screenshots go to test-results/certificate-pickup/.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import QRCode from 'qrcode';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CertificateUnitDriver } from '../../drivers/certificate-unit/driver';
import { simulatorConfig } from '../../kiosk-config/schema';
import { createDevices } from '../../main/host/devices';
import { type Host, startHost } from '../../main/host/host';
import { SimulatedCamera } from '../../simulators/camera/simulated-camera';
import { simulatedCertificateUnitOpener } from '../../simulators/certificate-unit/simulated-opener';
import { CertificateUnitSimulator } from '../../simulators/certificate-unit/simulator';
import { sampleMagazine } from '../../simulators/certificate-unit/test-data';
import { testCards } from '../../simulators/id-reader/test-cards';
import { checkAndShoot } from '../renderer/support/screen-checks';
import { kioskScreens, typeOnKeypad } from '../support/kiosk-screen';

const KIOSK = 'GD-GZ-0001';
/** The test registry's waiting certificate: 李样例's reissued card in slot 1, pickup code 824913. */
const HOLDER = testCards['resident-elderly'].text.idNumber;
const CODE = '824913';
const CERTIFICATE = 'SIM-CERT-01';
const screens = kioskScreens('certificate-pickup');
const shotsDir = join(import.meta.dirname, '..', '..', 'test-results', 'certificate-pickup');
const { see } = screens;

interface Kiosk {
  readonly h: Host;
  readonly p: Page;
  readonly unit: CertificateUnitSimulator;
}

interface KioskOptions {
  readonly takeBackTimeoutS?: number;
  readonly unit?: CertificateUnitSimulator;
  /** A camera showing this QR code (a canvas stream in place of getUserMedia's device). */
  readonly cameraShowsQr?: string;
}

async function kiosk(options: KioskOptions = {}): Promise<Kiosk> {
  const config = simulatorConfig({
    sync: { intervalMs: 200, heartbeatIntervalS: 3600 },
    ui: { port: 0, defaultLanguage: 'zh-CN', stepTimeoutS: 60, takeBackTimeoutS: options.takeBackTimeoutS ?? 30 },
  });
  const unit = options.unit ?? new CertificateUnitSimulator();
  const devices = { ...createDevices(config.devices).devices, certificateUnit: new CertificateUnitDriver(simulatedCertificateUnitOpener(unit)) };
  const host = await startHost({ dataDir: mkdtempSync(join(tmpdir(), 'pickup-e2e-')), config, devices, camera: new SimulatedCamera(300), log: pino({ level: 'silent' }) });
  const qr = options.cameraShowsQr;
  const page = await screens.open(host, qr === undefined ? undefined : (p) => holdUpQr(p, qr));
  await expect.poll(() => page.locator('button.service[data-service="certificate-pickup"][aria-disabled="false"]').count(), { timeout: 10_000 }).toBe(1);
  return { h: host, p: page, unit };
}

/**
 * The citizen holds the receipt's QR code up to the camera: getUserMedia answers with a 640x480
 * canvas stream on which the code is drawn (white receipt paper, a little off-centre), so the
 * page's own scanner decodes real video frames.
 */
async function holdUpQr(p: Page, text: string): Promise<void> {
  const image = await QRCode.toDataURL(text, { margin: 4, scale: 6 });
  await p.addInitScript((src) => {
    navigator.mediaDevices.getUserMedia = async () => {
      const canvas = document.createElement('canvas');
      canvas.width = 640;
      canvas.height = 480;
      const context = canvas.getContext('2d')!;
      const qr = new Image();
      qr.src = src;
      await qr.decode();
      const draw = () => {
        context.fillStyle = '#8a8f99';
        context.fillRect(0, 0, 640, 480);
        context.fillStyle = '#ffffff';
        context.fillRect(150, 60, 360, 360);
        context.drawImage(qr, 170, 80, 320, 320);
      };
      draw();
      setInterval(draw, 100);
      return canvas.captureStream(10);
    };
  }, image);
}

const prompt = (p: Page) => p.getByTestId('prompt').innerText();
const calls = (h: Host, path: RegExp) => h.central!.requests.filter((r) => path.test(r.path));
const records = (h: Host) => h.central!.store.records(KIOSK).map((r) => JSON.parse(r.body) as { kind: string; payload: Record<string, unknown> });

const type = typeOnKeypad;

/** Touches 取证, the way in, and types (the code, then) the ID number. */
async function identify(p: Page, idNumber: string, options: { readonly code?: string; readonly shot?: string } = {}): Promise<string> {
  const { code, shot } = options;
  await p.locator('button[data-service="certificate-pickup"]').click();
  await see(p, 'pickup-choose-method', shot ? `${shot}-1-choose` : undefined);
  if (code !== undefined) {
    await p.getByTestId('method-pickup-code').click();
    await see(p, 'pickup-input');
    await type(p, code);
    if (shot) await screens.shot(p, `${shot}-2-code`);
    await p.getByTestId('key-confirm').click();
    await expect.poll(() => p.getByTestId('screen-pickup-input').getAttribute('data-field')).toBe('idNumber');
  } else {
    await p.getByTestId('method-id-number').click();
    await see(p, 'pickup-input');
  }
  await type(p, idNumber);
  if (shot) await screens.shot(p, `${shot}-3-id-number`);
  const echo = await p.getByTestId('echo').innerText();
  await p.getByTestId('key-confirm').click();
  return echo;
}

/** The citizen takes the certificate once the screen asks for it and the unit has it in the gate. */
async function takeIt(p: Page, unit: CertificateUnitSimulator, shot?: string) {
  await see(p, 'take-certificate', shot);
  await expect.poll(() => unit.state.location, { timeout: 10_000 }).toBe('gate');
  return unit.takeCardFromGate();
}

async function done(p: Page, outcome: string, shot: string): Promise<void> {
  await see(p, 'pickup-done');
  await expect.poll(() => p.getByTestId('screen-pickup-done').getAttribute('data-outcome')).toBe(outcome);
  await screens.shot(p, shot);
}

describe('certificate pickup in Chromium', { timeout: 120_000 }, () => {
  it('by ID number: keypad, masked echo, face, the certificate from slot 1 taken; central gets one record without the number', async () => {
    const { h, p, unit } = await kiosk();
    expect(await identify(p, HOLDER, { shot: 'id-number' })).toBe(`${HOLDER.slice(0, 4)}**********${HOLDER.slice(-4)}`);
    await see(p, 'flow-busy', 'id-number-4-busy');
    expect(await takeIt(p, unit, 'id-number-5-take')).toMatchObject({ kind: 'certificate', slot: 1, certificate: { serial: CERTIFICATE } });
    await done(p, 'collected', 'id-number-6-done');
    expect(await prompt(p)).toBe('取证成功');
    expect(unit.state.magazine[0]).toBeUndefined();
    await expect.poll(() => records(h).map((r) => r.kind)).toEqual(['certificate-pickup']);
    expect(records(h)[0]!.payload).toMatchObject({ outcome: 'collected', certificateId: CERTIFICATE, slot: 1, dispensed: true, method: 'id-number' });
    expect(JSON.stringify(records(h))).not.toContain(HOLDER);
    expect(calls(h, /\/identity\/verify$/)).toHaveLength(1);
    await p.getByRole('button', { name: '完成' }).click();
    await expect.poll(() => p.locator('button.service').count()).toBe(5);
    expect(await p.content()).not.toContain(HOLDER.slice(-4));
  });

  it('by pickup code from the receipt, then the ID number: collected', async () => {
    const { h, p, unit } = await kiosk();
    await identify(p, HOLDER, { code: CODE, shot: 'code' });
    await takeIt(p, unit, 'code-4-take');
    await done(p, 'collected', 'code-5-done');
    await expect.poll(() => records(h).map((r) => r.payload.method)).toEqual(['pickup-code']);
    expect(JSON.stringify(records(h))).not.toContain(CODE);
  });

  it('by the pickup code\'s QR shown to the camera, then the ID number: collected', async () => {
    const { h, p, unit } = await kiosk({ cameraShowsQr: CODE });
    await p.locator('button[data-service="certificate-pickup"]').click();
    await p.getByTestId('method-pickup-code').click();
    await see(p, 'pickup-input');
    // Nothing typed: the scanner reads the code and the host moves on to the ID number.
    await expect.poll(() => p.getByTestId('screen-pickup-input').getAttribute('data-field'), { timeout: 15_000 }).toBe('idNumber');
    await screens.shot(p, 'qr-1-scanned');
    await type(p, HOLDER);
    await p.getByTestId('key-confirm').click();
    await takeIt(p, unit);
    await done(p, 'collected', 'qr-2-done');
    await expect.poll(() => records(h).map((r) => r.payload.method)).toEqual(['pickup-code']);
  });

  it('a QR that is not a pickup code (the application number) is ignored; the code can still be typed', async () => {
    const { p } = await kiosk({ cameraShowsQr: 'GD-GZ-0001-20261123-7' });
    await p.locator('button[data-service="certificate-pickup"]').click();
    await p.getByTestId('method-pickup-code').click();
    await see(p, 'pickup-input');
    await expect.poll(() => p.getByTestId('qr-scanner').getAttribute('data-state')).toBe('scanning');
    await p.waitForTimeout(1500);
    expect(await p.getByTestId('screen-pickup-input').getAttribute('data-field')).toBe('pickupCode');
    await screens.shot(p, 'qr-3-not-a-code');
    await type(p, CODE);
    await p.getByTestId('key-confirm').click();
    await expect.poll(() => p.getByTestId('screen-pickup-input').getAttribute('data-field')).toBe('idNumber');
  });

  it('a typo in the ID number is caught as it is typed (birth date) and on confirm (check digit), before any call', async () => {
    const { h, p } = await kiosk();
    await p.locator('button[data-service="certificate-pickup"]').click();
    await p.getByTestId('method-id-number').click();
    await see(p, 'pickup-input');
    await type(p, `${HOLDER.slice(0, 10)}13`);
    expect(await p.getByTestId('input-message').innerText()).toBe('第7至14位的出生日期不对，请检查后修改');
    await screens.shot(p, 'typo-1-birth-date');
    await p.getByTestId('key-delete').click();
    await p.getByTestId('key-delete').click();
    await expect.poll(() => p.getByTestId('input-message').count()).toBe(0);
    await type(p, HOLDER.slice(10, 17) + (HOLDER[17] === '1' ? '2' : '1'));
    // A wrong number stays readable (not masked), to be checked digit by digit.
    expect(await p.getByTestId('echo').innerText()).toBe(HOLDER.slice(0, 17) + (HOLDER[17] === '1' ? '2' : '1'));
    await p.getByTestId('key-confirm').click();
    await expect.poll(() => p.getByTestId('input-message').innerText()).toBe('号码有误：最后一位校验码与前17位不符，请逐位核对');
    await screens.shot(p, 'typo-2-check-digit');
    expect(await p.getByTestId('screen-pickup-input').count()).toBe(1);
    expect(calls(h, /identity|certificates/)).toEqual([]);
  });

  it('no certificate waiting for this person: says so and hands nothing out', async () => {
    const { p, unit } = await kiosk();
    await identify(p, testCards.resident.text.idNumber);
    await done(p, 'not-collected', 'none-waiting');
    expect(await p.getByTestId('reason').innerText()).toContain('本机没有您待领取的证件');
    expect(unit.state.magazine.filter(Boolean)).toHaveLength(30);
  });

  it('the face does not match: nothing handed out, no list asked for', async () => {
    const { h, p, unit } = await kiosk();
    h.central!.setIdentityResult('face_mismatch');
    await identify(p, HOLDER);
    await done(p, 'not-collected', 'face-refused');
    expect(await p.getByTestId('reason').innerText()).toBe('人脸核验未通过，无法取证');
    expect(calls(h, /\/certificates$/)).toEqual([]);
    expect(unit.state.location).toBe('none');
  });

  it('central lists slot 1 but the magazine has it empty: staff told, certificate still assigned, nothing moved', async () => {
    const magazine = sampleMagazine();
    magazine[0] = undefined;
    const { h, p, unit } = await kiosk({ unit: new CertificateUnitSimulator({ magazine }) });
    await identify(p, HOLDER);
    await done(p, 'not-collected', 'magazine-disagrees');
    expect(await p.getByTestId('reason').innerText()).toBe('暂时无法取出您的证件，已通知工作人员处理');
    expect(await p.locator('.hint').innerText()).toBe('您的证件仍为您保留，未作领取登记');
    expect(unit.commandLog.some((c) => c.cm === 0x80 && c.pm === 0x30)).toBe(false);
    await expect.poll(() => records(h).map((r) => r.payload.staffAction)).toEqual(['check-magazine']);
    expect(records(h)[0]!.payload).toMatchObject({ dispensed: false, certificateId: CERTIFICATE });
  });

  it('the unit jams on the dispense: staff told, the certificate stays in its slot, the service is then not offered', async () => {
    const { h, p, unit } = await kiosk();
    unit.jam();
    await identify(p, HOLDER);
    await done(p, 'not-collected', 'jam');
    expect(await p.getByTestId('reason').innerText()).toContain('出证口卡证');
    expect(unit.state.magazine[0]).toMatchObject({ serial: CERTIFICATE });
    await expect.poll(() => records(h).map((r) => r.payload.staffAction)).toEqual(['clear-jam']);
    await p.getByRole('button', { name: '完成' }).click();
    await expect.poll(() => p.locator('button.service[data-service="certificate-pickup"]').getAttribute('aria-disabled')).toBe('true');
    await screens.shot(p, 'jam-after');
  });

  it('not taken within the take-back time: retained, the screen says where it went, and a card-retained record goes too', async () => {
    const { h, p, unit } = await kiosk({ takeBackTimeoutS: 3 });
    await identify(p, HOLDER);
    await see(p, 'take-certificate', 'retained-1-take');
    await done(p, 'retained', 'retained-2-done');
    expect(await prompt(p)).toBe('证件未及时取走，已由本机保管');
    expect(unit.state.retained.at(-1)).toMatchObject({ kind: 'certificate', certificate: { serial: CERTIFICATE } });
    await expect.poll(() => records(h).map((r) => r.kind).sort()).toEqual(['card-retained', 'certificate-pickup']);
  });

  it('the unit stops answering with the certificate in the gate: the screen sends the citizen to a counter with the transaction number, staff to find it', async () => {
    const { h, p, unit } = await kiosk();
    await identify(p, HOLDER);
    await see(p, 'take-certificate');
    await expect.poll(() => unit.state.location, { timeout: 10_000 }).toBe('gate');
    unit.setSilent(true);
    await done(p, 'not-collected', 'unit-silent-at-gate');
    expect(await p.getByTestId('reason').innerText()).toContain('服务窗口');
    await expect.poll(() => records(h).map((r) => [r.payload.fate, r.payload.staffAction])).toEqual([['unknown', 'find-certificate']]);
  });

  it('central unreachable: says so and moves nothing', async () => {
    const { h, p, unit } = await kiosk();
    h.central!.setOffline(true);
    await identify(p, HOLDER);
    await done(p, 'not-collected', 'central-down');
    expect(await p.getByTestId('reason').innerText()).toBe('暂时无法连接证件管理系统，请稍后再试');
    expect(unit.state.magazine[0]).toBeDefined();
  });

  it('in English with large text: each pickup screen reads in English and has no serious axe finding', async () => {
    const { p, unit } = await kiosk();
    // Just after the page loads, the kiosk's default language may still be applied over a tap: tap again, as a citizen would.
    await expect
      .poll(async () => {
        await p.getByRole('button', { name: 'English' }).click();
        return p.locator('button.text-size').innerText();
      })
      .toBe('Large text');
    await p.locator('button.text-size').click();
    await p.locator('button[data-service="certificate-pickup"]').click();
    await see(p, 'pickup-choose-method');
    await expect.poll(() => prompt(p)).toBe('How would you like to collect your certificate?');
    await checkAndShoot(p, shotsDir, 'en-1-choose');
    await p.getByTestId('method-pickup-code').click();
    await see(p, 'pickup-input');
    await checkAndShoot(p, shotsDir, 'en-2-code');
    await type(p, '12345');
    await p.getByTestId('key-confirm').click();
    await expect.poll(() => p.getByTestId('input-message').innerText()).toBe('A pickup code has 6 to 8 digits. Please check your receipt');
    await checkAndShoot(p, shotsDir, 'en-3-code-too-short');
    await type(p, '6');
    await p.getByTestId('key-delete').click();
    for (let i = 0; i < 5; i++) await p.getByTestId('key-delete').click();
    await type(p, CODE);
    await p.getByTestId('key-confirm').click();
    await expect.poll(() => p.getByTestId('screen-pickup-input').getAttribute('data-field')).toBe('idNumber');
    await type(p, HOLDER);
    await checkAndShoot(p, shotsDir, 'en-4-id-number');
    await p.getByTestId('key-confirm').click();
    await see(p, 'take-certificate');
    await checkAndShoot(p, shotsDir, 'en-5-take');
    await expect.poll(() => unit.state.location, { timeout: 10_000 }).toBe('gate');
    unit.takeCardFromGate();
    await done(p, 'collected', 'en-6-done');
    expect(await prompt(p)).toBe('Certificate collected');
    await checkAndShoot(p, shotsDir, 'en-6-done');
  });
});
