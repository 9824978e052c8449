import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DatabaseSchema,
  MikroORM,
  SchemaComparator,
  type ColumnDifference,
  type TableDifference,
} from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { EntitySchema } from '@mikro-orm/core';
import type { Database } from '../db/database.ts';
import { migrationsTableOf } from '../db/orm.ts';
import type { DiscoveredModule } from './discovery.ts';

export interface GeneratedMigration {
  /** Absolute path of the new file, or null when the entities match the schema already. */
  file: string | null;
  up: string[];
}

/** The snapshot of a module's entities, kept beside its migrations; the next migration is the diff from it. */
export const snapshotFileOf = (m: DiscoveredModule) => join(m.packageDir, 'migrations', '.snapshot.json');

/**
 * An ORM of one module's entities for schema work. Every table the module does not own is outside
 * the comparison, so a generated migration (or a drift check) never touches another module's (or
 * the core's) tables.
 */
async function schemaOrm(db: Database, m: DiscoveredModule): Promise<MikroORM> {
  const dir = join(m.packageDir, 'migrations');
  const entityTables = (m.definition.entities ?? []).map((e) => e.meta.tableName ?? e.meta.collection);
  const own = new Set([...m.footprint.creates, ...entityTables]);
  const existing: string[] = await db
    .knex('information_schema.tables')
    .where({ table_schema: 'public' })
    .pluck('table_name');
  return MikroORM.init({
    clientUrl: db.url,
    driverOptions: db.knex,
    contextName: `${m.name}:schema`,
    entities: [...(m.definition.entities ?? [])],
    discovery: { warnWhenNoEntities: false },
    extensions: [Migrator],
    migrations: {
      path: dir,
      pathTs: dir,
      tableName: migrationsTableOf(m.name),
      migrationsList: m.migrations,
      snapshot: true,
      snapshotName: '.snapshot',
      emit: 'ts',
      fileName: (timestamp) => `Migration${timestamp}_${m.name}`,
    },
    schemaGenerator: { skipTables: existing.filter((t) => !own.has(t)) },
    allowGlobalContext: true,
    ensureDatabase: false,
  });
}

/**
 * The snapshot file's text for entities, computed without a database (the scaffold ships one, so the
 * first generated migration holds only what the author changed).
 */
export function snapshotOfEntities(entities: readonly EntitySchema[]): string {
  const orm = MikroORM.initSync({
    entities: [...entities],
    clientUrl: 'postgresql://127.0.0.1/snapshot',
    connect: false,
    contextName: 'snapshot',
    discovery: { warnWhenNoEntities: false },
    allowGlobalContext: true,
  });
  return entitySnapshot(orm);
}

/** The snapshot file's text for the module's entities as they are now (as MikroORM's migrator writes it). */
function entitySnapshot(orm: MikroORM): string {
  return `${JSON.stringify(orm.getSchemaGenerator().getTargetSchema(), null, 2)}\n`;
}

/**
 * Generates the next migration of one module from the difference between its entities and its
 * snapshot (`migrations/.snapshot.json`), and updates the snapshot. Without a snapshot the difference
 * is taken from the database's tables of the module.
 */
export async function generateMigration(db: Database, m: DiscoveredModule): Promise<GeneratedMigration> {
  const dir = join(m.packageDir, 'migrations');
  const orm = await schemaOrm(db, m);
  const result = await orm.getMigrator().createMigration(dir);
  if (!result.fileName) return { file: null, up: [] };
  const file = join(dir, result.fileName);
  // Module packages import the migration base class through the core, not from MikroORM directly.
  if (existsSync(file))
    writeFileSync(file, readFileSync(file, 'utf8').replace(`from '@mikro-orm/migrations'`, `from '@dentalpin/core'`));
  return { file, up: result.diff.up.filter(Boolean) };
}

/** Writes the module's snapshot from its entities (for a module whose migrations already match them). */
export async function writeSnapshot(db: Database, m: DiscoveredModule): Promise<string> {
  const file = snapshotFileOf(m);
  writeFileSync(file, entitySnapshot(await schemaOrm(db, m)));
  return file;
}

