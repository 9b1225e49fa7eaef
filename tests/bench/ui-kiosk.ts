/**
 * What the UI benches drive: a real host (simulated devices, embedded central, a cooperative
 * citizen at the certificate unit, central's auto-payer, a host-side simulated camera) serving the
 * built renderer to a portrait page in Chromium, with a probe in the page that times a tap to the
 * paint of what it changed.
 *
 * What "painted" means: paint-probe.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Browser, CDPSession, Locator, Page } from 'playwright-core';
import { systemClock } from '../../drivers/common/clock';
import { simulatorConfig } from '../../kiosk-config/schema';
import { type Host, startHost } from '../../main/host/host';
import { startUiServer, type UiServer } from '../../main/host/ui-server';
import { ensureRendererBuilt } from '../../main/launcher/renderer-build';
import { PAINT_PROBE } from './paint-probe';
import { SimulatedCamera } from '../../simulators/camera/simulated-camera';
import { CooperativeCitizen } from '../../simulators/citizen/cooperative-citizen';

export const projectRoot = join(import.meta.dirname, '..', '..');


/**
 * How long the finger rests on the glass between pointerdown and pointerup (BENCH_UI_TAP_REST_MS;
 * 0 by default, the two sent at once as Playwright's click does). A finger's tap lasts some
 * 50-150 ms, during which the page handles the pointerdown; with 0 the pointerup waits behind it.
 */
const TAP_REST_MS = Number(process.env.BENCH_UI_TAP_REST_MS ?? 0);

export interface TapTiming {
  /** When the tap reached the page (ms, the page's clock). */
  readonly at: number;
  /** Tap (pointerup) to the end of the frame showing the new screen or echo, in ms. */
  readonly ms: number;
  /**
   * Tap to a message posted from the frame's rAF callback, the probe's measure until 2026-11-24:
   * includes whatever else the page ran after that frame before the message's turn came.
   */
  readonly messageMs: number;
  /** Of which tap to the DOM showing the change (the host's answer and React's render); the rest is the frame. */
  readonly domMs: number;
  /**
   * Of which the pointerup's wait before the page's first listener ran: the event's time is when
   * Chromium took the input, and the page may still be busy (e.g. with the pointerdown Playwright
   * sends just before it, where a finger would rest some 100 ms between the two).
   */
  readonly inputMs: number;
  /** The screen the tap led to (its data-testid; null for the attract screen). */
  readonly to: string | null;
  /** A keypad key (the change is the echo on the same screen) rather than a move to another screen. */
  readonly keypad: boolean;
}

/** The screens a service ends on (delivered, refused, nothing waiting, answered, failed). */
export const END_SCREEN = ['flow-done', 'pickup-done', 'query-results', 'query-failed'].map((step) => `[data-testid="screen-${step}"]`).join(', ');

/** The service reached its end screen before the screen offered the touch a walk was waiting for. */
export class WalkEndedEarly extends Error {
  override readonly name = 'WalkEndedEarly';
}

export interface ShownScreen {
  readonly at: number;
  readonly screen: string | null;
  /** Offers a touch besides its way out; a screen that does not waits for a device, the citizen or the payer. */
  readonly touchable: boolean;
}

export interface UiKiosk {
  readonly host: Host;
  readonly page: Page;
  readonly cdp: CDPSession;
  /** Every timed tap so far, in order. */
  readonly taps: TapTiming[];
  /**
   * Touches `target` once the screen offers it, and waits for the screen to change and be painted;
   * the timing is kept in `taps`. Throws WalkEndedEarly when an end screen shows instead.
   */
  tap(target: Locator, options?: { readonly keypad?: boolean; readonly timeout?: number }): Promise<TapTiming>;
  /** Waits for the service's end screen. */
  untilEnd(timeout?: number): Promise<void>;
  /** The screens shown so far, with the page's time each appeared (ms, the taps' clock). */
  screens(): Promise<ShownScreen[]>;
  /** Empties the taps and the page's list of screens (a long run keeps neither). */
  forget(): Promise<void>;
  /**
   * Stops the host and starts a new one on a new data folder, on the same address, with the page
   * left open: the page reconnects to it by itself, as a kiosk's screen does when its host
   * restarts. The cards, slots and records are as on a first start again; the page's code stays
   * as warm as it was.
   */
  restartHost(): Promise<void>;
  close(): Promise<void>;
}

export interface UiKioskOptions {
  /**
   * Devices and citizen without waits (citizen at 0 ms, payer at 0 ms, camera at 0 ms) for the
   * benches that time the screen, not the service. Otherwise the defaults `npm start` runs with.
   */
  readonly fast: boolean;
}

