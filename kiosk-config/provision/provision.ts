/**
 * Provisioning a terminal, the one module behind both `npx kiosk provision` and the first-boot
 * screen: probe the ports, enrol with central on a one-time code, seal central's secret, write the
 * production configuration, run the self-test and queue its report as an `audit` record. The
 * probe comes first, so a terminal with a device missing does not spend its enrolment code.
 * Provisioning again (a replaced device, a new code) keeps the journal and the outbox: the data
 * folder's database is only opened, never replaced.
 */
import { randomUUID } from 'node:crypto';
import { type Clock, systemClock } from '../../drivers/common/clock';
import type { Enrollment } from '../../main/host/central/central-schemas';
import { closeDevices, createDevices } from '../../main/host/devices';
import { createLogger, type Logger } from '../../main/host/log';
import { openStore, type Store } from '../../main/host/store/open-store';
import type { CentralClientOptions } from '../../main/host/sync/central-client';
import { configFileOf } from '../load';
import { findCandidates, type PortCandidate } from '../probe/candidates';
import { type DeviceName, type ProbeProgress, type ProbeReport, probePorts } from '../probe/probe';
import { KioskConfig } from '../schema';
import type { CameraCheck } from './camera-check';
import { storeCentralSecret } from './central-secret';
import { writeProvisionedConfig } from './config-writer';
import { checkEnrolInput, enrol } from './enrol';
import { runSelfTest, type SelfTestReport } from './self-test';

export type ProvisionFailureCode = 'devices_missing' | 'code_used' | 'unknown_code' | 'central_unreachable' | 'refused' | 'bad_reply' | 'invalid_input';

export class ProvisionError extends Error {
  override readonly name = 'ProvisionError';
  constructor(
    readonly code: ProvisionFailureCode,
    message: string,
    /** The probe's findings, when it ran (a device missing says which ports were tried). */
    readonly probe?: ProbeReport,
  ) {
    super(message);
  }
}

export type ProvisionStage = 'probing' | 'enrolling' | 'writing-config' | 'self-test';

export type ProvisionProgress = { readonly kind: 'stage'; readonly stage: ProvisionStage } | { readonly kind: 'probe'; readonly event: ProbeProgress };

export interface ProvisionInput {
  readonly dataDir: string;
  readonly centralUrl: string;
  readonly kioskId: string;
  readonly code: string;
  /** Ports to probe; by default what findCandidates lists (with /dev/pts when `includePts`). */
  readonly candidates?: readonly PortCandidate[];
  readonly includePts?: boolean;
  /** Run the self-test after writing the configuration (default true). */
  readonly selfTest?: boolean;
  /** The self-test's camera check (the first-boot screen's frame); by default the V4L2 nodes only. */
  readonly camera?: CameraCheck;
  readonly env?: NodeJS.ProcessEnv;
  readonly clock?: Clock;
  readonly fetch?: CentralClientOptions['fetch'];
  readonly log?: Logger;
  readonly onProgress?: (event: ProvisionProgress) => void;
  readonly signal?: AbortSignal;
}

export interface ProvisionResult {
  readonly kioskId: string;
  readonly site: Enrollment['site'];
  readonly services: readonly string[];
  readonly unknownServices: readonly string[];
  readonly configFile: string;
  readonly secretFile: string;
  /** A configuration was there before and was replaced; the journal and outbox were kept. */
  readonly reprovisioned: boolean;
  readonly previousSettingsDropped: boolean;
  readonly devices: ProbeReport['devices'];
  readonly probe: { readonly ports: ProbeReport['ports']; readonly durationMs: number };
  readonly selfTest: SelfTestReport | null;
  /** Outbox seq of the self-test's audit record. */
  readonly auditSeq: number | null;
  readonly timingsMs: Readonly<Record<'probe' | 'enrol' | 'selfTest' | 'total', number>>;
}

const DEVICE_WORDS: Readonly<Record<DeviceName, string>> = {
  idReader: 'ID reader (GA 467)',
  printer: 'receipt printer (ESC/POS)',
  certificateUnit: 'certificate unit',
};

function hardwareOf(report: ProbeReport): Record<string, unknown> {
  const { idReader, printer, certificateUnit } = report.devices;
  return {
    idReader: idReader ? { port: idReader.path, transport: idReader.transport, samId: idReader.identity.samId } : null,
    printer: printer ? { port: printer.path } : null,
    certificateUnit: certificateUnit ? { port: certificateUnit.path, addr: certificateUnit.identity.addr } : null,
  };
}