export interface SchemaDrift {
  /**
   * What the module's entities declare and its tables (as its migrations left them) lack or contradict;
   * empty when they agree. The database may hold more than the entities say (foreign keys to the core,
   * checks, partial indexes, tables read through SQL, columns with defaults): migrations own those.
   */
  problems: string[];
  /** Whether `migrations/.snapshot.json` is exactly what the entities give (else the next migration diffs from a stale base). */
  snapshotCurrent: boolean;
}

/** Column properties whose difference breaks the ORM's reads or writes (defaults and comments do not). */
const BREAKING_COLUMN_CHANGES = new Set(['type', 'nullable', 'autoincrement', 'unsigned']);

/**
 * An entity enum declares its values, not a storage type (MikroORM would say `text`): a string column
 * holding its longest value fits it, as the migrations' `varchar(n)` columns with their checks do.
 */
function enumFits(c: ColumnDifference): boolean {
  const values = c.column.enumItems ?? [];
  if (!values.length || !/^(text|varchar|character varying)\b/.test(c.fromColumn.type)) return false;
  const longest = Math.max(...values.map((v) => String(v).length));
  return c.fromColumn.length == null || c.fromColumn.length >= longest;
}

function tableProblems(t: TableDifference): string[] {
  const problems: string[] = [];
  for (const c of Object.values(t.addedColumns)) problems.push(`${t.name}.${c.name}: declared by an entity, missing`);
  for (const [name, c] of Object.entries(t.changedColumns)) {
    // Entities say nullable while the table refuses null: the database is stricter, as migrations intend.
    const changed = [...c.changedProperties].filter(
      (p) =>
        BREAKING_COLUMN_CHANGES.has(p) &&
        !(p === 'nullable' && c.column.nullable && !c.fromColumn.nullable) &&
        !(p === 'type' && enumFits(c)),
    );
    if (changed.length)
      problems.push(
        `${t.name}.${name}: ${changed.map((p) => `${p} is ${JSON.stringify(c.fromColumn[p as 'type'])} in the database, ${JSON.stringify(c.column[p as 'type'])} in the entity`).join('; ')}`,
      );
  }
  for (const c of Object.values(t.removedColumns))
    if (!c.nullable && c.default == null && !c.autoincrement && !c.generated)
      problems.push(`${t.name}.${c.name}: required in the database (no default) but no entity writes it`);
  for (const c of Object.values(t.renamedColumns)) problems.push(`${t.name}.${c.name}: renamed`);
  for (const i of [...Object.values(t.addedIndexes), ...Object.values(t.changedIndexes)])
    problems.push(
      `${t.name}: index ${i.keyName} (${i.columnNames.join(', ')}) declared by an entity, missing or different`,
    );
  for (const k of [...Object.values(t.addedChecks), ...Object.values(t.changedChecks)])
    problems.push(`${t.name}: check ${k.name} declared by an entity, missing or different`);
  for (const f of [...Object.values(t.addedForeignKeys), ...Object.values(t.changedForeignKeys)])
    problems.push(`${t.name}: foreign key ${f.constraintName} declared by an entity, missing or different`);
  return problems;
}

/** How a module's entities differ from its tables in `db` (after its migrations ran) and from its snapshot. */
export async function schemaDrift(db: Database, m: DiscoveredModule): Promise<SchemaDrift> {
  const orm = await schemaOrm(db, m);
  const generator = orm.getSchemaGenerator();
  const entities = generator.getTargetSchema();
  const tables = await DatabaseSchema.create(
    orm.em.getConnection(),
    orm.em.getPlatform(),
    orm.config,
    undefined,
    entities.getNamespaces(),
    undefined,
    orm.config.get('schemaGenerator').skipTables,
  );
  const diff = new SchemaComparator(orm.em.getPlatform()).compare(tables, entities);
  const file = snapshotFileOf(m);
  return {
    problems: [
      ...Object.values(diff.newTables).map((t) => `${t.name}: declared by an entity, missing`),
      ...Object.values(diff.changedTables).flatMap(tableProblems),
    ],
    snapshotCurrent: existsSync(file) && readFileSync(file, 'utf8') === entitySnapshot(orm),
  };
}
