/**
 * The crash harness (issue 8): runs a service (the HK/Macau endorsement, the ID card reissue; see
 * crash-services.ts) in a host child process against
 * device simulators on ptys and a central simulator, both owned by this (parent) process so they
 * outlive the host as on a real terminal; kills the host with SIGKILL at a chosen point, starts
 * it again on the same data folder, and judges what recovery made of it (checks.ts).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulators } from '../../main/cli/sim-up';
import { CentralSimulator } from '../../simulators/central/server';
import type { SimulatorTiming } from '../../simulators/certificate-unit/timing';
import { CentralTap } from './central-tap';
import { judge, type Verdict } from './checks';
import type { World } from './crash-service';
import { crashServiceOf } from './crash-services';
import type { ChildReport, ChildSpec, CrashPoint, JournalWrite, Scenario } from './protocol';

const KIOSK_ID = 'GD-GZ-0001';
const CHILD_ENTRY = join(import.meta.dirname, 'host-child.ts');
/** The simulated payer pays this long after the payment was created (auto-pay, in every scenario but `cancel`). */
const AUTO_PAY_MS = 300;
/**
 * The certificate unit moves about twenty times faster than the hardware (timing.ts), in the same
 * order of magnitude as the serial link: the order of events is kept, the minutes are not.
 */
const FAST_UNIT: SimulatorTiming = { ackDelayMs: 2, status: 2, init: 40, move: 20, rf: 10, print: 60, dispense: 40 };
/** Longest a child may take for its part before the harness kills it and calls the run failed. */
const CHILD_TIMEOUT_MS = 60_000;

export interface RunResult extends Verdict {
  readonly scenario: Scenario;
  /** The last journal write before the host was killed (1-based), or null for an uncrashed run. */
  readonly crashAt: number | null;
  /** When, from that write: right after it, `+N ms` while its state's effect ran, or at a device or central event. */
  readonly at: string | null;
  /** The state journaled by that write. */
  readonly state: string | null;
  /** The states of the session child's journal writes, in order. */
  readonly writes: readonly JournalWrite[];
  /** The run could not be carried out as planned (a child failed or hung, the crash never came); see problems. */
  readonly harnessErrors: number;
  readonly ms: number;
  /** Kept when the run found something: the child logs, journal and central database. */
  readonly runDir: string | null;
}

export interface RunOptions {
  readonly scenario: Scenario;
  /** Omitted: an uncrashed run (to count the journal writes, and as a baseline). */
  readonly crashAt?: CrashPoint;
  /** Keep the run's folder even when nothing was found. */
  readonly keep?: boolean;
}

interface ChildExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  readonly stderr: string;
}

interface RunningChild {
  readonly process: ChildProcess;
  readonly exited: Promise<ChildExit>;
}

function startChild(spec: ChildSpec, specFile: string): RunningChild {
  writeFileSync(specFile, JSON.stringify(spec));
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD_ENTRY, specFile], {
    stdio: ['ignore', 'ignore', 'pipe'],
    // Whatever the parent runs under (vitest's workers), the child is a plain Node process.
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  const exited = new Promise<ChildExit>((resolve) => {
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-8000);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, CHILD_TIMEOUT_MS);
    child.once('error', (error) => {
      stderr += `\n${error.message}`;
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, timedOut, stderr: stderr.trim() });
    });
  });
  return { process: child, exited };
}

