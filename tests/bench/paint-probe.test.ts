import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { PAINT_PROBE } from './paint-probe';

interface ProbeTimes {
  readonly tapAt: number;
  readonly changedAt: number;
  readonly paintedAt: number;
  readonly messageAt: number;
  readonly screen: string;
}

/** Page work queued from the frame that shows the new screen, ahead of the probe's own message. */
const AFTER_FRAME_WORK_MS = 150;

/**
 * A page with one screen and a button that replaces it: the page's frame callback then queues
 * AFTER_FRAME_WORK_MS of work (as React's effects or a timer would) in a message posted before the
 * probe's. The frame showing the new screen is done before that work starts.
 */
const PAGE = `<!doctype html><body><div id="root"><main data-testid="screen-a"><button>next</button></main></div>
<script>
  document.querySelector('button').addEventListener('click', () => {
    document.querySelector('#root').innerHTML = '<main data-testid="screen-b"><p>next screen</p></main>';
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { const until = performance.now() + ${AFTER_FRAME_WORK_MS}; while (performance.now() < until); };
      channel.port2.postMessage(null);
    });
  });
</script></body>`;

describe('paint probe of the UI benches', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage();
    await page.addInitScript(PAINT_PROBE);
    // A navigation, so that the init script runs before the page's own (setContent does not navigate).
    await page.route('http://kiosk.test/', (route) => route.fulfill({ contentType: 'text/html', body: PAGE }));
    await page.goto('http://kiosk.test/');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('times a tap to the end of the frame showing the new screen, not to the page work queued after it', async () => {
    await page.evaluate('window.__paintProbe.arm()');
    await page.click('button');
    const times = (await page.evaluate('window.__paintProbe.pending')) as ProbeTimes;
    expect(times.screen).toBe('screen-b');
    expect(times.changedAt).toBeGreaterThanOrEqual(times.tapAt);
    expect(times.paintedAt).toBeGreaterThan(times.changedAt);
    // The frame's end comes before the queued work; the old measure, a message, only after it.
    expect(times.messageAt - times.paintedAt).toBeGreaterThanOrEqual(AFTER_FRAME_WORK_MS);
  });
});
