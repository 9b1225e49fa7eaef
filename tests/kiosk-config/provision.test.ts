/**
 * Provisioning in process, against the simulators as `kiosk sim up` runs them (ptys) and a central
 * simulator on a local port: the configuration written, the secret sealed, the self-test and its
 * audit record; enrolment with a used code, an unknown code and central out of reach; a terminal
 * with a device missing keeps its code; provisioning again keeps the journal and the outbox.
 */
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../kiosk-config/load';
import type { PortCandidate } from '../../kiosk-config/probe/candidates';
import { readCentralSecret } from '../../kiosk-config/provision/central-secret';
import { ProvisionError, provision } from '../../kiosk-config/provision/provision';
import { CentralApi } from '../../main/host/central/central-api';
import { createLogger } from '../../main/host/log';
import { openStore } from '../../main/host/store/open-store';
import { CentralClient } from '../../main/host/sync/central-client';
import { type RunningSimulators, startSimulators } from '../../main/cli/sim-up';
import { ZERO_TIMING } from '../../simulators/certificate-unit/simulator';
import { CentralSimulator } from '../../simulators/central/server';
import { renderText } from '../../simulators/printer/index';
import { type PtyPair, startPtyPair } from '../../simulators/pty-pair';

let sims: RunningSimulators;
let empty: PtyPair;
let central: CentralSimulator;
let centralUrl: string;
const log = createLogger({ level: 'silent' });

const serial = (path: string): PortCandidate => ({ path, transport: 'serial', source: 'given' });
const allPorts = (): PortCandidate[] =>
  [empty.paths[1], sims.ports['certificate-unit'], sims.ports.printer, sims.ports['id-reader']].map(serial);
const freshDataDir = () => mkdtempSync(join(tmpdir(), 'provision-'));

beforeAll(async () => {
  sims = await startSimulators({ card: 'resident', certificateUnitTiming: ZERO_TIMING });
  empty = await startPtyPair();
  central = new CentralSimulator({ dbFile: ':memory:', secrets: {} });
  centralUrl = await central.start();
}, 20_000);

afterAll(async () => {
  await central?.stop();
  await sims?.stop();
  await empty?.stop();
});

async function failureOf(promise: Promise<unknown>): Promise<ProvisionError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ProvisionError);
  return error as ProvisionError;
}

