import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import type { Database } from '../db/database.ts';
import { config } from '../config.ts';

const run = promisify(execFile);

export interface BackupResult {
  path: string;
  tables: string[];
  rows: number;
  method: 'pg_dump' | 'sql';
}

/** pg_dump can dump a server of its own major version or older. */
async function pgDumpFits(db: Database): Promise<boolean> {
  try {
    const { stdout } = await run('pg_dump', ['--version']);
    const major = Number(/(\d+)(?:\.\d+)?/.exec(stdout)?.[1]);
    const { rows } = await db.knex.raw(`select current_setting('server_version_num')::int / 10000 as major`);
    return major >= rows[0].major;
  } catch {
    return false;
  }
}

/** Where uninstall backups go: DENTALPIN_BACKUP_DIR, else `<root>/storage/backups`. */
export const backupDirectory = (rootDir: string): string => config().backup.dir ?? join(rootDir, 'storage', 'backups');

/**
 * A backup file as an operator names it: a path, or the bare file name the API shows (`moduleOperations` gives
 * no server paths), looked up in the backup directory.
 */
export function resolveBackupFile(file: string, rootDir: string): string {
  return existsSync(file) || basename(file) !== file ? file : join(backupDirectory(rootDir), file);
}

const quoteIdent = (t: string) => `"${t.replace(/"/g, '""')}"`;
const stamp = () =>
  new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');

/**
 * A restorable, data-only dump of `tables` (parents first) as plain INSERT … ON CONFLICT DO NOTHING
 * statements (rows a re-install seeded again are kept as they are): pg_dump when
 * a fitting one is installed, otherwise generated through the connection (the embedded PostgreSQL
 * ships no pg_dump). An empty file is a failed backup.
 */
export async function backupTables(db: Database, module: string, tables: string[], dir: string): Promise<BackupResult> {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${module}-${stamp()}.sql`);
  let rows = 0;
  for (const t of tables) rows += Number((await db.knex(t).count('* as n').first())?.n ?? 0);
  const header = `-- DentalPin backup of module ${module}: ${tables.join(', ') || '(no tables)'}; ${new Date().toISOString()}\n`;
  let method: BackupResult['method'] = 'sql';
  // DENTALPIN_BACKUP_METHOD=sql forces the connection-based dump (as on the embedded database).
  if (tables.length && config().backup.method !== 'sql' && (await pgDumpFits(db))) {
    const args = [
      '--data-only',
      '--column-inserts',
      '--on-conflict-do-nothing',
      '--no-owner',
      '--no-privileges',
      // pg_dump sets session parameters and holds one snapshot: it needs a session of its own.
      `--dbname=${db.sessionUrl}`,
    ];
    for (const t of tables) args.push(`--table=public.${quoteIdent(t)}`);
    const { stdout } = await run('pg_dump', args, { maxBuffer: 1024 * 1024 * 1024 });
    writeFileSync(path, header + stdout);
    method = 'pg_dump';
  } else {
    const lines = [header];
    for (const t of tables) {
      // Generated columns are computed on insert and refuse a value: they are left out, as pg_dump leaves them.
      const { rows: columns } = await db.knex.raw(
        `select attname from pg_attribute where attrelid = ?::regclass and attnum > 0 and not attisdropped
            and attgenerated = '' order by attnum`,
        [`public.${quoteIdent(t)}`],
      );
      const list = (columns as { attname: string }[]).map((c) => quoteIdent(c.attname)).join(', ');
      const result = await db.knex.raw(`select row_to_json(t)::text as j from ${quoteIdent(t)} t`);
      for (const r of result.rows as { j: string }[])
        lines.push(
          `insert into public.${quoteIdent(t)} (${list}) select ${list} from json_populate_record(null::public.${quoteIdent(t)}, '${r.j.replace(/'/g, "''")}') on conflict do nothing;\n`,
        );
    }
    writeFileSync(path, lines.join(''));
  }
  if (statSync(path).size === 0) throw new Error(`the backup of module ${module} came out empty (${path})`);
  return { path, tables, rows, method };
}

/** Replays a backup file in one transaction (psql meta-commands such as \restrict are skipped). */
export async function restoreBackup(db: Database, file: string): Promise<{ statements: number }> {
  const sql = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => !line.startsWith('\\'))
    .join('\n');
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    await client.query('begin');
    await client.query(sql);
    await client.query('commit');
  } catch (e) {
    await client.query('rollback').catch(() => undefined);
    throw new Error(`restoring ${file} failed and nothing was written: ${(e as Error).message}`, { cause: e });
  } finally {
    await client.end();
  }
  return { statements: (sql.match(/^insert into/gim) ?? []).length };
}
