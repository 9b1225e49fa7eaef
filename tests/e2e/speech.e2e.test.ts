/**
 * Spoken prompts in Chromium: the real renderer asks the host to speak the shown step's prompt in
 * the chosen language, and the on-screen mute stops it. The host's engine and player are the
 * fakes of tests/host/speech-fakes.ts (they log what they are asked), so what is spoken is
 * checked in words, not by ear.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { simulatorConfig } from '../../kiosk-config/schema';
import { startHost } from '../../main/host/host';
import en from '../../renderer/i18n/en.json';
import zhCN from '../../renderer/i18n/zh-CN.json';
import zhTW from '../../renderer/i18n/zh-TW.json';
import { testCards } from '../../simulators/id-reader/test-cards';
import { fakeSpeech } from '../host/speech-fakes';
import { reissueAppliedElsewhere } from '../support/applied-elsewhere';
import { kioskScreens } from '../support/kiosk-screen';

const screens = kioskScreens('speech');

describe('spoken prompts in Chromium', { timeout: 90_000 }, () => {
  it('speaks each step in the chosen language (Mandarin, Cantonese, English), and mute stops it', async () => {
    const fakes = fakeSpeech({ playMs: 20_000 });
    const host = await startHost({
      dataDir: mkdtempSync(join(tmpdir(), 'speech-e2e-')),
      config: simulatorConfig({ sync: { heartbeatIntervalS: 3600 } }),
      log: pino({ level: 'silent' }),
      speechPath: fakes.path,
    });
    const page = await screens.open(host);
    const spoken = () => fakes.engineCalls().map((c) => `${c.voice} ${c.text}`);
    await expect.poll(() => page.locator('button.service[data-service="progress-query"][aria-disabled="false"]').count(), { timeout: 15_000 }).toBe(1);
    // The attract screen says nothing.
    expect(fakes.engineCalls()).toEqual([]);

    await page.locator('button[data-service="progress-query"]').click();
    await screens.see(page, 'query-choose-method', 'zh-CN-choose-method');
    await expect.poll(spoken, { timeout: 10_000 }).toContainEqual(expect.stringContaining(`cmn ${zhCN.progressQuery.choose.title}`));
    await expect.poll(() => fakes.playerEvents()).toContain('play 1');

    await page.locator('.language-switch button[lang="zh-TW"]').click();
    await expect.poll(spoken, { timeout: 10_000 }).toContainEqual(expect.stringContaining(`yue ${zhTW.progressQuery.choose.title}`));
    // The new language cuts the prompt before it.
    await expect.poll(() => fakes.playerEvents()).toEqual(expect.arrayContaining(['stopped 1', 'play 2']));

    await page.locator('.language-switch button[lang="en"]').click();
    await expect.poll(spoken, { timeout: 10_000 }).toContainEqual(expect.stringContaining(`en ${en.progressQuery.choose.title}`));
    await expect.poll(() => fakes.playerEvents()).toContain('play 3');

    await page.getByTestId('speech-mute').click();
    await expect.poll(() => fakes.playerEvents()).toContain('stopped 3');
    await expect.poll(() => page.getByTestId('speech-control').getAttribute('data-volume')).toBe('0');
    await screens.shot(page, 'en-muted');
    expect(await page.getByTestId('speech-mute').innerText()).toBe(en.speech.unmute);

    // Muted, the next step is shown and not spoken.
    const callsWhenMuted = fakes.engineCalls().length;
    await page.getByTestId('method-application-no').click();
    await screens.see(page, 'query-input');
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(fakes.engineCalls()).toHaveLength(callsWhenMuted);
    expect(fakes.playerEvents().filter((e) => e.startsWith('play'))).toHaveLength(3);

    // Voice on again: the step's prompt is spoken.
    await page.getByTestId('speech-mute').click();
    await expect.poll(spoken, { timeout: 10_000 }).toContainEqual(expect.stringContaining(`en ${en.progressQuery.input.applicationNo.title}`));
  });
  it('in large text, a list turned to another page says so (and that it is the last), each turn again', async () => {
    const fakes = fakeSpeech({ playMs: 200 });
    const host = await startHost({
      dataDir: mkdtempSync(join(tmpdir(), 'speech-pages-e2e-')),
      config: simulatorConfig({ sync: { heartbeatIntervalS: 3600 } }),
      log: pino({ level: 'silent' }),
      speechPath: fakes.path,
    });
    // The card on the reader has one application at central; four more make five, two a page in large text.
    const idNumber = testCards.resident.text.idNumber;
    for (const [applicationNo, at] of [['GD-SZ-0003-20261110-5', '2026-11-10'], ['GD-ZH-0002-20261120-77', '2026-11-20'], ['GD-SZ-0003-20261001-9', '2026-10-01'], ['GD-ZH-0002-20260901-4', '2026-09-01']] as const) {
      reissueAppliedElsewhere(host.central!, idNumber, applicationNo, `${at}T02:00:00.000Z`);
    }
    const page = await screens.open(host);
    const spoken = () => fakes.engineCalls().map((c) => `${c.voice} ${c.text}`);
    const plays = () => fakes.playerEvents().filter((event) => event.startsWith('play')).length;
    await expect.poll(() => page.locator('button.service[data-service="progress-query"][aria-disabled="false"]').count(), { timeout: 15_000 }).toBe(1);
    await page.locator('button.text-size').click();
    await page.locator('button[data-service="progress-query"]').click();
    await screens.see(page, 'query-choose-method');
    await page.getByTestId('method-id-card').click();
    await screens.see(page, 'query-results');
    await expect.poll(() => page.getByTestId('page-position').innerText()).toBe('第 1 页，共 3 页');
    // The step's own prompt is under way first: a turn is heard over it, not mistaken for it.
    await expect.poll(spoken, { timeout: 10_000 }).toContainEqual(expect.stringContaining(`cmn ${zhCN.speech.queryResults}`));
    await expect.poll(plays, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(spoken().join('\n')).not.toContain(zhCN.pages.spoken.nextShown);

    const turn = async (button: 'page-more' | 'page-previous', says: RegExp) => {
      const before = plays();
      const engineBefore = fakes.engineCalls().length;
      await page.getByTestId(button).click();
      // Said (a new play each turn, the engine's audio cached for words said before).
      await expect.poll(plays, { timeout: 10_000 }).toBeGreaterThan(before);
      const newWords = spoken().slice(engineBefore);
      if (newWords.length > 0) expect(newWords.at(-1)).toMatch(says);
    };
    await turn('page-more', new RegExp(`^cmn ${zhCN.pages.spoken.nextShown}。?$`));
    await turn('page-more', new RegExp(`^cmn ${zhCN.pages.spoken.nextShown}.*${zhCN.pages.spoken.lastPage}`));
    await screens.shot(page, 'zh-CN-large-results-page-3');
    await turn('page-previous', new RegExp(`^cmn ${zhCN.pages.spoken.previousShown}。?$`));
    // The same words as the turn before, said again.
    await turn('page-previous', new RegExp(`^cmn ${zhCN.pages.spoken.previousShown}。?$`));
    expect(await page.getByTestId('page-position').innerText()).toBe('第 1 页，共 3 页');
      });
});
