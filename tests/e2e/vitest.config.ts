import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { dentalpinVitest } from '../../core/src/testing/vitest.js';

const base = dentalpinVitest(['tests/e2e/**/*.e2e.test.ts']);

/** `npm run test:e2e`: the browser tests (real server, real database, Debian chromium), one at a time. */
export default defineConfig({
  resolve: base.resolve,
  test: {
    ...base.test,
    root: fileURLToPath(new URL('../..', import.meta.url)),
    // The core's setup (a database when DATABASE_URL is unset), then one web build for every browser test.
    globalSetup: [...(base.test?.globalSetup as string[]), 'tests/e2e/global-setup.ts'],
    // A busy 2-core machine takes seconds to re-render after a round trip; polls wait that long.
    expect: { poll: { timeout: 10_000 } },
    maxWorkers: 1,
    fileParallelism: false,
    // Browser flows with several module restarts run minutes on a busy 2-core machine.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
