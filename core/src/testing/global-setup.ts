import { mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../db/embedded.ts';

let embedded: EmbeddedDatabase | null = null;
let stateDir: string | null = null;

/** Tests use DATABASE_URL when set; otherwise one embedded PostgreSQL for the whole run. */
export async function setup() {
  if (process.env.DATABASE_URL) return;
  stateDir = mkdtempSync(join(tmpdir(), 'dentalpin-test-'));
  chmodSync(stateDir, 0o755);
  embedded = await startEmbeddedPostgres(stateDir);
  process.env.DENTALPIN_TEST_DATABASE_URL = embedded.url;
}

export async function teardown() {
  await embedded?.stop();
  if (embedded?.dataDir) rmSync(embedded.dataDir, { recursive: true, force: true });
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
}
