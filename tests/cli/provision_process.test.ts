/**
 * `npx kiosk provision` as a new user runs it: `kiosk sim up` in one process (simulators on ptys and
 * a central simulator), `kiosk sim code` for a one-time code, `kiosk provision` against them, each
 * its own process sharing one data folder. The configuration it writes then runs a host whose
 * records central accepts (signed with the sealed secret). Exit codes as documented.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost } from '../../main/host/host';
import { createLogger } from '../../main/host/log';
import { type PtyPair, startPtyPair } from '../../simulators/pty-pair';

const KIOSK = join(import.meta.dirname, '..', '..', 'main', 'cli', 'kiosk.mjs');
const dataDir = mkdtempSync(join(tmpdir(), 'provision-cli-'));
const env = { ...process.env, KIOSK_DATA_DIR: dataDir };
let simUp: ChildProcess;
let simUpExited: Promise<void>;
let ports: Record<string, string>;
let empty: PtyPair;

interface Finished {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function kiosk(args: readonly string[]): Promise<Finished> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [KIOSK, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const errorOf = (stderr: string) => JSON.parse(stderr.split('\n').find((line) => line.startsWith('{"error"'))!) as { error: { code: string; message: string } };

beforeAll(async () => {
  simUp = spawn(process.execPath, [KIOSK, 'sim', 'up'], { stdio: ['ignore', 'pipe', 'pipe'], env });
  simUpExited = new Promise((resolve) => simUp.once('exit', () => resolve()));
  let out = '';
  simUp.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const deadline = Date.now() + 20_000;
  while (!out.includes('\n') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  ports = JSON.parse(out.split('\n')[0]!) as Record<string, string>;
  empty = await startPtyPair();
}, 30_000);

afterAll(async () => {
  simUp?.kill('SIGTERM');
  await simUpExited;
  await empty?.stop();
});

describe('kiosk provision (process)', () => {
  it('provisions against sim up with a code from kiosk sim code, and the configuration runs a host central accepts', async () => {
    expect(ports.central).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const issued = await kiosk(['sim', 'code']);
    expect(issued.code).toBe(0);
    const { code } = JSON.parse(issued.stdout) as { code: string };

    const started = Date.now();
    const list = [empty.paths[1], ports.printer, ports['certificate-unit'], ports['id-reader']].join(',');
    const run = await kiosk(['provision', '--central', ports.central!, '--kiosk-id', 'GD-GZ-0101', '--code', code, '--ports', list]);
    const seconds = (Date.now() - started) / 1000;
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { kioskId: string; configFile: string; selfTest: { passed: boolean }; timingsMs: Record<string, number> };
    expect(result).toMatchObject({ kioskId: 'GD-GZ-0101', configFile: join(dataDir, 'kiosk-config.json'), selfTest: { passed: true } });
    expect(run.stderr).toContain(`${empty.paths[1]}: unknown`);
    expect(run.stderr).toContain('provisioned GD-GZ-0101');
    console.info(`provision took ${seconds.toFixed(1)} s in all (probe ${result.timingsMs.probe} ms, self-test ${result.timingsMs.selfTest} ms)`);

    // The configuration as written, started as the service would (a file required): central accepts its records.
    const config = JSON.parse(readFileSync(result.configFile, 'utf8')) as { mode: string };
    expect(config.mode).toBe('production');
    const host = await startHost({ dataDir, requireConfigFile: true, log: createLogger({ level: 'silent' }) });
    try {
      expect(host.config).toMatchObject({ mode: 'production', kioskId: 'GD-GZ-0101', central: { mode: 'remote', baseUrl: ports.central } });
      const deadline = Date.now() + 15_000;
      while (host.journal.outbox.stats(Date.now()).pending > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      const stats = host.journal.outbox.stats(Date.now());
      expect(stats).toMatchObject({ pending: 0, deadLetters: 0 });
    } finally {
      await host.stop();
    }

    // The same code again: refused, exit 4, configuration untouched.
    const before = readFileSync(result.configFile, 'utf8');
    const again = await kiosk(['provision', '--central', ports.central!, '--kiosk-id', 'GD-GZ-0101', '--code', code, '--ports', list, '--no-self-test']);
    expect(again.code).toBe(4);
    expect(errorOf(again.stderr).error.code).toBe('code_used');
    expect(readFileSync(result.configFile, 'utf8')).toBe(before);
  }, 90_000);

  it('exits 3 when a device is missing, 4 on an unknown code, 5 when central is unreachable, 2 when a flag is missing', async () => {
    const other = mkdtempSync(join(tmpdir(), 'provision-cli-other-'));
    const base = ['--kiosk-id', 'GD-GZ-0102', '--data-dir', other, '--no-self-test'];
    const missing = await kiosk(['provision', ...base, '--central', ports.central!, '--code', 'ABCD-EFGH-JKLM', '--ports', `${empty.paths[1]},${ports.printer}`]);
    expect(missing.code).toBe(3);
    expect(errorOf(missing.stderr).error).toMatchObject({ code: 'devices_missing' });
    const all = [ports.printer, ports['certificate-unit'], ports['id-reader']].join(',');
    const unknown = await kiosk(['provision', ...base, '--central', ports.central!, '--code', 'ABCD-EFGH-JKLM', '--ports', all]);
    expect(unknown.code).toBe(4);
    expect(errorOf(unknown.stderr).error.code).toBe('unknown_code');
    const down = await kiosk(['provision', ...base, '--central', 'http://127.0.0.1:9', '--code', 'ABCD-EFGH-JKLM', '--ports', all]);
    expect(down.code).toBe(5);
    expect(errorOf(down.stderr).error.code).toBe('central_unreachable');
    const usage = await kiosk(['provision', '--kiosk-id', 'GD-GZ-0102', '--ports', all]);
    expect(usage.code).toBe(2);
    expect(errorOf(usage.stderr).error.message).toMatch(/--central.*--code/);
    expect(existsSync(join(other, 'kiosk-config.json'))).toBe(false);
  }, 90_000);

  it('takes a code issued on the technician panel of sim up', async () => {
    const answer = await fetch(`${ports.panel}api/central`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'enrollment-code' }) });
    const { message } = (await answer.json()) as { message: string };
    const code = /enrolment code (\S+)/.exec(message)?.[1];
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const other = mkdtempSync(join(tmpdir(), 'provision-cli-panel-'));
    const all = [ports.printer, ports['certificate-unit'], ports['id-reader']].join(',');
    const run = await kiosk(['provision', '--central', ports.central!, '--kiosk-id', 'GD-SZ-0103', '--code', code!, '--ports', all, '--data-dir', other, '--no-self-test']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ kioskId: 'GD-SZ-0103', site: { code: '440300' }, selfTest: null });
  }, 60_000);

  it('kiosk probe says which device is on which port, and exits 3 when one is missing', async () => {
    const all = [empty.paths[1], ports['certificate-unit'], ports['id-reader'], ports.printer].join(',');
    const found = await kiosk(['probe', '--ports', all]);
    expect(found.code, found.stderr).toBe(0);
    expect(JSON.parse(found.stdout)).toMatchObject({
      devices: { idReader: { path: ports['id-reader'] }, printer: { path: ports.printer }, certificateUnit: { path: ports['certificate-unit'], identity: { addr: 0 } } },
      missing: [],
    });
    const partial = await kiosk(['probe', '--ports', empty.paths[1]]);
    expect(partial.code).toBe(3);
    expect(JSON.parse(partial.stdout)).toMatchObject({ missing: ['idReader', 'printer', 'certificateUnit'], ports: [{ outcome: 'unknown' }] });
  }, 60_000);
});
