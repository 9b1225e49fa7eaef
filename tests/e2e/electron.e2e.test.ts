/**
 * The Electron kiosk, end to end. Where the Electron binary is installed (require('electron')
 * resolves to an existing file), Playwright launches the real shell and drives the ID card slice
 * through IPC. Where it is absent (this build machine: its download fails), that test is not
 * applicable and says so; what does run is the choice that `npm start` makes instead.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { _electron as electron } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { simulatorConfig } from '../../kiosk-config/schema';
import { type Host, startHost } from '../../main/host/host';
import { ensureRendererBuilt } from '../../main/launcher/renderer-build';
import { buildShell } from '../../main/launcher/shell-build';
import { startUiServer, type UiServer } from '../../main/host/ui-server';
import { chooseWindow, findElectron } from '../../main/launcher/window-launcher';
import { testCards } from '../../simulators/id-reader/test-cards';

const projectRoot = join(import.meta.dirname, '..', '..');
const electronBinary = findElectron(projectRoot);
const hasElectron = electronBinary !== null;

describe('window choice without Electron', () => {
  it.runIf(!hasElectron)('falls back to the system Chromium in kiosk app mode when a display exists', () => {
    const choice = chooseWindow(projectRoot, { DISPLAY: ':0', KIOSK_CHROMIUM: '/usr/bin/chromium' });
    expect(choice.mode).toBe('chromium');
    expect(choice.why).toMatch(/no Electron binary/);
  });

  it.runIf(!hasElectron)('refuses a forced Electron window honestly when its binary is missing', () => {
    const choice = chooseWindow(projectRoot, { DISPLAY: ':0', KIOSK_WINDOW: 'electron' });
    expect(choice.mode).toBe('none');
  });

  it('opens no window without a display', () => {
    expect(chooseWindow(projectRoot, {}).mode).toBe('none');
  });
});

describe('Electron kiosk (needs the Electron binary)', () => {
  let host: Host | undefined;
  let ui: UiServer | undefined;
  afterAll(async () => {
    await ui?.close();
    await host?.stop();
  });

  it.runIf(hasElectron)('reads a simulated card through the locked-down shell over IPC', async () => {
    await ensureRendererBuilt(projectRoot, () => {});
    await buildShell(projectRoot);
    host = await startHost({
      dataDir: mkdtempSync(join(tmpdir(), 'kiosk-electron-')),
      config: simulatorConfig({ devices: { idReader: { transport: 'simulator', card: 'none' } } }),
      log: pino({ level: 'silent' }),
    });
    ui = await startUiServer(host, join(projectRoot, 'dist', 'renderer'));
    const app = await electron.launch({
      executablePath: electronBinary!,
      args: [join(projectRoot, 'dist', 'shell', 'main.cjs'), ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
      env: { ...process.env, TONGBAN_HOST_ORIGIN: new URL(ui.url).origin, TONGBAN_HOST_TOKEN: ui.token, TONGBAN_RESTART_HOUR: 'off' },
    });
    try {
      const page = await app.firstWindow();
      expect(page.url()).toBe('app://kiosk/index.html');
      // Shown without waiting for ready-to-show, which never comes on Wayland (electron/electron#48859).
      expect(await app.evaluate(({ BrowserWindow }) => (BrowserWindow.getAllWindows() as Array<{ isVisible(): boolean }>).map((window) => window.isVisible()))).toEqual([true]);
      expect(await page.evaluate(() => typeof (window as unknown as { tongban?: unknown }).tongban)).toBe('object');
      expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
      await page.locator('button[data-service="id-reissue"]').click();
      await expect.poll(() => page.getByTestId('prompt').innerText()).toBe('请将身份证放置在感应区');
      host.simulators.idReader!.placeCard('resident');
      const card = testCards.resident.text;
      await expect
        .poll(() => page.getByTestId('masked-id-number').innerText().catch(() => ''))
        .toBe(`${card.idNumber.slice(0, 4)}${'*'.repeat(10)}${card.idNumber.slice(-4)}`);
      // The shell denies new windows and off-origin navigation.
      expect(await page.evaluate(() => window.open('https://example.invalid/') === null)).toBe(true);
      expect(app.windows()).toHaveLength(1);
    } finally {
      await app.close();
    }
  }, 120_000);
});
