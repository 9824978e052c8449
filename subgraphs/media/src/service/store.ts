import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { config } from '@dentalpin/core';

/**
 * Where document contents live. Keys are relative paths (`{clinic}/{patient}/{yyyy-mm}/{id}.{ext}`);
 * the database row holds the key. A file is only ever added complete (`adopt` takes a finished temporary
 * file), so a refused or broken upload never leaves a partial object behind.
 */
export interface MediaStore {
  /** A temporary file path for an upload in progress (on the same volume, so `adopt` is a rename). */
  temporaryPath(name: string): Promise<string>;
  /** Makes the finished temporary file the content of `key`. */
  adopt(temporaryPath: string, key: string): Promise<void>;
  /** The content of `key`; null when it is missing. */
  open(key: string): Promise<Readable | null>;
  /** Removes `key` (used only to undo an adopt whose database write failed). */
  remove(key: string): Promise<void>;
}

/** Files under one folder: DENTALPIN_MEDIA_DIR, else `<root>/storage/media`. */
export class LocalMediaStore implements MediaStore {
  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    const path = resolve(this.root, key);
    // Keys are built by the service, never taken from a request; this is a guard, not validation.
    if (!path.startsWith(resolve(this.root) + sep)) throw new Error(`media key outside the store: ${key}`);
    return path;
  }

  async temporaryPath(name: string): Promise<string> {
    const dir = join(this.root, '.incoming');
    await mkdir(dir, { recursive: true });
    return join(dir, name);
  }

  async adopt(temporaryPath: string, key: string): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    await rename(temporaryPath, path);
  }

  async open(key: string): Promise<Readable | null> {
    const path = this.pathOf(key);
    const found = await stat(path).catch(() => null);
    return found?.isFile() ? createReadStream(path) : null;
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}

/** The folder of the local store: DENTALPIN_MEDIA_DIR, else `storage/media` under the platform's root. */
export const mediaDir = () => config().media.dir ?? join(config().rootDir ?? process.cwd(), 'storage', 'media');

/** The store the configuration names (only the local folder ships: the S3 client is not installed). */
export const configuredStore = (): MediaStore => new LocalMediaStore(mediaDir());
