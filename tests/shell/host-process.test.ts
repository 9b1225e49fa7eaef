import { fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildHostBundle } from '../../main/launcher/shell-build';
import { exitOnUnhandledRejection, type ParentPortLike, type ProcessEventsLike, serveHostToShell } from '../../main/shell/host-announce';
import { connectHostLink, type HostEndpoint } from '../../main/shell/host-link';
import { HOST_SERVICE_NAME } from '../../main/shell/child-process';
import { HOST_STOP_MESSAGE, superviseHostProcess } from '../../main/shell/host-process';
import { ManualClock } from '../support/manual-clock';
import { recordingLog } from './fake-electron';
import { FakeUtilityProcessModule } from './fake-utility-process';

const projectRoot = join(import.meta.dirname, '..', '..');
const ready = (port: number) => ({ kind: 'host-ready', origin: `http://127.0.0.1:${port}`, token: 'a'.repeat(32) });

function supervised() {
  const clock = new ManualClock(0);
  const utilityProcess = new FakeUtilityProcessModule();
  const forks = utilityProcess.forks;
  const endpoints: HostEndpoint[] = [];
  const log = recordingLog();
  const supervisor = superviseHostProcess({ utilityProcess, entry: '/app/dist/host/host.cjs', env: {}, clock, log, onReady: (e) => endpoints.push(e) });
  return { clock, forks, endpoints, log, supervisor };
}

describe('host process supervisor', () => {
  it('starts the host and learns its origin and token from its ready message', () => {
    const { forks, endpoints, supervisor } = supervised();
    expect(forks).toHaveLength(1);
    expect(supervisor.endpoint()).toBeNull();
    forks[0]!.emit('message', ready(4000));
    expect(endpoints).toEqual([{ origin: 'http://127.0.0.1:4000', token: 'a'.repeat(32) }]);
    expect(supervisor.endpoint()).toEqual(endpoints[0]);
  });

  it('forks the bundled host under its own service name, and logs its pid once it has one', async () => {
    const { forks, log } = supervised();
    expect(forks[0]!.modulePath).toBe('/app/dist/host/host.cjs');
    expect(forks[0]!.options?.serviceName).toBe(HOST_SERVICE_NAME);
    expect(log.lines.filter((line) => line.message === 'host process started')).toEqual([]);
    await Promise.resolve();
    const started = log.lines.find((line) => line.message === 'host process started');
    expect(started?.details).toEqual({ pid: forks[0]!.pid });
    expect(forks[0]!.pid).toEqual(expect.any(Number));
  });

  it('logs a fatal V8 error of the host instead of throwing it in the main process, then restarts the host', () => {
    const { clock, forks, log } = supervised();
    expect(() => forks[0]!.fatalError('v8::internal::Heap::FatalProcessOutOfMemory')).not.toThrow();
    expect(log.lines).toContainEqual({
      level: 'error',
      message: 'host process hit a fatal error; it will exit and be restarted',
      details: { type: 'FatalError', location: 'v8::internal::Heap::FatalProcessOutOfMemory' },
    });
    clock.advance(1_000);
    expect(forks).toHaveLength(2);
  });

  it('ignores messages that are not a well-formed ready message', () => {
    const { forks, endpoints, log } = supervised();
    forks[0]!.emit('message', { kind: 'host-ready', origin: 'http://evil.example', token: 'a'.repeat(32) });
    forks[0]!.emit('message', { kind: 'host-ready', origin: 'http://127.0.0.1:1', token: 'short' });
    forks[0]!.emit('message', 'hello');
    expect(endpoints).toEqual([]);
    expect(log.messages('warn')).toHaveLength(3);
  });

  it('restarts a host that dies, pausing longer while it keeps dying at start-up', () => {
    const { clock, forks, log } = supervised();
    forks[0]!.emit('exit', 1);
    expect(forks).toHaveLength(1);
    clock.advance(1_000);
    expect(forks).toHaveLength(2);
    forks[1]!.emit('exit', 1);
    clock.advance(1_999);
    expect(forks).toHaveLength(2);
    clock.advance(1);
    expect(forks).toHaveLength(3);
    expect(log.messages('error')).toEqual(['host process exited; restarting it', 'host process exited; restarting it']);
  });

  it('restarts at once a host that ran a long time before dying, and forgets its old endpoint', () => {
    const { clock, forks, endpoints, supervisor } = supervised();
    forks[0]!.emit('message', ready(4000));
    clock.advance(10 * 60_000);
    forks[0]!.emit('exit', 1);
    expect(supervisor.endpoint()).toBeNull();
    clock.advance(0);
    expect(forks).toHaveLength(2);
    forks[1]!.emit('message', ready(4001));
    expect(endpoints.map((e) => e.origin)).toEqual(['http://127.0.0.1:4000', 'http://127.0.0.1:4001']);
  });

  it('stops the host by asking, and kills it when it does not answer', async () => {
    const asked = supervised();
    const stopping = asked.supervisor.stop(10_000);
    expect(asked.forks[0]!.posted).toEqual([HOST_STOP_MESSAGE]);
    asked.forks[0]!.emit('exit', 0);
    await stopping;
    asked.clock.advance(120_000);
    expect(asked.forks).toHaveLength(1);
    expect(asked.forks[0]!.killed).toBe(false);

    const stuck = supervised();
    const killing = stuck.supervisor.stop(10_000);
    stuck.clock.advance(10_000);
    await killing;
    expect(stuck.forks[0]!.killed).toBe(true);
  });
});

