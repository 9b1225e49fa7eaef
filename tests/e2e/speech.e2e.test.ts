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
import { fakeSpeech } from '../host/speech-fakes';
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
});
