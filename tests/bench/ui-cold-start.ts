/**
 * Cold start (issue 12): from spawning what `npm start` runs, with node_modules installed and the
 * renderer already built ("after install"), to the attract screen with its services painted in
 * Chromium. No display: the kiosk prints its URL and a Chromium already running opens it at once
 * (Chromium's own launch is not included; under `npm start` with a display the launcher starts the
 * window after printing the URL). Painted as in ui-kiosk.ts: the end of the first frame showing
 * the four service buttons, on the page's clock (performance.timeOrigin + now, the same epoch clock
 * as this process's). Three ways: the host process (`node --import tsx main/launcher/start.ts`,
 * the start script) in a fresh data folder (a terminal's first start: keys, journal and the central
 * simulator's database created) and in a used one (every later start), and `npm start` itself
 * (npm, and the prestart check) in a used one. And, to tell how much of it is tsx compiling the
 * TypeScript sources at every start, the same launcher bundled beforehand by esbuild (its own
 * sources only, packages loaded by Node as usual): not what `npm start` runs today. Baseline in
 * the same run: a bare `node -e ""` from spawn to exit. Goal: <= 2 s.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { medianAndP95, percentile, round, runIfMain, sorted } from './stats';
import { builtRenderer, PAINT_PROBE, projectRoot } from './ui-kiosk';

const RUNS = Number(process.env.BENCH_UI_COLD_RUNS ?? 3);

const epochNow = () => performance.timeOrigin + performance.now();

interface Start {
  readonly toUrlMs: number;
  readonly toPaintedMs: number;
}

function kioskEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, KIOSK_DATA_DIR: dataDir, KIOSK_WINDOW: 'none' };
  for (const name of ['DISPLAY', 'WAYLAND_DISPLAY', 'KIOSK_CONFIG', 'KIOSK_UI_PORT', 'NODE_ENV']) delete env[name];
  return env;
}

/** Stops the kiosk and whatever it started (npm, its shell, node): the whole process group. */
async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(-child.pid!, 'SIGTERM');
  const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** The UI's URL, as the kiosk prints it on stdout (read to the end, so the kiosk never blocks on the pipe). */
function printedUrl(stdout: Readable, timeoutMs: number): Promise<string> {
  const lines = createInterface({ input: stdout });
  return new Promise<string>((resolve, reject) => {
    const deadline = setTimeout(() => reject(new Error(`no URL within ${timeoutMs} ms`)), timeoutMs);
    lines.on('line', (line) => {
      const url = /http:\/\/127\.0\.0\.1:\d+\/\S*/.exec(line)?.[0];
      if (!url) return;
      clearTimeout(deadline);
      resolve(url);
    });
    lines.once('close', () => reject(new Error('the kiosk ended before printing its URL')));
  });
}

async function startOnce(browser: Browser, command: readonly string[], dataDir: string): Promise<Start> {
  const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
  await context.addInitScript(PAINT_PROBE);
  const page = await context.newPage();
  const spawnedAt = epochNow();
  const child = spawn(command[0]!, command.slice(1), { cwd: projectRoot, env: kioskEnv(dataDir), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  try {
    const stderr: Buffer[] = [];
    child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk));
    const url = await printedUrl(child.stdout!, 60_000).catch((error: unknown) => {
      throw new Error(`${String(error)}; the kiosk said:\n${Buffer.concat(stderr).toString()}`);
    });
    const urlAt = epochNow();
    await page.goto(url, { waitUntil: 'commit' });
    const painted = (await page.evaluate('window.__paintProbe.attractPainted()')) as { paintedAt: number; timeOrigin: number };
    return { toUrlMs: urlAt - spawnedAt, toPaintedMs: painted.timeOrigin + painted.paintedAt - spawnedAt };
  } finally {
    await context.close();
    await stopGroup(child);
  }
}

/**
 * The launcher as one ESM file, in a folder as deep as main/launcher/ (start.ts and the camera
 * scenes find the project two folders up from their module).
 */
async function bundledLauncher(): Promise<{ readonly file: string; remove(): void }> {
  const { build } = await import('esbuild');
  const dir = join(projectRoot, 'dist', '.bench-launcher');
  const file = join(dir, 'start.mjs');
  await build({ entryPoints: [join(projectRoot, 'main/launcher/start.ts')], outfile: file, bundle: true, packages: 'external', platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' });
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A bare Node start in the same run: spawn to exit of `node -e ""`. */
async function bareNodeStarts(runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
      child.once('error', reject);
      child.once('exit', () => resolve());
    });
    times.push(performance.now() - started);
  }
  return times;
}

export async function bench(): Promise<Record<string, number>> {
  await builtRenderer();
  const browser = await launchChromium();
  const bundled = await bundledLauncher();
  const dirs: string[] = [];
  const newDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-cold-start-'));
    dirs.push(dir);
    return dir;
  };
  try {
    const hostCommand = [process.execPath, '--import', 'tsx', join(projectRoot, 'main/launcher/start.ts')];
    const npmCommand = ['npm', 'start', '--silent'];
    const used = newDir();
    // The first start ever in this checkout makes the fake camera's scenes; not timed.
    await startOnce(browser, hostCommand, used);
    const ways = { hostFreshDataDir: [] as Start[], hostUsedDataDir: [] as Start[], npmStartUsedDataDir: [] as Start[], bundledHostUsedDataDir: [] as Start[] };
    for (let run = 0; run < RUNS; run++) {
      ways.hostFreshDataDir.push(await startOnce(browser, hostCommand, newDir()));
      ways.hostUsedDataDir.push(await startOnce(browser, hostCommand, used));
      ways.npmStartUsedDataDir.push(await startOnce(browser, npmCommand, used));
      ways.bundledHostUsedDataDir.push(await startOnce(browser, [process.execPath, bundled.file], used));
    }
    const bare = await bareNodeStarts(10);
    const results: Record<string, number> = { ...medianAndP95('ui-cold-start.bareNodeMs', bare) };
    for (const [way, starts] of Object.entries(ways)) {
      const painted = starts.map((start) => start.toPaintedMs);
      Object.assign(results, {
        ...medianAndP95(`ui-cold-start.${way}.toAttractPaintedMs`, painted),
        [`ui-cold-start.${way}.toUrlPrintedMs.median`]: round(percentile(sorted(starts.map((start) => start.toUrlMs)), 0.5)),
        [`ui-cold-start.${way}.medianOverBareNode`]: round(percentile(sorted(painted), 0.5) / percentile(sorted(bare), 0.5)),
      });
    }
    return results;
  } finally {
    bundled.remove();
    await browser.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

runIfMain(import.meta.url, bench);