let rendererDir: string | undefined;

/**
 * The renderer as `npm start` serves it, built when stale (a bench run builds it at most once).
 * BENCH_UI_RENDERER names another built renderer folder instead (e.g. one built from an earlier
 * commit, to compare two renderers on the same host and machine load).
 */
export async function builtRenderer(): Promise<string> {
  rendererDir ??= process.env.BENCH_UI_RENDERER ?? (await ensureRendererBuilt(projectRoot, (line) => process.stderr.write(`bench: ${line}\n`)));
  return rendererDir;
}

/** A host with its simulators, citizen and UI server, as `npm start` runs them. */
interface ServedKiosk {
  readonly host: Host;
  readonly ui: UiServer;
  stop(): Promise<void>;
}

async function serveKiosk(dir: string, options: UiKioskOptions, port?: number, token?: string): Promise<ServedKiosk> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-ui-'));
  const host = await startHost({
    dataDir,
    config: simulatorConfig({ sync: { heartbeatIntervalS: 3600 } }),
    camera: new SimulatedCamera(options.fast ? 0 : undefined),
    log: pino({ level: 'silent' }),
  });
  if (options.fast) host.central!.setAutoPay(true, 0);
  const unit = host.simulators.certificateUnit;
  const citizen = unit && new CooperativeCitizen(unit, { clock: systemClock, ...(options.fast ? { insertAfterMs: 0, takeAfterMs: 0 } : {}) });
  citizen?.start();
  let ui: UiServer | undefined;
  const stop = async () => {
    citizen?.stop();
    await ui?.close();
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    if (!citizen) throw new Error('the simulator configuration has no certificate unit simulator');
    ui = await startUiServer(host, dir, port, token);
    return { host, ui, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export async function openUiKiosk(browser: Browser, options: UiKioskOptions): Promise<UiKiosk> {
  const dir = await builtRenderer();
  let served = await serveKiosk(dir, options);
  try {
    const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
    await context.addInitScript(PAINT_PROBE);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await page.goto(served.ui.url);
    await attractReady(page);
    const taps: TapTiming[] = [];
    const end = page.locator(END_SCREEN);
    return {
      get host() {
        return served.host;
      },
      page,
      cdp,
      taps,
      async tap(target, tapOptions = {}) {
        await target.or(end).first().waitFor({ state: 'visible', timeout: tapOptions.timeout ?? 60_000 });
        if (!(await target.isVisible())) throw new WalkEndedEarly('the service ended before the screen offered this touch');
        await page.evaluate('window.__paintProbe.arm()');
        await target.click(TAP_REST_MS > 0 ? { delay: TAP_REST_MS } : {});
        const times = (await page.evaluate('window.__paintProbe.pending')) as { tapAt: number; dispatchedAt: number; changedAt: number; paintedAt: number; messageAt: number; screen: string | null };
        const timing: TapTiming = {
          at: times.tapAt,
          ms: times.paintedAt - times.tapAt,
          messageMs: times.messageAt - times.tapAt,
          domMs: times.changedAt - times.tapAt,
          inputMs: times.dispatchedAt - times.tapAt,
          to: times.screen || null,
          keypad: tapOptions.keypad ?? false,
        };
        taps.push(timing);
        return timing;
      },
      async untilEnd(timeout = 90_000) {
        await end.waitFor({ timeout });
      },
      async screens() {
        return (await page.evaluate('window.__paintProbe.screens')) as ShownScreen[];
      },
      async forget() {
        taps.length = 0;
        await page.evaluate('window.__paintProbe.screens.length = 0; window.__paintProbe.pending = undefined; window.__paintProbe.onTap = null');
      },
      async restartHost() {
        const { port, token } = served.ui;
        const connecting = page.locator('.app > .connection');
        await served.stop();
        await connecting.waitFor({ timeout: 30_000 });
        served = await serveKiosk(dir, options, port, token);
        // The page, still open, reconnects by itself and shows the new host's attract screen.
        await connecting.waitFor({ state: 'detached', timeout: 30_000 });
        await attractReady(page);
      },
      async close() {
        await context.close();
        await served.stop();
      },
    };
  } catch (error) {
    await served.stop();
    throw error;
  }
}

/** The attract screen with the four services offered (the host has said which are available). */
export async function attractReady(page: Page, timeout = 30_000): Promise<void> {
  await page.locator('main.attract button.service[aria-disabled="false"]').nth(3).waitFor({ timeout });
}
