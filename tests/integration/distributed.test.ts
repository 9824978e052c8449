import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { parse, print } from 'graphql';
import { startGatewayServer, startSubgraphServer } from '../../core/src/server/serve.ts';
import { identityHeaders } from '../../core/src/auth/identity-header.ts';
import { findRootDir } from '../../core/src/config.ts';
import { Platform } from '../../core/src/platform.ts';
import { registerSubgraph } from '../../core/src/server/subgraph-registry.ts';
import { eventually, graphqlRequest, startTestPlatform, type TestPlatform } from '@dentalpin/core/testing';
import { freePort } from './support/processes.ts';

describe('distributed mode: a gateway calling the patients subgraph over HTTP', () => {
  let t: TestPlatform;
  let admin: { token: string; clinicId: string };
  let subgraph: Awaited<ReturnType<typeof startSubgraphServer>>;
  let gateway: Awaited<ReturnType<typeof startGatewayServer>>;

  beforeAll(async () => {
    t = await startTestPlatform();
    admin = await t.setup();
    await t.data(`mutation { createPatient(input: { firstName: "Remote", lastName: "Patient" }) { id } }`, {}, admin);
    subgraph = await startSubgraphServer(t.platform, 'patients', { port: 0, secret: t.secret });
    gateway = await startGatewayServer(t.platform, {
      port: 0,
      rootDir: findRootDir(),
      secret: t.secret,
      remoteSubgraphs: { patients: subgraph.url },
    });
  });
  afterAll(async () => {
    await gateway.close();
    await subgraph.close();
    await t.close();
  });

  it('answers through the remote subgraph with the caller identity carried across', async () => {
    const r = await graphqlRequest(
      gateway.url,
      `{ me { user { email } } patients { total items { fullName } } }`,
      {},
      admin,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({
      me: { user: { email: 'admin@norte.test' } },
      patients: { total: 1, items: [{ fullName: 'Remote Patient' }] },
    });
    const anonymous = await graphqlRequest(gateway.url, `{ patients { total } }`);
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('makes the subgraph refuse requests that do not come from the gateway', async () => {
    const unsigned = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ patients { total } }' }),
    });
    expect(unsigned.status).toBe(401);
    const identity = (await t.platform.auth.authenticate(`Bearer ${admin.token}`, admin.clinicId)).user();
    const forged = identityHeaders('not-the-secret-not-the-secret-123', { ...identity, grants: ['*'] }, 'r1');
    const bad = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...forged },
      body: JSON.stringify({ query: '{ patients { total } }' }),
    });
    expect(bad.status).toBe(401);
    const stale = identityHeaders(t.secret, identity, 'r2', Date.now() - 10 * 60_000);
    expect(
      (
        await fetch(subgraph.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...stale },
          body: '{"query":"{ patients { total } }"}',
        })
      ).status,
    ).toBe(401);
    const signed = identityHeaders(t.secret, identity, 'r3');
    const ok = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signed },
      body: '{"query":"{ patients { total } }"}',
    });
    expect(await ok.json()).toEqual({ data: { patients: { total: 1 } } });
  });

  it("also answers a router that forwards the caller's own token, and checks it itself", async () => {
    const post = (headers: Record<string, string>) =>
      fetch(subgraph.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: '{"query":"{ patients { total } }"}',
      });
    const forwarded = await post({ authorization: `Bearer ${admin.token}`, 'x-clinic-id': admin.clinicId });
    expect(await forwarded.json()).toEqual({ data: { patients: { total: 1 } } });
    const forged = await post({ authorization: `Bearer ${admin.token.slice(0, -4)}AAAA` });
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('answers malformed, oversized and misdirected requests with JSON errors and security headers', async () => {
    const signed = identityHeaders(t.secret, null, 'r4');
    const malformed = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signed },
      body: '{"query": ',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('x-content-type-options')).toBe('nosniff');
    expect(
      ((await malformed.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code,
    ).toBe('BAD_REQUEST');
    const oversized = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signed },
      body: JSON.stringify({ query: `{ patients { total } }`, variables: { pad: 'x'.repeat(1_100_000) } }),
    });
    expect(oversized.status).toBe(413);
    expect(await oversized.text()).not.toMatch(/<html|at .*\.js:/i);
    const nowhere = await fetch(new URL('/nowhere', subgraph.url));
    expect(nowhere.status).toBe(404);
    expect(((await nowhere.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe(
      'NOT_FOUND',
    );
  });

  it('composes the remote module from the SDL its subgraph registered, not from its own copy', async () => {
    const served = t.platform.subgraphs().find((s) => s.name === 'patients')!.typeDefs;
    const register = (typeDefs: typeof served) =>
      registerSubgraph(t.platform.db, { name: 'patients', version: '9.9.9', url: subgraph.url, typeDefs });
    expect(gateway.gateway.supergraphSdl()).not.toContain('onlyInTheRegistry');
    expect(await register(parse(`${print(served)}\nextend type Query { onlyInTheRegistry: String }`))).toBe(true);
    await t.platform.reload();
    expect(gateway.gateway.supergraphSdl()).toContain('onlyInTheRegistry');
    expect(await register(served)).toBe(true);
    expect(await register(served)).toBe(false);
    await t.platform.reload();
    expect(gateway.gateway.supergraphSdl()).not.toContain('onlyInTheRegistry');
  });
});

