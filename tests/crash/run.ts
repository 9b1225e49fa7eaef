/**
 * `npm run crash`: the full crash harness. Per scenario one uncrashed run counts the journal
 * writes; then the host is killed with SIGKILL right after each of them in turn, then halfway
 * through each state's effect (between two writes), then at the device events of the scenario
 * (the unit wrote the chip, the citizen took the permit, the unit retained it, the printer put
 * out the temporary certificate), then when central has answered a call the host never hears the
 * answer to (payment created or cancelled, refund paid out, certificate issued, records stored);
 * each time it is restarted on the same data folder. Every scenario of every service in
 * crash-services.ts (the HK/Macau endorsement, the ID card reissue, the certificate pickup). One JSON line
 * per run on stdout, then a summary line; the exit
 * code is non-zero when any run lost a transaction, duplicated a record, kept money for nothing,
 * lost track of the permit or the certificate, told central something else than what happened, or could not be
 * carried out.
 *
 *   node --import tsx tests/crash/run.ts [--scenario deliver|refund|cancel|walk-away|reissue-deliver|reissue-refund|reissue-cancel|pickup-collect|pickup-walk-away|reprint-print]... [--only write|mid|device|central] [--keep]
 */
import { parseArgs } from 'node:util';
import { type RunResult, runOnce } from './harness';
import { crashServiceOf, SCENARIOS } from './crash-services';
import type { CrashPoint, Scenario } from './protocol';

const { values } = parseArgs({
  options: {
    scenario: { type: 'string', multiple: true },
    only: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const scenarios = (values.scenario ?? [...SCENARIOS]) as Scenario[];
for (const scenario of scenarios) {
  if (!SCENARIOS.includes(scenario)) {
    process.stderr.write(`unknown scenario ${scenario}; one of ${SCENARIOS.join(', ')}\n`);
    process.exit(2);
  }
}
const only = values.only;

/** The uncrashed run's journal writes, at most: a bound on the loops whatever the flow does. */
const MAX_WRITES = 60;
/** A gap between two writes shorter than this has no effect worth crashing in. */
const MIN_EFFECT_MS = 20;
function plan(scenario: Scenario, baseline: RunResult): CrashPoint[] {
  const writes = baseline.writes.slice(0, MAX_WRITES);
  const points: CrashPoint[] = [];
  if (!only || only === 'write') points.push(...writes.map((w) => ({ n: w.n })));
  if (!only || only === 'mid') {
    for (const [i, w] of writes.entries()) {
      const next = writes[i + 1];
      if (!next || next.atMs - w.atMs < MIN_EFFECT_MS) continue;
      points.push({ n: w.n, afterMs: Math.round((next.atMs - w.atMs) / 2) });
    }
  }
  const service = crashServiceOf(scenario);
  if (!only || only === 'device') points.push(...service.deviceEvents(scenario).map((device) => ({ device })));
  if (!only || only === 'central') points.push(...service.centralEvents(scenario).map((central) => ({ central })));
  return points;
}

const COUNTS = ['lost', 'duplicates', 'doubleCharges', 'permitsUnaccounted', 'mismatches', 'harnessErrors'] as const;

function line(result: RunResult): string {
  return JSON.stringify({
    scenario: result.scenario,
    crashAt: result.crashAt,
    at: result.at,
    state: result.state,
    outcome: result.outcome,
    lost: result.lost,
    duplicates: result.duplicates,
    doubleCharges: result.doubleCharges,
    permitsUnaccounted: result.permitsUnaccounted,
    mismatches: result.mismatches,
    ...(result.harnessErrors ? { harnessErrors: result.harnessErrors } : {}),
    ms: result.ms,
    ...(result.problems.length ? { problems: result.problems } : {}),
    ...(result.runDir ? { runDir: result.runDir } : {}),
  });
}

const started = Date.now();
const results: RunResult[] = [];
for (const scenario of scenarios) {
  const baseline = await runOnce({ scenario, keep: values.keep });
  results.push(baseline);
  process.stdout.write(`${line(baseline)}\n`);
  for (const crashAt of plan(scenario, baseline)) {
    const result = await runOnce({ scenario, crashAt, keep: values.keep });
    results.push(result);
    process.stdout.write(`${line(result)}\n`);
  }
}

const totals = Object.fromEntries(COUNTS.map((count) => [count, results.reduce((sum, r) => sum + r[count], 0)]));
const outcomes: Record<string, number> = {};
for (const r of results) outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
const failed = results.filter((r) => COUNTS.some((count) => r[count] > 0)).length;
process.stdout.write(
  `${JSON.stringify({
    summary: true,
    runs: results.length,
    crashRuns: results.filter((r) => r.crashAt !== null).length,
    failedRuns: failed,
    ...totals,
    outcomes,
    ms: Date.now() - started,
    msPerRun: Math.round(results.reduce((sum, r) => sum + r.ms, 0) / Math.max(1, results.length)),
  })}\n`,
);
process.exit(failed > 0 ? 1 : 0);
