import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { Database } from '../db/database.ts';
import { migrationsTableOf } from '../db/orm.ts';
import type { DiscoveredModule } from './discovery.ts';

export interface GeneratedMigration {
  /** Absolute path of the new file, or null when the entities match the schema already. */
  file: string | null;
  up: string[];
}

/**
 * Generates the next migration of one module from the difference between its entities and its
 * snapshot (`migrations/.snapshot-<module>.json`, kept beside the migrations). Every table the
 * module does not own is outside the comparison, so a generated migration never drops or alters
 * another module's (or the core's) tables.
 */
export async function generateMigration(db: Database, m: DiscoveredModule): Promise<GeneratedMigration> {
  const dir = join(m.packageDir, 'migrations');
  const entityTables = (m.definition.entities ?? []).map((e) => e.meta.tableName ?? e.meta.collection);
  const own = new Set([...m.footprint.creates, ...entityTables]);
  const existing: string[] = await db
    .knex('information_schema.tables')
    .where({ table_schema: 'public' })
    .pluck('table_name');
  const orm = await MikroORM.init({
    clientUrl: db.url,
    driverOptions: db.knex,
    contextName: `${m.name}:generator`,
    entities: [...(m.definition.entities ?? [])],
    discovery: { warnWhenNoEntities: false },
    extensions: [Migrator],
    migrations: {
      path: dir,
      pathTs: dir,
      tableName: migrationsTableOf(m.name),
      migrationsList: m.migrations,
      snapshot: true,
      snapshotName: `.snapshot-${m.name}`,
      emit: 'ts',
      fileName: (timestamp) => `Migration${timestamp}_${m.name}`,
    },
    schemaGenerator: { skipTables: existing.filter((t) => !own.has(t)) },
    allowGlobalContext: true,
    ensureDatabase: false,
  });
  const result = await orm.getMigrator().createMigration(dir);
  if (!result.fileName) return { file: null, up: [] };
  const file = join(dir, result.fileName);
  // Module packages import the migration base class through the core, not from MikroORM directly.
  if (existsSync(file))
    writeFileSync(file, readFileSync(file, 'utf8').replace(`from '@mikro-orm/migrations'`, `from '@dentalpin/core'`));
  return { file, up: result.diff.up.filter(Boolean) };
}
