import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { config } from '@dentalpin/core';
import type { MediaStore } from './store.ts';

/** Where the platform writes uninstall backups (DENTALPIN_BACKUP_DIR, else `<root>/storage/backups`). */
export const backupDir = () => config().backup.dir ?? join(config().rootDir ?? process.cwd(), 'storage', 'backups');

/**
 * Copies every file of the store (documents and previews, from the local folder or the bucket) into
 * `<backups>/media-files-<UTC>/<key>`, beside the SQL backup of the module's tables, so that an uninstall keeps
 * the files with the rows that point at them. The store itself is left untouched.
 */
export async function backupMediaFiles(
  store: MediaStore,
  dir = backupDir(),
  now = new Date(),
): Promise<{ path: string; files: number }> {
  const path = resolve(dir, `media-files-${now.toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(path, { recursive: true });
  let files = 0;
  for (const key of await store.list('')) {
    const target = resolve(path, key);
    if (!target.startsWith(path + sep)) throw new Error(`media key outside the backup: ${key}`);
    const content = await store.open(key);
    if (!content) continue;
    mkdirSync(dirname(target), { recursive: true });
    await pipeline(content, createWriteStream(target));
    files++;
  }
  return { path, files };
}
