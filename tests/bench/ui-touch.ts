/**
 * Touch to the next screen painted (issue 12): every tap of every service's first-time walk
 * (ui-walks.ts), timed in the page from the tap's pointerup to the end of the first frame showing
 * the next screen, or for a keypad key the host's echo (ui-kiosk.ts says what is measured), with
 * Chromium's CPU throttled 4x (CDP Emulation.setCPUThrottlingRate) and, as the in-run baseline, at
 * 1x. Devices and payer answer at once here (the tap's own latency is what is timed; a tap whose
 * next screen waits for a device includes that device's answer, e.g. central's eligibility check).
 * The host and simulators run in this process, unthrottled. Goal: p95 <= 50 ms at 4x.
 */
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { medianAndP95, percentile, round, runIfMain, sorted } from './stats';
import { openUiKiosk, type TapTiming } from './ui-kiosk';
import { backToAttract, SERVICES, walk } from './ui-walks';

/** Counted rounds of the four services' walks per rate. */
const ROUNDS = Number(process.env.BENCH_UI_ROUNDS ?? 3);
const RATES = [1, 4] as const;

/**
 * Walks of the four services per rate, all in one page kept open as on a kiosk, with a fresh host
 * behind it for each round (a pickup hands its card out once): the host restarts and the page
 * reconnects (UiKiosk.restartHost). The first round warms the page's code up and is not counted;
 * the rounds after it are the page as it runs all day.
 */
async function tapsAtRate(browser: Browser, rate: number): Promise<TapTiming[]> {
  const taps: TapTiming[] = [];
  const kiosk = await openUiKiosk(browser, { fast: true });
  try {
    await kiosk.cdp.send('Emulation.setCPUThrottlingRate', { rate });
    for (let round = 0; round <= ROUNDS; round++) {
      if (round > 0) await kiosk.restartHost();
      await kiosk.forget();
      for (const service of SERVICES) {
        const ended = await walk(kiosk, service);
        if (ended.early) throw new Error(`${service} ended early on ${ended.end}`);
        await backToAttract(kiosk);
      }
      if (round > 0) taps.push(...kiosk.taps);
    }
  } finally {
    await kiosk.close();
  }
  return taps;
}

export async function bench(): Promise<Record<string, number>> {
  const browser = await launchChromium();
  try {
    const results: Record<string, number> = {};
    const all: Record<number, number[]> = {};
    for (const rate of RATES) {
      const taps = await tapsAtRate(browser, rate);
      const screens = taps.filter((tap) => !tap.keypad).map((tap) => tap.ms);
      const keys = taps.filter((tap) => tap.keypad).map((tap) => tap.ms);
      all[rate] = taps.map((tap) => tap.ms);
      Object.assign(results, {
        ...medianAndP95(`ui-touch.cpu${rate}x.allTapsMs`, all[rate]),
        // The same to a message posted from the frame, the probe's measure before 2026-11-24 (ui-kiosk.ts, TapTiming.messageMs).
        ...medianAndP95(`ui-touch.cpu${rate}x.allTapsToMessageMs`, taps.map((tap) => tap.messageMs)),
        ...medianAndP95(`ui-touch.cpu${rate}x.nextScreenMs`, screens),
        ...medianAndP95(`ui-touch.cpu${rate}x.keypadEchoMs`, keys),
        // Where the time goes: tap to the DOM changed (host round trip, React), then the frame.
        ...medianAndP95(`ui-touch.cpu${rate}x.tapToDomMs`, taps.map((tap) => tap.domMs)),
        ...medianAndP95(`ui-touch.cpu${rate}x.domToPaintMs`, taps.map((tap) => tap.ms - tap.domMs)),
        // Of tap to DOM, the pointerup waiting for the page before its first listener (ui-kiosk.ts, TapTiming.inputMs).
        ...medianAndP95(`ui-touch.cpu${rate}x.inputDelayMs`, taps.map((tap) => tap.inputMs)),
        [`ui-touch.cpu${rate}x.maxMs`]: round(Math.max(...all[rate])),
        [`ui-touch.cpu${rate}x.taps`]: taps.length,
      });
      if (process.env.BENCH_UI_SLOWEST) {
        const slowest = [...taps].sort((a, b) => b.ms - a.ms).slice(0, 8);
        process.stderr.write(`ui-touch ${rate}x slowest: ${slowest.map((tap) => `${tap.to}${tap.keypad ? '(key)' : ''} ${round(tap.ms)}`).join(', ')}\n`);
      }
    }
    results['ui-touch.p95At4xOverP95At1x'] = round(percentile(sorted(all[4]!), 0.95) / percentile(sorted(all[1]!), 0.95));
    return results;
  } finally {
    await browser.close();
  }
}

runIfMain(import.meta.url, bench);
