import { randomBytes } from 'node:crypto';
import { dropDatabase, ensureDatabaseExists, withDatabaseName } from '../db/database.ts';

/** The server tests run against: DATABASE_URL, or the embedded one started by the global setup. */
export function serverUrl(): string {
  const url = process.env.DATABASE_URL ?? process.env.DENTALPIN_TEST_DATABASE_URL;
  if (!url) throw new Error('No database for tests: set DATABASE_URL or run through `npm test` (which starts one).');
  return url;
}

/** A fresh, uniquely named database; `drop()` removes it. */
export async function createTestDatabase(prefix = 'dentalpin_t'): Promise<{ url: string; drop(): Promise<void> }> {
  const url = withDatabaseName(serverUrl(), `${prefix}_${randomBytes(6).toString('hex')}`);
  await ensureDatabaseExists(url);
  return { url, drop: () => dropDatabase(url) };
}
