/**
 * The screens gallery runs as its own Vitest project (`npm run screens`, tests/screens/run.ts),
 * never inside `npm test`: its files end in `.screens.ts`. Two files at a time: each has its own
 * Chromium and kiosks, and the machine is shared.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: `${import.meta.dirname}/../..`,
    include: ['tests/screens/**/*.screens.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 180_000,
    maxWorkers: 2,
    reporters: ['default'],
  },
});
