/**
 * Cold start (issue 12): from spawning what `npm start` runs, with node_modules installed and the
 * renderer and the launcher's bundle already built ("after install"), to the attract screen with
 * its services painted in Chromium. No display: the kiosk prints its URL and a Chromium already
 * running opens it at once (Chromium's own launch is not included; under `npm start` with a
 * display the launcher starts the window after printing the URL). Painted as in ui-kiosk.ts: the
 * end of the first frame showing the four service buttons, on the page's clock
 * (performance.timeOrigin + now, the same epoch clock as this process's).
 *
 * Ways: the start script's process (`node main/launcher/kiosk-start.mjs`: the launcher's bundle,
 * main/launcher/host-bundle.mjs) in a fresh data folder (a terminal's first start: keys, journal
 * and the central simulator's database created) and in a used one (every later start); `npm start`
 * itself (npm, and the prestart check) in a used one; and, for comparison, the launcher from its
 * TypeScript sources through tsx (what `npm start` ran before the bundle). Also the bundle's build
 * (what the first start after a source change adds), and where the time goes: each start-up
 * phase (KIOSK_DEBUG_START=1, main/host/start-timing.ts), wall and CPU time, and on the page, the
 * URL to the document loaded and to the attract screen painted. Baseline in the same run: a bare
 * `node -e ""` from spawn to exit. Goal: <= 2 s.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { Browser } from 'playwright-core';
import { buildHostBundle } from '../../main/launcher/host-bundle.mjs';
import { parseStartPhase } from '../../main/host/start-timing';
import { launchChromium } from '../support/chromium';
import { medianAndP95, percentile, round, runIfMain, sorted } from './stats';
import { PAINT_PROBE } from './paint-probe';
import { builtRenderer, projectRoot } from './ui-kiosk';

const RUNS = Number(process.env.BENCH_UI_COLD_RUNS ?? 3);

const epochNow = () => performance.timeOrigin + performance.now();

interface Start {
  readonly toUrlMs: number;
  readonly toPaintedMs: number;
  /** URL printed to the page's document loaded (DOMContentLoaded's end): the renderer's scripts fetched and run. */
  readonly urlToLoadedMs: number;
  /** Each start-up phase the kiosk reported: wall and CPU ms since its process started. */
  readonly phases: ReadonlyMap<string, { readonly ms: number; readonly cpuMs: number }>;
}

function kioskEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, KIOSK_DATA_DIR: dataDir, KIOSK_WINDOW: 'none', KIOSK_DEBUG_START: '1' };
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
    const loadedAt = (await page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")) as number;
    const phases = new Map<string, { ms: number; cpuMs: number }>();
    for (const line of Buffer.concat(stderr).toString().split('\n')) {
      const phase = parseStartPhase(line);
      if (phase) phases.set(phase.phase, { ms: phase.ms, cpuMs: phase.cpuMs });
    }
    return {
      toUrlMs: urlAt - spawnedAt,
      toPaintedMs: painted.timeOrigin + painted.paintedAt - spawnedAt,
      urlToLoadedMs: painted.timeOrigin + loadedAt - urlAt,
      phases,
    };
  } finally {
    await context.close();
    await stopGroup(child);
  }
}

/** The launcher's bundle built again (what the first start after a source change adds before starting). */
async function bundleBuilds(runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await buildHostBundle(projectRoot);
    times.push(performance.now() - started);
  }
  return times;
}

/** Median wall and CPU ms of each phase the starts reported, in the order they came. */
function phaseMedians(prefix: string, starts: readonly Start[]): Record<string, number> {
  const results: Record<string, number> = {};
  const names = [...new Set(starts.flatMap((start) => [...start.phases.keys()]))];
  for (const name of names) {
    const reported = starts.flatMap((start) => start.phases.get(name) ?? []);
    const key = `${prefix}.${name.replace(/[^A-Za-z0-9]+/g, '-').replace(/-$/, '')}`;
    results[`${key}.ms`] = round(percentile(sorted(reported.map((phase) => phase.ms)), 0.5));
    results[`${key}.cpuMs`] = round(percentile(sorted(reported.map((phase) => phase.cpuMs)), 0.5));
  }
  return results;
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
  const dirs: string[] = [];
  const newDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-cold-start-'));
    dirs.push(dir);
    return dir;
  };
  try {
    const hostCommand = [process.execPath, join(projectRoot, 'main/launcher/kiosk-start.mjs')];
    const sourceCommand = [process.execPath, '--import', 'tsx', join(projectRoot, 'main/launcher/start.ts')];
    const npmCommand = ['npm', 'start', '--silent'];
    const builds = await bundleBuilds(2);
    const used = newDir();
    // The first start ever in this checkout makes the fake camera's scenes, and the first start of
    // a bundle writes V8's code cache (host-bundle.mjs) when it stops; not timed.
    await startOnce(browser, hostCommand, used);
    const ways = { hostFreshDataDir: [] as Start[], hostUsedDataDir: [] as Start[], npmStartUsedDataDir: [] as Start[], fromSourceUsedDataDir: [] as Start[] };
    for (let run = 0; run < RUNS; run++) {
      ways.hostFreshDataDir.push(await startOnce(browser, hostCommand, newDir()));
      ways.hostUsedDataDir.push(await startOnce(browser, hostCommand, used));
      ways.npmStartUsedDataDir.push(await startOnce(browser, npmCommand, used));
      ways.fromSourceUsedDataDir.push(await startOnce(browser, sourceCommand, used));
    }
    const bare = await bareNodeStarts(10);
    const results: Record<string, number> = { ...medianAndP95('ui-cold-start.bareNodeMs', bare), ...medianAndP95('ui-cold-start.bundleBuildMs', builds) };
    for (const [way, starts] of Object.entries(ways)) {
      const painted = starts.map((start) => start.toPaintedMs);
      Object.assign(results, {
        ...medianAndP95(`ui-cold-start.${way}.toAttractPaintedMs`, painted),
        [`ui-cold-start.${way}.toUrlPrintedMs.median`]: round(percentile(sorted(starts.map((start) => start.toUrlMs)), 0.5)),
        [`ui-cold-start.${way}.urlToPageLoadedMs.median`]: round(percentile(sorted(starts.map((start) => start.urlToLoadedMs)), 0.5)),
        [`ui-cold-start.${way}.medianOverBareNode`]: round(percentile(sorted(painted), 0.5) / percentile(sorted(bare), 0.5)),
      });
    }
    Object.assign(results, phaseMedians('ui-cold-start.hostUsedDataDir.phase', ways.hostUsedDataDir));
    return results;
  } finally {
    await browser.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

runIfMain(import.meta.url, bench);
