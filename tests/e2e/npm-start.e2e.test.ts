/**
 * `npm start` as a person runs it on a machine with no display: the kiosk prints its URL and the
 * page shows the attract screen. (The prestart install step is exercised by CI's fresh clone.)
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';

const projectRoot = join(import.meta.dirname, '..', '..');
let child: ChildProcess | undefined;

afterAll(() => {
  child?.kill('SIGKILL');
});

/** Starts `npm start`'s entry with no display and resolves the URL it prints. */
async function startKiosk(dataDir: string): Promise<{ url: string; stderr: () => string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, KIOSK_DATA_DIR: dataDir };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  delete env.KIOSK_WINDOW;
  delete env.KIOSK_CONFIG;
  child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'main/launcher/start.ts')], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`no URL within 60 s; stderr:\n${stderr}`)), 60_000);
    child!.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\/\S*/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    });
    child!.once('exit', (code) => reject(new Error(`exited with ${code} before printing a URL:\n${stderr}`)));
  });
  return { url, stderr: () => stderr };
}

describe('npm start without a display', () => {
  it('prints the UI URL, serves the attract screen, and stops cleanly on SIGTERM', async () => {
    const { url, stderr: output } = await startKiosk(mkdtempSync(join(tmpdir(), 'kiosk-start-')));
    await expect.poll(output).toContain('window: none');
    expect(output()).toContain('simulator mode');

    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(url);
      await expect.poll(() => page.locator('button.service').count(), { timeout: 10_000 }).toBe(5);
      expect(await page.locator('h1').innerText()).toContain('通办');
    } finally {
      await browser.close();
    }

    const exit = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    child!.kill('SIGTERM');
    expect(await exit).toBe(0);
  }, 90_000);

  it('with a production configuration that lacks things: names them all on the console and shows "out of service"', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-bad-config-'));
    // A file with no mode is a production terminal's: it lacks a central and two devices.
    writeFileSync(join(dataDir, 'kiosk-config.json'), JSON.stringify({ kioskId: 'GD-GZ-0007', devices: { idReader: { transport: 'serial', path: '/dev/ttyUSB0' } } }));
    const kiosk = await startKiosk(dataDir);
    const stderr = kiosk.stderr();
    expect(stderr).toMatch(/central: production mode needs a remote central/);
    expect(stderr).toMatch(/devices\.printer: production mode needs this device/);
    expect(stderr).toMatch(/devices\.certificateUnit: production mode needs this device/);
    expect(stderr).not.toContain('simulator mode');

    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(kiosk.url);
      await expect.poll(() => page.getByTestId('out-of-service').count(), { timeout: 10_000 }).toBe(1);
      expect(await page.getByTestId('out-of-service').innerText()).toContain('暂停服务');
      await expect.poll(() => page.locator('button.service[aria-disabled="true"]').count()).toBe(5);
      await page.locator('button.service[data-service="id-reissue"]').click({ force: true });
      // Still the attract screen: nothing started.
      expect(await page.locator('button.service').count()).toBe(5);
    } finally {
      await browser.close();
    }
    const exit = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    child!.kill('SIGTERM');
    expect(await exit).toBe(0);
  }, 90_000);
});
