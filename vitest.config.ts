import { defineConfig } from 'vitest/config';
import { dentalpinVitest } from './core/src/testing/vitest.js';

export default defineConfig(
  dentalpinVitest([
    'core/src/**/*.test.ts',
    'gateway/src/**/*.test.ts',
    'subgraphs/*/test/**/*.test.ts',
    'examples/*/test/**/*.test.ts',
    'tests/integration/**/*.test.ts',
  ]),
);
