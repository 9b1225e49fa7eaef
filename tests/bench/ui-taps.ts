/**
 * Taps and seconds per service for a first-time citizen (issue 12): each service walked once by
 * the shortest path (ui-walks.ts) on a fresh host with the defaults `npm start` runs (the
 * cooperative citizen puts the permit in after 1.5 s and takes it 2 s after it comes out, central's
 * payer pays 3 s after the QR code shows, the simulated camera takes 0.8 s), no think time.
 * Counted on the screen: every touch, a key on the keypad being one; the closing "done" is not
 * counted (the end screen closes by itself). Time from the first touch to the end screen, split into
 * the screen's answers to touches (tap to next screen painted, summed), the waits for devices,
 * citizen and payer (screens that ask for no touch), and the rest (the script's own moves
 * between touches). Chromium unthrottled. Goal: the endorsement in <= 12 taps.
 */
import { launchChromium } from '../support/chromium';
import { round, runIfMain } from './stats';
import { openUiKiosk } from './ui-kiosk';
import { SERVICES, walk } from './ui-walks';

export async function bench(): Promise<Record<string, number>> {
  const browser = await launchChromium();
  const results: Record<string, number> = {};
  try {
    for (const service of SERVICES) {
      const kiosk = await openUiKiosk(browser, { fast: false });
      try {
        const ended = await walk(kiosk, service);
        if (ended.early) throw new Error(`${service}: the first-time walk ended early on ${ended.end}`);
        const screens = await kiosk.screens();
        const first = kiosk.taps[0]!.at;
        const endAt = screens.at(-1)!.at;
        const waitingMs = screens.reduce((sum, shown, i) => {
          const until = screens[i + 1]?.at ?? endAt;
          return shown.touchable || until <= first ? sum : sum + until - Math.max(shown.at, first);
        }, 0);
        const answersMs = kiosk.taps.reduce((sum, tap) => sum + tap.ms, 0);
        const totalMs = endAt - first;
        const prefix = `ui-taps.${service}`;
        Object.assign(results, {
          [`${prefix}.taps`]: kiosk.taps.length,
          [`${prefix}.keypadTaps`]: kiosk.taps.filter((tap) => tap.keypad).length,
          [`${prefix}.totalS`]: round(totalMs / 1000),
          [`${prefix}.screenAnswersS`]: round(answersMs / 1000),
          [`${prefix}.deviceWaitsS`]: round(waitingMs / 1000),
          [`${prefix}.scriptS`]: round((totalMs - answersMs - waitingMs) / 1000),
        });
        process.stderr.write(`ui-taps ${service}: ended on ${ended.end}\n`);
      } finally {
        await kiosk.close();
      }
    }
    return results;
  } finally {
    await browser.close();
  }
}

runIfMain(import.meta.url, bench);