describe('host announcement (utility process side)', () => {
  it('announces the endpoint and stops on request', async () => {
    const port = new EventEmitter() as EventEmitter & ParentPortLike;
    const posted: unknown[] = [];
    port.postMessage = (message: unknown) => void posted.push(message);
    let stopped = 0;
    let exitCode: number | null = null;
    await serveHostToShell(port, {
      start: async () => ({ origin: 'http://127.0.0.1:5000', token: 'b'.repeat(32), stop: async () => void stopped++ }),
      exit: (code) => (exitCode = code),
    });
    expect(posted).toEqual([{ kind: 'host-ready', origin: 'http://127.0.0.1:5000', token: 'b'.repeat(32) }]);
    port.emit('message', { data: { kind: 'other' } });
    port.emit('message', { data: null });
    expect(stopped).toBe(0);
    port.emit('message', { data: HOST_STOP_MESSAGE });
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(1);
    expect(exitCode).toBe(0);
  });
});

describe('unhandled rejections in the host', () => {
  it('exit the host with code 1 and log why', () => {
    const events = new EventEmitter();
    const log = recordingLog();
    const exits: number[] = [];
    exitOnUnhandledRejection(events as EventEmitter & ProcessEventsLike, log, (code) => exits.push(code));
    events.emit('unhandledRejection', new Error('half-broken'));
    expect(exits).toEqual([1]);
    expect(log.messages('error')).toEqual(['unhandled promise rejection in the host; exiting so that it is restarted']);
  });
});

describe('the bundled host (dist/host/host.cjs) under plain Node', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-host-bundle-'));
  const shim = join(dataDir, 'parent-port-shim.cjs');
  // Electron gives a utility process `process.parentPort`; over Node's IPC channel this shim does the same.
  writeFileSync(
    shim,
    "const { EventEmitter } = require('node:events'); const port = new EventEmitter(); port.postMessage = (m) => process.send(m); process.on('message', (m) => port.emit('message', { data: m })); process.parentPort = port;\n",
  );
  let child: ReturnType<typeof fork> | undefined;
  afterAll(() => {
    child?.kill('SIGKILL');
  });

  it('starts without a configuration file on the first-boot screen, out of service for citizens, answers the API through the host link, and stops when asked', async () => {
    await buildHostBundle(projectRoot);
    child = fork(join(projectRoot, 'dist', 'host', 'host.cjs'), [], {
      execArgv: ['-r', shim],
      env: { ...process.env, KIOSK_DATA_DIR: dataDir, KIOSK_LOG_LEVEL: 'silent', KIOSK_CONFIG: '' },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    const running = child;
    const announced = await new Promise<HostEndpoint>((resolve, reject) => {
      running.once('message', (message) => resolve(message as HostEndpoint));
      running.once('exit', (code) => reject(new Error(`host exited early with ${code}`)));
    });
    expect(announced).toMatchObject({ kind: 'host-ready', origin: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
    const link = connectHostLink({ origin: announced.origin, token: announced.token });
    const answer = await link.request({ kind: 'request', id: 41, command: 'getSession', args: {} });
    expect(answer).toEqual({ kind: 'response', id: 41, ok: true, result: { step: 'idle' } });
    // No configuration file in the data folder: the packaged kiosk does not fall back to
    // simulators; it waits for field staff to provision it and refuses every citizen's session.
    const kiosk = await link.request({ kind: 'request', id: 42, command: 'getKiosk', args: {} });
    expect(kiosk).toMatchObject({ ok: true, result: { outOfService: true } });
    const start = await link.request({ kind: 'request', id: 43, command: 'startService', args: { service: 'id-reissue' } });
    expect(start).toMatchObject({ ok: false, error: { code: 'refused', messageKey: 'provisioning.notProvisioned' } });
    const exited = new Promise<number | null>((resolve) => running.once('exit', (code) => resolve(code)));
    running.send(HOST_STOP_MESSAGE);
    expect(await exited).toBe(0);
  }, 60_000);

  it('dies on an unhandled rejection even where rejections only warn, as in an Electron 37+ utility process', async () => {
    await buildHostBundle(projectRoot);
    const rejectShim = join(dataDir, 'reject-after-ready.cjs');
    // Once the host has announced itself, something in it rejects a promise nobody handles.
    writeFileSync(
      rejectShim,
      "const port = process.parentPort; const post = port.postMessage; port.postMessage = (m) => { post(m); setTimeout(() => { Promise.reject(new Error('half-broken')); }, 10); };\n",
    );
    const rejecting = fork(join(projectRoot, 'dist', 'host', 'host.cjs'), [], {
      // Node's `warn` mode is what Electron 37+ does in a utility process (docs/breaking-changes.md).
      execArgv: ['--unhandled-rejections=warn', '-r', shim, '-r', rejectShim],
      env: { ...process.env, KIOSK_DATA_DIR: mkdtempSync(join(tmpdir(), 'kiosk-host-reject-')), KIOSK_LOG_LEVEL: 'silent', KIOSK_CONFIG: '' },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    child = rejecting;
    const code = await new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the host kept running after an unhandled rejection')), 30_000);
      rejecting.once('exit', (exitCode) => {
        clearTimeout(timer);
        resolve(exitCode);
      });
    });
    expect(code).toBe(1);
  }, 60_000);
});
