/**
 * The CLI as a technician runs it: `node main/cli/kiosk.mjs ...` in its own process, JSON on
 * stdout, one JSON error line on stderr and a non-zero exit on failure.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IdReaderDriver } from '../../drivers/id-reader/driver';
import { openSerialPipe } from '../../drivers/transport/serial-port-pipe';
import { IdReaderSimulator } from '../../simulators/id-reader/simulator';
import { testCards } from '../../simulators/id-reader/test-cards';
import { type PtyPair, startPtyPair } from '../../simulators/pty-pair';

const KIOSK = join(import.meta.dirname, '..', '..', 'main', 'cli', 'kiosk.mjs');
/**
 * Vite resolves `main/cli/kiosk` to kiosk.mjs (the launcher) before kiosk.ts, so the module is
 * imported by its full file name; the type still comes from kiosk.ts.
 */
const loadKiosk = () => import(join(import.meta.dirname, '..', '..', 'main', 'cli', 'kiosk.ts')) as Promise<typeof import('../../main/cli/kiosk')>;
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  vi.unstubAllEnvs();
});

interface Finished {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function startKiosk(args: readonly string[]): { child: ChildProcess; finished: Promise<Finished>; stdout: () => string } {
  const child = spawn(process.execPath, [KIOSK, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const finished = new Promise<Finished>((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await finished;
  });
  return { child, finished, stdout: () => stdout };
}

/** The JSON error line among stderr's lines (npm may print its own warnings there too). */
function errorLine(stderr: string): unknown {
  const lines = stderr.split('\n').filter((line) => line.startsWith('{"error"'));
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!);
}

async function simulatorOnPty(): Promise<{ pty: PtyPair; sim: IdReaderSimulator }> {
  const pty = await startPtyPair();
  cleanups.push(() => pty.stop());
  const sim = new IdReaderSimulator(await openSerialPipe({ path: pty.paths[0] }), { card: 'resident-elderly' });
  cleanups.push(() => sim.close());
  return { pty, sim };
}

describe('kiosk CLI process', () => {
  it('parses `--name value`, `--name=value` and boolean flags', async () => {
    const { parseCliArgs } = await loadKiosk();
    expect(parseCliArgs(['device', 'id-reader', 'read', '--port', '/dev/pts/3', '--fingerprints', '--wait=5', '--baud', '9600'])).toEqual({
      positionals: ['device', 'id-reader', 'read'],
      values: { port: '/dev/pts/3', fingerprints: true, wait: '5', baud: '9600' },
    });
    expect(parseCliArgs(['sim', 'certificate-unit', '--fast', '--port', 'x']).values).toEqual({ fast: true, port: 'x' });
  });

  it('`device id-reader read --port PTY` prints the contract JSON and exits 0', async () => {
    const { pty } = await simulatorOnPty();
    const run = startKiosk(['device', 'id-reader', 'read', '--port', pty.paths[1], '--fingerprints']);
    const { code, stdout, stderr } = await run.finished;
    expect(stderr).not.toMatch(/"error"/);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      ...testCards['resident-elderly'].text,
      photoWlt: Buffer.from(testCards['resident-elderly'].photoWlt).toString('base64'),
      fingerprints: null,
    });
  });

  it('a wrong port exits 1 with one JSON error line on stderr and nothing on stdout', async () => {
    const run = startKiosk(['device', 'id-reader', 'read', '--port', '/dev/does-not-exist-kiosk']);
    const { code, stdout, stderr } = await run.finished;
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(errorLine(stderr)).toEqual({
      error: { code: 'open_failed', message: expect.stringContaining('/dev/does-not-exist-kiosk') },
    });
  });

  it('an unknown device is a usage error', async () => {
    const { code, stderr } = await startKiosk(['device', 'scanner', 'read']).finished;
    expect(code).toBe(1);
    expect(errorLine(stderr)).toMatchObject({ error: { code: 'usage' } });
  });

  it('`sim up` prints its port map, serves the panel, answers on the ports, and stops cleanly on SIGTERM', async () => {
    // sim up's central simulator keeps its file in the data folder: a temporary one here.
    vi.stubEnv('KIOSK_DATA_DIR', mkdtempSync(join(tmpdir(), 'sim-up-')));
    const run = startKiosk(['sim', 'up', '--card', 'foreign-2023']);
    const deadline = Date.now() + 15_000;
    while (!run.stdout().includes('\n') && Date.now() < deadline && run.child.exitCode === null) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const map = JSON.parse(run.stdout().split('\n')[0]!) as Record<string, string>;
    expect(Object.keys(map)).toEqual(['id-reader', 'printer', 'certificate-unit', 'panel', 'central']);
    for (const device of ['id-reader', 'printer', 'certificate-unit']) {
      expect(map[device]).toMatch(/^\/dev\/pts\/\d+$/);
      expect(existsSync(map[device]!)).toBe(true);
    }
    expect(map.panel).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);

    const page = await fetch(map.panel!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Tongban: simulated devices');
    const state = (await (await fetch(`${map.panel}api/state`)).json()) as { idReader: { card: string } };
    expect(state.idReader.card).toBe('foreign-2023');

    // The kiosk side reads the card the panel put there.
    const place = await fetch(`${map.panel}api/id-reader`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'place', card: 'hk-macau-taiwan' }),
    });
    expect(await place.json()).toEqual({ ok: true, message: 'card hk-macau-taiwan placed on the reader' });
    const driver = new IdReaderDriver(() => openSerialPipe({ path: map['id-reader']! }));
    const read = await driver.readCard();
    await driver.close();
    expect(read.ok && read.value.permitNumber).toBe('H00000001');

    run.child.kill('SIGTERM');
    const { code, stdout } = await run.finished;
    expect(code).toBe(0);
    const summary = JSON.parse(stdout.slice(stdout.indexOf('\n') + 1)) as Record<string, unknown>;
    expect(summary).toMatchObject({ stopped: true, idReader: { card: 'hk-macau-taiwan', fault: 'none' }, printer: { jobs: 0 } });
    // socat is gone: its ptys no longer exist.
    for (const device of ['id-reader', 'printer', 'certificate-unit']) expect(existsSync(map[device]!)).toBe(false);
  });
});
