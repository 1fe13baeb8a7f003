import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The web client's aliases (vite.config.ts), for its tests.
  resolve: {
    alias: {
      '@features': fileURLToPath(new URL('./src/features', import.meta.url)),
      '@domain': fileURLToPath(new URL('./src/domain', import.meta.url)),
    },
  },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/**/*.test.{ts,tsx}'],
    globalSetup: ['test/support/global-setup.ts'],
    // Timeouts are ceilings for a hung test, not speed checks: a test that passes in two seconds
    // on an idle machine may take ten times that on a loaded two-core one (another `npm test`
    // beside this one). PGlite runs PostgreSQL in WebAssembly: opening a database takes about a
    // second. Tests that start processes or browsers set their own, larger limits.
    testTimeout: 60_000,
    // beforeAll starts servers and browsers (test/support/browser.ts gives a server 240 s).
    hookTimeout: 300_000,
    teardownTimeout: 60_000,
    // expect.poll waits for a condition; its default of one second is a speed check.
    expect: { poll: { timeout: 30_000, interval: 100 } },
    // Two cores on CI machines; each file gets its own database clone, so files may run in parallel.
    maxWorkers: 2,
  },
});
