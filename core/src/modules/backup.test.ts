import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db/database.ts';
import { createTestDatabase } from '../testing/database.ts';
import { backupTables, restoreBackup } from './backup.ts';

describe('module backup through the connection (no pg_dump)', () => {
  let test: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Database;
  const dir = mkdtempSync(join(tmpdir(), 'dentalpin-backup-'));
  const method = process.env.DENTALPIN_BACKUP_METHOD;

  beforeAll(async () => {
    process.env.DENTALPIN_BACKUP_METHOD = 'sql';
    test = await createTestDatabase();
    db = openDatabase(test.url);
  });
  afterAll(async () => {
    if (method === undefined) delete process.env.DENTALPIN_BACKUP_METHOD;
    else process.env.DENTALPIN_BACKUP_METHOD = method;
    await db.knex.destroy();
    await test.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('restores a table with a generated column (the column is recomputed, not written)', async () => {
    await db.knex.raw(`create table backup_people (id int primary key, first text not null, last text not null,
      full_name text generated always as (first || ' ' || last) stored)`);
    await db.knex.raw(
      `insert into backup_people (id, first, last) values (1, 'Ana', 'O''Neill'), (2, 'Íñigo', 'Muñoz')`,
    );
    const backup = await backupTables(db, 'people', ['backup_people'], dir);
    expect(backup).toMatchObject({ method: 'sql', rows: 2 });
    expect(readFileSync(backup.path, 'utf8')).toMatch(
      /insert into public\."backup_people" \("id", "first", "last"\) select/,
    );
    await db.knex.raw('delete from backup_people');
    await restoreBackup(db, backup.path);
    const { rows } = await db.knex.raw('select id, full_name from backup_people order by id');
    expect(rows).toEqual([
      { id: 1, full_name: "Ana O'Neill" },
      { id: 2, full_name: 'Íñigo Muñoz' },
    ]);
  });
});
