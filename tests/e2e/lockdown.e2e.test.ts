/**
 * Browser mode's lockdown, end to end: the real host and UI server, Debian's Chromium driven by
 * Playwright. The Content-Security-Policy must stop injected script, and the page must not open
 * windows or leave its origin. In Electron the shell adds its own guards (tests/shell/).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import pino from 'pino';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { simulatorConfig } from '../../kiosk-config/schema';
import { type Host, startHost } from '../../main/host/host';
import { ensureRendererBuilt } from '../../main/launcher/renderer-build';
import { startUiServer, type UiServer } from '../../main/host/ui-server';
import { launchChromium } from '../support/chromium';

const projectRoot = join(import.meta.dirname, '..', '..');
let host: Host;
let ui: UiServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  const rendererDir = await ensureRendererBuilt(projectRoot, () => {});
  host = await startHost({
    dataDir: mkdtempSync(join(tmpdir(), 'kiosk-lockdown-')),
    config: simulatorConfig({ devices: { idReader: { transport: 'simulator', card: 'none' } } }),
    log: pino({ level: 'silent' }),
  });
  ui = await startUiServer(host, rendererDir);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await ui?.close();
  await host?.stop();
});

beforeEach(async () => {
  await context?.close();
  context = await browser.newContext({ viewport: { width: 1280, height: 1024 } });
  page = await context.newPage();
  await page.goto(ui.url);
  await expect.poll(() => page.locator('button.service').count()).toBe(5);
});

const origin = () => new URL(ui.url).origin;

describe('browser-mode lockdown', () => {
  it('serves every page with a CSP that forbids inline script', async () => {
    const response = await page.request.get(`${origin()}/`);
    const csp = response.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
  });

  it('does not run an injected inline script, and reports the violation', async () => {
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { violations: string[] }).violations = seen;
      document.addEventListener('securitypolicyviolation', (event) => seen.push(event.effectiveDirective));
    });
    await page.addScriptTag({ content: 'window.injected = true;' }).catch(() => undefined);
    await page.evaluate(() => {
      const holder = document.createElement('div');
      holder.innerHTML = '<img src="data:," onerror="window.viaHandler = true"><script>window.viaInner = true</script>';
      document.body.append(holder);
      const script = document.createElement('script');
      script.textContent = 'window.viaElement = true';
      document.body.append(script);
    });
    await expect.poll(() => page.evaluate(() => (window as unknown as { violations: string[] }).violations.length)).toBeGreaterThanOrEqual(2);
    const ran = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      return [w.injected, w.viaHandler, w.viaInner, w.viaElement];
    });
    expect(ran).toEqual([undefined, undefined, undefined, undefined]);
    const directives = await page.evaluate(() => (window as unknown as { violations: string[] }).violations);
    expect(directives.every((directive) => directive.startsWith('script-src'))).toBe(true);
  });

  it('opens no window: window.open and target=_blank links do nothing', async () => {
    const opened: Page[] = [];
    context.on('page', (p) => opened.push(p));
    const handle = await page.evaluate(() => window.open('https://example.invalid/', '_blank') === null);
    await page.evaluate(() => {
      const link = document.createElement('a');
      link.href = 'https://example.invalid/';
      link.target = '_blank';
      link.textContent = 'away';
      document.body.append(link);
      link.click();
    });
    await page.waitForTimeout(300);
    expect(handle).toBe(true);
    expect(opened).toEqual([]);
    expect(new URL(page.url()).origin).toBe(origin());
  });

  it("keeps the page on its origin with the shell's link guard (main/shell/page-guard.ts) installed", async () => {
    // Electron's preload installs this guard; the test runs the same code in a real Chromium DOM.
    // Browser mode does not have it yet (the renderer would install it), so a fresh context:
    const { build } = await import('esbuild');
    const bundle = await build({
      stdin: {
        contents: "import { refuseOffOriginLinks } from './main/shell/page-guard'; import { originOf } from './main/shell/kiosk-origin'; refuseOffOriginLinks(window, location.origin, originOf);",
        resolveDir: projectRoot,
        loader: 'ts',
      },
      bundle: true,
      format: 'iife',
      write: false,
    });
    const guarded = await browser.newContext();
    try {
      await guarded.addInitScript({ content: bundle.outputFiles[0]!.text });
      const guardedPage = await guarded.newPage();
      await guardedPage.goto(ui.url);
      await guardedPage.evaluate(() => {
        const link = document.createElement('a');
        link.href = 'https://example.invalid/';
        link.innerHTML = '<span id="inner">away</span>';
        document.body.append(link);
        document.getElementById('inner')!.click();
        const own = document.createElement('a');
        own.href = '#own';
        document.body.append(own);
        own.click();
      });
      await guardedPage.waitForTimeout(300);
      expect(new URL(guardedPage.url()).origin).toBe(origin());
      expect(new URL(guardedPage.url()).hash).toBe('#own');
    } finally {
      await guarded.close();
    }
  });

  it('has no serious or critical accessibility violations on the attract screen', async () => {
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
    expect(serious.map((violation) => `${violation.impact} ${violation.id}: ${violation.nodes.length} node(s)`)).toEqual([]);
  });
});
