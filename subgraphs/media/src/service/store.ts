import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { z } from 'zod';
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
  /** Every key under `prefix` (a clinic's folder, or '' for all), for backups. */
  list(prefix: string): Promise<string[]>;
  /** Where the content lives, for operators and logs (`/srv/media`, `s3://bucket/prefix`). */
  readonly location: string;
}

/** Files under one folder: DENTALPIN_MEDIA_DIR, else `<root>/storage/media`. */
export class LocalMediaStore implements MediaStore {
  constructor(private readonly root: string) {}

  get location(): string {
    return resolve(this.root);
  }

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

  async list(prefix: string): Promise<string[]> {
    const walk = async (dir: string, rel: string): Promise<string[]> => {
      const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
      const out: string[] = [];
      for (const e of entries) {
        if (e.name === '.incoming') continue;
        const key = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory()) out.push(...(await walk(join(dir, e.name), key)));
        else if (key.startsWith(prefix)) out.push(key);
      }
      return out;
    };
    return (await walk(this.root, '')).sort();
  }
}

/**
 * Objects in an S3-compatible bucket (AWS S3, MinIO, Ceph, R2…) through the AWS SDK v3 client. Uploads are
 * received into a local temporary folder first (size and type are checked on the stream); only a finished,
 * accepted file is put, so a refused upload never reaches the bucket.
 */
export class S3MediaStore implements MediaStore {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    private readonly prefix: string,
    private readonly incoming: string,
  ) {}

  get location(): string {
    return `s3://${this.bucket}/${this.prefix}`;
  }

  private objectKey(key: string): string {
    if (key.split('/').some((part) => part === '..' || part === '')) throw new Error(`bad media key: ${key}`);
    return this.prefix + key;
  }

  async temporaryPath(name: string): Promise<string> {
    await mkdir(this.incoming, { recursive: true });
    return join(this.incoming, name);
  }

  async adopt(temporaryPath: string, key: string): Promise<void> {
    const { size } = await stat(temporaryPath);
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: this.objectKey(key),
        Body: createReadStream(temporaryPath),
        ContentLength: size,
      }),
    );
    await rm(temporaryPath, { force: true });
  }

  async open(key: string): Promise<Readable | null> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      const body = object.Body;
      if (!body) return null;
      return body instanceof Readable ? body : Readable.from(body as AsyncIterable<Uint8Array>);
    } catch (e) {
      if (e instanceof S3ServiceException && (e.name === 'NoSuchKey' || e.$metadata.httpStatusCode === 404))
        return null;
      throw e;
    }
  }

  async remove(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: this.prefix + prefix, ContinuationToken: token }),
      );
      for (const o of page.Contents ?? []) if (o.Key) keys.push(o.Key.slice(this.prefix.length));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys.sort();
  }
}

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optional = z.preprocess(blankToUndefined, z.string().optional());

/** The S3 settings read from the environment (DENTALPIN_MEDIA_S3_*); null when no bucket is configured. */
const s3Env = z.object({
  DENTALPIN_MEDIA_S3_BUCKET: optional,
  DENTALPIN_MEDIA_S3_REGION: optional,
  DENTALPIN_MEDIA_S3_ENDPOINT: z.preprocess(blankToUndefined, z.string().url().optional()),
  DENTALPIN_MEDIA_S3_PREFIX: optional,
  DENTALPIN_MEDIA_S3_ACCESS_KEY_ID: optional,
  DENTALPIN_MEDIA_S3_SECRET_ACCESS_KEY: optional,
  DENTALPIN_MEDIA_S3_FORCE_PATH_STYLE: z.preprocess(blankToUndefined, z.enum(['true', 'false']).optional()),
});

export interface S3Settings {
  bucket: string;
  region: string;
  endpoint?: string;
  prefix: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  forcePathStyle: boolean;
}

export function s3Settings(env: NodeJS.ProcessEnv = process.env): S3Settings | null {
  const parsed = s3Env.safeParse(env);
  if (!parsed.success)
    throw new Error(
      `media: invalid S3 settings: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  const e = parsed.data;
  if (!e.DENTALPIN_MEDIA_S3_BUCKET) return null;
  if (!!e.DENTALPIN_MEDIA_S3_ACCESS_KEY_ID !== !!e.DENTALPIN_MEDIA_S3_SECRET_ACCESS_KEY)
    throw new Error(
      'media: set both DENTALPIN_MEDIA_S3_ACCESS_KEY_ID and DENTALPIN_MEDIA_S3_SECRET_ACCESS_KEY, or neither (the SDK then uses its default credential chain).',
    );
  const prefix = (e.DENTALPIN_MEDIA_S3_PREFIX ?? '').replace(/^\/+|\/+$/g, '');
  return {
    bucket: e.DENTALPIN_MEDIA_S3_BUCKET,
    region: e.DENTALPIN_MEDIA_S3_REGION ?? 'us-east-1',
    endpoint: e.DENTALPIN_MEDIA_S3_ENDPOINT,
    prefix: prefix ? `${prefix}/` : '',
    credentials: e.DENTALPIN_MEDIA_S3_ACCESS_KEY_ID
      ? {
          accessKeyId: e.DENTALPIN_MEDIA_S3_ACCESS_KEY_ID,
          secretAccessKey: e.DENTALPIN_MEDIA_S3_SECRET_ACCESS_KEY as string,
        }
      : undefined,
    // A custom endpoint (MinIO and most S3-compatible servers) wants path-style addressing unless told otherwise.
    forcePathStyle: e.DENTALPIN_MEDIA_S3_FORCE_PATH_STYLE
      ? e.DENTALPIN_MEDIA_S3_FORCE_PATH_STYLE === 'true'
      : !!e.DENTALPIN_MEDIA_S3_ENDPOINT,
  };
}

/** The SDK client for `settings`; checksums only where S3 requires them, which every S3-compatible server accepts. */
export const s3Client = (settings: S3Settings): S3Client =>
  new S3Client({
    region: settings.region,
    endpoint: settings.endpoint,
    forcePathStyle: settings.forcePathStyle,
    credentials: settings.credentials,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });

/** The folder of the local store: DENTALPIN_MEDIA_DIR, else `storage/media` under the platform's root. */
export const mediaDir = () => config().media.dir ?? join(config().rootDir ?? process.cwd(), 'storage', 'media');

/**
 * The store the configuration names: an S3-compatible bucket when DENTALPIN_MEDIA_S3_BUCKET is set (uploads
 * staged under the OS temporary folder), else the local folder.
 */
export function configuredStore(env: NodeJS.ProcessEnv = process.env): MediaStore {
  const settings = s3Settings(env);
  if (!settings) return new LocalMediaStore(mediaDir());
  return new S3MediaStore(
    s3Client(settings),
    settings.bucket,
    settings.prefix,
    join(tmpdir(), 'dentalpin-media-incoming'),
  );
}
