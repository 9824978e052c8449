// Plain JavaScript: vitest loads config files (and what they import from packages) without TypeScript.
import { existsSync } from 'node:fs';
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
      // The sources in this repository; global-setup.js in the published (built) package.
      globalSetup: [
        ['./global-setup.ts', './global-setup.js']
          .map((f) => fileURLToPath(new URL(f, import.meta.url)))
          .find((f) => existsSync(f)),
      ],
      // The core goes through vite like the module's own code (one copy of it and of graphql, and the
      // module's TypeScript entry loads when the core discovers it), even when installed as built JavaScript.
      server: { deps: { inline: [/@dentalpin\/core/] } },
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
