/**
 * The HK/Macau endorsement's screen contract, end to end in Debian's Chromium: the built renderer
 * served by the real UI server, over the real WebSocket transport, by an ApiDispatcher whose
 * handlers stand in for the host flow. Each SessionView of the flow is pushed in turn (made-up
 * data); each screen is checked for its words, its stage on the progress strip, its countdown,
 * the commands its buttons send and axe's serious findings, and saved as a portrait screenshot.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import type { Browser, Page } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type EndorsementOption, type KioskView, SessionView } from '../../main/api/contract';
import { ApiDispatcher, RefusedError } from '../../main/host/api/dispatcher';
import { ensureRendererBuilt } from '../../main/launcher/renderer-build';
import { startUiServer, type UiServer } from '../../main/host/ui-server';
import { QR_OPTIONS } from '../../renderer/src/components/qr-options';
import { launchChromium } from '../support/chromium';
import { textFor } from '../support/catalogues';
import { checkAndShoot as check, countdownSeconds as countdownOf, currentStage as stageOf, readQrModules } from '../renderer/support/screen-checks';

const projectRoot = join(import.meta.dirname, '..', '..');
const shots = join(projectRoot, 'test-results', 'endorsement');
const flow = { service: 'hk-macau-endorsement', sessionId: 'sess-e2e', txnId: 'txn-e2e' } as const;
const kiosk: KioskView = {
  kioskId: 'GD-GZ-0001',
  defaultLanguage: 'zh-CN',
  services: (['hk-macau-endorsement', 'id-reissue', 'certificate-pickup', 'progress-query'] as const).map((id) => ({ id, available: true, reasonKey: null })),
  outOfService: false,
};
const offered: EndorsementOption[] = [
  { code: 'G', validity: '3M', entries: 1, feeFen: 1500 },
  { code: 'G', validity: '1Y', entries: 'multiple', feeFen: 8000 },
  { code: 'T', validity: '3M', entries: 2, feeFen: 3000 },
  { code: 'S', validity: '1Y', entries: 'multiple', feeFen: 8000 },
];

let current: SessionView = { step: 'idle' };
const received: { command: string; args: unknown }[] = [];
/** While set, commands wait for it (a slow host); `refuse` makes them fail with that key. */
let hold: Promise<void> | null = null;
let refuse: string | null = null;
const answer = (command: string) => async (args: unknown) => {
  received.push({ command, args });
  if (hold) await hold;
  if (refuse) throw new RefusedError(`${command} refused in the test`, refuse);
  return current;
};
const api = new ApiDispatcher({
  getKiosk: async () => kiosk,
  getSession: async () => current,
  startService: answer('startService'),
  retryStep: answer('retryStep'),
  cancelSession: answer('cancelSession'),
  finishSession: answer('finishSession'),
  chooseOption: answer('chooseOption'),
  keypadInput: answer('keypadInput'),
  confirmStep: answer('confirmStep'),
  extendDeadline: answer('extendDeadline'),
  setElderly: answer('setElderly'),
  setLanguage: answer('setLanguage'),
  scannedCode: answer('scannedCode'),
  getMaintenance: async () => ({ step: 'closed' }),
  maintenance: async () => ({ step: 'closed' }),
  submitCapture: answer('submitCapture'),
  reportCamera: async () => ({}),
  heartbeat: async ({ at }) => ({ at }),
});

let ui: UiServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  const rendererDir = await ensureRendererBuilt(projectRoot, () => {});
  ui = await startUiServer({ api, log: pino({ level: 'silent' }) }, rendererDir);
  browser = await launchChromium();
  // A context of its own: axe needs one (a page from browser.newPage() has none it can use).
  const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
  page = await context.newPage();
  await page.goto(ui.url);
  // Connected: the kiosk's four services are on the attract screen.
  await page.locator('button.service').nth(3).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await ui?.close();
});

beforeEach(async () => {
  await page.getByRole('button', { name: '简体中文' }).click();
  received.length = 0;
  hold = null;
  refuse = null;
});

