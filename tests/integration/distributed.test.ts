import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayServer, startSubgraphServer } from '../../core/src/server/serve.ts';
import { identityHeaders } from '../../core/src/auth/identity-header.ts';
import { findRootDir } from '../../core/src/config.ts';
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