describe('provisioning a terminal', () => {
  it('finds the devices, enrols, seals the secret, writes a production configuration that loads, and self-tests', async () => {
    const dataDir = freshDataDir();
    const code = central.issueEnrollmentCode();
    const jobsBefore = sims.devices.printer.jobs.length;
    const stages: string[] = [];
    const result = await provision({
      dataDir,
      centralUrl,
      kioskId: 'GD-SZ-0042',
      code: code.toLowerCase().replaceAll('-', ' '),
      candidates: allPorts(),
      env: {},
      log,
      onProgress: (event) => {
        if (event.kind === 'stage') stages.push(event.stage);
      },
    });
    expect(stages).toEqual(['probing', 'enrolling', 'writing-config', 'self-test']);
    expect(result).toMatchObject({
      kioskId: 'GD-SZ-0042',
      site: { code: '440300' },
      services: ['hk-macau-endorsement', 'id-reissue', 'certificate-pickup', 'certificate-reprint'],
      reprovisioned: false,
      configFile: join(dataDir, 'kiosk-config.json'),
    });

    // The file loads as a production configuration, with the devices where the probe found them.
    const loaded = loadConfig(dataDir, {}, { requireFile: true });
    expect(loaded.config).toMatchObject({
      mode: 'production',
      kioskId: 'GD-SZ-0042',
      site: { code: '440300' },
      central: { mode: 'remote', baseUrl: centralUrl, secretFile: 'central-secret.sealed' },
      devices: {
        idReader: { transport: 'serial', path: sims.ports['id-reader'] },
        printer: { transport: 'serial', path: sims.ports.printer },
        certificateUnit: { transport: 'serial', path: sims.ports['certificate-unit'], addr: 0 },
      },
    });

    // The secret: sealed, 0600, not in clear anywhere in the data folder's files, and the one central holds.
    const secret = readCentralSecret(dataDir, 'central-secret.sealed', 'GD-SZ-0042');
    expect(Buffer.from(secret, 'base64')).toHaveLength(32);
    expect(statSync(result.secretFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(result.secretFile).includes(Buffer.from(secret))).toBe(false);
    expect(readFileSync(result.configFile, 'utf8')).not.toContain(secret);
    expect(() => readCentralSecret(dataDir, 'central-secret.sealed', 'GD-GZ-0001')).toThrow(/does not open/);
    const api = new CentralApi(new CentralClient({ baseUrl: centralUrl, kioskId: 'GD-SZ-0042', secret }));
    expect((await api.kioskStaff()).ok).toBe(true);

    // Self-test: card read (masked), unit initialised with its magazine counted, slip printed, camera honestly not tested.
    const report = result.selfTest!;
    expect(report.passed).toBe(true);
    expect(report.checks.idReader).toMatchObject({ result: 'passed', cardType: 'resident-id' });
    expect(String(report.checks.idReader.idNumber)).toMatch(/\*/);
    expect(report.checks.certificateUnit).toMatchObject({ result: 'passed', firmware: 'CRT591-TB-SIM 1.0' });
    expect(report.checks.certificateUnit.magazine).toMatchObject({ slots: expect.any(Number) });
    expect(report.checks.printer.result).toBe('passed');
    // No page here, so no frame: the V4L2 nodes are looked at (none on a test machine) and the camera stays not tested.
    expect(report.checks.camera.result).toBe('not-tested');
    expect(report.checks.camera.detail).toContain('first-boot screen');
    const jobs = sims.devices.printer.jobs.slice(jobsBefore);
    expect(jobs).toHaveLength(1);
    const slip = renderText(jobs[0]!.document);
    expect(slip).toContain('GD-SZ-0042');
    expect(slip).toContain(sims.ports.printer);
    expect(slip).toContain('CRT591-TB-SIM 1.0');
    expect(slip).toContain('Camera: (not-tested)');

    // The report waits in the outbox as an audit record, sealed like every record.
    const store = openStore({ dataDir, log });
    try {
      const due = store.journal.outbox.due(Date.now() + 1000, 10);
      expect(due).toHaveLength(1);
      expect(due[0]).toMatchObject({ seq: result.auditSeq, kind: 'audit', payload: { action: 'self-test', report: { passed: true, kioskId: 'GD-SZ-0042' } } });
    } finally {
      store.close();
    }
  }, 60_000);

  it('refuses a used code and an unknown code, and says when central cannot be reached, leaving no configuration', async () => {
    const dataDir = freshDataDir();
    const code = central.issueEnrollmentCode();
    const base = { dataDir, centralUrl, kioskId: 'GD-GZ-0007', candidates: allPorts(), selfTest: false, env: {}, log };
    await provision({ ...base, code });
    const configAfterFirst = readFileSync(join(dataDir, 'kiosk-config.json'), 'utf8');

    const used = await failureOf(provision({ ...base, code }));
    expect(used.code).toBe('code_used');
    expect(used.message).toMatch(/used before/);
    const unknown = await failureOf(provision({ ...base, code: 'ABCD-EFGH-JKLM' }));
    expect(unknown.code).toBe('unknown_code');
    // The configuration of the first enrolment is untouched by the refused ones.
    expect(readFileSync(join(dataDir, 'kiosk-config.json'), 'utf8')).toBe(configAfterFirst);

    const elsewhere = freshDataDir();
    const closed = new CentralSimulator({ dbFile: ':memory:', secrets: {} });
    const closedUrl = await closed.start();
    await closed.stop();
    const unreachable = await failureOf(provision({ ...base, dataDir: elsewhere, centralUrl: closedUrl, code: central.issueEnrollmentCode() }));
    expect(unreachable.code).toBe('central_unreachable');
    expect(existsSync(join(elsewhere, 'kiosk-config.json'))).toBe(false);

    const typo = await failureOf(provision({ ...base, code: 'ABC' }));
    expect(typo.code).toBe('invalid_input');
  }, 60_000);

  it('keeps the enrolment code when a device is missing', async () => {
    const dataDir = freshDataDir();
    const code = central.issueEnrollmentCode();
    const missing = await failureOf(
      provision({ dataDir, centralUrl, kioskId: 'GD-GZ-0008', code, candidates: [serial(empty.paths[1]), serial(sims.ports.printer)], env: {}, log }),
    );
    expect(missing.code).toBe('devices_missing');
    expect(missing.message).toMatch(/ID reader.*certificate unit/);
    expect(missing.probe?.devices.printer?.path).toBe(sims.ports.printer);
    expect(existsSync(join(dataDir, 'kiosk-config.json'))).toBe(false);
    // The same code still enrols once the devices are there.
    const result = await provision({ dataDir, centralUrl, kioskId: 'GD-GZ-0008', code, candidates: allPorts(), selfTest: false, env: {}, log });
    expect(result.kioskId).toBe('GD-GZ-0008');
  }, 60_000);

  it('provisioned again keeps the journal, the outbox and the settings a person made', async () => {
    const dataDir = freshDataDir();
    const base = { dataDir, centralUrl, kioskId: 'GD-ZH-0003', candidates: allPorts(), env: {}, log };
    const first = await provision({ ...base, code: central.issueEnrollmentCode() });
    const file = join(dataDir, 'kiosk-config.json');
    const edited = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...edited, ui: { stepTimeoutS: 90, defaultLanguage: 'en' } }));
    const firstSecret = readCentralSecret(dataDir, 'central-secret.sealed', 'GD-ZH-0003');

    const second = await provision({ ...base, code: central.issueEnrollmentCode() });
    expect(second.reprovisioned).toBe(true);
    expect(second.auditSeq).toBe(first.auditSeq! + 1);
    const loaded = loadConfig(dataDir, {}, { requireFile: true }).config;
    expect(loaded.ui).toMatchObject({ stepTimeoutS: 90, defaultLanguage: 'en' });
    // A new enrolment gives a new secret; the old one no longer signs.
    expect(readCentralSecret(dataDir, 'central-secret.sealed', 'GD-ZH-0003')).not.toBe(firstSecret);
    const store = openStore({ dataDir, log });
    try {
      const due = store.journal.outbox.due(Date.now() + 1000, 10);
      expect(due.map((record) => record.seq)).toEqual([first.auditSeq, second.auditSeq]);
    } finally {
      store.close();
    }
  }, 60_000);
});
