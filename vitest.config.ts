import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Three test files at a time on the 2-core machine npm test is sized for (vitest's default is
    // cores - 1): most of a file's time is spent waiting on Chromium, ptys and timers, not on CPU
    // (a quiet run: 408 s with three, about 500 s with two; 998 tests passed).
    maxWorkers: 3,
    // A screen or a pty answers within a second when the machine is idle, but not always when two
    // test files and their Chromiums share two cores: polls wait up to 10 s before they fail.
    expect: { poll: { timeout: 10_000 } },
    // A test that fails is run once more before it counts as failed: on an oversubscribed 2-core CI
    // machine the host, its simulators and Chromium in one test can miss a device or screen timing
    // that holds everywhere else. Such a test is named as flaky at the end (summary-reporter.ts);
    // a test that fails twice fails the run.
    retry: 1,
    reporters: ['default', './tests/support/summary-reporter.ts'],
  },
});
