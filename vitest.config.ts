import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  // graphql ships CJS and ESM builds; Apollo's CJS packages load the CJS one, so everything must.
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] },
  test: {
    include: [
      'core/src/**/*.test.ts',
      'gateway/src/**/*.test.ts',
      'subgraphs/*/test/**/*.test.ts',
      'tests/integration/**/*.test.ts',
      'examples/*/test/**/*.test.ts',
    ],
    globalSetup: ['tests/setup/database.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: {
      APOLLO_TELEMETRY_DISABLED: '1',
      NODE_ENV: 'test',
      // Open sockets re-check their credentials every second in tests (a minute in production).
      DENTALPIN_WS_REAUTH_MS: '1000',
      DENTALPIN_LOG: process.env.DENTALPIN_LOG ?? 'error',
    },
  },
});
