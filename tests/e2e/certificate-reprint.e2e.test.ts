/**
 * The certificate reprint (补打临时身份证明) end to end, as a citizen does it: the real host (flows,
 * the printer through its codec to the simulator, the simulated camera, the embedded central
 * simulator with its test registry) served to Chromium and driven through the screen by
 * Playwright. First a whole ID reissue whose certificate does not come out (the paper ends inside
 * it); then, paper refilled, the reprint on the screen alone, and the printed slip read back: the
 * same certificate central issued to the reissue. Then each failure on the screen.
 * Screenshots: test-results/certificate-reprint/.
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
import { reissueAppliedElsewhere } from '../support/applied-elsewhere';
import { kioskScreens, typeOnKeypad as type } from '../support/kiosk-screen';
import { renderPrintedDocumentToPng } from '../support/printed-image';

const KIOSK = 'GD-GZ-0001';
/** The test registry's resident: eligible for a reissue, a photo on record at central. */
const RESIDENT = testCards.resident.text.idNumber;
const MASKED = `${RESIDENT.slice(0, 4)}**********${RESIDENT.slice(-4)}`;
const screens = kioskScreens('certificate-reprint');
const SHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'certificate-reprint');
const see = screens.see;

async function kiosk(): Promise<{ host: Host; page: Page }> {
  const host = await startHost({
    dataDir: mkdtempSync(join(tmpdir(), 'certificate-reprint-e2e-')),
    // Idle devices are looked at every second: refilled paper is noticed at once.
    config: simulatorConfig({ sync: { intervalMs: 200, heartbeatIntervalS: 3600, paymentPollMs: 200 }, devices: { probeIntervalS: 1 } }),
    log: pino({ level: 'silent' }),
    // The simulated camera in the host: a cooperative face, quickly.
    camera: new SimulatedCamera(150),
  });
  host.central!.setAutoPay(false);
  const page = await screens.open(host);
  await offered(page);
  return { host, page };
}

/** The reprint's tile is on offer (its devices can serve). */
const offered = (p: Page) => expect.poll(() => p.locator('button.service[data-service="certificate-reprint"][aria-disabled="false"]').count(), { timeout: 15_000 }).toBe(1);

const calls = (h: Host, path: string) => h.central!.requests.filter((r) => r.path.includes(path));
const records = (h: Host, kind: string) =>
  h
    .central!.store.records(KIOSK)
    .map((r) => JSON.parse(r.body) as { kind: string; txnId: string; payload: Record<string, unknown> })
    .filter((r) => r.kind === kind);

/** A reissue application of the resident made at another kiosk, its record at central. */
const appliedElsewhere = (h: Host, applicationNo: string, occurredAt: string) => reissueAppliedElsewhere(h.central!, RESIDENT, applicationNo, occurredAt);

async function choose(p: Page, choice: string): Promise<void> {
  await p.locator(`[data-testid="choice"][data-choice="${choice}"]`).first().click();
}

/** From the attract screen: the reprint's tile, the number typed and confirmed. */
async function typeNumber(p: Page, shot?: string): Promise<void> {
  await p.locator('button[data-service="certificate-reprint"]').click();
  await see(p, 'reissue-id-input', shot ? `${shot}-1-keypad` : undefined);
  await type(p, RESIDENT);
  await expect.poll(async () => (await p.getByTestId('echo').innerText()).replace(/\s/g, '')).toBe(MASKED);
  if (shot) await screens.shot(p, `${shot}-2-typed`);
  await p.getByTestId('key-confirm').click();
}

async function reprintDone(p: Page, outcome: string, shot: string): Promise<void> {
  await see(p, 'reprint-done');
  // The end comes with its outcome and goes after a while: read both at once, with the words shown if it is not the one expected.
  const done = p.getByTestId('screen-reprint-done');
  const seen = { outcome: await done.getAttribute('data-outcome', { timeout: 5_000 }), text: (await done.innerText({ timeout: 5_000 })).replace(/\s+/g, ' ') };
  await screens.shot(p, shot);
  expect(seen).toMatchObject({ outcome });
}

