import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { subgraphsHash, type SubgraphDescriptor } from '@dentalpin/gateway';
import { openDatabase, withDatabaseName, type Database } from '../db/database.ts';
import { createOrm } from '../db/orm.ts';
import { coreMigrations } from '../../migrations/index.ts';
import { createTestDatabase } from '../testing/database.ts';
import { SupergraphCompositions } from './supergraph-compositions.ts';

const subgraph = (name: string, fields: string): SubgraphDescriptor => ({
  name,
  url: `in-process:${name}`,
  typeDefs: parse(`extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
    type Query { ${fields} }`),
});
const patients = subgraph('patients', 'patientCount: Int');
const agenda = subgraph('agenda', 'appointmentCount: Int');
const inventory = subgraph('inventory', 'itemCount: Int');
/** Declares `patientCount` with another type than `patients` does: the set does not compose. */
const clash = subgraph('clash', 'patientCount: String');

describe('supergraph compositions shared through core_supergraph', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  /** One pool per simulated process: each SupergraphCompositions stands for one server. */
  const pools: Database[] = [];
  const process = () => {
    const pool = openDatabase(db.url, db.url, 4);
    pools.push(pool);
    return new SupergraphCompositions(pool);
  };
  const stored = () =>
    pools[0]!.knex('core_supergraph').select('subgraphs_hash', 'subgraphs', 'supergraph_hash', 'errors', 'composed_by');

  beforeAll(async () => {
    db = await createTestDatabase();
    const setup = openDatabase(db.url, db.url, 1);
    await (await createOrm(setup, { name: 'core', entities: [], migrations: coreMigrations })).getMigrator().up();
    await setup.close();
  });
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
    await db.drop();
  });

  it('composes a set once: the process that meets it first stores it, another loads it, and a repeat is free', async () => {
    const first = process();
    const composed = await first.compose([patients, agenda]);
    expect(composed.ok).toBe(true);
    expect(first.composedHere).toBe(1);
    await first.compose([patients, agenda]);
    expect(first.composedHere).toBe(1);

    const second = process();
    // Listed in another order: the same set, so the same hash and the stored supergraph.
    expect(await second.compose([agenda, patients])).toEqual(composed);
    expect(second.composedHere).toBe(0);
    expect(await stored()).toEqual([
      expect.objectContaining({
        subgraphs_hash: subgraphsHash([patients, agenda]),
        subgraphs: [
          { name: 'patients', url: 'in-process:patients' },
          { name: 'agenda', url: 'in-process:agenda' },
        ],
        errors: null,
        composed_by: expect.stringMatching(/:\d+$/),
      }),
    ]);
  });

  it('composes a changed set (another SDL, another URL) again', async () => {
    const p = process();
    const more = await p.compose([patients, agenda, inventory]);
    expect(more.ok && more.supergraphSdl).toContain('itemCount');
    await p.compose([patients, { ...agenda, url: 'http://127.0.0.1:4101/graphql' }]);
    expect(p.composedHere).toBe(2);
    expect(subgraphsHash([patients, agenda])).not.toBe(
      subgraphsHash([patients, { ...agenda, url: 'http://127.0.0.1:4101/graphql' }]),
    );
  });

  it('composes a new set once when several processes need it at the same moment', async () => {
    const processes = [process(), process(), process()];
    const results = await Promise.all(processes.map((p) => p.compose([patients, inventory])));
    expect(processes.map((p) => p.composedHere).reduce((a, b) => a + b)).toBe(1);
    expect(new Set(results.map((r) => (r.ok ? r.supergraphSdl : '')))).toHaveLength(1);
  });

  it('stores a set that does not compose with its errors, so other processes skip it without composing', async () => {
    const first = process();
    const failed = await first.compose([patients, clash]);
    expect(failed.ok).toBe(false);
    expect(first.composedHere).toBe(1);
    const second = process();
    expect(await second.compose([patients, clash])).toEqual(failed);
    expect(second.composedHere).toBe(0);
  });

  it('does not serve a stored supergraph whose SDL no longer matches its hash: it composes and repairs it', async () => {
    const hash = subgraphsHash([agenda, inventory]);
    const good = await process().compose([agenda, inventory]);
    await pools[0]!
      .knex('core_supergraph')
      .where({ subgraphs_hash: hash })
      .update({ supergraph_sdl: 'schema { query: Query } type Query { tampered: String }' });

    const next = process();
    expect(await next.compose([agenda, inventory])).toEqual(good);
    expect(next.composedHere).toBe(1);
    const after = process();
    expect(await after.compose([agenda, inventory])).toEqual(good);
    expect(after.composedHere).toBe(0);
  });

  it('keeps the 20 sets used last: loading a set keeps it, the ones unused longest are deleted', async () => {
    expect(await stored()).toHaveLength(6);
    await process().compose([patients, agenda]);
    const p = process();
    for (let i = 0; i < 19; i++) await p.compose([patients, subgraph('extra', `field${i}: Int`)]);
    const hashes = (await stored()).map((r) => r.subgraphs_hash);
    expect(hashes).toHaveLength(20);
    expect(hashes).toContain(subgraphsHash([patients, agenda]));
    expect(hashes).not.toContain(subgraphsHash([patients, clash]));
  });

  it('composes by itself when the database cannot be reached', async () => {
    const missing = withDatabaseName(db.url, `${db.url.split('/').pop()}_missing`);
    const unreachable = openDatabase(missing, missing, 1);
    pools.push(unreachable);
    const alone = new SupergraphCompositions(unreachable);
    const result = await alone.compose([patients, agenda]);
    expect(result.ok && result.supergraphSdl).toContain('appointmentCount');
    expect(alone.composedHere).toBe(1);
  });
});
