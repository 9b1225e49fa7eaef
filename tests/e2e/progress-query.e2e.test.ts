/**
 * The progress query end to end, as a citizen does it: the real host (flow, ID reader through its
 * codec to the simulator, the embedded central simulator) served to Chromium and driven through
 * the screen by Playwright: the way in, the on-screen keypad, the answer in plain words, and each
 * failure. Screenshots go to test-results/progress-query/.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { simulatorConfig } from '../../kiosk-config/schema';
import { type Host, startHost } from '../../main/host/host';
import { testCards } from '../../simulators/id-reader/test-cards';
import { kioskScreens, typeOnKeypad } from '../support/kiosk-screen';

const KIOSK = 'GD-GZ-0001';
const screens = kioskScreens('progress-query');
const { see } = screens;
/** The elderly resident's reissued card, seeded at central as ready for pickup at a kiosk. */
const ELDERLY_APPLICATION = 'GD-GZ-0001-20260112-5';
const ELDERLY_LAST4 = testCards['resident-elderly'].text.idNumber.slice(-4);

async function kiosk(): Promise<{ host: Host; page: Page }> {
  const host = await startHost({
    dataDir: mkdtempSync(join(tmpdir(), 'progress-query-e2e-')),
    config: simulatorConfig({ sync: { intervalMs: 200, heartbeatIntervalS: 3600 } }),
    log: pino({ level: 'silent' }),
  });
  const page = await screens.open(host);
  await expect.poll(() => page.locator('button.service[data-service="progress-query"][aria-disabled="false"]').count(), { timeout: 10_000 }).toBe(1);
  return { host, page };
}

const prompt = (p: Page) => p.getByTestId('prompt').innerText();
const queries = (h: Host) => h.central!.requests.filter((r) => r.path.endsWith('/applications/query'));
const audit = (h: Host) => h.central!.store.records(KIOSK).map((r) => JSON.parse(r.body) as { kind: string; payload: Record<string, unknown> });

const type = typeOnKeypad;

async function byNumber(p: Page, applicationNo: string, last4: string, shot?: string): Promise<void> {
  await p.locator('button[data-service="progress-query"]').click();
  await see(p, 'query-choose-method', shot ? `${shot}-1-choose` : undefined);
  await p.getByTestId('method-application-no').click();
  await see(p, 'query-input');
  await type(p, applicationNo);
  if (shot) await screens.shot(p, `${shot}-2-application-no`);
  await p.getByTestId('key-confirm').click();
  await expect.poll(() => p.getByTestId('screen-query-input').getAttribute('data-field')).toBe('idNumberLast4');
  await type(p, last4);
  if (shot) await screens.shot(p, `${shot}-3-last4`);
  await p.getByTestId('key-confirm').click();
}

