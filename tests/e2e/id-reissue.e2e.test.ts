/**
 * The ID card reissue end to end, as a citizen does it: the real host (flow, printer through its
 * codec to the simulator, the simulated camera, the embedded central simulator with its test
 * registry) served to Chromium and driven through the screen by Playwright: the keypad, the face,
 * the masked name, reason, photo, delivery, payment, the application receipt and the temporary
 * certificate, and each failure. Checks what reached central. Screenshots: test-results/id-reissue/.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { simulatorConfig } from '../../kiosk-config/schema';
import { type Host, startHost } from '../../main/host/host';
import { PHOTO_BOX } from '../../main/host/printing/temporary-certificate';
import { SimulatedCamera } from '../../simulators/camera/simulated-camera';
import { testCards } from '../../simulators/id-reader/test-cards';
import { ELDERLY_PER_PAGE } from '../../renderer/src/elderly/elderly-pages';
import { seriousAxeFindings } from '../renderer/support/screen-checks';
import { kioskScreens, typeOnKeypad as type } from '../support/kiosk-screen';
import { renderPrintedDocumentToPng } from '../support/printed-image';

const KIOSK = 'GD-GZ-0001';
/** The test registry's resident (eligible, photo on record) and the elderly resident (an application in progress). */
const RESIDENT = testCards.resident.text.idNumber;
const ELDERLY = testCards['resident-elderly'].text.idNumber;
const MASKED = `${RESIDENT.slice(0, 4)}**********${RESIDENT.slice(-4)}`;
const screens = kioskScreens('id-reissue');
const SHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'id-reissue');
const see = screens.see;

async function kiosk(): Promise<{ host: Host; page: Page }> {
  const host = await startHost({
    dataDir: mkdtempSync(join(tmpdir(), 'id-reissue-e2e-')),
    config: simulatorConfig({ sync: { intervalMs: 200, heartbeatIntervalS: 3600, paymentPollMs: 200 } }),
    log: pino({ level: 'silent' }),
    // The simulated camera in the host: a cooperative face, quickly.
    camera: new SimulatedCamera(150),
  });
  host.central!.setAutoPay(false);
  const page = await screens.open(host);
  await expect.poll(() => page.locator('button.service[data-service="id-reissue"][aria-disabled="false"]').count(), { timeout: 10_000 }).toBe(1);
  return { host, page };
}

const calls = (h: Host, path: string) => h.central!.requests.filter((r) => r.path.includes(path));
const records = (h: Host) =>
  h.central!.store.records(KIOSK).map((r) => JSON.parse(r.body) as { kind: string; txnId: string; payload: Record<string, unknown>; attachments: Array<{ name: string }> });

async function choose(p: Page, choice: string): Promise<void> {
  await p.locator(`[data-testid="choice"][data-choice="${choice}"]`).first().click();
}

/** From the attract screen to the masked name: the number typed, the face taken, central asked. */
async function toConfirm(p: Page, idNumber: string, shot?: string): Promise<void> {
  await p.locator('button[data-service="id-reissue"]').click();
  await see(p, 'reissue-id-input', shot ? `${shot}-1-keypad` : undefined);
  await type(p, idNumber);
  if (shot) await screens.shot(p, `${shot}-2-typed`);
  await p.getByTestId('key-confirm').click();
  await see(p, 'reissue-confirm-identity', shot ? `${shot}-3-confirm` : undefined);
}

/** On to the payment QR: it is me, card lost, the photo on record, collected at this kiosk. */
async function toPayment(p: Page, shot?: string): Promise<void> {
  await toConfirm(p, RESIDENT, shot);
  await choose(p, 'its-me');
  await see(p, 'reissue-choose-reason', shot ? `${shot}-4-reason` : undefined);
  await choose(p, 'lost');
  await see(p, 'reissue-choose-photo', shot ? `${shot}-5-photo` : undefined);
  await choose(p, 'keep');
  await see(p, 'reissue-choose-delivery', shot ? `${shot}-6-delivery` : undefined);
  await choose(p, 'this-kiosk');
  await see(p, 'pay', shot ? `${shot}-7-pay` : undefined);
}

