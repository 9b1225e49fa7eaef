/**
 * Host overhead of one read-permit (RF activate + read record, each with its ACK handshake and
 * reply ACK) against the simulator over an in-process pipe with zero device delay, next to a bare
 * pipe echo round trip measured in the same run. Two exchanges of ~3 pipe hops each, so ~4-6x
 * the baseline is the floor; the rest is codec, scanner, timers and promise plumbing.
 */
import { CertificateUnitDriver } from '../../drivers/certificate-unit/driver';
import { simulatedCertificateUnitOpener } from '../../simulators/certificate-unit/simulated-opener';
import { CertificateUnitSimulator, ZERO_TIMING } from '../../simulators/certificate-unit/simulator';
import { TEST_PERMITS } from '../../simulators/certificate-unit/test-data';
import { medianAndP95, pipeRoundTrips, ratioToBaseline, runIfMain } from './stats';

const WARMUP = 20;
const RUNS = 200;



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


export async function bench(): Promise<Record<string, number>> {
  const baseline = await pipeRoundTrips(Uint8Array.of(0xf2, 0x00, 0x00, 0x03, 0x43, 0x31, 0x30, 0x03, 0xb0), WARMUP, RUNS);
  const reads = await measureReadPermit();
  return {
    ...medianAndP95('certificateUnit.readPermitMs', reads),
    ...medianAndP95('certificateUnit.baselineRoundTripMs', baseline),
    ...ratioToBaseline('certificateUnit.readPermitMs', reads, baseline),
  };
}

runIfMain(import.meta.url, bench);
