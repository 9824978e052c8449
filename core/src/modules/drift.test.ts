import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineEntity } from '@mikro-orm/core';
import { findRootDir } from '../config.ts';
import { Platform } from '../platform.ts';
import { createTestDatabase } from '../testing/database.ts';
import { discoverModules } from './discovery.ts';
import { schemaDrift } from './make-migration.ts';

// Every module on disk: the official ones and the example (the root package depends on it).
const { modules: discovered } = await discoverModules(findRootDir());
const withEntities = discovered.filter((m) => m.definition.entities?.length).map((m) => m.name);

describe('schema drift: entities, migrations and snapshots agree for every module', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let platform: Platform;

  beforeAll(async () => {
    db = await createTestDatabase();
    platform = await Platform.open({ databaseUrl: db.url, secret: 'd'.repeat(40) });
    await platform.boot();
    // Only the migrations, in dependency order (no install hooks): the schema is what they build.
    for (const m of platform.kernel.modules()) await (await platform.kernel.orm(m.name)).getMigrator().up();
  });
  afterAll(async () => {
    await platform.close();
    await db.drop();
  });

  it('covers every module with entities', () => {
    expect(withEntities).toEqual(expect.arrayContaining(['catalog', 'patients', 'billing', 'inventory']));
  });

  it.each(withEntities)('%s: its migrations build exactly its entities, and its snapshot is current', async (name) => {
    const drift = await schemaDrift(platform.db, platform.kernel.module(name)!);
    expect(drift.problems, `run \`dentalpin modules make-migration ${name}\``).toEqual([]);
    expect(drift.snapshotCurrent, `migrations/.snapshot.json of ${name} is stale`).toBe(true);
  });

  it('reports an entity property without its column, a changed type, and the snapshot as stale', async () => {
    const catalog = platform.kernel.module('catalog')!;
    const changed = defineEntity({
      name: 'CatalogItemSession',
      tableName: 'catalog_item_sessions',
      properties: (p) => ({
        id: p.uuid().primary(),
        itemId: p.uuid(),
        sequence: p.integer(),
        label: p.string().length(200),
        amount: p.decimal('string').precision(10).scale(2),
        note: p.text(),
      }),
    });
    const entities = [
      ...catalog.definition.entities!.filter((e) => e.meta.className !== 'CatalogItemSession'),
      changed,
    ];
    const drift = await schemaDrift(platform.db, { ...catalog, definition: { ...catalog.definition, entities } });
    expect(drift.problems).toEqual([
      'public.catalog_item_sessions.note: declared by an entity, missing',
      'public.catalog_item_sessions.sequence: type is "int2" in the database, "int" in the entity',
    ]);
    expect(drift.snapshotCurrent).toBe(false);
  });
});