const readLines = (file: string): JournalWrite[] =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as JournalWrite)
    : [];

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** One run: fresh simulators, central and data folder; the session, a crash if asked, the recovery, the verdict. */
export async function runOnce(options: RunOptions): Promise<RunResult> {
  const started = Date.now();
  const { scenario, crashAt } = options;
  const runDir = mkdtempSync(join(tmpdir(), `crash-${scenario}-`));
  const dataDir = join(runDir, 'kiosk');
  // A terminal's data folder exists before the host starts (the package creates it); the host's
  // storage health reads its free space before anything is written there.
  mkdirSync(dataDir);
  const writesFile = join(runDir, 'journal-writes.ndjson');
  const harnessProblems: string[] = [];
  const secret = randomBytes(32).toString('base64');
  const sims = await startSimulators({ card: 'resident', certificateUnitTiming: FAST_UNIT });
  const service = crashServiceOf(scenario);
  const central = new CentralSimulator({
    dbFile: join(runDir, 'central.sqlite'),
    secrets: { [KIOSK_ID]: secret },
    settings: { autoPay: service.autoPay(scenario), autoPayAfterMs: AUTO_PAY_MS },
  });
  const world: World = { kioskId: KIOSK_ID, unit: sims.devices.certificateUnit, printer: sims.devices.printer, central };
  const offWorld: Array<() => void> = [];
  // The host talks to central through the tap, which can keep one answer from it (central-tap.ts).
  const tap = new CentralTap(await central.start());
  let keepDir = options.keep === true;
  try {
    const centralUrl = await tap.start();
    offWorld.push(service.setUp(world, scenario));

    const base = {
      scenario,
      dataDir,
      kioskId: KIOSK_ID,
      centralUrl,
      centralSecret: secret,
      ports: { idReader: sims.ports['id-reader'], printer: sims.ports.printer, certificateUnit: sims.ports['certificate-unit'] },
      writesFile,
      logFile: join(runDir, 'host.log'),
      timeoutMs: CHILD_TIMEOUT_MS - 5000,
    } as const;
    const sessionReport = join(runDir, 'session-report.json');
    const childCrash = crashAt && ('n' in crashAt || 'state' in crashAt) ? crashAt : undefined;
    const session = startChild({ ...base, mode: 'session', reportFile: sessionReport, ...(childCrash ? { crashAt: childCrash } : {}) }, join(runDir, 'session.json'));

    // A device or central event: the host dies the moment it happened, before the answer reaches the host.
    let killedAfter: JournalWrite | undefined;
    const kill = () => {
      if (killedAfter) return;
      session.process.kill('SIGKILL');
      killedAfter = readLines(writesFile).filter((w) => w.mode === 'session').at(-1) ?? { mode: 'session', n: 0, txnId: '', state: 'none', atMs: Date.now() };
    };
    if (crashAt && 'device' in crashAt) offWorld.push(service.watchDevice(world, crashAt.device, kill));
    if (crashAt && 'central' in crashAt) tap.arm(crashAt.central, kill);
    const sessionExit = await session.exited;
    tap.disarm();
    const crashed = sessionExit.signal === 'SIGKILL' && !sessionExit.timedOut;
    let reportFile = sessionReport;
    if (sessionExit.timedOut) harnessProblems.push(`the session child hung (killed after ${CHILD_TIMEOUT_MS} ms): ${sessionExit.stderr}`);
    else if (!crashed && sessionExit.code !== 0) harnessProblems.push(`the session child failed (exit ${sessionExit.code}): ${sessionExit.stderr}`);
    else if (!crashed && crashAt) harnessProblems.push(`the session ended before crash point ${JSON.stringify(crashAt)}`);
    if (crashed) {
      reportFile = join(runDir, 'recovery-report.json');
      const recovery = await startChild({ ...base, mode: 'recovery', reportFile }, join(runDir, 'recovery.json')).exited;
      if (recovery.code !== 0) harnessProblems.push(`the recovery child failed (${recovery.timedOut ? 'hung' : `exit ${recovery.code ?? recovery.signal}`}): ${recovery.stderr}`);
    }
    // A payment left open is paid by the simulated payer after AUTO_PAY_MS: give it the time to.
    await sleep(AUTO_PAY_MS + 200);

    const lines = readLines(writesFile).filter((w) => w.mode === 'session');
    // A crash `afterMs` after a write repeats that write's line with the mark; it is not a write of its own.
    const writes = lines.filter((w) => !(w.crash && w.afterMs !== undefined));
    const marked = lines.find((w) => w.crash);
    const crashLine = killedAfter ?? marked;
    const parentEvent = crashAt && 'device' in crashAt ? crashAt.device : crashAt && 'central' in crashAt ? crashAt.central : undefined;
    const at = !crashed || !crashLine ? null : killedAfter && parentEvent ? parentEvent : marked?.afterMs !== undefined ? `+${marked.afterMs}ms` : 'write';
    const report = existsSync(reportFile) ? (JSON.parse(readFileSync(reportFile, 'utf8')) as ChildReport) : undefined;
    const facts = service.gather(world);
    const verdict = judge(
      {
        txnIds: [...new Set(writes.map((w) => w.txnId))],
        report,
        records: central.store.records(KIOSK_ID),
        payments: central.payments(100).filter((p) => p.kioskId === KIOSK_ID),
      },
      { recordKind: service.recordKind, check: (records, txnIds) => service.check(facts, records, txnIds) },
    );
    const harnessErrors = harnessProblems.length;
    const found = harnessErrors + verdict.lost + verdict.duplicates + verdict.doubleCharges + verdict.permitsUnaccounted + verdict.mismatches;
    keepDir ||= found > 0;
    return {
      ...verdict,
      problems: [...harnessProblems, ...verdict.problems],
      scenario,
      crashAt: crashed && crashLine ? crashLine.n : null,
      at,
      state: crashed && crashLine ? crashLine.state : null,
      writes,
      harnessErrors,
      ms: Date.now() - started,
      runDir: keepDir ? runDir : null,
    };
  } finally {
    for (const off of offWorld) off();
    await tap.stop();
    await central.stop();
    await sims.stop();
    // Kept when something was found (the caller prints where), or when asked; otherwise tidied away.
    if (!keepDir) rmSync(runDir, { recursive: true, force: true });
  }
}
