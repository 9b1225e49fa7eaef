/**
 * Where a start's time goes (issue 12's cold-start goal): with `KIOSK_DEBUG_START=1` each start-up
 * phase writes one line on stderr, `tongban-start: <ms> cpu <ms> <phase>`: the milliseconds since
 * this process started (Node's performance.now() counts from the process's own start, so the time
 * Node took to load before any of our code ran is included) and the CPU time the process has used
 * so far (user and system: on a machine shared with other work the wall time stretches, the CPU
 * time much less). Without the variable it writes nothing.
 * tests/bench/ui-cold-start.ts reads these lines to report each phase.
 */
export const START_TIMING_PREFIX = 'tongban-start:';

export function startPhase(phase: string, env: NodeJS.ProcessEnv = process.env): void {
  if (env.KIOSK_DEBUG_START !== '1') return;
  const cpu = process.cpuUsage();
  process.stderr.write(`${START_TIMING_PREFIX} ${performance.now().toFixed(1)} cpu ${((cpu.user + cpu.system) / 1000).toFixed(1)} ${phase}\n`);
}

/** One phase line as written by startPhase, or null for any other line. */
export function parseStartPhase(line: string): { readonly ms: number; readonly cpuMs: number; readonly phase: string } | null {
  const match = /^tongban-start: (\d+(?:\.\d+)?) cpu (\d+(?:\.\d+)?) (.+)$/.exec(line);
  return match ? { ms: Number(match[1]), cpuMs: Number(match[2]), phase: match[3]! } : null;
}
