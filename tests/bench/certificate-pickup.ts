/**
 * Host time per certificate pickup: the ID number keyed in (18 keys and confirm, each a journal
 * write), face, identity, the kiosk's certificate list matched by hash, the magazine inventory,
 * the dispense, the hand-over to a citizen who takes at once, the record. Device motion at zero,
 * no think time. The waiting certificate is handed out once per central, so each run is a fresh
 * kiosk (data folder, central, unit); only the pickup itself is timed. CPU of the whole process
 * (the simulators and central run in it too) is an upper bound on host time. Baseline in the same
 * run: one signed central round trip (GET /kiosks/{id}/certificates). Goal: <= 200 ms per pickup.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { CertificateUnitDriver } from '../../drivers/certificate-unit/driver';
import { systemClock } from '../../drivers/common/clock';
import { simulatorConfig } from '../../kiosk-config/schema';
import { CentralApi } from '../../main/host/central/central-api';
import { createDevices } from '../../main/host/devices';
import { embeddedCentralSecret } from '../../main/host/embedded-central';
import { type Host, startHost } from '../../main/host/host';
import { CentralClient } from '../../main/host/sync/central-client';
import { SimulatedCamera } from '../../simulators/camera/simulated-camera';
import { simulatedCertificateUnitOpener } from '../../simulators/certificate-unit/simulated-opener';
import { CertificateUnitSimulator, ZERO_TIMING } from '../../simulators/certificate-unit/simulator';
import { CooperativeCitizen } from '../../simulators/citizen/cooperative-citizen';
import { testCards } from '../../simulators/id-reader/test-cards';
import { medianAndP95, percentile, round, runIfMain, sorted } from './stats';

const RUNS = 8;
const WARMUP = 1;
const HOLDER = testCards['resident-elderly'].text.idNumber;

interface Kiosk {
  readonly host: Host;
  readonly dataDir: string;
  close(): Promise<void>;
}

async function freshKiosk(): Promise<Kiosk> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-pickup-'));
  const unit = new CertificateUnitSimulator({ timing: ZERO_TIMING });
  const config = simulatorConfig({ sync: { heartbeatIntervalS: 3600 } });
  const devices = { ...createDevices(config.devices).devices, certificateUnit: new CertificateUnitDriver(simulatedCertificateUnitOpener(unit), 0, { timeouts: { pollIntervalMs: 20 } }) };
  const host = await startHost({ dataDir, config, devices, camera: new SimulatedCamera(0), log: pino({ level: 'silent' }) });
  const citizen = new CooperativeCitizen(unit, { clock: systemClock, takeAfterMs: 0 });
  citizen.start();
  return {
    host,
    dataDir,
    async close() {
      citizen.stop();
      await host.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function pickUpOnce(host: Host): Promise<{ readonly wallMs: number; readonly cpuMs: number; readonly writes: number }> {
  const call = (command: string, args: object = {}) => host.api.handle({ kind: 'request', id: 1, command, args });
  const started = performance.now();
  const cpu = process.cpuUsage();
  const finished = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`stuck at ${host.sessions.view.step}`)), 20_000);
    const off = host.sessions.onChange((view) => {
      if (view.step !== 'pickup-done') return;
      off();
      clearTimeout(timer);
      if (view.outcome !== 'collected') reject(new Error(`pickup ${view.outcome}: ${view.messageKey}`));
      else resolve(view.txnId);
    });
  });
  await call('startService', { service: 'certificate-pickup' });
  await call('chooseOption', { index: 0 });
  for (const key of HOLDER) await call('keypadInput', { key });
  await call('confirmStep');
  const txnId = await finished;
  const used = process.cpuUsage(cpu);
  const timing = { wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000, writes: host.journal.steps(txnId).length };
  await call('finishSession');
  return timing;
}

export async function bench(): Promise<Record<string, number>> {
  const times: number[] = [];
  const cpu: number[] = [];
  let writes = 0;
  for (let run = 0; run < WARMUP + RUNS; run++) {
    const kiosk = await freshKiosk();
    try {
      const timing = await pickUpOnce(kiosk.host);
      writes = timing.writes;
      if (run >= WARMUP) {
        times.push(timing.wallMs);
        cpu.push(timing.cpuMs);
      }
    } finally {
      await kiosk.close();
    }
  }
  // The baseline: one signed central round trip, the list the pickup asks for.
  const kiosk = await freshKiosk();
  const trips: number[] = [];
  try {
    const api = new CentralApi(new CentralClient({ baseUrl: kiosk.host.central!.baseUrl, kioskId: kiosk.host.config.kioskId, secret: embeddedCentralSecret(kiosk.dataDir) }));
    for (let i = 0; i < 50; i++) {
      const t = performance.now();
      await api.kioskCertificates();
      trips.push(performance.now() - t);
    }
  } finally {
    await kiosk.close();
  }
  return {
    ...medianAndP95('pickup.hostCpuMs', cpu),
    // Wall time includes the drivers' polling of the gate (20 ms here) and the citizen taking the certificate.
    ...medianAndP95('pickup.wallMs', times),
    ...medianAndP95('pickup.centralRoundTripMs', trips),
    'pickup.hostCpuMsOverCentralRoundTrip': round(percentile(sorted(cpu), 0.5) / percentile(sorted(trips), 0.5)),
    // Effect results in the step log (face, identity, match, dispense, hand-over); each key typed is a snapshot write besides.
    'pickup.stepLogRowsPerPickup': writes,
  };
}

runIfMain(import.meta.url, bench);
