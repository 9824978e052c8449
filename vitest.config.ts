import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';
import { dentalpinVitest } from './core/src/testing/vitest.js';

// Server tests: real PostgreSQL and HTTP, the same settings module packages use for their own tests.
const server = dentalpinVitest([
  'core/src/**/*.test.ts',
  'gateway/src/**/*.test.ts',
  'subgraphs/*/test/**/*.test.ts',
  'examples/*/test/**/*.test.ts',
  'tests/integration/**/*.test.ts',
  'tests/security/**/*.test.ts',
]);

export default defineConfig({
  resolve: server.resolve,
  test: {
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'server', ...server.test } },
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
          include: ['web/src/**/*.test.ts', 'subgraphs/*/web/**/*.test.ts', 'examples/*/web/**/*.test.ts'],
          environment: 'happy-dom',
          // They share two cores with the server tests: room for a slow first render, not for a hang.
          testTimeout: 15_000,
        },
      },
    ],
  },
});
