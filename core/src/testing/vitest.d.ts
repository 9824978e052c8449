import type { ViteUserConfig } from 'vitest/config';

/** Vitest settings for a module package's own tests (see vitest.js). */
export declare function dentalpinVitest(include?: string[]): ViteUserConfig;
