import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Integration and browser tests start real servers; two files at a time fit 2 cores.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
