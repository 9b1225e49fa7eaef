/**
 * `npm run bench`: runs each bench (devices, storage, sync) in turn (never in parallel: they measure timers and
 * the event loop) and prints one JSON object with every number. `npm run bench -- camera ga461`
 * runs only the sections named.
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
import { bench as uiColdStartBench } from './ui-cold-start';
import { bench as uiHeapBench } from './ui-heap';
import { bench as uiTapsBench } from './ui-taps';
import { bench as uiTouchBench } from './ui-touch';

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
  // The touch UI in Chromium (issue 12): these take minutes (ui-heap the longest).
  ['ui-touch', uiTouchBench],
  ['ui-cold-start', uiColdStartBench],
  ['ui-heap', uiHeapBench],
  ['ui-taps', uiTapsBench],
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !benches.some(([section]) => section === name));
if (unknown.length > 0) {
  process.stderr.write(`no bench section ${unknown.join(', ')}; sections: ${benches.map(([section]) => section).join(', ')}\n`);
  process.exit(2);
}

const started = performance.now();
const results: Record<string, number> = {};
let failed = false;
for (const [name, run] of benches) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
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