describe('distributed mode: a remote subgraph that fails', () => {
  let t: TestPlatform;
  let admin: { token: string; clinicId: string };
  let gateway: Awaited<ReturnType<typeof startGatewayServer>>;
  let mode: 'bad-gateway' | 'hang' = 'bad-gateway';
  let failing: Server;
  const timeout = process.env.DENTALPIN_SUBGRAPH_TIMEOUT_MS;

  beforeAll(async () => {
    t = await startTestPlatform();
    admin = await t.setup();
    // What a proxy in front of a dead subgraph answers, or a subgraph that never answers.
    failing = createServer((_req, res) => {
      if (mode === 'hang') return;
      res.writeHead(502, { 'content-type': 'text/plain' }).end('upstream 10.1.2.3:4101 unreachable');
    });
    const port = await freePort();
    await new Promise<void>((r) => failing.listen(port, '127.0.0.1', r));
    process.env.DENTALPIN_SUBGRAPH_TIMEOUT_MS = '500';
    gateway = await startGatewayServer(t.platform, {
      port: 0,
      rootDir: findRootDir(),
      secret: t.secret,
      remoteSubgraphs: { patients: `http://127.0.0.1:${port}/graphql` },
    });
  });
  afterAll(async () => {
    if (timeout === undefined) delete process.env.DENTALPIN_SUBGRAPH_TIMEOUT_MS;
    else process.env.DENTALPIN_SUBGRAPH_TIMEOUT_MS = timeout;
    failing.closeAllConnections();
    await new Promise((r) => failing.close(r));
    await gateway.close();
    await t.close();
  });

  for (const failure of ['bad-gateway', 'hang'] as const)
    it(`answers SUBGRAPH_UNAVAILABLE (retryable, no address) when it answers ${failure}`, async () => {
      mode = failure;
      const r = await graphqlRequest(gateway.url, `{ patients { total } }`, {}, admin);
      expect(r.errors).toHaveLength(1);
      expect(r.errors![0]).toMatchObject({
        message: 'The patients service cannot be reached right now; retry in a few seconds.',
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', retryable: true },
      });
      // The random requestId (a UUID may hold "502") is the one part the answer may not be checked for.
      const { requestId, ...rest } = r.errors![0].extensions as { requestId: string };
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(JSON.stringify({ ...r, errors: [{ ...r.errors![0], extensions: rest }] })).not.toMatch(
        /127\.0\.0\.1|10\.1\.2\.3|502|abort|timeout/i,
      );
      const ready = await fetch(new URL('/health/ready', gateway.url));
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: 'unready', unavailableSubgraphs: ['patients'] });
    });
});

