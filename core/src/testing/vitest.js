// Plain JavaScript: vitest loads config files (and what they import from packages) without TypeScript.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/**
 * Vitest settings for a module package's own tests: real PostgreSQL (DATABASE_URL, or an embedded
 * one started for the run), one copy of graphql, quiet logs. `export default defineConfig(dentalpinVitest())`.
 * @param {string[]} include test file globs
 * @returns {import('vitest/config').ViteUserConfig}
 */
export function dentalpinVitest(include = ['test/**/*.test.ts']) {
  return {
    // graphql ships CJS and ESM builds; Apollo's CJS packages load the CJS one, so everything must.
    resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] },
    test: {
      include,
      globalSetup: [fileURLToPath(new URL('./global-setup.ts', import.meta.url))],
      pool: 'forks',
      maxWorkers: 2,
      testTimeout: 60_000,
      hookTimeout: 120_000,
      env: {
        APOLLO_TELEMETRY_DISABLED: '1',
        NODE_ENV: 'test',
        // Open sockets re-check their credentials every second in tests (a minute in production).
        DENTALPIN_WS_REAUTH_MS: '1000',
        DENTALPIN_LOG: process.env.DENTALPIN_LOG ?? 'silent',
      },
    },
  };
}
