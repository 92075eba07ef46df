import { defineConfig } from 'vitest/config';

// Unit and integration suites of core, db, server and hub; the browser suite is Playwright's (test/e2e).
export default defineConfig({
  test: {
    include: ['core/test/**/*.test.ts', 'db/test/**/*.test.ts', 'server/test/**/*.test.ts', 'hub/test/**/*.test.ts', 'test/integration/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
