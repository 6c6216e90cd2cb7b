import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts', 'web/src/**/*.test.tsx'],
    pool: 'forks',
    // Two test files at a time: on the 2-core CI machine the default (cores − 1) runs one, and most of
    // a file's time is spent waiting on fsync, PostgreSQL or the browser, not on the CPU.
    maxWorkers: 2,
    minWorkers: 1,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
