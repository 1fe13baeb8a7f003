import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/**/*.test.{ts,tsx}'],
    globalSetup: ['test/support/global-setup.ts'],
    // PGlite runs PostgreSQL in WebAssembly: opening a database takes about a second.
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Two cores on CI machines; each file gets its own database clone, so files may run in parallel.
    maxWorkers: 2,
  },
});
