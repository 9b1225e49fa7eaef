/**
 * Host overhead of one read-permit (RF activate + read record, each with its ACK handshake and
 * reply ACK) against the simulator over an in-process pipe with zero device delay, next to a bare
 * pipe echo round trip measured in the same run. Two exchanges of ~3 pipe hops each, so ~4-6x
 * the baseline is the floor; the rest is codec, scanner, timers and promise plumbing.
 */
import { fileURLToPath } from 'node:url';
import { CertificateUnitDriver } from '../../drivers/certificate-unit/driver';
import { createInProcessPipePair } from '../../drivers/transport/in-process-pipe';
import { simulatedCertificateUnitOpener } from '../../simulators/certificate-unit/simulated-opener';
import { CertificateUnitSimulator, ZERO_TIMING } from '../../simulators/certificate-unit/simulator';
import { TEST_PERMITS } from '../../simulators/certificate-unit/test-data';

const WARMUP = 20;
const RUNS = 200;

function percentile(sorted: readonly number[], fraction: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

async function measureReadPermit(): Promise<number[]> {
  const simulator = new CertificateUnitSimulator({ timing: ZERO_TIMING });
  const driver = new CertificateUnitDriver(simulatedCertificateUnitOpener(simulator), 0, {
    timeouts: { pollIntervalMs: 1 },
  });
  // Put a permit at the RF position once; every run then reads it.
  const take = driver.takePermit({ timeoutMs: 5000 });
  while (!simulator.state.entryEnabled) await new Promise((resolve) => setTimeout(resolve, 1));
  simulator.insertCard(TEST_PERMITS[0]!);
  const taken = await take;
  if (!taken.ok) throw new Error(`bench setup failed: ${taken.reason}`);

  const times: number[] = [];
  for (let run = 0; run < WARMUP + RUNS; run += 1) {
    const started = performance.now();
    const result = await driver.readPermit();
    const elapsed = performance.now() - started;
    if (!result.ok || result.permit.permitNumber !== TEST_PERMITS[0]!.record.permitNumber) {
      throw new Error(`bench read failed: ${result.ok ? 'wrong permit' : result.reason}`);
    }
    if (run >= WARMUP) times.push(elapsed);
  }
  await driver.close();
  return times;
}

async function measureEcho(): Promise<number[]> {
  const pair = createInProcessPipePair('bench-echo');
  pair.device.onData((chunk) => void pair.device.write(chunk));
  let waiting: (() => void) | undefined;
  pair.host.onData(() => waiting?.());
  const times: number[] = [];
  const request = Uint8Array.of(0xf2, 0x00, 0x00, 0x03, 0x43, 0x31, 0x30, 0x03, 0xb0);
  for (let run = 0; run < WARMUP + RUNS; run += 1) {
    const started = performance.now();
    const replied = new Promise<void>((resolve) => {
      waiting = resolve;
    });
    await pair.host.write(request);
    await replied;
    if (run >= WARMUP) times.push(performance.now() - started);
  }
  await pair.host.close();
  return times;
}

export async function bench(): Promise<Record<string, number>> {
  const baseline = (await measureEcho()).sort((a, b) => a - b);
  const reads = (await measureReadPermit()).sort((a, b) => a - b);
  return {
    'certificateUnit.readPermitMs.median': round(percentile(reads, 0.5)),
    'certificateUnit.readPermitMs.p95': round(percentile(reads, 0.95)),
    'certificateUnit.baselineRoundTripMs.median': round(percentile(baseline, 0.5)),
    'certificateUnit.baselineRoundTripMs.p95': round(percentile(baseline, 0.95)),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  bench().then(
    (results) => process.stdout.write(`${JSON.stringify(results, null, 2)}\n`),
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
