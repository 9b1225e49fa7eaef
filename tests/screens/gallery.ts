/**
 * What a gallery walk does around the screen: a real host per walk (simulators, embedded central)
 * in the walk's language, served to Chromium through the e2e tests' kioskScreens, turned to the
 * walk's orientation; `snap` photographs the screen as it is, notes it in the manifest the index
 * page is made from and, when the gallery runs with --axe, records axe's serious and critical
 * findings for it. Every walk runs in zh-CN, zh-TW and en, portrait and landscape.
 */
import { appendFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { type KioskConfigInput, simulatorConfig } from '../../kiosk-config/schema';
import { type Host, type HostOptions, startHost } from '../../main/host/host';
import type { Logger } from '../../main/host/log';
import type { ServedHost } from '../../main/host/ui-server';
import { SimulatedCamera } from '../../simulators/camera/simulated-camera';
import { seriousAxeFindings } from '../renderer/support/screen-checks';
import { kioskScreens, type KioskScreensOptions } from '../support/kiosk-screen';

export const LANGUAGES = ['zh-CN', 'zh-TW', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const ORIENTATIONS = { portrait: { width: 1080, height: 1920 }, landscape: { width: 1920, height: 1080 } } as const;
export type Orientation = keyof typeof ORIENTATIONS;

export const GALLERY_DIR = join(import.meta.dirname, '..', '..', 'test-results', 'screens');
export const MANIFEST = join(GALLERY_DIR, 'manifest.jsonl');

/** One photographed screen, as the index page lists it. */
export interface Shot {
  readonly service: string;
  readonly walk: string;
  readonly state: string;
  readonly language: Language;
  readonly orientation: Orientation;
  /** Relative to the gallery folder. */
  readonly file: string;
  /** axe's serious and critical findings ("impact id: targets"); absent when axe was not run. */
  readonly axe?: readonly string[];
}

export interface Walk {
  readonly host: Host;
  readonly page: Page;
  readonly language: Language;
  /** Photographs the screen as `state` (a short name, in the order the walk takes). */
  snap(state: string): Promise<void>;
  /** Waits for `screen-<step>` and photographs it as `state` (default: the step's name). */
  see(step: string, state?: string): Promise<void>;
}

export interface WalkOptions {
  readonly config?: Omit<KioskConfigInput, 'mode' | 'ui'> & { readonly ui?: Record<string, unknown> };
  readonly host?: Omit<HostOptions, 'config' | 'dataDir' | 'log'>;
  /**
   * What is served instead of a host (the out-of-service or first-boot screen API), given a data
   * folder; the walk's `host` is then only that (its `stop` does nothing).
   */
  readonly served?: (dataDir: string, log: Logger) => ServedHost;
}

const axeWanted = process.env.SCREENS_AXE === '1';
const onlyLanguages = (process.env.SCREENS_LANGUAGES?.split(',') ?? LANGUAGES) as Language[];
const onlyOrientations = (process.env.SCREENS_ORIENTATIONS?.split(',') ?? Object.keys(ORIENTATIONS)) as Orientation[];

/** Registers a service's walks: each `walk` becomes one test per language and orientation. */
export function gallery(service: string, screensOptions: KioskScreensOptions = {}) {
  const screens = kioskScreens(join('screens', service), screensOptions);
  mkdirSync(GALLERY_DIR, { recursive: true });
  return {
    walk(name: string, drive: (walk: Walk) => Promise<void>, options: WalkOptions = {}) {
      for (const language of onlyLanguages) {
        for (const orientation of onlyOrientations) {
          it(`${service} ${name} ${language} ${orientation}`, async () => {
            const dataDir = mkdtempSync(join(tmpdir(), 'screens-'));
            const log = pino({ level: 'silent' });
            const served = options.served?.(dataDir, log);
            const host = served ? ({ ...served, stop: async () => {} } as unknown as Host) : await startHost({
              // The simulated camera takes the face unless a walk brings the screen's own camera step.
              camera: new SimulatedCamera(300),
              ...options.host,
              dataDir,
              config: simulatorConfig({
                sync: { intervalMs: 200, heartbeatIntervalS: 3600 },
                ...options.config,
                ui: { ...options.config?.ui, defaultLanguage: language },
              } as Omit<KioskConfigInput, 'mode'>),
              log,
            });
            const page = await screens.open(host);
            await page.setViewportSize(ORIENTATIONS[orientation]);
            await chooseLanguage(page, language);
            let count = 0;
            const snap = async (state: string) => {
              // Fonts and images settled, and no transition half way.
              await page.evaluate(() => document.fonts.ready.then(() => undefined));
              await page.waitForTimeout(150);
              const base = `${name}-${language}-${orientation}-${String(++count).padStart(2, '0')}-${state}`;
              await screens.shot(page, base);
              const shot: Shot = {
                service,
                walk: name,
                state,
                language,
                orientation,
                file: `${service}/${base}.png`,
                ...(axeWanted ? { axe: await seriousAxeFindings(page) } : {}),
              };
              appendFileSync(MANIFEST, `${JSON.stringify(shot)}\n`);
              console.log(`screens: ${shot.file}${shot.axe?.length ? `  axe: ${shot.axe.length} serious/critical` : ''}`);
            };
            const walk: Walk = {
              host,
              page,
              language,
              snap,
              async see(step, state = step) {
                await expect.poll(() => page.getByTestId(`screen-${step}`).count(), { timeout: 20_000 }).toBe(1);
                await snap(state);
              },
            };
            await drive(walk);
          });
        }
      }
    },
  };
}

/**
 * Touches the language's button, as a citizen does, until it holds: the page does not start in
 * the configured default language, and just after loading a first tap can be undone.
 */
async function chooseLanguage(page: Page, language: Language): Promise<void> {
  const button = page.locator(`.language-switch button[lang="${language}"]`);
  await expect
    .poll(
      async () => {
        await button.click();
        await page.waitForTimeout(200);
        return button.getAttribute('aria-pressed');
      },
      { timeout: 10_000 },
    )
    .toBe('true');
}

/** The attract screen with every service offered (the walks' usual start); with the screen's camera, once the page has found it. */
export async function servicesOffered(page: Page, count = 5, timeout = 8_000): Promise<void> {
  await expect.poll(() => page.locator('button.service[aria-disabled="false"]').count(), { timeout }).toBe(count);
}
