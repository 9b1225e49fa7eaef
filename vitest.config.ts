import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Two test files at a time on the 2-core machine npm test is sized for (vitest's default is
    // cores - 1): most of a file's time is spent waiting on Chromium, ptys and timers, not on CPU.
    maxWorkers: 2,
    reporters: ['default', './tests/support/summary-reporter.ts'],
  },
});
