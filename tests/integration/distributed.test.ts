import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayServer, startSubgraphServer } from '../../core/src/server/serve.ts';
import { identityHeaders } from '../../core/src/auth/identity-header.ts';
import { findRootDir } from '../../core/src/config.ts';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { graphqlRequest, startTestPlatform, type TestPlatform } from '@dentalpin/core/testing';

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

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