export async function provision(input: ProvisionInput): Promise<ProvisionResult> {
  const clock = input.clock ?? systemClock;
  const started = clock.now();
  const stage = (name: ProvisionStage) => input.onProgress?.({ kind: 'stage', stage: name });
  try {
    checkEnrolInput(input);
  } catch (error) {
    throw new ProvisionError('invalid_input', (error as Error).message);
  }

  stage('probing');
  const candidates = input.candidates ?? (await findCandidates({ includePts: input.includePts ?? false }));
  const probe = await probePorts(candidates, {
    clock,
    onProgress: (event) => input.onProgress?.({ kind: 'probe', event }),
    ...(input.signal ? { signal: input.signal } : {}),
  });
  const probed = clock.now();
  if (probe.missing.length > 0) {
    const names = probe.missing.map((device) => DEVICE_WORDS[device]).join(', ');
    throw new ProvisionError('devices_missing', `not found on any of ${candidates.length} port(s): ${names}. The enrolment code was not used.`, probe);
  }

  // The store first (it makes the data key of a new terminal, or checks the keys of one in use):
  // a data folder that cannot take the secret fails before the one-time code is spent.
  const log = input.log ?? createLogger({ level: 'warn' });
  const store = openStore({ dataDir: input.dataDir, log, now: () => clock.now() });
  try {
    return await enrolAndWrite(input, probe, store, clock, { started, probed });
  } finally {
    store.close();
  }
}

async function enrolAndWrite(
  input: ProvisionInput,
  probe: ProbeReport,
  store: Store,
  clock: Clock,
  times: { readonly started: number; readonly probed: number },
): Promise<ProvisionResult> {
  const stage = (name: ProvisionStage) => input.onProgress?.({ kind: 'stage', stage: name });
  stage('enrolling');
  let enrolment: Enrollment;
  try {
    enrolment = await enrol({ centralUrl: input.centralUrl, code: input.code, kioskId: input.kioskId, hardware: hardwareOf(probe), ...(input.fetch ? { fetch: input.fetch } : {}) });
  } catch (error) {
    const code = (error as { code?: ProvisionFailureCode }).code;
    throw new ProvisionError(code ?? 'refused', (error as Error).message, probe);
  }
  const enrolled = clock.now();

  stage('writing-config');
  // The secret is sealed with the store's data key; the journal and the outbox stay as they are.
  const secretFile = storeCentralSecret(input.dataDir, enrolment.kioskId, enrolment.secret);
  const written = writeProvisionedConfig(configFileOf(input.dataDir, input.env ?? process.env), input.centralUrl, enrolment, probe.devices);

  let selfTest: SelfTestReport | null = null;
  let auditSeq: number | null = null;
  if (input.selfTest ?? true) {
    stage('self-test');
    const config = KioskConfig.parse(written.config);
    const { devices } = createDevices(config.devices);
    try {
      selfTest = await runSelfTest({
        kioskId: enrolment.kioskId,
        devices,
        ports: { idReader: probe.devices.idReader!.path, printer: probe.devices.printer!.path, certificateUnit: probe.devices.certificateUnit!.path },
        clock,
        ...(input.camera ? { camera: input.camera } : {}),
      });
    } finally {
      await closeDevices(devices);
    }
    const report = selfTest;
    // Central hears of it with the kiosk's first sync (the record waits in the outbox).
    auditSeq = store.db.transaction(() =>
      store.journal.outbox.enqueue({ txnId: randomUUID(), kind: 'audit', occurredAt: report.at, payload: { action: 'self-test', report } }),
    )();
  }
  const finished = clock.now();
  return {
    kioskId: enrolment.kioskId,
    site: enrolment.site,
    services: written.config.services ?? [],
    unknownServices: written.unknownServices,
    configFile: written.file,
    secretFile,
    reprovisioned: written.replaced,
    previousSettingsDropped: written.previousSettingsDropped,
    devices: probe.devices,
    probe: { ports: probe.ports, durationMs: probe.durationMs },
    selfTest,
    auditSeq,
    timingsMs: { probe: times.probed - times.started, enrol: enrolled - times.probed, selfTest: finished - enrolled, total: finished - times.started },
  };
}
