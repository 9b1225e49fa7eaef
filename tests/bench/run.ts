/**
 * `npm run bench`: runs each bench (devices, storage, sync) in turn (never in parallel: they measure timers and
 * the event loop) and prints one JSON object with every number.
 */
import { bench as backlogDrainBench } from './backlog-drain';
import { bench as cameraBench } from './camera';
import { bench as certificatePickupBench } from './certificate-pickup';
import { bench as certificateUnitBench } from './certificate-unit';
import { bench as endorsementBench } from './endorsement';
import { bench as ga461Bench } from './ga461';
import { bench as idReaderBench } from './id-reader';
import { bench as printerBench } from './printer';
import { bench as probeBench } from './probe';
import { bench as speechBench } from './speech';
import { bench as storeBench } from './store';
import { bench as temporaryCertificateBench } from './temporary-certificate';

const benches: ReadonlyArray<readonly [string, () => Promise<Record<string, number>>]> = [
  ['id-reader', idReaderBench],
  ['printer', printerBench],
  ['certificate-unit', certificateUnitBench],
  ['store', storeBench],
  ['endorsement', endorsementBench],
  ['certificate-pickup', certificatePickupBench],
  ['backlog-drain', backlogDrainBench],
  ['ga461', ga461Bench],
  ['camera', cameraBench],
  ['temporary-certificate', temporaryCertificateBench],
  ['probe', probeBench],
  ['speech', speechBench],
];

const started = performance.now();
const results: Record<string, number> = {};
let failed = false;
for (const [name, run] of benches) {
  try {
    Object.assign(results, await run());
  } catch (error) {
    failed = true;
    process.stderr.write(`${name} bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  }
}
results['bench.totalSeconds'] = Math.round((performance.now() - started) / 100) / 10;
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
if (failed) process.exitCode = 1;
