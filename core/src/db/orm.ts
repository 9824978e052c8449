import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MikroORM } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { EntitySchema, MigrationObject } from '@mikro-orm/core';
import type { Database } from './database.ts';
import { prepareImport } from '../modules/loader.ts';
import { config } from '../config.ts';

export interface OrmOptions {
  /** `core` or the module name: names the migrations history table and the ORM context. */
  name: string;
  entities: readonly EntitySchema<any, any>[];
  migrations: MigrationObject[];
}

export const migrationsTableOf = (name: string) => `mikro_orm_migrations_${name}`;

/** One ORM per module over the shared pool: its own metadata and its own migration history. */
export async function createOrm(db: Database, options: OrmOptions): Promise<MikroORM> {
  return MikroORM.init({
    clientUrl: db.url,
    driverOptions: db.knex,
    contextName: options.name,
    entities: [...options.entities],
    discovery: { warnWhenNoEntities: false },
    extensions: [Migrator],
    migrations: {
      tableName: migrationsTableOf(options.name),
      migrationsList: options.migrations,
      snapshot: false,
      transactional: true,
      allOrNothing: true,
      silent: true,
    },
    allowGlobalContext: false,
    debug: config().db.sqlDebug,
    ensureDatabase: false,
  });
}

/**
 * Loads a module's migrations folder: every `*.ts`/`*.js` file (not `.d.ts`, not `index`), in
 * file-name order, whose exported class is the migration.
 */
export async function loadMigrationsDir(dir: string): Promise<MigrationObject[]> {
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir)
    .filter((f) => /\.(ts|js|mjs)$/.test(f) && !f.endsWith('.d.ts') && !/^index\./.test(f))
    .sort();
  const list: MigrationObject[] = [];
  for (const file of files) {
    await prepareImport(file);
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as Record<string, unknown>;
    const cls = Object.values(mod).find((v) => typeof v === 'function') as MigrationObject['class'] | undefined;
    if (!cls) throw new Error(`migration file ${join(dir, file)} exports no migration class`);
    list.push({ name: file.replace(/\.(ts|js|mjs)$/, ''), class: cls });
  }
  return list;
}
