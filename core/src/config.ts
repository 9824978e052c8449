import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository (or installation) root: the folder holding `subgraphs/` and `node_modules/`. */
export function findRootDir(start = process.env.DENTALPIN_ROOT ?? process.cwd()): string {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'node_modules'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  // Fall back to the folder above core/ (this file lives in core/src).
  return resolve(dirname(fileURLToPath(import.meta.url)), '../..');
}

export const CORE_VERSION = '0.1.0';

export const isProduction = () => process.env.NODE_ENV === 'production';
