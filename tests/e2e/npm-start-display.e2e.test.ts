/**
 * `npm start` on a machine with a display and no Electron binary: it must open the system
 * Chromium in kiosk app mode, and that window must connect to the host. The display is a private
 * Xvfb server started by the test.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const projectRoot = join(import.meta.dirname, '..', '..');
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children.reverse()) child.kill('SIGKILL');
});

function freeDisplay(): number {
  for (let n = 90 + Math.floor(Math.random() * 100); ; n++) if (!existsSync(`/tmp/.X11-unix/X${n}`) && !existsSync(`/tmp/.X${n}-lock`)) return n;
}

/** Pids and command lines of every process whose parent chain leads to `rootPid`. */
function descendants(rootPid: number): Array<{ pid: number; line: string }> {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // The process ended while we looked.
    }
  }
  const found: Array<{ pid: number; line: string }> = [];
  for (const pid of parents.keys()) {
    for (let p = parents.get(pid); p !== undefined && p > 1; p = parents.get(p)) {
      if (p !== rootPid) continue;
      try {
        found.push({ pid, line: readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ') });
      } catch {
        // Gone already.
      }
      break;
    }
  }
  return found;
}

describe('npm start with a display and no Electron binary', () => {
  it('opens Chromium in kiosk app mode on the kiosk URL, and the window connects', async () => {
    execFileSync('which', ['Xvfb']);
    const display = freeDisplay();
    const xvfb = spawn('Xvfb', [`:${display}`, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
    children.push(xvfb);
    await expect.poll(() => existsSync(`/tmp/.X11-unix/X${display}`), { timeout: 10_000 }).toBe(true);

    const env: NodeJS.ProcessEnv = { ...process.env, DISPLAY: `:${display}`, KIOSK_DATA_DIR: mkdtempSync(join(tmpdir(), 'kiosk-display-')) };
    delete env.WAYLAND_DISPLAY;
    delete env.KIOSK_WINDOW;
    // What `npm start` runs after its prestart check: the launcher's bundle (main/launcher/host-bundle.mjs).
    const kiosk = spawn(process.execPath, [join(projectRoot, 'main/launcher/kiosk-start.mjs')], {
      cwd: projectRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(kiosk);
    let stdout = '';
    let stderr = '';
    kiosk.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    kiosk.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

    await expect.poll(() => stdout, { timeout: 60_000 }).toMatch(/http:\/\/127\.0\.0\.1:\d+\/#token=\S+/);
    const url = /http:\/\/127\.0\.0\.1:\d+\/#token=\S+/.exec(stdout)![0];
    await expect.poll(() => stderr, { timeout: 10_000 }).toContain('window: chromium');
    await expect
      .poll(() => descendants(kiosk.pid!).find((p) => p.line.includes('--kiosk'))?.line, { timeout: 15_000 })
      .toContain(`--app=${url}`);
    const chromium = descendants(kiosk.pid!).find((p) => p.line.includes('--kiosk'))!;
    expect(chromium.line).toContain('--no-first-run');
    // The kiosk window loaded the UI and opened its API connection to the host.
    await expect.poll(() => stderr, { timeout: 30_000 }).toContain('screen connected');

    const exit = new Promise<number | null>((resolve) => kiosk.once('exit', (code) => resolve(code)));
    kiosk.kill('SIGTERM');
    expect(await exit).toBe(0);
    // The window goes with the kiosk: no orphaned Chromium keeps the screen.
    await expect.poll(() => existsSync(`/proc/${chromium.pid}`), { timeout: 10_000 }).toBe(false);
  }, 120_000);
});
