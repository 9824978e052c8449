import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db/database.ts';
import { createOrm } from '../db/orm.ts';
import { coreMigrations } from '../../migrations/index.ts';
import { createTestDatabase } from '../testing/database.ts';
import { loadSeeds, parseSeedFile, seedRecordId, SeedFileError, UnresolvedReferenceError } from './seeds.ts';

describe('seed files', () => {
  it('parses entries with defaults, and an empty file as nothing', () => {
    expect(parseSeedFile('a.yaml', '- xml_id: a\n  table: things\n  values: { name: A }\n')).toEqual([
      { xml_id: 'a', table: 'things', values: { name: 'A' }, noupdate: false },
    ]);
    expect(parseSeedFile('empty.yaml', '')).toEqual([]);
  });

  it.each([
    ['not a list', 'xml_id: a', /empty\.yaml: the top level must be a list/],
    ['a missing table', '- xml_id: a\n  values: {}', /empty\.yaml#0: table: /],
    [
      'a bad xml_id in the second entry',
      '- { xml_id: a, table: t, values: {} }\n- { xml_id: "a b", table: t, values: {} }',
      /empty\.yaml#1: xml_id: /,
    ],
    ['broken YAML', '- [unclosed', /empty\.yaml: not valid YAML/],
  ])('names file and entry for %s', (_label, text, message) => {
    expect(() => parseSeedFile('empty.yaml', text)).toThrow(message);
    expect(() => parseSeedFile('empty.yaml', text)).toThrow(SeedFileError);
  });
});

describe('seed loading against PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let database: Database;
  const entries = (text: string) => [{ path: 'data/x.yaml', entries: parseSeedFile('data/x.yaml', text) }];

  beforeAll(async () => {
    db = await createTestDatabase();
    database = openDatabase(db.url);
    await (await createOrm(database, { name: 'core', entities: [], migrations: coreMigrations })).getMigrator().up();
    await database.knex.raw('create table base_kinds (id uuid primary key, name text not null)');
    await database.knex.raw(
      'create table addon_things (id uuid primary key, name text not null, kind_id uuid references base_kinds(id))',
    );
    await database.knex.transaction((trx) =>
      loadSeeds(
        trx,
        { module: 'base', depends: [] },
        entries('- { xml_id: kind_a, table: base_kinds, values: { name: Kind A } }'),
      ),
    );
  });
  afterAll(async () => {
    await database.close();
    await db.drop();
  });

  it('resolves $xmlref to its own records and to those of its dependencies, with stable ids', async () => {
    const seed = `
- { xml_id: kind_b, table: base_kinds, values: { name: Kind B } }
- { xml_id: thing_1, table: addon_things, values: { name: One, kind_id: "$xmlref:base.kind_a" } }
- { xml_id: thing_2, table: addon_things, values: { name: Two, kind_id: "$xmlref:kind_b" } }
`;
    const first = await database.knex.transaction((trx) =>
      loadSeeds(trx, { module: 'addon', depends: ['base'] }, entries(seed)),
    );
    expect(first).toEqual({ inserted: 3, updated: 0 });
    const things = await database.knex('addon_things').orderBy('name');
    expect(things).toEqual([
      { id: seedRecordId('addon', 'thing_1'), name: 'One', kind_id: seedRecordId('base', 'kind_a') },
      { id: seedRecordId('addon', 'thing_2'), name: 'Two', kind_id: seedRecordId('addon', 'kind_b') },
    ]);
    const again = await database.knex.transaction((trx) =>
      loadSeeds(trx, { module: 'addon', depends: ['base'] }, entries(seed)),
    );
    expect(again).toEqual({ inserted: 0, updated: 3 });
    expect(await database.knex('addon_things').count('* as n').first()).toEqual({ n: '2' });
  });

  it('never overwrites noupdate records', async () => {
    const v1 = '- { xml_id: kind_c, table: base_kinds, values: { name: Original }, noupdate: true }';
    await database.knex.transaction((trx) => loadSeeds(trx, { module: 'addon', depends: [] }, entries(v1)));
    await database
      .knex('base_kinds')
      .where({ id: seedRecordId('addon', 'kind_c') })
      .update({ name: 'Edited by the clinic' });
    await database.knex.transaction((trx) =>
      loadSeeds(trx, { module: 'addon', depends: [] }, entries(v1.replace('Original', 'New'))),
    );
    expect(
      (
        await database
          .knex('base_kinds')
          .where({ id: seedRecordId('addon', 'kind_c') })
          .first()
      ).name,
    ).toBe('Edited by the clinic');
  });

  it('refuses references outside its module and dependencies, naming file, entry and reference, and writes nothing', async () => {
    const seed = `
- { xml_id: thing_3, table: addon_things, values: { name: Three } }
- { xml_id: thing_4, table: addon_things, values: { name: Four, kind_id: "$xmlref:base.kind_a" } }
`;
    const attempt = database.knex.transaction((trx) =>
      loadSeeds(trx, { module: 'stranger', depends: [] }, entries(seed)),
    );
    await expect(attempt).rejects.toThrow(UnresolvedReferenceError);
    await expect(
      database.knex.transaction((trx) => loadSeeds(trx, { module: 'stranger', depends: [] }, entries(seed))),
    ).rejects.toThrow(/data\/x\.yaml#1 \(thing_4\): \$xmlref:base\.kind_a not found/);
    expect(await database.knex('addon_things').where({ name: 'Three' }).count('* as n').first()).toEqual({ n: '0' });
  });

  it('reports a missing table or column with file and entry', async () => {
    await expect(
      database.knex.transaction((trx) =>
        loadSeeds(
          trx,
          { module: 'addon', depends: [] },
          entries('- { xml_id: z, table: no_such_table, values: { a: 1 } }'),
        ),
      ),
    ).rejects.toThrow(/data\/x\.yaml#0 \(z\): .*no_such_table/);
  });
});