async function done(p: Page, outcome: string, shot: string): Promise<void> {
  await see(p, 'flow-done');
  await expect.poll(() => p.getByTestId('screen-flow-done').getAttribute('data-outcome'), { timeout: 20_000 }).toBe(outcome);
  await screens.shot(p, shot);
}

describe('ID card reissue in Chromium', { timeout: 120_000 }, () => {
  it('a typo is caught on the keypad before any call; then the whole reissue to the receipt and the printed temporary certificate', async () => {
    const { host: h, page: p } = await kiosk();
    await p.locator('button[data-service="id-reissue"]').click();
    await see(p, 'reissue-id-input');
    // One digit of the sequence mistyped: the check character no longer fits.
    const typo = `${RESIDENT.slice(0, 15)}${(Number(RESIDENT[15]) + 1) % 10}${RESIDENT.slice(16)}`;
    await type(p, typo);
    await expect.poll(() => p.getByTestId('input-message').innerText()).toBe('最后一位校验码不正确，请检查号码是否输错');
    expect(await p.locator('.echo-part.wrong').getAttribute('data-part')).toBe('check-digit');
    await screens.shot(p, 'typo-1-check-digit');
    await p.getByTestId('key-confirm').click();
    await expect.poll(() => p.getByTestId('screen-reissue-id-input').count()).toBe(1);
    expect(calls(h, '/identity/verify')).toHaveLength(0);
    for (let i = 0; i < 3; i++) {
      const before = await p.getByTestId('typed-count').innerText();
      await p.getByTestId('key-delete').click();
      await expect.poll(() => p.getByTestId('typed-count').innerText()).not.toBe(before);
    }
    await type(p, RESIDENT.slice(15));
    // Complete and valid: the echo is masked.
    await expect.poll(async () => (await p.getByTestId('echo').innerText()).replace(/\s/g, '')).toBe(MASKED);
    expect(await p.content()).not.toContain(RESIDENT);
    await screens.shot(p, 'happy-2-typed');
    await p.getByTestId('key-confirm').click();
    await see(p, 'reissue-confirm-identity', 'happy-3-confirm');
    expect(await p.getByTestId('masked-name').innerText()).toBe('张**');
    expect(await p.getByTestId('masked-id').innerText()).toBe(MASKED);
    await choose(p, 'its-me');
    await see(p, 'reissue-choose-reason', 'happy-4-reason');
    await choose(p, 'lost');
    await see(p, 'reissue-choose-photo', 'happy-5-photo');
    await choose(p, 'keep');
    await see(p, 'reissue-choose-delivery', 'happy-6-delivery');
    expect(await p.getByTestId('fee').innerText()).toContain('40.00');
    expect(await p.locator('[data-testid="choice"][data-choice="mail-registered-address"]').innerText()).toContain('*');
    await choose(p, 'this-kiosk');
    await see(p, 'pay', 'happy-7-pay');
    expect(await p.getByTestId('pay-item').innerText()).toBe('身份证丢失');
    h.central!.payNow();
    await done(p, 'delivered', 'happy-8-done');
    expect(await p.getByTestId('pickup-code').innerText()).toMatch(/^\d{8}$/);
    expect(await p.getByTestId('certificate-note').getAttribute('data-certificate')).toBe('printed');
    const applicationNo = await p.getByTestId('transaction-no').innerText();
    expect(applicationNo).toMatch(/^GD-GZ-0001-\d{8}-\d{1,6}$/);

    // The receipt, then the certificate slip with its photo raster.
    const jobs = h.simulators.printer!.jobs;
    expect(jobs).toHaveLength(2);
    expect(jobs.every((job) => job.complete)).toBe(true);
    expect(JSON.stringify(jobs[0]!.document)).toContain(applicationNo);
    expect(jobs[1]!.document.elements.some((element) => element.kind === 'image')).toBe(true);
    // On paper: the receipt's number as text, the pickup code as text and as the QR the certificate
    // pickup scans; the certificate's holder, full
    // number and verification QR, and a photo in its box.
    const pickupCode = await p.getByTestId('pickup-code').innerText();
    const receipt = await renderPrintedDocumentToPng(jobs[0]!.document);
    writeFileSync(join(SHOTS, 'paper-receipt.png'), receipt.png);
    expect(receipt.text).toContain(applicationNo);
    expect(receipt.text).toContain(pickupCode);
    expect(receipt.qrPayloads).toEqual([pickupCode]);
    const slip = await renderPrintedDocumentToPng(jobs[1]!.document);
    writeFileSync(join(SHOTS, 'paper-certificate.png'), slip.png);
    expect(slip.lines[0]).toBe('临时身份证明');
    for (const value of ['张测试', RESIDENT]) expect(slip.text).toContain(value);
    expect(slip.qrPayloads).toEqual([expect.stringMatching(/^https:\/\/verify\.sim\.invalid\/temporary-certificates\/LS/)]);
    const photoBand = slip.boxes.filter((box) => box.kind === 'image').find((box) => box.height > PHOTO_BOX.height / 2)!;
    expect(slip.darkShare({ x: photoBand.x + (photoBand.width - PHOTO_BOX.width) / 2 + 20, y: photoBand.y + 40, width: PHOTO_BOX.width - 40, height: 160 })).toBeGreaterThan(0.05);
    expect(h.central!.temporaryCertificates.count()).toBe(1);
    expect(h.central!.payments(1)[0]?.status).toBe('paid');
    await expect.poll(() => records(h).map((r) => r.kind), { timeout: 10_000 }).toEqual(['id-reissue']);
    const [record] = records(h);
    expect(record!.payload).toMatchObject({ outcome: 'delivered', applicationNo, idNumber: RESIDENT, reason: 'lost', photo: 'record', badInputs: 1, certificate: 'printed' });
    expect(record!.attachments.map((a) => a.name)).toEqual(['live.jpg']);
    expect(h.central!.attachments.get(KIOSK, record!.txnId, 'live.jpg')).toBeDefined();

    await p.getByRole('button', { name: '完成' }).click();
    await expect.poll(() => p.locator('button.service').count()).toBe(5);
    expect(await p.content()).not.toContain(applicationNo);
  });

  it('reads in English with large text, from the keypad to the delivery choice', async () => {
    const { page: p } = await kiosk();
    await p.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => p.locator('button.text-size').innerText()).toBe('Large text');
    await p.locator('button.text-size').click();
    await p.locator('button[data-service="id-reissue"]').click();
    await see(p, 'reissue-id-input');
    await expect.poll(() => p.getByTestId('prompt').innerText()).toBe('Enter your ID card number');
    await type(p, '4401061990130');
    expect(await p.getByTestId('input-message').innerText()).toBe('The date of birth (characters 7 to 14) is not a valid date: please check it');
    expect(await p.locator('.echo-part.wrong').getAttribute('data-part')).toBe('birth-date');
    await screens.shot(p, 'en-1-keypad-birth-date');
    for (let i = 0; i < 13; i++) await p.getByTestId('key-delete').click();
    await expect.poll(() => p.getByTestId('key-delete').isDisabled()).toBe(true);
    await type(p, RESIDENT);
    await p.getByTestId('key-confirm').click();
    await see(p, 'reissue-confirm-identity', 'en-2-confirm');
    expect(await p.getByTestId('prompt').innerText()).toBe('Is this you?');
    await choose(p, 'its-me');
    await see(p, 'reissue-choose-reason', 'en-3-reason');
    await choose(p, 'expired');
    await see(p, 'reissue-choose-photo');
    await choose(p, 'keep');
    await see(p, 'reissue-choose-delivery', 'en-4-delivery');
    expect(await p.getByTestId('fee').innerText()).toBe('Fee: ¥20.00');
  });

  it('ends politely when the name shown is not the citizen’s: no eligibility asked, nothing paid', async () => {
    const { host: h, page: p } = await kiosk();
    await toConfirm(p, RESIDENT);
    await choose(p, 'not-me');
    await done(p, 'ended', 'not-me');
    expect(await p.getByTestId('reason').innerText()).toBe('已结束办理。如信息有误，请到户政窗口办理');
    expect(calls(h, '/id-reissue/eligibility')).toHaveLength(0);
    expect(h.central!.payments()).toHaveLength(0);
    await expect.poll(() => records(h).map((r) => [r.kind, r.payload.outcome])).toEqual([['id-reissue', 'ended']]);
  });

  it('says in plain words why central refuses: an application already in progress', async () => {
    const { host: h, page: p } = await kiosk();
    await toConfirm(p, ELDERLY);
    await choose(p, 'its-me');
    await see(p, 'reissue-choose-reason');
    await choose(p, 'lost');
    await done(p, 'ended', 'not-eligible');
    expect(await p.getByTestId('reason').innerText()).toBe('您已有一份身份证申请正在办理中，无需重复申请');
    expect(h.central!.payments()).toHaveLength(0);
  });

  it('ends with nothing charged when the payment code expires', async () => {
    const { host: h, page: p } = await kiosk();
    await toPayment(p);
    h.central!.expireNow();
    await done(p, 'ended', 'payment-expired');
    expect(await p.getByTestId('reason').innerText()).toBe('支付未完成，办理已结束，未收取费用');
    expect(h.central!.payments(1)[0]?.status).toBe('expired');
    expect(h.central!.temporaryCertificates.count()).toBe(0);
  });

  it('closes the payment when the citizen cancels at it', async () => {
    const { host: h, page: p } = await kiosk();
    await toPayment(p);
    await p.getByRole('button', { name: '取消' }).click();
    await done(p, 'ended', 'payment-cancelled');
    expect(h.central!.payments(1)[0]?.status).toBe('cancelled');
    await expect.poll(() => records(h).map((r) => r.payload.outcome)).toEqual(['ended']);
  });

  it('completes when the paper runs out on the certificate, and says where to print it', async () => {
    const { host: h, page: p } = await kiosk();
    await toPayment(p);
    // The receipt (a few hundred bytes) prints; the paper ends inside the certificate's photo.
    h.simulators.printer!.paperOutAfter(2000);
    h.central!.payNow();
    await done(p, 'delivered', 'paper-out');
    const applicationNo = await p.getByTestId('transaction-no').innerText();
    expect(await p.getByTestId('certificate-note').innerText()).toContain(applicationNo);
    expect(await p.getByTestId('certificate-note').getAttribute('data-certificate')).toBe('not-printed');
    expect(h.simulators.printer!.jobs.map((job) => job.complete)).toEqual([true, false]);
    await expect.poll(() => records(h).map((r) => [r.payload.outcome, r.payload.certificate, r.payload.receiptPrinted])).toEqual([['delivered', 'not-printed', true]]);
    expect(h.central!.payments(1)[0]?.status).toBe('paid');
  });

  it('says central cannot be reached when it is down, and nothing is paid', async () => {
    const { host: h, page: p } = await kiosk();
    await p.locator('button[data-service="id-reissue"]').click();
    await see(p, 'reissue-id-input');
    await type(p, RESIDENT);
    h.central!.setOffline(true);
    await p.getByTestId('key-confirm').click();
    await done(p, 'ended', 'central-down');
    expect(await p.getByTestId('reason').innerText()).toBe('暂时无法连接公安服务平台，请稍后再试');
    h.central!.setOffline(false);
    await expect.poll(() => records(h).map((r) => r.payload.outcome), { timeout: 20_000 }).toEqual(['ended']);
    expect(h.central!.payments()).toHaveLength(0);
  });
});

