import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { createTestDatabase } from '../../core/src/testing/database.ts';
import { eventually, graphqlRequest, TEST_PASSWORD } from '@dentalpin/core/testing';
import { runCli, startServe, type ServeProcess } from './support/serve-process.ts';

/**
 * DentalPin issue 13 item 8: a module change is composed once across all the processes on one database.
 * Two `dentalpin serve` processes; what each composed or loaded is read from its log (one line per
 * supergraph it composed, one per supergraph it loaded from core_supergraph, none when it had it in memory).
 */
const SECRET = randomBytes(32).toString('hex');

const count = (server: ServeProcess, what: 'composed' | 'loaded from the database') =>
  server.log.filter((l) => new RegExp(`supergraph [0-9a-f]{12} ${what}`).test(l)).length;
const tally = (servers: ServeProcess[]) => ({
  composed: servers.map((s) => count(s, 'composed')),
  loaded: servers.map((s) => count(s, 'loaded from the database')),
});
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
/** Compositions and loads since `before`, summed over the processes. */
const since = (servers: ServeProcess[], before: ReturnType<typeof tally>) => {
  const now = tally(servers);
  return {
    composed: sum(now.composed) - sum(before.composed),
    loaded: sum(now.loaded) - sum(before.loaded),
  };
};

describe('supergraph swaps across processes', { timeout: 600_000 }, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  const servers: ServeProcess[] = [];
  let token = '';

  const cli = async (...args: string[]) => {
    const r = await runCli(db.url, SECRET, args);
    expect(r.code, `${args.join(' ')}\n${r.stdout}\n${r.stderr}`).toBe(0);
  };
  const activeModules = async (server: ServeProcess) => {
    const r = await graphqlRequest<{ activeModules: { name: string }[] }>(
      server.url,
      `{ activeModules { name } }`,
      {},
      { token },
    );
    return r.data?.activeModules.map((m) => m.name) ?? [];
  };
  const servesInventory = async (server: ServeProcess) =>
    !(await graphqlRequest(server.url, `{ inventoryItems { id } }`, {}, { token })).errors;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await db?.drop();
  });

  it('composes at the first start and loads the stored supergraph at the second', async () => {
    servers.push(await startServe(db.url, SECRET));
    expect(tally(servers)).toEqual({ composed: [1], loaded: [0] });
    servers.push(await startServe(db.url, SECRET));
    expect(tally(servers)).toEqual({ composed: [1, 0], loaded: [0, 1] });

    const setup = await graphqlRequest<{ setup: { accessToken: string } }>(
      servers[0]!.url,
      `mutation($input: SetupInput!) { setup(input: $input) { accessToken } }`,
      {
        input: {
          clinicName: 'Swap Clinic',
          adminEmail: 'admin@swap.test',
          adminPassword: TEST_PASSWORD,
          adminFirstName: 'Ada',
          adminLastName: 'Admin',
        },
      },
    );
    expect(setup.errors).toBeUndefined();
    token = setup.data!.setup.accessToken;
  });

  it('restartModules on one process: one composition, and the other process loads it', async () => {
    await cli('modules', 'install', 'inventory');
    const before = tally(servers);
    const restart = await graphqlRequest<{ restartModules: { compositionErrors: string[] } }>(
      servers[0]!.url,
      `mutation { restartModules { compositionErrors } }`,
      {},
      { token },
    );
    expect(restart.errors).toBeUndefined();
    expect(restart.data!.restartModules.compositionErrors).toEqual([]);
    for (const s of servers) await eventually(() => servesInventory(s), 60_000);
    expect(since(servers, before)).toEqual({ composed: 1, loaded: 1 });
  });

  it('`dentalpin modules restart`: one composition across the servers, none going back to an earlier set', async () => {
    await cli('modules', 'disable', 'reports');
    let before = tally(servers);
    await cli('modules', 'restart');
    for (const s of servers) await eventually(async () => !(await activeModules(s)).includes('reports'), 60_000);
    expect(since(servers, before)).toEqual({ composed: 1, loaded: 1 });

    await cli('modules', 'enable', 'reports');
    before = tally(servers);
    await cli('modules', 'restart');
    for (const s of servers) await eventually(async () => (await activeModules(s)).includes('reports'), 60_000);
    // Both processes still hold the supergraph with reports in memory.
    expect(since(servers, before)).toEqual({ composed: 0, loaded: 0 });
    for (const s of servers) expect(await servesInventory(s)).toBe(true);
  });
});
