/** Shared measuring tools of the benches: percentiles and the in-run baseline every bench compares to. */
import { fileURLToPath } from 'node:url';
import { createInProcessPipePair } from '../../drivers/transport/in-process-pipe';

export const sorted = (values: readonly number[]): number[] => [...values].sort((a, b) => a - b);

export function percentile(sortedValues: readonly number[], fraction: number): number {
  const index = Math.min(sortedValues.length - 1, Math.max(0, Math.ceil(fraction * sortedValues.length) - 1));
  return sortedValues[index] ?? Number.NaN;
}

export const round = (value: number): number => Math.round(value * 1000) / 1000;

/** `{prefix}.median` and `{prefix}.p95` of the samples, in ms rounded to the microsecond. */
export function medianAndP95(prefix: string, samples: readonly number[]): Record<string, number> {
  const values = sorted(samples);
  return { [`${prefix}.median`]: round(percentile(values, 0.5)), [`${prefix}.p95`]: round(percentile(values, 0.95)) };
}

/** How many bare round trips one operation costs: the machine-independent figure to compare. */
export function ratioToBaseline(prefix: string, samples: readonly number[], baseline: readonly number[]): Record<string, number> {
  return { [`${prefix}.medianOverBaseline`]: round(percentile(sorted(samples), 0.5) / percentile(sorted(baseline), 0.5)) };
}

/**
 * The baseline: a bare echo round trip of `request` over an in-process pipe, measured in the same
 * run as the operation so that machine load affects both alike.
 */
export async function pipeRoundTrips(request: Uint8Array, warmup: number, runs: number): Promise<number[]> {
  const pair = createInProcessPipePair('bench-echo');
  pair.device.onData((chunk) => void pair.device.write(chunk));
  let waiting: (() => void) | undefined;
  pair.host.onData(() => waiting?.());
  const times: number[] = [];
  for (let run = 0; run < warmup + runs; run += 1) {
    const started = performance.now();
    const replied = new Promise<void>((resolve) => {
      waiting = resolve;
    });
    await pair.host.write(request);
    await replied;
    if (run >= warmup) times.push(performance.now() - started);
  }
  await pair.host.close();
  return times;
}

/** Lets a bench file run on its own (`tsx tests/bench/printer.ts`) as well as from run.ts. */
export function runIfMain(moduleUrl: string, bench: () => Promise<Record<string, number>>): void {
  if (process.argv[1] !== fileURLToPath(moduleUrl)) return;
  bench().then(
    (results) => process.stdout.write(`${JSON.stringify(results, null, 2)}\n`),
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