describe('progress query in Chromium', { timeout: 90_000 }, () => {
  it('by ID card: the resident card on the reader shows her application in plain words, then wipes it', async () => {
    const { host: h, page: p } = await kiosk();
    await p.locator('button[data-service="progress-query"]').click();
    await see(p, 'query-choose-method', 'id-card-1-choose');
    await p.getByTestId('method-id-card').click();
    await see(p, 'query-results', 'id-card-2-results');
    expect(await p.getByTestId('application-no').allInnerTexts()).toEqual(['GD-GZ-0001-20260105-3']);
    expect(await p.getByTestId('application-status').innerText()).toBe('证件已领取，业务已办结');
    await expect.poll(() => audit(h)).toEqual([expect.objectContaining({ kind: 'audit', payload: expect.objectContaining({ action: 'progress-query', outcome: 'found', count: 1 }) })]);
    expect(JSON.stringify(audit(h))).not.toContain(testCards.resident.text.idNumber);
    await p.getByRole('button', { name: '完成' }).click();
    await expect.poll(() => p.locator('button.service').count()).toBe(5);
    expect(await p.content()).not.toContain('GD-GZ-0001-20260105-3');
  });

  it('by application number and last 4: the keypad, the last 4 as dots, ready for pickup at a named place', async () => {
    const { page: p } = await kiosk();
    await byNumber(p, ELDERLY_APPLICATION, ELDERLY_LAST4, 'number');
    await see(p, 'query-results', 'number-4-results');
    expect(await p.getByTestId('application-status').innerText()).toContain('通办自助终端（测试大厅）');
  });

  it('typo in the last 4 and a malformed application number: caught on the screen, central never asked', async () => {
    const { host: h, page: p } = await kiosk();
    await p.locator('button[data-service="progress-query"]').click();
    await see(p, 'query-choose-method');
    await p.getByTestId('method-application-no').click();
    await see(p, 'query-input');
    const key = await p.locator('[data-testid="key"][data-key="7"]').boundingBox();
    expect(Math.min(key!.width, key!.height)).toBeGreaterThanOrEqual(64);
    await type(p, 'GD-GZ-0001-20261340-5');
    await p.getByTestId('key-confirm').click();
    await expect.poll(() => p.getByTestId('input-message').count()).toBe(1);
    await screens.shot(p, 'bad-application-no');
    expect(await p.getByTestId('input-message').innerText()).toContain('受理编号格式不对');
    for (let i = 0; i < 6; i++) await p.getByTestId('key-delete').click();
    await expect.poll(() => p.getByTestId('echo').innerText()).toBe('GD-GZ-0001-2026');
    await type(p, '0112-5');
    await p.getByTestId('key-confirm').click();
    await expect.poll(() => p.getByTestId('screen-query-input').getAttribute('data-field')).toBe('idNumberLast4');
    // The last-4 pad has digits and X only; X first is a typo.
    expect(await p.locator('[data-testid="key"][data-key="A"]').count()).toBe(0);
    await type(p, 'X123');
    expect(await p.getByTestId('echo').innerText()).toBe('••••');
    await p.getByTestId('key-confirm').click();
    await expect.poll(() => p.getByTestId('input-message').count()).toBe(1);
    await screens.shot(p, 'bad-last4');
    expect(await p.getByTestId('input-message').innerText()).toContain('后4位');
    expect(queries(h)).toHaveLength(0);
  });

  it('nothing found: says so plainly and offers another try', async () => {
    const { host: h, page: p } = await kiosk();
    await byNumber(p, ELDERLY_APPLICATION, '0000');
    await see(p, 'query-failed', 'not-found');
    expect(await prompt(p)).toContain('没有查到办理记录');
    expect(queries(h)).toHaveLength(1);
    await p.getByTestId('query-again').click();
    await see(p, 'query-choose-method');
  });

  it('central unreachable: says so, and back returns to the start', async () => {
    const { host: h, page: p } = await kiosk();
    h.central!.setOffline(true);
    await byNumber(p, ELDERLY_APPLICATION, ELDERLY_LAST4);
    await see(p, 'query-failed', 'central-unreachable');
    expect(await prompt(p)).toContain('暂时无法连接查询服务');
    await p.getByRole('button', { name: '返回首页' }).click();
    await expect.poll(() => p.locator('button.service').count()).toBe(5);
  });

  it('reader out: the ID card way fails with a plain reason, and the keypad way is still there', async () => {
    const { host: h, page: p } = await kiosk();
    await p.locator('button[data-service="progress-query"]').click();
    await see(p, 'query-choose-method');
    // The fault comes once the session has begun: the host asks idle devices how they are every
    // 15 s, and one that has noticed the reader is out offers the ID card way no more.
    h.simulators.idReader!.injectFault({ kind: 'result-code', sw3: 0x60 });
    await p.getByTestId('method-id-card').click();
    await see(p, 'query-failed', 'reader-out');
    expect(await prompt(p)).toContain('读卡器暂时无法使用');
    expect(queries(h)).toHaveLength(0);
    await p.getByTestId('query-again').click();
    await see(p, 'query-choose-method');
    expect(await p.getByTestId('method-application-no').isEnabled()).toBe(true);
  });
});
