/**
 * What the renderer's heap holds more of as sessions go by: the ui-heap bench's run (same page,
 * same sessions in the same order), with a heap snapshot after each checkpoint, and what grew
 * between them. Not a bench section; run it on its own when ui-heap's figure moves:
 *
 *   node --import tsx tests/bench/ui-heap-snapshots.ts 10 50 100
 *
 * Prints, from each checkpoint to the next, the heap used (as ui-heap measures it), the compiled
 * code by script, the growth by kind and constructor, and the objects allocated in between and
 * still alive, each group with one chain of what holds an object of it. The snapshots stay in
 * UI_HEAP_SNAPSHOTS_DIR (default /tmp/ui-heap-snapshots) for Chromium's DevTools (Memory, Load).
 * UI_HEAP_JS_FLAGS passes V8 flags to Chromium for an experiment (`--max-opt=1`: no optimizing
 * compilers, to see how much of the growth is their code).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../support/chromium';
import { groupGrowth, type HeapGroup, groupKey, type HeapSnapshot, takeHeapSnapshot } from './heap-snapshot';
import { measure, runSession } from './ui-heap';
import { openUiKiosk } from './ui-kiosk';

const TOP = Number(process.env.UI_HEAP_SNAPSHOTS_TOP ?? 25);
const OUT = process.env.UI_HEAP_SNAPSHOTS_DIR ?? '/tmp/ui-heap-snapshots';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const line = (group: HeapGroup) => `  ${kb(group.selfSize).padStart(10)} ${String(group.count).padStart(7)}  ${group.key}`;

function report(from: number, earlier: HeapSnapshot, to: number, later: HeapSnapshot): void {
  console.log(`\n== from ${from} to ${to} sessions: snapshot self sizes ${kb(earlier.totalSelfSize)} -> ${kb(later.totalSelfSize)}`);
  const codeBefore = earlier.codeSizeByScript();
  const codeAfter = later.codeSizeByScript();
  console.log('-- compiled code by script (the kiosk\'s URL; \'\' evaluated without one: Playwright\'s injected scripts, the paint probe):');
  for (const script of new Set([...codeBefore.keys(), ...codeAfter.keys()])) {
    console.log(`  ${kb(codeBefore.get(script) ?? 0).padStart(10)} -> ${kb(codeAfter.get(script) ?? 0).padStart(10)}  ${script === undefined ? '(no script)' : `'${script}'`}`);
  }
  console.log('-- growth by group (self size, count):');
  for (const group of groupGrowth(earlier.groups(), later.groups()).slice(0, TOP)) console.log(line(group));
  const fresh = later.newSince(earlier);
  console.log(`-- allocated since ${from} and alive at ${to}: ${fresh.length} objects, ${kb(fresh.reduce((sum, node) => sum + node.selfSize, 0))}`);
  for (const group of later.groups(fresh).slice(0, TOP)) {
    console.log(line(group));
    const sample = fresh.find((node) => groupKey(node) === group.key);
    if (sample) console.log(`             held by: ${later.retainerChain(sample, 8).join(' <- ')}`);
  }
}

async function main(): Promise<void> {
  const checkpoints = process.argv.slice(2).map(Number).sort((a, b) => a - b);
  if (checkpoints.length < 2 || checkpoints.some((n) => !(n > 0))) throw new Error('give two or more session counts, e.g. 10 50 100');
  mkdirSync(OUT, { recursive: true });
  const browser = await launchChromium(process.env.UI_HEAP_JS_FLAGS ? { jsFlags: process.env.UI_HEAP_JS_FLAGS } : {});
  try {
    const kiosk = await openUiKiosk(browser, { fast: true });
    try {
      await kiosk.cdp.send('HeapProfiler.enable');
      let previous: { sessions: number; snapshot: HeapSnapshot } | undefined;
      for (let session = 0; session < checkpoints.at(-1)!; session++) {
        await runSession(kiosk, session);
        if (!checkpoints.includes(session + 1)) continue;
        const figures = await measure(kiosk.cdp);
        const snapshot = await takeHeapSnapshot(kiosk.cdp);
        writeFileSync(join(OUT, `after-${session + 1}.heapsnapshot`), snapshot.text ?? '');
        console.log(`after ${session + 1} sessions: heap used ${kb(figures.usedBytes)}, DOM nodes ${figures.domNodes}, listeners ${figures.listeners}`);
        if (previous) report(previous.sessions, previous.snapshot, session + 1, snapshot);
        previous = { sessions: session + 1, snapshot };
      }
    } finally {
      await kiosk.close();
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