describe('certificate reprint in Chromium', { timeout: 180_000 }, () => {
  it('a reissue whose certificate ran out of paper, then the reprint on the screen alone prints that same certificate', async () => {
    const { host: h, page: p } = await kiosk();
    // The whole reissue: the number, the face, it is me, lost, the photo on record, this kiosk, paid.
    await p.locator('button[data-service="id-reissue"]').click();
    await see(p, 'reissue-id-input');
    await type(p, RESIDENT);
    await p.getByTestId('key-confirm').click();
    await see(p, 'reissue-confirm-identity');
    for (const [choice, next] of [['its-me', 'reissue-choose-reason'], ['lost', 'reissue-choose-photo'], ['keep', 'reissue-choose-delivery'], ['this-kiosk', 'pay']] as const) {
      await choose(p, choice);
      await see(p, next);
    }
    // The receipt (a few hundred bytes) prints; the paper ends inside the certificate's photo.
    h.simulators.printer!.paperOutAfter(2000);
    h.central!.payNow();
    await see(p, 'flow-done');
    await expect.poll(() => p.getByTestId('certificate-note').getAttribute('data-certificate'), { timeout: 20_000 }).toBe('not-printed');
    const applicationNo = await p.getByTestId('transaction-no').innerText();
    // The promise the reprint makes true: print it at any kiosk with this number.
    expect(await p.getByTestId('certificate-note').innerText()).toBe(`临时身份证明未能打印。请凭受理编号 ${applicationNo} 在任一自助终端或户政窗口补打`);
    await screens.shot(p, 'reissue-paper-out');
    expect(h.simulators.printer!.jobs.map((job) => job.complete)).toEqual([true, false]);
    await expect.poll(() => records(h, 'id-reissue').map((r) => r.payload.certificate), { timeout: 10_000 }).toEqual(['not-printed']);
    const issuedNo = String(records(h, 'id-reissue')[0]!.payload.certificateNo);
    expect(issuedNo).toMatch(/^LS/);
    await p.getByRole('button', { name: '完成' }).click();

    // Staff refill the paper; the tile is on offer again.
    h.simulators.printer!.paperOutAfter(undefined);
    h.simulators.printer!.refillPaper();
    await offered(p);
    await screens.shot(p, 'reprint-0-attract');
    await typeNumber(p, 'reprint');
    await reprintDone(p, 'printed', 'reprint-3-done');
    expect(await p.getByTestId('prompt').innerText()).toBe('请取走临时身份证明');
    expect(await p.getByTestId('application-no').innerText()).toBe(applicationNo);
    expect(await p.getByTestId('certificate-no').innerText()).toBe(issuedNo);
    expect(await p.content()).not.toContain(RESIDENT);
    expect(await seriousAxeFindings(p)).toEqual([]);

    // On paper: the slip read back from the printer simulator's recorded job.
    const jobs = h.simulators.printer!.jobs;
    expect(jobs.map((job) => job.complete)).toEqual([true, false, true]);
    const slip = await renderPrintedDocumentToPng(jobs[2]!.document);
    writeFileSync(join(SHOTS, 'paper-reprinted-certificate.png'), slip.png);
    expect(slip.lines[0]).toBe('临时身份证明');
    for (const value of ['张测试', RESIDENT, issuedNo]) expect(slip.text).toContain(value);
    expect(slip.qrPayloads).toEqual([`https://verify.sim.invalid/temporary-certificates/${issuedNo}`]);
    const photoBand = slip.boxes.filter((box) => box.kind === 'image').find((box) => box.height > PHOTO_BOX.height / 2)!;
    expect(slip.darkShare({ x: photoBand.x + (photoBand.width - PHOTO_BOX.width) / 2 + 20, y: photoBand.y + 40, width: PHOTO_BOX.width - 40, height: 160 })).toBeGreaterThan(0.05);
    // Central issued one certificate for the application, and has the reprint's record without personal data.
    expect(h.central!.temporaryCertificates.count()).toBe(1);
    await expect.poll(() => records(h, 'certificate-reprint').map((r) => [r.payload.outcome, r.payload.applicationNo, r.payload.certificateNo]), { timeout: 10_000 }).toEqual([
      ['printed', applicationNo, issuedNo],
    ]);
    expect(JSON.stringify(records(h, 'certificate-reprint')[0]!.payload)).not.toContain(RESIDENT);

    await p.getByRole('button', { name: '完成' }).click();
    await expect.poll(() => p.locator('button.service').count()).toBe(5);
    expect(await p.content()).not.toContain(applicationNo);
  });

  it('catches a typo on the keypad before any call, and says which part is wrong', async () => {
    const { host: h, page: p } = await kiosk();
    await p.locator('button[data-service="certificate-reprint"]').click();
    await see(p, 'reissue-id-input');
    const typo = `${RESIDENT.slice(0, 15)}${(Number(RESIDENT[15]) + 1) % 10}${RESIDENT.slice(16)}`;
    await type(p, typo);
    await expect.poll(() => p.getByTestId('input-message').innerText()).toBe('最后一位校验码不正确，请检查号码是否输错');
    expect(await p.locator('.echo-part.wrong').getAttribute('data-part')).toBe('check-digit');
    await p.getByTestId('key-confirm').click();
    await expect.poll(() => p.getByTestId('screen-reissue-id-input').count()).toBe(1);
    await screens.shot(p, 'typo-check-digit');
    // Central heard nothing of it (the only calls are the kiosk's own: heartbeat, staff list).
    expect(h.central!.requests.filter((r) => r.method === 'POST' && r.path !== '/api/v1/heartbeat')).toEqual([]);
    expect(await seriousAxeFindings(p)).toEqual([]);
  });

  it('several applications: the citizen picks one by its number', async () => {
    const { host: h, page: p } = await kiosk();
    appliedElsewhere(h, 'GD-SZ-0003-20261102-12', '2026-11-02T02:00:00.000Z');
    appliedElsewhere(h, 'GD-ZH-0002-20261120-77', '2026-11-20T02:00:00.000Z');
    await typeNumber(p);
    await see(p, 'reprint-choose-application', 'several-1-choose');
    expect(await p.getByTestId('choice').evaluateAll((choices) => choices.map((c) => c.getAttribute('data-choice')))).toEqual(['GD-ZH-0002-20261120-77', 'GD-SZ-0003-20261102-12']);
    expect(await seriousAxeFindings(p)).toEqual([]);
    await choose(p, 'GD-SZ-0003-20261102-12');
    await reprintDone(p, 'printed', 'several-2-done');
    expect(await p.getByTestId('application-no').innerText()).toBe('GD-SZ-0003-20261102-12');
  });

  it('in English with large text, several applications a page at a time; the one on the second page is the one printed', async () => {
    const { host: h, page: p } = await kiosk();
    const numbers = ['GD-ZH-0002-20261120-77', 'GD-SZ-0003-20261110-5', 'GD-SZ-0003-20261102-12', 'GD-ZH-0002-20261020-3'];
    numbers.forEach((applicationNo) => appliedElsewhere(h, applicationNo, `${applicationNo.slice(11, 15)}-${applicationNo.slice(15, 17)}-${applicationNo.slice(17, 19)}T02:00:00.000Z`));
    await p.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => p.locator('button.text-size').innerText()).toBe('Large text');
    await p.locator('button.text-size').click();
    await typeNumber(p, 'en');
    await see(p, 'reprint-choose-application');
    expect(await p.getByTestId('prompt').innerText()).toBe('Which application is the certificate for?');
    const shown = () => p.getByTestId('choice').evaluateAll((choices) => choices.map((c) => `${c.getAttribute('data-index')}:${c.getAttribute('data-choice')}`));
    await expect.poll(shown).toEqual(numbers.slice(0, ELDERLY_PER_PAGE.reprintApplications).map((no, i) => `${i}:${no}`));
    expect(await p.getByTestId('choice').first().innerText()).toContain('Submitted on 2026-11-20');
    expect(await seriousAxeFindings(p)).toEqual([]);
    await screens.shot(p, 'en-3-choose-page-1');
    await p.getByTestId('page-more').click();
    await expect.poll(shown).toEqual(numbers.slice(ELDERLY_PER_PAGE.reprintApplications).map((no, i) => `${i + ELDERLY_PER_PAGE.reprintApplications}:${no}`));
    await screens.shot(p, 'en-4-choose-page-2');
    await choose(p, numbers.at(-1)!);
    await reprintDone(p, 'printed', 'en-5-done');
    expect(await p.getByTestId('prompt').innerText()).toBe('Take your temporary identity certificate');
    expect(await p.getByTestId('application-no').innerText()).toBe(numbers.at(-1));
    expect(h.central!.store.db.prepare('SELECT application_no FROM temporary_certificates').all()).toEqual([{ application_no: numbers.at(-1) }]);
  });

  it('ends politely when the face does not match the registry: nothing asked of central beyond it, nothing printed', async () => {
    const { host: h, page: p } = await kiosk();
    h.central!.setIdentityResult('face_mismatch');
    await typeNumber(p);
    await reprintDone(p, 'ended', 'not-matched');
    expect(await p.getByTestId('reason').innerText()).toBe('人脸与登记信息不一致，无法补打临时身份证明');
    expect(calls(h, '/applications/query')).toHaveLength(0);
    expect(h.simulators.printer!.jobs).toHaveLength(0);
  });

  it('says in plain words when there is no application to print for, and that a new one may not have arrived yet', async () => {
    const { host: h, page: p } = await kiosk();
    await typeNumber(p);
    await reprintDone(p, 'ended', 'no-application');
    expect(await p.getByTestId('reason').innerText()).toBe(
      '没有查到可补打临时身份证明的补领申请。刚提交的申请可能还未传到公安服务平台，请几分钟后再试，或到户政窗口办理',
    );
    expect(calls(h, '/temporary-certificates')).toHaveLength(0);
    expect(await seriousAxeFindings(p)).toEqual([]);
  });

  it('says central cannot be reached when it is down, and prints nothing', async () => {
    const { host: h, page: p } = await kiosk();
    appliedElsewhere(h, 'GD-ZH-0002-20261120-77', '2026-11-20T02:00:00.000Z');
    await p.locator('button[data-service="certificate-reprint"]').click();
    await see(p, 'reissue-id-input');
    await type(p, RESIDENT);
    h.central!.setOffline(true);
    await p.getByTestId('key-confirm').click();
    await reprintDone(p, 'ended', 'central-down');
    expect(await p.getByTestId('reason').innerText()).toBe('暂时无法连接公安服务平台，未打印任何证明。请稍后再试');
    expect(h.simulators.printer!.jobs).toHaveLength(0);
  });

  it('paper out inside the slip: says so and where to print it, with the application number', async () => {
    const { host: h, page: p } = await kiosk();
    appliedElsewhere(h, 'GD-ZH-0002-20261120-77', '2026-11-20T02:00:00.000Z');
    h.simulators.printer!.paperOutAfter(1500);
    await typeNumber(p);
    await reprintDone(p, 'not-printed', 'paper-out');
    expect(await p.getByTestId('reason').innerText()).toBe('打印纸已用完，临时身份证明未能打印。请凭受理编号到其他自助终端或户政窗口补打');
    expect(await p.getByTestId('application-no').innerText()).toBe('GD-ZH-0002-20261120-77');
    expect(h.simulators.printer!.jobs.map((job) => job.complete)).toEqual([false]);
    await expect.poll(() => records(h, 'certificate-reprint').map((r) => [r.payload.outcome, r.payload.printed]), { timeout: 10_000 }).toEqual([['not-printed', false]]);
  });
});
