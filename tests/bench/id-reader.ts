/**
 * ID reader benches.
 *
 * (a) Host overhead of one full read (find, select, read text + photo) against the simulator over
 *     an in-process pipe with zero device delay, next to a bare pipe echo round trip measured in
 *     the same run: three exchanges, so ~3x the baseline is the floor.
 * (b) The same read with the simulator pacing the link at 115200 baud 8N1 (`wireBaud`): the
 *     wire-time floor is computed from the bytes actually exchanged in each run (3 commands of
 *     10 bytes, 15 + 19 + 1295 reply bytes = 1359 bytes = 118 ms), and `overheadAboveWireMs` is
 *     what the host adds on top of it (target: <= 5 ms).
 * (c) The same with fingerprints (2321-byte read reply), fewer runs.
 */
import { IdReaderDriver } from '../../drivers/id-reader/driver';
import type { BytePipe, PipeOpener } from '../../drivers/transport/byte-pipe';
import { IdReaderSimulator } from '../../simulators/id-reader/simulator';
import { simulatedIdReaderOpener } from '../../simulators/id-reader/simulated-opener';
import { testCards } from '../../simulators/id-reader/test-cards';
import { medianAndP95, percentile, pipeRoundTrips, ratioToBaseline, round, runIfMain, sorted } from './stats';

const WARMUP = 20;
const RUNS = 200;
const WIRE_WARMUP = 3;
const WIRE_RUNS = 60;
const WIRE_FINGERPRINT_RUNS = 25;
const BAUD = 115200;



/** Counts the bytes that cross the link in both directions. */
function countingOpener(inner: PipeOpener): { opener: PipeOpener; take: () => number } {
  let bytes = 0;
  const opener: PipeOpener = async () => {
    const pipe = await inner();
    pipe.onData((chunk) => {
      bytes += chunk.length;
    });
    const counted: BytePipe = {
      get description() {
        return pipe.description;
      },
      get isOpen() {
        return pipe.isOpen;
      },
      write(data) {
        bytes += data.length;
        return pipe.write(data);
      },
      onData: (listener) => pipe.onData(listener),
      onClose: (listener) => pipe.onClose(listener),
      close: () => pipe.close(),
    };
    return counted;
  };
  return {
    opener,
    take: () => {
      const taken = bytes;
      bytes = 0;
      return taken;
    },
  };
}

interface ReadSample {
  readonly ms: number;
  readonly bytes: number;
}

async function measureReads(options: {
  readonly wireBaud?: number;
  readonly withFingerprints?: boolean;
  readonly warmup: number;
  readonly runs: number;
}): Promise<ReadSample[]> {
  const simulator = new IdReaderSimulator(undefined, options.wireBaud ? { wireBaud: options.wireBaud } : {});
  const { opener, take } = countingOpener(simulatedIdReaderOpener(simulator));
  const driver = new IdReaderDriver(opener);
  const samples: ReadSample[] = [];
  const expectedId = testCards.resident.text.idNumber;
  for (let run = 0; run < options.warmup + options.runs; run += 1) {
    take();
    const started = performance.now();
    const result = await driver.readCard({ withFingerprints: options.withFingerprints === true });
    const elapsed = performance.now() - started;
    if (!result.ok || result.value.idNumber !== expectedId) throw new Error(`bench read failed: ${result.ok ? 'wrong card' : result.message}`);
    if (options.withFingerprints && result.value.fingerprints === null) throw new Error('bench read lost the fingerprints');
    const bytes = take();
    if (run >= options.warmup) samples.push({ ms: elapsed, bytes });
  }
  await driver.close();
  await simulator.close();
  return samples;
}


const wireMs = (bytes: number, baud: number): number => (bytes * 10 * 1000) / baud;

function wireResults(prefix: string, samples: readonly ReadSample[]): Record<string, number> {
  const reads = sorted(samples.map((s) => s.ms));
  const floors = samples.map((s) => wireMs(s.bytes, BAUD));
  const overheads = sorted(samples.map((s, i) => s.ms - floors[i]!));
  return {
    [`${prefix}.readMs.median`]: round(percentile(reads, 0.5)),
    [`${prefix}.readMs.p95`]: round(percentile(reads, 0.95)),
    [`${prefix}.bytesExchanged`]: samples[0]?.bytes ?? Number.NaN,
    [`${prefix}.wireFloorMs`]: round(floors[0] ?? Number.NaN),
    [`${prefix}.overheadAboveWireMs.median`]: round(percentile(overheads, 0.5)),
    [`${prefix}.overheadAboveWireMs.p95`]: round(percentile(overheads, 0.95)),
    [`${prefix}.runs`]: samples.length,
  };
}

export async function bench(): Promise<Record<string, number>> {
  const baseline = await pipeRoundTrips(Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x03, 0x20, 0x01, 0x22), WARMUP, RUNS);
  const reads = (await measureReads({ warmup: WARMUP, runs: RUNS })).map((s) => s.ms);
  const wire = await measureReads({ wireBaud: BAUD, warmup: WIRE_WARMUP, runs: WIRE_RUNS });
  const wireFingerprints = await measureReads({ wireBaud: BAUD, withFingerprints: true, warmup: WIRE_WARMUP, runs: WIRE_FINGERPRINT_RUNS });
  return {
    ...medianAndP95('idReader.readMs', reads),
    ...medianAndP95('idReader.baselineRoundTripMs', baseline),
    ...ratioToBaseline('idReader.readMs', reads, baseline),
    ...wireResults('idReader.wire115200', wire),
    ...wireResults('idReader.wire115200.fingerprints', wireFingerprints),
  };
}

runIfMain(import.meta.url, bench);
