import { knex, type Knex } from '@mikro-orm/knex';
import pg from 'pg';
import { config } from '../config.ts';
import { installTenancyHook } from './tenancy.ts';
import { installTypeParsers } from './pg-types.ts';

// Dates come back as JS Dates (timestamptz) and `date` columns as plain 'YYYY-MM-DD' strings.
installTypeParsers();

/**
 * One connection pool per process, shared by the core ORM and every module's ORM
 * (MikroORM reuses a knex client passed through `driverOptions`).
 */
export interface Database {
  readonly url: string;
  /**
   * For what needs one server session throughout (LISTEN, session advisory locks, pg_dump):
   * DATABASE_SESSION_URL when `url` goes through a transaction pooler such as PgBouncer, else `url`.
   */
  readonly sessionUrl: string;
  readonly knex: Knex;
  close(): Promise<void>;
}

export function openDatabase(url: string, sessionUrl = url, poolMax = config().db.poolMax): Database {
  const client = knex({ client: 'pg', connection: url, pool: { min: 0, max: poolMax } });
  // Bound units of work run as the application role with their clinic (tenancy.ts, docs/security.md).
  installTenancyHook(client);
  let closed = false;
  return {
    url,
    sessionUrl,
    knex: client,
    async close() {
      if (closed) return;
      closed = true;
      await client.destroy();
    },
  };
}

/** Run `fn` with one dedicated connection holding a session-level advisory lock. */
export async function withAdvisoryLock<T>(db: Database, key: string, fn: () => Promise<T>): Promise<T> {
  const conn = new pg.Client({ connectionString: db.sessionUrl });
  await conn.connect();
  try {
    await conn.query('select pg_advisory_lock(hashtext($1))', [key]);
    return await fn();
  } finally {
    await conn.query('select pg_advisory_unlock(hashtext($1))', [key]).catch(() => undefined);
    await conn.end();
  }
}

export function databaseNameOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

export function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(name)}`;
  return u.toString();
}

/** Creates the database named in `url` when it does not exist yet. */
export async function ensureDatabaseExists(url: string): Promise<void> {
  const name = databaseNameOf(url);
  const admin = new pg.Client({ connectionString: withDatabaseName(url, 'postgres') });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await admin.query(`create database "${name.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }
}

export async function dropDatabase(url: string): Promise<void> {
  const name = databaseNameOf(url);
  const admin = new pg.Client({ connectionString: withDatabaseName(url, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${name.replace(/"/g, '""')}" with (force)`);
  } finally {
    await admin.end();
  }
}
