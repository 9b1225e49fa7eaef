/**
 * The crash harness's host process: the kiosk host as a terminal runs it ("simulator mode with a
 * remote central": devices on serial ports, central over HTTP), both owned by the parent so they
 * outlive this process. `session` mode drives one session of the scenario's service (crash-services.ts) through the screen API in process
 * and, when told, kills itself with SIGKILL right after the Nth journal write; `recovery` mode
 * starts on the same data folder, lets start-up recovery finish and the outbox drain, and
 * reports what the journal holds.
 *
 * Run by the harness: `node --import tsx tests/crash/host-child.ts <spec.json>`.
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import pino from 'pino';
import { KioskConfig } from '../../kiosk-config/schema';
import { FLOW_FINAL_STATES } from '../../main/host/flows/engine/recovery';
import { FINAL_STATES } from '../../main/host/flows/session-manager';
import { type Host, startHost } from '../../main/host/host';
import { SimulatedCamera } from '../../simulators/camera/simulated-camera';
import { crashServiceOf } from './crash-services';
import type { ChildReport, ChildSpec, JournalWrite } from './protocol';

const POLL_MS = 50;
const started = Date.now();
const spec = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as ChildSpec;
const deadline = started + spec.timeoutMs;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Dies the way a power cut or an OOM kill would: no handler, no flush, no `finally`. */
function dieNow(): never {
  process.kill(process.pid, 'SIGKILL');
  // SIGKILL to oneself lands before the next instruction in practice; never run on if it does not.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5000);
  process.exit(99);
}

const logWrite = (line: JournalWrite) => appendFileSync(spec.writesFile, `${JSON.stringify(line)}\n`);

let writes = 0;
let last: { txnId: string; state: string } | undefined;
function afterFlowJournal(txnId: string, state: string): void {
  writes++;
  last = { txnId, state };
  const crashAt = spec.mode === 'session' ? spec.crashAt : undefined;
  const here = crashAt !== undefined && ('n' in crashAt ? crashAt.n === writes : crashAt.state === state);
  const afterMs = crashAt && 'afterMs' in crashAt ? crashAt.afterMs : undefined;
  if (here && afterMs !== undefined) {
    logWrite({ mode: spec.mode, n: writes, txnId, state, atMs: Date.now() });
    // While the state's effect runs: the line says which write was the last one before the end.
    setTimeout(() => {
      logWrite({ mode: spec.mode, n: writes, txnId: last!.txnId, state: last!.state, atMs: Date.now(), crash: true, afterMs });
      dieNow();
    }, afterMs);
    return;
  }
  logWrite({ mode: spec.mode, n: writes, txnId, state, atMs: Date.now(), ...(here ? { crash: true as const } : {}) });
  if (here) dieNow();
}

function fail(message: string): never {
  process.stderr.write(`crash harness child (${spec.mode}): ${message}\n`);
  process.exit(3);
}

async function until(what: string, done: () => boolean): Promise<void> {
  while (!done()) {
    if (Date.now() > deadline) fail(`timed out waiting for ${what}`);
    await sleep(POLL_MS);
  }
}

let requestId = 0;
async function call(host: Host, command: string, args: object = {}): Promise<void> {
  const reply = await host.api.handle({ kind: 'request', id: ++requestId, command, args });
  if (!reply.ok) fail(`${command} refused: ${JSON.stringify(reply)}`);
}

/** One citizen at the screen: starts the scenario's service once it is offered, then its driver takes over. */
async function driveSession(host: Host): Promise<void> {
  const service = crashServiceOf(spec.scenario);
  // The attract screen offers the service once the devices answered (the host probes them at start).
  await until(`${service.service} to be offered`, () => host.sessions.view.step === 'idle' && !host.sessions.recovering);
  for (let attempt = 0; ; attempt++) {
    const reply = await host.api.handle({ kind: 'request', id: ++requestId, command: 'startService', args: { service: service.service } });
    if (reply.ok) break;
    if (attempt >= 40 || Date.now() > deadline) fail(`startService refused: ${JSON.stringify(reply)}`);
    await sleep(250);
  }
  await service.drive({ host, call: (command, args) => call(host, command, args), until, fail, deadline }, spec.scenario);
}

function report(host: Host): ChildReport {
  const rows = host.store.db.prepare('SELECT txn_id FROM transactions ORDER BY created_at').all() as Array<{ txn_id: string }>;
  const transactions = rows.flatMap(({ txn_id }) => {
    const txn = host.journal.get(txn_id);
    return txn ? [{ txnId: txn.txnId, kind: txn.kind, state: txn.state }] : [];
  });
  const stats = host.journal.outbox.stats(Date.now());
  return {
    mode: spec.mode,
    transactions,
    unfinished: host.journal.unfinished([...FLOW_FINAL_STATES, ...FINAL_STATES]).length,
    outbox: { pending: stats.pending, deadLetters: stats.deadLetters },
    deadLetters: host.journal.outbox.deadLetters().map(({ txnId, kind, code, message }) => ({ txnId, kind, code, message })),
    quarantined: host.journal.quarantine.count(),
    ms: Date.now() - started,
  };
}

/** Nothing left to do: no flow being finished, every transaction final, every record at central. */
function settled(host: Host): boolean {
  if (host.sessions.recovering) return false;
  if (host.journal.unfinished([...FLOW_FINAL_STATES, ...FINAL_STATES]).length > 0) return false;
  return host.journal.outbox.stats(Date.now()).pending === 0;
}

async function main(): Promise<void> {
  const config = KioskConfig.parse({
    mode: 'simulator',
    kioskId: spec.kioskId,
    central: { mode: 'remote', baseUrl: spec.centralUrl, secret: spec.centralSecret },
    devices: {
      idReader: { transport: 'serial', path: spec.ports.idReader },
      printer: { transport: 'serial', path: spec.ports.printer },
      certificateUnit: { transport: 'serial', path: spec.ports.certificateUnit },
    },
    // Records go to central soon after they are queued; the heartbeat is not what is tested. The
    // payment is asked about often and a permit left in the gate is retained after 3 s (instead
    // of 30): the same paths, in the time a harness of some eighty runs can afford.
    sync: { intervalMs: 200, maxBackoffMs: 1000, heartbeatIntervalS: 3600, paymentPollMs: 100 },
    ui: { takeBackTimeoutS: 3 },
  });
  // Synchronous: every line is in the file when the process is killed.
  const log = pino({ level: 'info', base: { mode: spec.mode } }, pino.destination({ dest: spec.logFile, sync: true, append: true }));
  // No screen here: the simulated camera hands over the drawn face (the screen's camera step is tested in tests/e2e/camera*).
  const host = await startHost({ dataDir: spec.dataDir, config, afterFlowJournal, log, camera: new SimulatedCamera() });
  if (spec.mode === 'session') await driveSession(host);
  while (!settled(host) && Date.now() < deadline) await sleep(POLL_MS);
  // Written either way: a recovery that never finishes is judged by what the journal holds.
  writeFileSync(spec.reportFile, JSON.stringify(report(host)));
  if (!settled(host)) fail('timed out waiting for recovery and the outbox to finish');
  await host.stop();
  process.exit(0);
}

main().catch((error: unknown) => fail(error instanceof Error ? (error.stack ?? error.message) : String(error)));
