import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { findRootDir } from '../config.ts';
import { Platform } from '../platform.ts';
import { createTestDatabase } from '../testing/database.ts';
import { scaffoldModule } from '../cli/scaffold.ts';
import { generateMigration } from './make-migration.ts';
import { defineEntity } from '@mikro-orm/core';
import { uuidPrimaryKey } from '../entities/index.ts';

const root = findRootDir();
const name = `generated_${randomBytes(3).toString('hex')}`;
const dir = join(root, 'tests/.scaffold', name);

describe('generated migrations', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let platform: Platform;

  beforeAll(async () => {
    db = await createTestDatabase();
    scaffoldModule(name, dir);
    // Start from entities alone: the migration is what we generate.
    for (const f of readdirSync(join(dir, 'migrations'))) rmSync(join(dir, 'migrations', f));
    platform = await Platform.open({ databaseUrl: db.url, secret: 'g'.repeat(40), moduleDirs: [dir] });
    await platform.boot();
  });
  afterAll(async () => {
    await platform.close();
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("creates the module's tables and never drops or alters another module's", async () => {
    const other = await platform.db
      .knex('information_schema.tables')
      .where({ table_schema: 'public' })
      .pluck('table_name');
    expect(other).toContain('patients');
    const result = await generateMigration(platform.db, platform.kernel.module(name)!);
    expect(result.file).not.toBeNull();
    const code = readFileSync(result.file!, 'utf8');
    expect(code).toMatch(new RegExp(`create table "${name}_notes"`));
    expect(code).toMatch(/from '@dentalpin\/core'/);
    expect(code).not.toMatch(/drop table (if exists )?"(?!generated_)/);
    for (const table of other) expect(code).not.toMatch(new RegExp(`alter table "${table}"`));
    expect(existsSync(join(dir, 'migrations', '.snapshot.json'))).toBe(true);

    // The generated migration installs and uninstalls like a hand-written one.
    await platform.kernel.discover();
    await platform.kernel.scheduleInstall(name);
    expect((await platform.restart()).processed).toEqual([
      { module: name, operation: 'install', status: 'completed', error: null, errorDetails: null },
    ]);
    expect((await platform.db.knex.raw(`select to_regclass('${name}_notes') as t`)).rows[0].t).toBe(`${name}_notes`);
    await platform.kernel.scheduleUninstall(name);
    expect((await platform.restart()).processed[0].status).toBe('completed');
    expect((await platform.db.knex.raw(`select to_regclass('${name}_notes') as t`)).rows[0].t).toBeNull();
    const after = await platform.db
      .knex('information_schema.tables')
      .where({ table_schema: 'public' })
      .pluck('table_name');
    expect(after.sort()).toEqual(other.filter((t: string) => t !== `mikro_orm_migrations_${name}`).sort());
  });

  it('generates nothing when the entities match the snapshot', async () => {
    expect(await generateMigration(platform.db, platform.kernel.module(name)!)).toEqual({ file: null, up: [] });
  });

  it('writes the next migration from the entity diff against the snapshot, and updates the snapshot', async () => {
    const m = platform.kernel.module(name)!;
    const [notes] = m.definition.entities!;
    const withBody = defineEntity({
      name: notes.meta.className,
      tableName: `${name}_notes`,
      properties: (p) => ({
        id: uuidPrimaryKey(p),
        clinicId: p.uuid(),
        title: p.string().length(200),
        createdBy: p.uuid(),
        createdAt: p
          .datetime()
          .columnType('timestamptz')
          .onCreate(() => new Date()),
        body: p.text().nullable(),
      }),
    });
    const changed = { ...m, definition: { ...m.definition, entities: [withBody] } };
    const snapshotFile = join(dir, 'migrations', '.snapshot.json');
    const before = readFileSync(snapshotFile, 'utf8');
    const result = await generateMigration(platform.db, changed);
    // Only the change: the snapshot, not the (uninstalled, now absent) tables, is the base.
    expect(result.up).toEqual([`alter table "${name}_notes" add column "body" text null;`]);
    expect(readFileSync(snapshotFile, 'utf8')).not.toBe(before);
    expect(readFileSync(snapshotFile, 'utf8')).toMatch(/"body"/);
    expect(await generateMigration(platform.db, changed)).toEqual({ file: null, up: [] });
  });
});
