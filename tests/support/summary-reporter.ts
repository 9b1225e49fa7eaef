import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints the plain closing line `vitest: N passed, N failed` that CI reads, after vitest's own
 * summary (CI does not parse vitest's format). Before it, every test that passed only when run
 * again (the config's `retry`) by name, with what its first run failed on: a flaky test is
 * reported, not hidden, and its failure can be looked into from CI's output alone.
 */
/** The first lines of an error, enough to tell what failed and where. */
function firstLines(text: string, lines = 3): string {
  return text.split('\n').slice(0, lines).join('\n      ');
}

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const onRetry: string[] = [];
    for (const module of testModules) {
      let failedHere = 0;
      for (const test of module.children.allTests()) {
        const result = test.result();
        const { state } = result;
        if (state === 'passed' && (test.diagnostic()?.retryCount ?? 0) > 0) {
          // A passed test keeps the errors of its runs before the one that passed.
          const firstRun = (result.errors ?? []).map((error) => `      first run: ${firstLines(error.stack ?? error.message)}`);
          onRetry.push([`${module.moduleId.replace(`${process.cwd()}/`, '')} > ${test.fullName}`, ...firstRun].join('\n'));
        }
        if (state === 'passed') passed++;
        else if (state === 'failed') failedHere++;
        else skipped++;
      }
      // A file that failed outside any test (an import error, a failing beforeAll) counts as one failure.
      failed += module.state() === 'failed' && failedHere === 0 ? 1 : failedHere;
    }
    if (onRetry.length > 0) process.stdout.write(`\nflaky: ${onRetry.length} passed only when run again, look at them:\n${onRetry.map((name) => `  ${name}\n`).join('')}`);
    process.stdout.write(`\nvitest: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  }
}