/** Large text (chosen on the attract screen, or not), then on to the delivery choice: it is me, lost, the photo on record. */
async function toDelivery(p: Page, largeText: boolean): Promise<void> {
  if (largeText) await p.locator('button.text-size').click();
  await toConfirm(p, RESIDENT);
  for (const choice of ['its-me', 'lost', 'keep']) {
    await choose(p, choice);
    await expect.poll(() => p.locator(`[data-testid="choice"][data-choice="${choice}"]`).count()).toBe(0);
  }
  await see(p, 'reissue-choose-delivery');
}

/** The delivery choices on the screen, as `<index in the host's list>:<kind>`. */
const shownChoices = (p: Page) => p.getByTestId('choice').evaluateAll((choices) => choices.map((c) => `${c.getAttribute('data-index')}:${c.getAttribute('data-choice')}`));

/** The buttons the citizen needs (choices, page buttons, cancel) all on the screen and at least 80 px tall. */
async function allOnScreen(p: Page): Promise<void> {
  const viewport = p.viewportSize()!;
  for (const button of await p.locator('main button:not([disabled])').all()) {
    const box = (await button.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(80);
    expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
    expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
  }
}

describe('ID card reissue in elderly mode: fewer delivery choices per screen', { timeout: 120_000 }, () => {
  it('a page at a time with large "more" and "previous", portrait and landscape; the one on the second page is the one the host takes', async () => {
    const { host: h, page: p } = await kiosk();
    await toDelivery(p, true);
    const firstPage = ['0:this-kiosk', '1:station', '2:station'].slice(0, ELDERLY_PER_PAGE.deliveries);
    await expect.poll(() => shownChoices(p)).toEqual(firstPage);
    expect(await p.getByTestId('page-position').innerText()).toBe('第 1 页，共 2 页');
    expect(await p.getByTestId('page-previous').isDisabled()).toBe(true);
    await allOnScreen(p);
    expect(await seriousAxeFindings(p)).toEqual([]);
    await screens.shot(p, 'elderly-1-delivery-page-1');

    await p.getByTestId('page-more').click();
    await expect.poll(() => shownChoices(p)).toEqual(['3:mail-registered-address']);
    expect(await p.getByTestId('page-position').innerText()).toBe('第 2 页，共 2 页');
    expect(await p.getByTestId('page-more').isDisabled()).toBe(true);
    await allOnScreen(p);
    await screens.shot(p, 'elderly-2-delivery-page-2');
    await p.setViewportSize({ width: 1920, height: 1080 });
    await allOnScreen(p);
    // Landscape: the page buttons stay under the list, in the right-hand column.
    const list = (await p.locator('main .options').boundingBox())!;
    const pager = (await p.getByTestId('pager').boundingBox())!;
    expect(pager.x).toBeGreaterThanOrEqual(list.x - 1);
    expect(pager.y).toBeGreaterThan(list.y);
    expect(await seriousAxeFindings(p)).toEqual([]);
    await screens.shot(p, 'elderly-3-landscape-page-2');
    await p.getByTestId('page-previous').click();
    await expect.poll(() => shownChoices(p)).toEqual(firstPage);
    await screens.shot(p, 'elderly-4-landscape-page-1');
    await p.getByTestId('page-more').click();

    const address = await p.locator('[data-choice="mail-registered-address"] .option-terms').innerText();
    await choose(p, 'mail-registered-address');
    await see(p, 'pay');
    h.central!.payNow();
    await done(p, 'delivered', 'elderly-5-done');
    // The receipt says where the card goes: the registered address, chosen on the second page.
    expect(JSON.stringify(h.simulators.printer!.jobs[0]!.document)).toContain(address);
  });

  it('in standard text every delivery choice is on the one screen, without page buttons', async () => {
    const { page: p } = await kiosk();
    await toDelivery(p, false);
    await expect.poll(() => shownChoices(p)).toEqual(['0:this-kiosk', '1:station', '2:station', '3:mail-registered-address']);
    expect(await p.getByTestId('pager').count()).toBe(0);
  });
});
