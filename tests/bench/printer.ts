/**
 * Host overhead of one full print job (status, job, status after the cut) against the simulator
 * over an in-process pipe with zero device delay, next to a bare pipe echo round trip measured in
 * the same run. A job takes 8 status round trips, so ~8x the baseline is the floor.
 */
import { encodeDocument } from '../../drivers/printer/codec';
import { feed, qr, receipt, text } from '../../drivers/printer/document';
import { PrinterDriver } from '../../drivers/printer/driver';
import { PrinterSimulator } from '../../simulators/printer/simulator';
import { simulatedPrinterOpener } from '../../simulators/printer/simulated-opener';
import { medianAndP95, pipeRoundTrips, ratioToBaseline, runIfMain } from './stats';

const WARMUP = 20;
const RUNS = 200;



const benchReceipt = receipt([
  text('通办 自助终端', { align: 'centre', bold: true, doubleSize: true }),
  text('出入境业务受理回执', { align: 'centre' }),
  feed(1),
  text('受理编号 Reference: TB-2024-000123'),
  text('办理时间: 2024-05-01 10:20:30'),
  qr('https://tongban.example.cn/r/TB-2024-000123', { moduleSize: 5, errorCorrection: 'Q' }),
]);

async function measureJobs(): Promise<number[]> {
  const simulator = new PrinterSimulator();
  const driver = new PrinterDriver(simulatedPrinterOpener(simulator));
  const times: number[] = [];
  for (let run = 0; run < WARMUP + RUNS; run += 1) {
    const started = performance.now();
    const result = await driver.print(benchReceipt);
    const elapsed = performance.now() - started;
    if (!result.ok) throw new Error(`bench job failed: ${result.reason}`);
    if (run >= WARMUP) times.push(elapsed);
  }
  await driver.close();
  if (simulator.jobs.length !== WARMUP + RUNS) throw new Error('simulator did not record every job');
  return times;
}


export async function bench(): Promise<Record<string, number>> {
  const baseline = await pipeRoundTrips(Uint8Array.of(0x10, 0x04, 0x01), WARMUP, RUNS);
  const jobs = await measureJobs();
  return {
    ...medianAndP95('printer.jobMs', jobs),
    ...medianAndP95('printer.baselineRoundTripMs', baseline),
    ...ratioToBaseline('printer.jobMs', jobs, baseline),
    'printer.jobBytes': encodeDocument(benchReceipt).length,
  };
}

runIfMain(import.meta.url, bench);
