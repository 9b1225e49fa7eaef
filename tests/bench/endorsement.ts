/**
 * Host time per HK/Macau endorsement: the whole flow (permit in, chip read, ID card, face,
 * identity, eligibility, payment, chip write, card-back print, hand back, receipt, record) with
 * the device simulators' motion at zero, no citizen think time, an instant payer and the payment
 * polled every 20 ms. Host time is measured as the process's CPU time over the endorsement (an
 * upper bound: the simulators and central run in the same process); wall time is shown too,
 * which adds the drivers' polling of the unit. Baseline in
 * the same run: one signed central round trip (GET /payments/{id}); an endorsement makes about a
 * dozen central calls. Goal: <= 300 ms in total per endorsement.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { CertificateUnitDriver } from '../../drivers/certificate-unit/driver';
import { IdReaderDriver } from '../../drivers/id-reader/driver';
import { PrinterDriver } from '../../drivers/printer/driver';
import { simulatorConfig } from '../../kiosk-config/schema';
import { CentralApi } from '../../main/host/central/central-api';
import { embeddedCentralSecret } from '../../main/host/embedded-central';
import { CentralClient } from '../../main/host/sync/central-client';
import { type Host, startHost } from '../../main/host/host';
import { SimulatedCamera } from '../../simulators/camera/simulated-camera';
import { simulatedCertificateUnitOpener } from '../../simulators/certificate-unit/simulated-opener';
import { CertificateUnitSimulator, ZERO_TIMING } from '../../simulators/certificate-unit/simulator';
import { CooperativeCitizen } from '../../simulators/citizen/cooperative-citizen';
import { IdReaderSimulator } from '../../simulators/id-reader/simulator';
import { simulatedIdReaderOpener } from '../../simulators/id-reader/simulated-opener';
import { PrinterSimulator } from '../../simulators/printer/simulator';
import { simulatedPrinterOpener } from '../../simulators/printer/simulated-opener';
import { systemClock } from '../../drivers/common/clock';
import { medianAndP95, percentile, round, runIfMain, sorted } from './stats';

const RUNS = 12;
const WARMUP = 2;

interface Timing {
  readonly wallMs: number;
  readonly cpuMs: number;
}

async function endorseOnce(host: Host): Promise<Timing> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  // Driven by the session's own events, like the screen: no polling loop to burn CPU.
  const finished = new Promise<Timing>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`stuck at ${host.sessions.view.step}`)), 20_000);
    const off = host.sessions.onChange((view) => {
      if (view.step === 'choose-endorsement') queueMicrotask(() => void host.sessions.choose(0));
      if (view.step !== 'flow-done') return;
      off();
      clearTimeout(timer);
      if (view.outcome !== 'delivered') return reject(new Error(`endorsement ${view.outcome}: ${view.messageKey}`));
      const used = process.cpuUsage(cpu);
      resolve({ wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 });
    });
  });
  const reply = await host.api.handle({ kind: 'request', id: 1, command: 'startService', args: { service: 'hk-macau-endorsement' } });
  if (!reply.ok) throw new Error(`startService refused: ${reply.error.message}`);
  const timing = await finished;
  await host.api.handle({ kind: 'request', id: 3, command: 'finishSession', args: {} });
  return timing;
}

export async function bench(): Promise<Record<string, number>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-endorsement-'));
  const unitSim = new CertificateUnitSimulator({ timing: ZERO_TIMING });
  const readerSim = new IdReaderSimulator(undefined, { card: 'resident' });
  const printerSim = new PrinterSimulator();
  const host = await startHost({
    dataDir,
    config: simulatorConfig({ sync: { paymentPollMs: 20, heartbeatIntervalS: 3600 } }),
    devices: {
      idReader: new IdReaderDriver(simulatedIdReaderOpener(readerSim)),
      printer: new PrinterDriver(simulatedPrinterOpener(printerSim)),
      certificateUnit: new CertificateUnitDriver(simulatedCertificateUnitOpener(unitSim)),
    },
    camera: new SimulatedCamera(0),
    log: pino({ level: 'silent' }),
  });
  host.central!.setAutoPay(true, 0);
  const citizen = new CooperativeCitizen(unitSim, { clock: systemClock, insertAfterMs: 0, takeAfterMs: 0 });
  citizen.start();
  try {
    const times: number[] = [];
    const cpu: number[] = [];
    for (let run = 0; run < WARMUP + RUNS; run++) {
      const timing = await endorseOnce(host);
      if (run < WARMUP) continue;
      times.push(timing.wallMs);
      cpu.push(timing.cpuMs);
    }
    // The baseline: one signed central round trip, as the flow makes a dozen of them.
    const api = new CentralApi(new CentralClient({ baseUrl: host.central!.baseUrl, kioskId: host.config.kioskId, secret: embeddedCentralSecret(dataDir) }));
    const paymentId = host.central!.payments(1)[0]!.paymentId;
    const trips: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t = performance.now();
      await api.getPayment(paymentId);
      trips.push(performance.now() - t);
    }
    const median = percentile(sorted(cpu), 0.5);
    return {
      // CPU of the whole process (host, and the in-process simulators and central): an upper bound on host time.
      ...medianAndP95('endorsement.hostCpuMs', cpu),
      // Wall time includes the drivers' polling of the unit (250 ms to notice a permit in or taken).
      ...medianAndP95('endorsement.wallMs', times),
      ...medianAndP95('endorsement.centralRoundTripMs', trips),
      'endorsement.hostCpuMsOverCentralRoundTrip': round(median / percentile(sorted(trips), 0.5)),
      'endorsement.journalWritesPerEndorsement': host.journal.steps(host.central!.store.records(host.config.kioskId).at(-1)!.txnId).length,
      ...(process.env.BENCH_STEPS ? stepDurations(host) : {}),
    };
  } finally {
    citizen.stop();
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Where the time of the last endorsement went, state by state (BENCH_STEPS=1). */
function stepDurations(host: Host): Record<string, number> {
  const steps = host.journal.steps(host.central!.store.records(host.config.kioskId).at(-1)!.txnId);
  return Object.fromEntries(steps.slice(1).map((step, i) => [`step.${steps[i]!.state}->${step.state}`, step.at - steps[i]!.at]));
}

runIfMain(import.meta.url, bench);
