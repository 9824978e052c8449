import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { config, findRootDir } from '../config.ts';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../db/embedded.ts';
import { logger } from '../logger.ts';

export interface Environment {
  rootDir: string;
  databaseUrl: string;
  /** DATABASE_SESSION_URL: LISTEN and session locks go there when DATABASE_URL is a transaction pooler. */
  databaseSessionUrl?: string;
  secret: string;
  /** Set when the process runs its own PostgreSQL (no DATABASE_URL). */
  embedded: EmbeddedDatabase | null;
  close(): Promise<void>;
}

const stateDir = (rootDir: string) => join(rootDir, '.dentalpin');

/**
 * The token secret: DENTALPIN_SECRET, else (never in production, where the configuration refuses to
 * start without it) one generated once for this folder and kept in `.dentalpin/secret`.
 */
function resolveSecret(rootDir: string): string {
  const configured = config().secret;
  if (configured) return configured;
  const file = join(stateDir(rootDir), 'secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(stateDir(rootDir), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** DATABASE_URL when set; otherwise an embedded PostgreSQL with its data under `.dentalpin/`. */
export async function resolveEnvironment(): Promise<Environment> {
  const rootDir = findRootDir();
  const secret = resolveSecret(rootDir);
  const { databaseUrl, databaseSessionUrl } = config();
  if (databaseUrl)
    return { rootDir, databaseUrl, databaseSessionUrl, secret, embedded: null, close: async () => undefined };
  logger.info('DATABASE_URL is not set: using the embedded PostgreSQL of this folder');
  const embedded = await startEmbeddedPostgres(stateDir(rootDir));
  let closing: Promise<void> | null = null;
  // A killed Node would leave PostgreSQL running: stop it on every way out we can catch.
  const stop = () => (closing ??= embedded.stop());
  process.once('exit', () => void stop());
  return { rootDir, databaseUrl: embedded.url, secret, embedded, close: stop };
}