describe('distributed mode: a process running one module', () => {
  let t: TestPlatform;
  let admin: { token: string; clinicId: string };
  let budgetProcess: Platform;

  beforeAll(async () => {
    t = await startTestPlatform();
    admin = await t.setup();
    // The all-in-one process stops delivering, so that only the one-module process runs the relay.
    await t.platform.stopBackgroundWork();
    budgetProcess = await Platform.open({
      databaseUrl: t.databaseUrl,
      secret: t.secret,
      runsModule: (name) => name === 'budget',
      migrate: false,
      events: { pollMs: 100 },
      jobs: { schedule: false },
    });
    await budgetProcess.bootSubgraph('budget', false);
  });
  afterAll(async () => {
    await budgetProcess.close();
    await t.close();
  });

  it("runs that module's jobs only, and fans events out to every module wherever it runs", async () => {
    const jobs = budgetProcess.jobs.names();
    expect(jobs.length).toBeGreaterThan(0);
    expect(jobs.every((j) => j.startsWith('budget.'))).toBe(true);
    expect(t.platform.jobs.names().some((j) => !j.startsWith('budget.'))).toBe(true);
    await t.data(`mutation { createPatient(input: { firstName: "Fan", lastName: "Out" }) { id } }`, {}, admin);
    // patient_timeline subscribes to patient.created: its delivery is queued for the process that runs it.
    const delivery = await eventually(async () => {
      const row = await t.platform.db
        .knex('core_event_delivery as d')
        .join('core_event_outbox as o', 'o.id', 'd.outbox_id')
        .where({ 'o.type': 'patient.created', 'd.module_name': 'patient_timeline' })
        .first('d.status', 'd.attempts');
      return row ?? false;
    });
    expect(delivery).toEqual({ status: 'pending', attempts: 0 });
  });

  it("applies that module's migrations only when told to, and refuses a schema behind its code otherwise", async () => {
    const timeline = await t.platform.kernel.orm('patient_timeline');
    const [reverted] = await timeline.getMigrator().down();
    expect(reverted?.name).toMatch(/detail_permission/);
    const open = () =>
      Platform.open({
        databaseUrl: t.databaseUrl,
        secret: t.secret,
        runsModule: (name) => name === 'patient_timeline',
        migrate: false,
        jobs: { schedule: false },
      });
    const behind = await open();
    try {
      await expect(behind.bootSubgraph('patient_timeline', false)).rejects.toThrow(
        /patient_timeline.*detail_permission.*dentalpin db migrate.*--migrate/s,
      );
    } finally {
      await behind.close();
    }
    const migrating = await open();
    try {
      await migrating.bootSubgraph('patient_timeline', true);
      expect(await timeline.getMigrator().getPendingMigrations()).toEqual([]);
      expect(migrating.subgraphs().map((s) => s.name)).toContain('patient_timeline');
    } finally {
      await migrating.close();
    }
  });
});

describe('distributed mode: a remote subgraph reads other modules through the gateway', () => {
  let t: TestPlatform;
  let admin: { token: string; clinicId: string };
  let patientId: string;
  let subgraph: Awaited<ReturnType<typeof startSubgraphServer>>;
  let gateway: Awaited<ReturnType<typeof startGatewayServer>>;

  beforeAll(async () => {
    t = await startTestPlatform({ moduleDirs: [join(findRootDir(), 'tests/fixtures/modules/fixture_reach')] });
    admin = await t.setup();
    await t.data(`mutation { installModule(name: "fixture_reach") { scheduled } }`, {}, admin);
    await t.data(`mutation { restartModules { activeModules } }`, {}, admin);
    patientId = (
      await t.data(`mutation { createPatient(input: { firstName: "Far", lastName: "Away" }) { id } }`, {}, admin)
    ).createPatient.id;
    // The gateway first (it routes this process's cross-module queries in-process), then the subgraph
    // on a port chosen beforehand: attached last, it sends them over HTTP to the test gateway, signed.
    const port = await freePort();
    gateway = await startGatewayServer(t.platform, {
      port: 0,
      rootDir: findRootDir(),
      secret: t.secret,
      remoteSubgraphs: { fixture_reach: `http://127.0.0.1:${port}/graphql` },
    });
    subgraph = await startSubgraphServer(t.platform, 'fixture_reach', { port, secret: t.secret, gatewayUrl: t.url });
  });
  afterAll(async () => {
    await gateway.close();
    await subgraph.close();
    await t.close();
  });

  it('answers a field that needs another module, as the caller, over HTTP both ways', async () => {
    const query = `query($id: ID!) { patientNameViaSupergraph(id: $id) }`;
    const r = await graphqlRequest(gateway.url, query, { id: patientId }, admin);
    expect(r).toEqual({ data: { patientNameViaSupergraph: 'Far Away' } });
    const anonymous = await graphqlRequest(gateway.url, query, { id: patientId });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('gives a forged internal call no identity at the gateway', async () => {
    const identity = (await t.platform.auth.authenticate(`Bearer ${admin.token}`, admin.clinicId)).user();
    const forged = identityHeaders('not-the-secret-not-the-secret-123', identity, 'r1');
    const r = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...forged },
      body: JSON.stringify({ query: '{ patients { total } }' }),
    });
    expect(((await r.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe(
      'UNAUTHENTICATED',
    );
  });
});
