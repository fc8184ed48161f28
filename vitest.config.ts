import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Integration and browser tests start real servers; two files at a time fit 2 cores.
    maxWorkers: 2,
    fileParallelism: true,
    // `npm test` runs with --coverage: the share of lines and branches of src/ that the tests ran in
    // the test processes (code run only in a spawned server or browser is not counted).
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      exclude: ['src/env.d.ts'],
      reporter: ['text-summary'],
      reportsDirectory: 'node_modules/.coverage',
    },
  },
});
