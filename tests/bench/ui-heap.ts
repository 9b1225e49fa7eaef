/**
 * Renderer heap after many sessions (issue 12): one page kept open, as on a kiosk, through 500
 * simulated sessions across the four services (BENCH_UI_HEAP_SESSIONS=50 for a short run): nine
 * in ten the shortest honest session (touch a service, cancel on its first screen), every tenth a
 * full first-time walk (ui-walks.ts), the services taking turns; the first ten sessions walk each
 * service in full once, so that every screen has been shown before the baseline. Devices, citizen and payer answer
 * at once. The JS heap is measured after forcing garbage collection (CDP
 * HeapProfiler.collectGarbage, twice) with Runtime.getHeapUsage, after 10 sessions (the baseline:
 * every service walked once) and after the last; DOM nodes and listeners as well.
 * Goal: growth <= 5 %.
 *
 * What the growth is made of, from heap snapshots at the baseline and at the end: V8's compiled
 * code (bytecode, the optimizing compilers' machine code and its metadata), split by whose script
 * it is: the renderer's (the kiosk's origin), the bench's own (Playwright's injected scripts and
 * the paint probe, which run in the same isolate and are evaluated without a URL), or no script's.
 * Everything else the heap holds (the screens' objects, strings, React's fibers, i18n) is the
 * growth besides code. `ui-heap-snapshots.ts` tells the same group by group.
 */
import type { CDPSession } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { type HeapSnapshot, takeHeapSnapshot } from './heap-snapshot';
import { round, runIfMain } from './stats';
import { openUiKiosk, type UiKiosk } from './ui-kiosk';
import { backToAttract, SERVICES, startAndCancel, walk } from './ui-walks';

const SESSIONS = Number(process.env.BENCH_UI_HEAP_SESSIONS ?? 500);
const BASELINE_AFTER = 10;
/**
 * Measured on the way too, to tell a leak (growing all along) from V8 compiling the hot code of
 * the screens as they repeat (the optimizing compilers tier up most of it by about 100 sessions).
 */
const CHECKPOINTS = [BASELINE_AFTER, 50, 100, 250].filter((after) => after < SESSIONS);

interface HeapFigures {
  readonly usedBytes: number;
  readonly domNodes: number;
  readonly listeners: number;
}

/** Sessions 0-3 walk each service in full, then every tenth session does; the others start and cancel. */
export function sessionKind(session: number): { service: (typeof SERVICES)[number]; full: boolean } {
  if (session < SERVICES.length) return { service: SERVICES[session]!, full: true };
  const full = session % 10 === 9;
  return { service: SERVICES[(full ? Math.floor(session / 10) : session) % SERVICES.length]!, full };
}

/** Session number `session` of the run (from 0), ended back on the attract screen. */
export async function runSession(kiosk: UiKiosk, session: number): Promise<void> {
  const { service, full } = sessionKind(session);
  if (full) {
    await walk(kiosk, service);
    await backToAttract(kiosk);
  } else {
    await startAndCancel(kiosk, service);
  }
  // The probe's lists are not needed here, and would grow with the sessions.
  await kiosk.forget();
}

/** Heap used after forcing garbage collection twice, with the page's DOM nodes and listeners. */
export async function measure(cdp: CDPSession): Promise<HeapFigures> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const dom = await cdp.send('Memory.getDOMCounters');
  return { usedBytes: heap.usedSize, domNodes: dom.nodes, listeners: dom.jsEventListeners };
}

/** Compiled code (bytes) by whose script it is: see the file's comment. */
interface CodeShares {
  readonly renderer: number;
  readonly bench: number;
  readonly noScript: number;
}

function codeShares(snapshot: HeapSnapshot, kioskOrigin: string): CodeShares {
  const shares = { renderer: 0, bench: 0, noScript: 0 };
  for (const [script, size] of snapshot.codeSizeByScript()) {
    if (script === undefined) shares.noScript += size;
    else if (script.startsWith(`${kioskOrigin}/`)) shares.renderer += size;
    else shares.bench += size;
  }
  return shares;
}

export async function bench(): Promise<Record<string, number>> {
  if (!(SESSIONS > BASELINE_AFTER)) throw new Error(`BENCH_UI_HEAP_SESSIONS must be more than ${BASELINE_AFTER}`);
  const browser = await launchChromium();
  try {
    const kiosk = await openUiKiosk(browser, { fast: true });
    try {
      await kiosk.cdp.send('HeapProfiler.enable');
      const kioskOrigin = new URL(kiosk.page.url()).origin;
      const measured = new Map<number, HeapFigures>();
      let baselineCode: CodeShares | undefined;
      let seconds = 0;
      for (let session = 0; session < SESSIONS; session++) {
        const started = performance.now();
        await runSession(kiosk, session);
        seconds += (performance.now() - started) / 1000;
        // The full run takes some ten minutes: show that it moves.
        if ((session + 1) % 50 === 0) process.stderr.write(`ui-heap: ${session + 1} of ${SESSIONS} sessions\n`);
        if (CHECKPOINTS.includes(session + 1)) measured.set(session + 1, await measure(kiosk.cdp));
        if (session + 1 === BASELINE_AFTER) baselineCode = codeShares(await takeHeapSnapshot(kiosk.cdp), kioskOrigin);
      }
      const after = await measure(kiosk.cdp);
      measured.set(SESSIONS, after);
      const finalCode = codeShares(await takeHeapSnapshot(kiosk.cdp), kioskOrigin);
      const before = measured.get(BASELINE_AFTER)!;
      const from100 = measured.get(100);
      const codeGrowth = (share: keyof CodeShares) => finalCode[share] - baselineCode![share];
      const growthPercent = (bytes: number) => round((bytes / before.usedBytes) * 100);
      const grown = after.usedBytes - before.usedBytes;
      return {
        'ui-heap.sessions': SESSIONS,
        ...Object.fromEntries([...measured].map(([sessions, figures]) => [`ui-heap.after${sessions}.usedMB`, round(figures.usedBytes / 2 ** 20)])),
        'ui-heap.growthPercent': growthPercent(grown),
        'ui-heap.codeGrowthKB.renderer': round(codeGrowth('renderer') / 1024),
        'ui-heap.codeGrowthKB.bench': round(codeGrowth('bench') / 1024),
        'ui-heap.codeGrowthKB.noScript': round(codeGrowth('noScript') / 1024),
        'ui-heap.growthPercentBesidesCode': growthPercent(grown - codeGrowth('renderer') - codeGrowth('bench') - codeGrowth('noScript')),
        'ui-heap.growthPercentWithoutBenchCode': growthPercent(grown - codeGrowth('bench')),
        ...(from100 ? { 'ui-heap.growthPercentFrom100': round(((after.usedBytes - from100.usedBytes) / from100.usedBytes) * 100) } : {}),
        [`ui-heap.after${BASELINE_AFTER}.domNodes`]: before.domNodes,
        [`ui-heap.after${SESSIONS}.domNodes`]: after.domNodes,
        [`ui-heap.after${BASELINE_AFTER}.listeners`]: before.listeners,
        [`ui-heap.after${SESSIONS}.listeners`]: after.listeners,
        'ui-heap.secondsPerSession': round(seconds / SESSIONS),
      };
    } finally {
      await kiosk.close();
    }
  } finally {
    await browser.close();
  }
}

runIfMain(import.meta.url, bench);
