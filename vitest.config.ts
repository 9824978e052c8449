import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

const require = createRequire(import.meta.url);

export default defineConfig({
  // graphql ships CJS and ESM builds; Apollo's CJS packages load the CJS one, so everything must.
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] },
  test: {
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'server',
          include: [
            'core/src/**/*.test.ts',
            'gateway/src/**/*.test.ts',
            'subgraphs/*/test/**/*.test.ts',
            'tests/integration/**/*.test.ts',
          ],
          globalSetup: ['tests/setup/database.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          env: {
            APOLLO_TELEMETRY_DISABLED: '1',
            NODE_ENV: 'test',
            DENTALPIN_LOG: process.env.DENTALPIN_LOG ?? 'error',
          },
        },
      },
      {
        // Vue components and the web host's logic, in a simulated browser (no server, no database).
        plugins: [vue()],
        resolve: {
          alias: {
            '@dentalpin/module-layers': fileURLToPath(new URL('./web/src/generated/module-layers.ts', import.meta.url)),
          },
        },
        define: { __VUE_I18N_FULL_INSTALL__: true, __VUE_I18N_LEGACY_API__: false, __INTLIFY_PROD_DEVTOOLS__: false },
        test: {
          name: 'web',
          include: ['web/src/**/*.test.ts', 'subgraphs/*/web/**/*.test.ts'],
          environment: 'happy-dom',
        },
      },
    ],
  },
});
