import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import WebSocket from 'ws';
import { decodeJwt } from 'jose';
import { createClient, type Client } from 'graphql-ws';
import { findRootDir } from '../../core/src/config.ts';
import { Platform } from '../../core/src/platform.ts';
import { startGatewayServer } from '../../core/src/server/serve.ts';
import { eventually, startTestPlatform, type TestPlatform } from '@dentalpin/core/testing';
import { collect, wsClient, type SubscriptionCaller } from './support/subscriptions.ts';

const fixtures = join(findRootDir(), 'tests/fixtures/modules');
const CREATE = `mutation($input: CreatePatientInput!) { createPatient(input: $input) { id } }`;

describe('subscriptions over graphql-ws through the gateway', () => {
  let t: TestPlatform;
  let admin: { token: string; clinicId: string };
  let clinicB: string;
  let bAdmin: { token: string; clinicId: string };
  const clients: Client[] = [];
  const client = (caller: SubscriptionCaller | null, closes?: number[]) => {
    const c = wsClient(t.url, caller, closes);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    t = await startTestPlatform({ moduleDirs: [join(fixtures, 'fixture_events')] });
    admin = await t.setup();
    clinicB = (await t.data(`mutation { createClinic(input: { name: "Clínica B" }) { id } }`, {}, admin)).createClinic
      .id;
    const b = await t.userWithRole({ ...admin, clinicId: clinicB }, 'admin', clinicB);
    bAdmin = { token: b.token, clinicId: clinicB };
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await t.close();
  });

  it('streams catalogued events of the caller clinic through events(types)', async () => {
    const a = collect(
      client(admin),
      `subscription { events(types: ["patient.created"]) { id type clinicId occurredAt payload } }`,
    );
    const b = collect(client(bAdmin), `subscription { events { type clinicId payload } }`);
    await new Promise((r) => setTimeout(r, 300));
    const created = (await t.data(CREATE, { input: { firstName: 'Sub', lastName: 'Scriber' } }, admin)).createPatient;
    await t.data(`mutation($id: ID!) { archivePatient(id: $id) { id } }`, { id: created.id }, admin);
    await eventually(async () => a.items.length >= 1);
    await new Promise((r) => setTimeout(r, 400));
    expect(a.items).toEqual([
      {
        events: {
          id: expect.any(String),
          type: 'patient.created',
          clinicId: admin.clinicId,
          occurredAt: expect.any(String),
          payload: { clinic_id: admin.clinicId, patient_id: created.id },
        },
      },
    ]);
    expect(b.items).toEqual([]);
    a.unsubscribe();
    b.unsubscribe();
  });

  it('delivers to a subscriber of another server process what was written through this one', async () => {
    const other = await Platform.open({
      databaseUrl: t.databaseUrl,
      secret: t.secret,
      moduleDirs: [join(fixtures, 'fixture_events')],
      events: { pollMs: 200 },
    });
    await other.boot();
    const server = await startGatewayServer(other, { port: 0, rootDir: findRootDir(), secret: t.secret });
    try {
      const remote = createClient({
        url: server.url.replace(/^http/, 'ws'),
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        connectionParams: { authorization: `Bearer ${admin.token}` },
      });
      clients.push(remote);
      const sub = collect(remote, `subscription { events(types: ["patient.created"]) { type payload } }`);
      await new Promise((r) => setTimeout(r, 300));
      const created = (await t.data(CREATE, { input: { firstName: 'Other', lastName: 'Process' } }, admin))
        .createPatient;
      await eventually(async () => sub.items.length === 1);
      expect(sub.items[0].events.payload.patient_id).toBe(created.id);
      sub.unsubscribe();
      await remote.dispose();
    } finally {
      await server.close();
      await other.close();
    }
  });

  it('refuses event types the caller may not see, and unknown ones', async () => {
    const receptionist = await t.userWithRole(admin, 'receptionist');
    const r = collect(client(receptionist), `subscription { events(types: ["clinic.created"]) { id } }`);
    await r.done;
    expect(JSON.stringify(r.errors)).toMatch(/FORBIDDEN/);
    const u = collect(client(admin), `subscription { events(types: ["nope.never"]) { id } }`);
    await u.done;
    expect(JSON.stringify(u.errors)).toMatch(/BAD_USER_INPUT/);
  });

  it('refuses connections without a valid token (4403) and cross-site origins (403)', async () => {
    const closes: number[] = [];
    const bad = collect(client({ token: 'not-a-token' }, closes), `subscription { events { id } }`);
    await bad.done;
    expect(closes).toContain(4403);
    const anonymousCloses: number[] = [];
    const anon = collect(client(null, anonymousCloses), `subscription { events { id } }`);
    await anon.done;
    expect(anonymousCloses).toContain(4403);

    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(t.url.replace(/^http/, 'ws'), 'graphql-transport-ws', {
        origin: 'https://evil.example',
      });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
      ws.on('error', () => undefined);
    });
    expect(status).toBe(403);
    const sameHost = await new Promise<number>((resolve) => {
      const ws = new WebSocket(t.url.replace(/^http/, 'ws'), 'graphql-transport-ws', {
        origin: t.url.replace('/graphql', ''),
      });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => {
        ws.close();
        resolve(101);
      });
    });
    expect(sameHost).toBe(101);
  });

  it('closes a socket with 4401 when its access token expires', async () => {
    const me = await t.data(`{ me { user { id } } }`, {}, admin);
    // The same session as the admin's token, with a two-second life.
    const { sid } = decodeJwt(admin.token!) as { sid: string };
    const shortLived = await t.platform.auth.tokens.sign({ sub: me.me.user.id, typ: 'access', sid }, '2s');
    const closes: number[] = [];
    const sub = collect(client({ token: shortLived }, closes), `subscription { events { id } }`);
    await sub.done;
    expect(closes).toContain(4401);
  });

  it('closes a socket with 4403 once its tokens are revoked (re-checked periodically)', async () => {
    const user = await t.userWithRole(admin, 'receptionist');
    const closes: number[] = [];
    const sub = collect(client({ token: user.token }, closes), `subscription { events { id } }`);
    await new Promise((r) => setTimeout(r, 300));
    await t.data(`mutation { logoutEverywhere }`, {}, { token: user.token });
    await sub.done;
    expect(closes).toContain(4403);
  });

  it('ends live subscriptions with close code 4205 when the supergraph changes', async () => {
    const closes: number[] = [];
    const live = collect(client(admin, closes), `subscription { events { id } }`);
    await new Promise((r) => setTimeout(r, 300));
    await t.data(`mutation { installModule(name: "fixture_events") { scheduled } }`, {}, admin);
    await t.data(`mutation { restartModules { activeModules } }`, {}, admin);
    await live.done;
    expect(closes).toContain(4205);
  });
});
