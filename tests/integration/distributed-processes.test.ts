import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, graphqlRequest, startTestPlatform, type TestPlatform } from '@dentalpin/core/testing';
import {
  DENTALPIN_BIN,
  dentalpinEnv,
  freePort,
  ROOT,
  runToEnd,
  spawnUntil,
  startServe,
  type Spawned,
} from './support/processes.ts';

/**
 * Issue 13 item 9, with real processes: `serve --subgraph` processes, a `serve --gateway-only` in front
 * of them, and the exported supergraph served unchanged by a second, independent router (Hive Gateway).
 */
describe('distributed mode with real processes', () => {
  let t: TestPlatform;
  let admin: { token: string; clinicId: string };
  let coreSubgraph: Spawned & { url: string };
  let patientsSubgraph: Spawned & { url: string };
  let gateway: Spawned & { url: string; port: number };
  const started: Spawned[] = [];
  const workDir = mkdtempSync(join(tmpdir(), 'dentalpin-dist-'));

  beforeAll(async () => {
    t = await startTestPlatform();
    admin = await t.setup();
    await t.data(`mutation { createPatient(input: { firstName: "Split", lastName: "Topology" }) { id } }`, {}, admin);
    [coreSubgraph, patientsSubgraph] = await Promise.all([
      startServe(t.databaseUrl, t.secret, ['--subgraph', 'core']),
      startServe(t.databaseUrl, t.secret, ['--subgraph', 'patients']),
    ]);
    started.push(coreSubgraph, patientsSubgraph);
    gateway = await startServe(t.databaseUrl, t.secret, ['--gateway-only'], {
      DENTALPIN_SUBGRAPH_URLS: `patients=${patientsSubgraph.url}`,
      DENTALPIN_SUBGRAPH_TIMEOUT_MS: '3000',
    });
    started.push(gateway);
  }, 300_000);

  afterAll(async () => {
    for (const s of started) s.kill();
    await Promise.all(started.map((s) => s.exited));
    rmSync(workDir, { recursive: true, force: true });
    await t?.close();
  });

  const query = `{ me { user { email } } patients { total items { fullName } } }`;
  const expected = {
    me: { user: { email: 'admin@norte.test' } },
    patients: { total: 1, items: [{ fullName: 'Split Topology' }] },
  };

  it('registers what each subgraph process serves', async () => {
    const rows = await t.platform.db.knex('core_subgraph_registry').orderBy('module_name').select('module_name', 'url');
    expect(rows).toEqual([
      { module_name: 'core', url: coreSubgraph.url },
      { module_name: 'patients', url: patientsSubgraph.url },
    ]);
  });

  it('answers through the gateway-only process calling the patients subgraph process', async () => {
    const r = await graphqlRequest(gateway.url, query, {}, admin);
    expect(r).toEqual({ data: expected });
    const ready = await fetch(`http://127.0.0.1:${gateway.port}/health/ready`);
    expect(ready.status).toBe(200);
  });

  it('serves the exported supergraph unchanged on Hive Gateway, the caller forwarded as its token', async () => {
    const out = join(workDir, 'supergraph.graphql');
    const exported = await runToEnd(
      process.execPath,
      [DENTALPIN_BIN, 'supergraph', '--out', out],
      dentalpinEnv(t.databaseUrl, t.secret, {
        DENTALPIN_SUBGRAPH_URLS: `core=${coreSubgraph.url},patients=${patientsSubgraph.url}`,
      }),
    );
    expect(exported.code, exported.output.join('\n')).toBe(0);
    const sdl = readFileSync(out, 'utf8');
    expect(sdl).toContain(`url: "${patientsSubgraph.url}"`);
    const port = await freePort();
    const hive = await spawnUntil(
      join(ROOT, 'node_modules/.bin/hive-gateway'),
      [
        'supergraph',
        out,
        '--port',
        String(port),
        '--host',
        '127.0.0.1',
        '-c',
        join(ROOT, 'deploy/hive/gateway.config.mjs'),
      ],
      { env: { NODE_ENV: 'production' }, ready: (line) => line.includes('Listening on'), timeoutMs: 60_000 },
    );
    started.push(hive);
    const r = await graphqlRequest(`http://127.0.0.1:${port}/graphql`, query, {}, admin);
    expect(r).toEqual({ data: expected });
    // Without the caller's token the subgraphs refuse: a router cannot act as anyone.
    const anonymous = await graphqlRequest(`http://127.0.0.1:${port}/graphql`, `{ patients { total } }`);
    expect(anonymous.data?.patients ?? null).toBeNull();
    expect(anonymous.errors?.length).toBeGreaterThan(0);
  });

  it('turns a stopped subgraph into SUBGRAPH_UNAVAILABLE without its address, and readiness names it', async () => {
    patientsSubgraph.kill();
    await patientsSubgraph.exited;
    const r = await graphqlRequest(gateway.url, `{ patients { total } }`, {}, admin);
    expect(r.errors?.[0]?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
    expect(r.errors?.[0]?.extensions?.retryable).toBe(true);
    expect(r.errors?.[0]?.message).toMatch(/patients service cannot be reached/);
    const text = JSON.stringify(r);
    expect(text).not.toContain('127.0.0.1');
    expect(text).not.toContain(String(new URL(patientsSubgraph.url).port));
    expect(text).not.toMatch(/ECONNREFUSED/);
    const ready = await fetch(`http://127.0.0.1:${gateway.port}/health/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'unready', unavailableSubgraphs: ['patients'] });
  });
});

describe('a subgraph process on a database behind its code', () => {
  it('refuses to start without --migrate, naming the command that fixes it', async () => {
    const db = await createTestDatabase();
    try {
      const started = await startServe(db.url, 'a-secret-of-at-least-32-characters-123', [
        '--subgraph',
        'patients',
      ]).catch((e: Error) => e);
      expect(started).toBeInstanceOf(Error);
      expect(String(started)).toMatch(/exited \(\d+\)/);
      expect(String(started)).toMatch(/dentalpin db migrate.*--migrate/);
      const { rows } = await import('pg').then(async ({ default: pg }) => {
        const client = new pg.Client({ connectionString: db.url });
        await client.connect();
        try {
          return await client.query(`select to_regclass('public.core_module') is null as untouched`);
        } finally {
          await client.end();
        }
      });
      expect(rows[0].untouched).toBe(true);
    } finally {
      await db.drop();
    }
  }, 120_000);
});
