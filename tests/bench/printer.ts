/**
 * Host overhead of one full print job (status, job, status after the cut) against the simulator
 * over an in-process pipe with zero device delay, next to a bare pipe echo round trip measured in
 * the same run. A job takes 8 status round trips, so ~8x the baseline is the floor.
 */
import { fileURLToPath } from 'node:url';
import { encodeDocument } from '../../drivers/printer/codec';
import { feed, qr, receipt, text } from '../../drivers/printer/document';
import { PrinterDriver } from '../../drivers/printer/driver';
import { createInProcessPipePair } from '../../drivers/transport/in-process-pipe';
import { PrinterSimulator } from '../../simulators/printer/simulator';
import { simulatedPrinterOpener } from '../../simulators/printer/simulated-opener';

const WARMUP = 20;
const RUNS = 200;

function percentile(sorted: readonly number[], fraction: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

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

async function measureEcho(): Promise<number[]> {
  const pair = createInProcessPipePair('bench-echo');
  pair.device.onData((chunk) => void pair.device.write(chunk));
  let waiting: (() => void) | undefined;
  pair.host.onData(() => waiting?.());
  const times: number[] = [];
  const request = Uint8Array.of(0x10, 0x04, 0x01);
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
  const jobs = (await measureJobs()).sort((a, b) => a - b);
  return {
    'printer.jobMs.median': round(percentile(jobs, 0.5)),
    'printer.jobMs.p95': round(percentile(jobs, 0.95)),
    'printer.baselineRoundTripMs.median': round(percentile(baseline, 0.5)),
    'printer.baselineRoundTripMs.p95': round(percentile(baseline, 0.95)),
    'printer.jobBytes': encodeDocument(benchReceipt).length,
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