/**
 * Pushes a view to the screen as the host would, and waits for the screen of that step (when the
 * step was already on screen, the caller waits for what differs).
 */
async function show(view: unknown): Promise<void> {
  current = SessionView.parse(view);
  api.emit('session', current);
  await page.getByTestId(`screen-${current.step}`).waitFor();
}

const inSeconds = (seconds: number) => Date.now() + seconds * 1000;
const prompt = () => page.getByTestId('prompt').innerText();

/** The answer to the last command has arrived: the screen takes taps again. */
const settled = () => page.locator('.app:not([aria-busy="true"])').waitFor();

async function tap(name: string): Promise<{ command: string; args: unknown }> {
  await settled();
  const before = received.length;
  await page.getByRole('button', { name, exact: true }).click();
  await expect.poll(() => received.length).toBe(before + 1);
  return received[before]!;
}

const currentStage = () => stageOf(page);
const countdownSeconds = (shape: RegExp) => countdownOf(page, shape);
const checkAndShoot = (name: string) => check(page, shots, name);

describe('HK/Macau endorsement screens', () => {
  it('insert the permit: prompt, drawn slot, countdown, first stage, cancel', async () => {
    await show({ step: 'insert-permit', ...flow, deadlineMs: inSeconds(60) });
    expect(await prompt()).toBe('请插入往来港澳通行证');
    await expect.poll(() => page.getByRole('img', { name: '示意图：通行证照片面朝上，插入证件口' }).isVisible()).toBe(true);
    expect(await countdownSeconds(/^(\d+) 秒后自动返回首页$/)).toBeGreaterThanOrEqual(55);
    expect(await currentStage()).toBe('读取证件');
    await checkAndShoot('01-insert-permit');
    expect(await tap('取消')).toEqual({ command: 'cancelSession', args: {} });
  });

  it('busy steps: the message of each activity, a named progress bar, its stage, nothing to press', async () => {
    const expected = {
      'reading-permit': ['正在读取通行证', '读取证件'],
      'face-capture': ['请正对摄像头', '人脸核验'],
      'verifying-identity': ['正在核验身份', '人脸核验'],
      'checking-eligibility': ['正在查询可办理的签注', '选择签注'],
      'creating-payment': ['正在生成缴费二维码', '缴费'],
      producing: ['正在制作签注', '制证'],
      'printing-receipt': ['正在打印凭条', '制证'],
      finishing: ['正在结束办理', '完成'],
    } as const;
    for (const [activity, [title, stage]] of Object.entries(expected)) {
      await show({ step: 'flow-busy', ...flow, activity });
      await expect.poll(prompt).toBe(title);
      expect(await page.getByRole('progressbar', { name: title }).count(), activity).toBe(1);
      expect(await currentStage(), activity).toBe(stage);
      expect(await page.getByTestId('countdown').count()).toBe(0);
      expect(await page.locator('main button').count()).toBe(0);
      if (activity === 'face-capture' || activity === 'producing') await checkAndShoot(`02-busy-${activity}`);
    }
  });

  it('choose an endorsement: type, validity, entries and fee per option, large targets, the index sent', async () => {
    await show({ step: 'choose-endorsement', ...flow, deadlineMs: inSeconds(90), maskedName: '张*', options: offered });
    expect(await prompt()).toBe('请选择要办理的签注');
    expect(await page.getByTestId('applicant').innerText()).toBe('申请人：张*');
    const options = page.getByTestId('endorsement-option');
    const texts = await Promise.all(
      (await options.all()).map(async (option) =>
        Promise.all(['option-type', 'option-validity', 'option-entries', 'option-fee'].map((id) => option.getByTestId(id).innerText())),
      ),
    );
    expect(texts).toEqual([
      ['个人旅游', '有效期3个月', '一次有效', '¥15.00'],
      ['个人旅游', '有效期1年', '多次有效', '¥80.00'],
      ['探亲', '有效期3个月', '二次有效', '¥30.00'],
      ['商务', '有效期1年', '多次有效', '¥80.00'],
    ]);
    for (const option of await page.locator('main button').all()) {
      const box = (await option.boundingBox())!;
      expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(64);
    }
    expect(await currentStage()).toBe('选择签注');
    expect(await countdownSeconds(/^(\d+) 秒后自动返回首页$/)).toBeGreaterThanOrEqual(85);
    await checkAndShoot('03-choose');
    await options.nth(2).click();
    await expect.poll(() => received).toEqual([{ command: 'chooseOption', args: { index: 2 } }]);
    expect(await tap('取消')).toEqual({ command: 'cancelSession', args: {} });
  });

  it('choose: a double tap sends one command; a refused one says why, on the screen', async () => {
    await show({ step: 'choose-endorsement', ...flow, deadlineMs: inSeconds(90), maskedName: '张*', options: offered });
    let release = () => {};
    hold = new Promise((resolve) => (release = resolve));
    await page.getByTestId('endorsement-option').first().dblclick();
    await page.getByTestId('endorsement-option').nth(1).click();
    expect(await page.locator('.app').getAttribute('aria-busy')).toBe('true');
    release();
    await settled();
    expect(received).toEqual([{ command: 'chooseOption', args: { index: 0 } }]);
    refuse = 'errors.notNow';
    expect(await tap('取消')).toEqual({ command: 'cancelSession', args: {} });
    await expect.poll(() => page.getByTestId('notice').innerText()).toBe('当前无法进行此操作，请返回首页重新开始');
    // A new step from the host clears a notice about the step before.
    await show({ step: 'take-permit', ...flow, deadlineMs: inSeconds(30) });
    expect(await page.getByTestId('notice').count()).toBe(0);
  });

  it('choose: twelve options stay on the portrait screen; in large text four a page, with "more" and "previous"', async () => {
    const twelve = Array.from({ length: 12 }, (_, i) => offered[i % offered.length]!);
    const choose = { step: 'choose-endorsement', ...flow, deadlineMs: inSeconds(90), maskedName: '张*', options: twelve };
    await show(choose);
    // The screen before chose from four: wait for the twelve.
    await expect.poll(() => page.getByTestId('endorsement-option').count()).toBe(12);
    expect(await page.getByTestId('pager').count()).toBe(0);
    const indexes = () => page.getByTestId('endorsement-option').evaluateAll((options) => options.map((o) => Number(o.getAttribute('data-index'))));
    for (const variant of ['standard', 'large-text', 'large-text-en'] as const) {
      // Large text is the session's (the host's flag, chosen before the first step), not a switch here.
      if (variant === 'large-text') await show({ ...choose, elderly: true });
      if (variant === 'large-text-en') await page.getByRole('button', { name: 'English' }).click();
      if (variant !== 'standard') await expect.poll(indexes).toEqual([0, 1, 2, 3]);
      await checkAndShoot(`04-choose-twelve-${variant}`);
      // Every option, the page buttons and "cancel" on the screen; twelve options, or four and two page buttons.
      const boxes = await Promise.all([...(await page.locator('main button').all()), page.getByTestId('countdown')].map(async (b) => (await b.boundingBox())!));
      expect(boxes).toHaveLength(variant === 'standard' ? 13 + 1 : 4 + 2 + 1 + 1);
      for (const box of boxes) expect(box.y + box.height, variant).toBeLessThanOrEqual(1920);
    }
    // English, large text: the page buttons say where the citizen is, and an option keeps its index in the host's list.
    expect(await page.getByTestId('page-position').innerText()).toBe('Page 1 of 3');
    expect(await page.getByTestId('page-previous').isDisabled()).toBe(true);
    const more = (await page.getByTestId('page-more').boundingBox())!;
    expect(more.height).toBeGreaterThanOrEqual(80);
    await page.getByTestId('page-more').click();
    await page.getByTestId('page-more').click();
    await expect.poll(indexes).toEqual([8, 9, 10, 11]);
    expect(await page.getByTestId('page-position').innerText()).toBe('Page 3 of 3');
    expect(await page.getByTestId('page-more').isDisabled()).toBe(true);
    await checkAndShoot('04-choose-twelve-large-text-en-page-3');
    await page.getByTestId('page-previous').click();
    await expect.poll(indexes).toEqual([4, 5, 6, 7]);
    const before = received.length;
    await page.locator('[data-testid="endorsement-option"][data-index="6"]').click();
    await expect.poll(() => received.length).toBe(before + 1);
    expect(received[before]).toEqual({ command: 'chooseOption', args: { index: 6 } });
    await page.getByRole('button', { name: '简体中文' }).click();
    await show(choose);
  });

  it('pay: the QR code drawn from the payload, the amount, the expiry countdown, cancel', async () => {
    const qrPayload = 'https://pay.example.invalid/q/T20250101-0001-000123?amount=8000&sig=4f1c2a9e';
    await show({ step: 'pay', ...flow, deadlineMs: inSeconds(180), qrPayload, amountFen: 8000, option: offered[1] });
    expect(await prompt()).toBe('请扫码缴费');
    expect(await page.getByTestId('pay-amount').innerText()).toBe('¥80.00');
    expect(await page.getByTestId('pay-item').innerText()).toBe('个人旅游 · 有效期1年 · 多次有效');
    const qr = page.getByRole('img', { name: '缴费二维码' });
    const shown = (await qr.boundingBox())!;
    expect(Math.min(shown.width, shown.height)).toBeGreaterThanOrEqual(400);
    const symbol = QRCode.create(qrPayload, { errorCorrectionLevel: QR_OPTIONS.errorCorrectionLevel });
    const n = symbol.modules.size;
    const drawn = await readQrModules(page, 'pay-qr', n);
    const expected = Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => (symbol.modules.get(r, c) ? '1' : '0')).join(''));
    expect(drawn.rows).toEqual(expected);
    expect(drawn.aspect).toBeCloseTo(1, 2);
    expect(drawn.quietZone).toBeGreaterThanOrEqual(3.9);
    // Modules a phone resolves at arm's length on a kiosk screen.
    expect(drawn.modulePx).toBeGreaterThanOrEqual(6);
    expect(await countdownSeconds(/^二维码 (\d+) 秒后失效$/)).toBeGreaterThanOrEqual(175);
    expect(await currentStage()).toBe('缴费');
    await checkAndShoot('05-pay');
    expect(await tap('取消')).toEqual({ command: 'cancelSession', args: {} });
  });

  it('take the permit back: prompt, drawn slot, countdown to retention, no cancel', async () => {
    await show({ step: 'take-permit', ...flow, deadlineMs: inSeconds(30) });
    expect(await prompt()).toBe('请取回通行证');
    expect(await page.getByRole('img', { name: '示意图：通行证从证件口退出' }).isVisible()).toBe(true);
    expect(await countdownSeconds(/^请在 (\d+) 秒内取走，超时将由本机代为保管$/)).toBeGreaterThanOrEqual(25);
    expect(await currentStage()).toBe('制证');
    expect(await page.locator('main button').count()).toBe(0);
    await checkAndShoot('06-take-permit');
  });

  const done = (fields: Record<string, unknown>) => ({
    step: 'flow-done',
    ...flow,
    deadlineMs: inSeconds(45),
    transactionNo: 'GD-GZ-0001-20250101-000123',
    receiptPrinted: true,
    permitRetained: false,
    messageKey: null,
    ...fields,
  });

  it('done, delivered: title, transaction number, every stage gone through, "done" finishes', async () => {
    await show(done({ outcome: 'delivered' }));
    await expect.poll(prompt).toBe('签注办理成功');
    expect(await page.getByTestId('transaction-no').innerText()).toBe('GD-GZ-0001-20250101-000123');
    expect(await page.getByTestId('reason').count()).toBe(0);
    expect(await page.getByTestId('receipt-note').count()).toBe(0);
    expect(await currentStage()).toBe('完成');
    expect(await page.locator('.progress-strip .stage-completed').count()).toBe(5);
    expect(await countdownSeconds(/^(\d+) 秒后自动返回首页$/)).toBeGreaterThanOrEqual(40);
    await checkAndShoot('07-done-delivered');
    expect(await tap('完成')).toEqual({ command: 'finishSession', args: {} });
  });

  it('done, refunded: the reason, and what to do when the receipt was not printed', async () => {
    await show(done({ outcome: 'refunded', messageKey: 'endorsement.failed.writeFailedRefunded', receiptPrinted: false }));
    // The screen before was a done screen too: wait for this one's words.
    await expect.poll(prompt).toBe('签注未能办理，已为您退款');
    expect(await page.getByTestId('reason').innerText()).toBe(textFor('zh-CN', 'endorsement.failed.writeFailedRefunded'));
    expect(await page.getByTestId('receipt-note').innerText()).toContain('记下交易号');
    expect(await page.locator('.progress-strip .stage-completed').count()).toBe(0);
    await checkAndShoot('08-done-refunded');
    expect(await tap('完成')).toEqual({ command: 'finishSession', args: {} });
  });

  it('done, ended: a central refusal in words, a kept permit, an unknown reason never shown raw', async () => {
    await show(done({ outcome: 'ended', messageKey: 'endorsement.notEligible.application_in_progress', permitRetained: true }));
    await expect.poll(prompt).toBe('本次办理已结束');
    expect(await page.getByTestId('reason').innerText()).toContain('已有一项签注申请正在办理中');
    expect(await page.getByTestId('retained-note').innerText()).toContain('已由本机保管');
    await checkAndShoot('09-done-ended-retained');
    await show(done({ outcome: 'ended', messageKey: 'endorsement.notEligible.some_future_reason' }));
    await expect.poll(() => page.getByTestId('reason').innerText()).toBe(textFor('zh-CN', 'endorsement.failed.notEligible'));
    expect(await page.getByTestId('retained-note').count()).toBe(0);
  });

  it('speaks English and Traditional Chinese on the choose, pay and done screens', async () => {
    await show({ step: 'choose-endorsement', ...flow, deadlineMs: inSeconds(90), maskedName: '张*', options: offered.slice(0, 2) });
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(prompt).toBe('Choose an endorsement');
    expect(await page.getByTestId('endorsement-option').first().innerText()).toMatch(/^Individual tourism\s+Valid 3 months · One trip\s+¥15\.00$/);
    expect(await currentStage()).toBe('Choose');
    expect(await countdownSeconds(/^Returning to the start in (\d+) s$/)).toBeGreaterThanOrEqual(85);
    await checkAndShoot('10-choose-en');

    await show({ step: 'pay', ...flow, deadlineMs: inSeconds(120), qrPayload: 'wxp://f2f0example', amountFen: 1500, option: offered[0] });
    expect(await page.getByTestId('pay-item').innerText()).toBe('Individual tourism · Valid 3 months · One trip');
    expect(await countdownSeconds(/^The code expires in (\d+) s$/)).toBeGreaterThanOrEqual(115);

    await page.getByRole('button', { name: '繁體中文' }).click();
    await show(done({ outcome: 'refunded', messageKey: 'endorsement.failed.centralUnreachable', receiptPrinted: false }));
    await expect.poll(prompt).toBe('簽注未能辦理，已為您退款');
    expect(await page.getByTestId('reason').innerText()).toBe(textFor('zh-TW', 'endorsement.failed.centralUnreachable'));
    expect(await page.locator('.transaction dt').innerText()).toBe('交易編號');
    expect(await currentStage()).toBe('完成');
    await checkAndShoot('11-done-refunded-zh-TW');
    expect(await tap('完成')).toEqual({ command: 'finishSession', args: {} });
  });
});
