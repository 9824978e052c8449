import { readFileSync } from 'node:fs';

/** Reads a module's SDL file next to the calling module: `loadTypeDefs(import.meta.url, './schema.graphql')`. */
export const loadTypeDefs = (base: string, relative: string) => readFileSync(new URL(relative, base), 'utf8');
