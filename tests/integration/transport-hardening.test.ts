import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { get } from 'node:http';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:net';
import { SignJWT } from 'jose';
import pg from 'pg';
import WebSocket from 'ws';
import { Platform } from '../../core/src/platform.ts';
import { startGatewayServer } from '../../core/src/server/serve.ts';
import { findRootDir } from '../../core/src/config.ts';
import {
  createTestDatabase,
  eventually,
  serverUrl,
  startTestPlatform,
  type TestPlatform,
} from '@dentalpin/core/testing';

// Read when the gateway starts: small limits so the tests reach them with a few sockets.
process.env.DENTALPIN_WS_MAX_SOCKETS_PER_ADDRESS = '4';
// Long enough for the 90 MB frames' headers to arrive (the client masks each frame before sending it).
process.env.DENTALPIN_WS_INIT_TIMEOUT_MS = '2500';

/** What must never leave the process outside development: SQL, file paths, stack frames, HTML pages. */
const INTERNALS = /select |insert into|"u"\."|\/work\/|node_modules|\bat .+:\d+:\d+|<html|<!DOCTYPE/i;

const PATIENTS = `query($s: String) { patients(search: $s) { total } }`;
const CREATE_PATIENT = `mutation($input: CreatePatientInput!) { createPatient(input: $input) { id } }`;
const LOGIN = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`;

describe('transport hardening: errors, bodies, sockets, headers', () => {
  let t: TestPlatform;
  let admin: { token: string; clinicId: string; userId: string };
  let base: string;

  beforeAll(async () => {
    t = await startTestPlatform();
    admin = await t.setup();
    base = t.url.replace('/graphql', '');
  });
  afterAll(() => t.close());

  /** The process still answers: a /health probe, on a connection of its own, gets its JSON. */
  const healthy = async () => {
    const body = await new Promise<string>((resolve, reject) =>
      get(`${base}/health`, { agent: false }, (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (c: string) => (text += c));
        res.on('end', () => resolve(text));
      }).on('error', reject),
    );
    expect(JSON.parse(body)).toEqual({ status: 'ok' });
  };

  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
      body,
    });

  // Only where the web app was not built into web/dist (a clean checkout, CI): otherwise `/` serves it.
  it.skipIf(existsSync(join(findRootDir(), 'web', 'dist')))(
    'a browser asking for the app of a server without a built web app is told how to build it; API clients get JSON',
    async () => {
      const page = await fetch(`${base}/agenda`, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(404);
      const text = await page.text();
      expect(text).toContain('npm run build:web');
      expect(text).not.toMatch(INTERNALS);
      const api = await fetch(`${base}/nothing-here`, { headers: { accept: 'application/json' } });
      expect(((await api.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe(
        'NOT_FOUND',
      );
    },
  );

  it("serves the built app's page for its routes, and a 404 for a file that is not there", async () => {
    const webDir = mkdtempSync(join(tmpdir(), 'dp-web-'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>DentalPin</title>');
    const server = await startGatewayServer(t.platform, { port: 0, rootDir: findRootDir(), secret: t.secret, webDir });
    const root = server.url.replace('/graphql', '');
    try {
      const page = await fetch(`${root}/agenda/week`, { headers: { accept: 'text/html' } });
      expect([page.status, await page.text()]).toEqual([200, '<!doctype html><title>DentalPin</title>']);
      // A chunk of an older build, a removed module's download: not the app's page with a 200.
      for (const path of ['/assets/AgendaPage-old.js', '/accounting-export/export.zip?from=2026-01-01'])
        expect((await fetch(`${root}${path}`)).status, path).toBe(404);
    } finally {
      await server.close();
      rmSync(webDir, { recursive: true, force: true });
    }
  });

  describe('bodies that are not GraphQL requests get a JSON BAD_REQUEST, never an HTML page', () => {
    const cases: [name: string, body: () => string, status: number][] = [
      ['malformed JSON', () => '{"query": "{ me { id } }"', 400],
      ['a null body', () => 'null', 400],
      [
        'a body over 1 MB',
        () => JSON.stringify({ query: `{ me { id } }`, variables: { x: 'a'.repeat(1_100_000) } }),
        413,
      ],
    ];
    for (const path of ['/graphql', '/mcp'])
      for (const [name, body, status] of cases)
        it(`${path}: ${name} → ${status}`, async () => {
          const res = await post(path, body());
          expect(res.status).toBe(status);
          expect(res.headers.get('content-type')).toMatch(/application\/json/);
          const text = await res.text();
          expect(text).not.toMatch(INTERNALS);
          const json = JSON.parse(text);
          expect(json.errors).toHaveLength(1);
          expect(json.errors[0].extensions.code).toBe('BAD_REQUEST');
          expect(json.errors[0].message).toMatch(/\w/);
        });
  });

  describe('bad input answers BAD_USER_INPUT with a clear message', () => {
    const expectBadInput = (r: Awaited<ReturnType<TestPlatform['gql']>>, mentions: RegExp) => {
      expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0].message).toMatch(mentions);
      expect(JSON.stringify(r)).not.toMatch(INTERNALS);
    };

    it('a NUL byte in a string argument (query filter and mutation input)', async () => {
      expectBadInput(await t.gql(PATIENTS, { s: 'Ana\u0000' }, admin), /NUL|null character/i);
      expectBadInput(
        await t.gql(CREATE_PATIENT, { input: { firstName: 'Ana\u0000', lastName: 'Nul' } }, admin),
        /NUL|null character/i,
      );
    });

    it('year 0000 in a DateTime and in a Date', async () => {
      expectBadInput(
        await t.gql(
          `query($from: DateTime!, $to: DateTime!) { appointments(from: $from, to: $to) { id } }`,
          { from: '0000-01-01T00:00:00Z', to: '0000-01-02T00:00:00Z' },
          admin,
        ),
        /year/i,
      );
      expectBadInput(
        await t.gql(
          CREATE_PATIENT,
          { input: { firstName: 'Ana', lastName: 'Cero', dateOfBirth: '0000-01-01' } },
          admin,
        ),
        /year/i,
      );
    });

    it('a 500,000-character login e-mail', async () => {
      expectBadInput(await t.gql(LOGIN, { e: `${'a'.repeat(500_000)}@x.test`, p: 'whatever-1' }), /e-?mail|long/i);
    });

    it('a JSON argument nested 5,000 deep', async () => {
      // Written out by hand: JSON.stringify itself would recurse 5,000 deep.
      const deep = `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`;
      const query = `mutation($args: JSON!) { callAgentTool(name: "patients.search_patients", args: $args) { status } }`;
      const res = await post('/graphql', `{"query":${JSON.stringify(query)},"variables":{"args":${deep}}}`, {
        authorization: `Bearer ${admin.token}`,
      });
      expectBadInput(await res.json(), /nested|deep/i);
      await healthy();
    });
  });

  it('a correctly signed token whose subject is not a user id answers UNAUTHENTICATED, without SQL', async () => {
    const forged = await new SignJWT({ typ: 'access', tv: 0 })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('not-a-uuid')
      .setIssuedAt()
      .setIssuer('dentalpin')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(t.secret));
    const res = await post('/graphql', JSON.stringify({ query: '{ me { user { id } } }' }), {
      authorization: `Bearer ${forged}`,
    });
    const text = await res.text();
    expect(res.status).not.toBe(500);
    expect(text).not.toMatch(INTERNALS);
    expect(JSON.parse(text).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('a lost database connection answers a retryable SERVICE_UNAVAILABLE, logged once per burst, never SQL', async () => {
    const logged: string[] = [];
    const logLevel = process.env.DENTALPIN_LOG;
    process.env.DENTALPIN_LOG = 'error';
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      logged.push(String(chunk));
      return write(chunk, ...rest);
    }) as typeof process.stderr.write;
    // From the server's maintenance database: a database cannot refuse connections to itself.
    const killer = new pg.Client({ connectionString: serverUrl() });
    await killer.connect();
    const database = new URL(t.databaseUrl).pathname.slice(1);
    try {
      // Every pooled connection of the platform is cut and new ones are refused, as while PostgreSQL restarts.
      await killer.query(`alter database "${database}" allow_connections false`);
      await killer.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1`, [database]);
      const burst = await Promise.all(
        Array.from({ length: 12 }, () =>
          post('/graphql', JSON.stringify({ query: '{ me { user { id } } }' }), {
            authorization: `Bearer ${admin.token}`,
          }).then(async (res) => ({ status: res.status, text: await res.text() })),
        ),
      );
      for (const r of burst) {
        expect(r.text).not.toMatch(INTERNALS);
        const body = JSON.parse(r.text);
        if (body.errors) {
          expect(r.status).toBe(503);
          expect(body.errors[0].extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true });
        } else expect(body.data.me.user.id).toBe(admin.userId);
      }
      expect(burst.filter((r) => r.status === 503).length).toBeGreaterThan(0);
      // A subscription socket whose token cannot be checked now is told to come back, without the reason's SQL.
      const ws = new WebSocket(t.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
      const closing = new Promise<[number, string]>((r) => ws.once('close', (code, why) => r([code, String(why)])));
      ws.once('open', () =>
        ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${admin.token}` } })),
      );
      const [code, reason] = await closing;
      expect(code).toBe(1013);
      expect(reason).not.toMatch(INTERNALS);
      expect(logged.filter((l) => /database connection/i.test(l)).length).toBe(1);
    } finally {
      process.stderr.write = write;
      process.env.DENTALPIN_LOG = logLevel;
      await killer.query(`alter database "${database}" allow_connections true`);
      await killer.end();
    }
    // The pool recovers by itself.
    await eventually(
      async () => (await t.gql('{ me { user { id } } }', {}, admin)).data?.me?.user?.id === admin.userId,
    );
  });

  describe('WebSocket limits', () => {
    const wsUrl = () => t.url.replace(/^http/, 'ws');
    const open = (protocol = 'graphql-transport-ws') =>
      new Promise<WebSocket>((resolve, reject) => {
        const ws = new WebSocket(wsUrl(), protocol);
        ws.once('open', () => resolve(ws));
        ws.once('error', reject);
      });
    // A closed socket frees its slot when the server sees its TCP connection end, a moment after the client.
    const openSlot = () => eventually(() => open().catch(() => null));
    const closed = (ws: WebSocket) =>
      new Promise<number>((resolve) => {
        if (ws.readyState === WebSocket.CLOSED) resolve(-1);
        ws.once('close', (code) => resolve(code));
      });

    /**
     * Sends one `connection_init` text frame of `payload` over a hand-made WebSocket handshake (mask key 0,
     * so the 90 MB need no masking pass in this process) and resolves with the server's close code.
     */
    const floodInit = async (payload: Buffer): Promise<number> => {
      const { port } = new URL(base);
      const socket = connect(Number(port), '127.0.0.1');
      socket.on('error', () => undefined); // the server hangs up mid-frame: EPIPE/ECONNRESET are expected
      await new Promise((r) => socket.once('connect', r));
      socket.write(
        `GET /graphql HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n` +
          `Sec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n`,
      );
      let received = Buffer.alloc(0);
      const ended = new Promise<void>((r) => socket.once('close', () => r()));
      socket.on('data', (chunk: Buffer) => (received = Buffer.concat([received, chunk])));
      await eventually(async () => received.includes('\r\n\r\n'));
      expect(received.toString('latin1')).toMatch(/^HTTP\/1\.1 101/);
      received = received.subarray(received.indexOf('\r\n\r\n') + 4);
      const header = Buffer.alloc(14);
      header[0] = 0x81; // FIN, text
      header[1] = 0x80 | 127; // masked, 64-bit length
      header.writeBigUInt64BE(BigInt(payload.length), 2); // bytes 10–13: mask key 0
      socket.write(header);
      socket.write(payload);
      await ended;
      // The server's close frame: 0x88, length, then the close code.
      expect(received[0]).toBe(0x88);
      return received.readUInt16BE(2);
    };

    it('refuses 90 MB connection_init frames (1009) without buffering them, and /health answers', async () => {
      const prefix = '{"type":"connection_init","payload":{"x":"';
      const payload = Buffer.alloc(90 * 1024 * 1024, 'a');
      payload.write(prefix);
      payload.write('"}}', payload.length - 3);
      const rssBefore = process.memoryUsage().rss;
      const codes = Promise.all([floodInit(payload), floodInit(payload), floodInit(payload)]);
      await healthy();
      expect(await codes).toEqual([1009, 1009, 1009]);
      await healthy();
      // The server refuses each frame from its header: it never holds 3 × 90 MB.
      expect(process.memoryUsage().rss - rssBefore).toBeLessThan(150 * 1024 * 1024);
    });

    it('closes a socket that never sends connection_init (4408)', async () => {
      const ws = await openSlot();
      expect(await closed(ws)).toBe(4408);
    });

    it('caps the open sockets per client address; the socket over the cap is refused with 429', async () => {
      const held = await Promise.all(Array.from({ length: 4 }, () => openSlot()));
      const refused = await new Promise<number>((resolve) => {
        const ws = new WebSocket(wsUrl(), 'graphql-transport-ws');
        ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.once('open', () => resolve(101));
        ws.once('error', () => resolve(-1));
      });
      expect(refused).toBe(429);
      await healthy();
      await Promise.all(held.map((ws) => (ws.close(), closed(ws))));
      // Closed sockets free their slots.
      const again = await openSlot();
      again.close();
      await closed(again);
    });
  });

  describe('security headers on every route', () => {
    for (const path of ['/', '/graphql', '/mcp', '/health'])
      it(`${path}`, async () => {
        const res = await fetch(`${base}${path}`, { headers: { accept: 'text/html' } });
        const csp = res.headers.get('content-security-policy') ?? '';
        expect(csp).toMatch(/frame-ancestors 'none'/);
        expect(csp).toMatch(/script-src 'self'/);
        expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(res.headers.get('referrer-policy')).toBe('no-referrer');
        // Plain HTTP on loopback: HSTS would pin a browser to a TLS port that does not exist.
        expect(res.headers.get('strict-transport-security')).toBeNull();
      });
  });
});

describe('jobs start only once the process serves', () => {
  it('an overdue job at boot waits for the gateway, then runs without error; doctor stays ok', async () => {
    const db = await createTestDatabase();
    const secret = randomBytes(32).toString('hex');
    const rootDir = findRootDir();
    const JOB = 'notifications.send_appointment_reminders';
    try {
      // First boot: a clinic exists, and the reminders job is registered (due now) but never run.
      const first = await Platform.open({ databaseUrl: db.url, secret, jobs: { schedule: false } });
      await first.boot();
      await first.auth.setup({
        clinicName: 'Clínica Sur',
        adminEmail: 'admin@sur.test',
        adminPassword: 'correct-horse-1',
        adminFirstName: 'Sol',
        adminLastName: 'Admin',
        timezone: 'Europe/Madrid',
      });
      await first.close();

      const platform = await Platform.open({ databaseUrl: db.url, secret, jobs: { schedule: true, tickMs: 100 } });
      try {
        await platform.boot();
        const job = () => platform.db.knex('core_job').where({ name: JOB }).first('runs', 'last_error');
        await new Promise((r) => setTimeout(r, 400));
        expect(await job()).toMatchObject({ runs: 0, last_error: null });
        const server = await startGatewayServer(platform, { port: 0, rootDir, secret });
        try {
          await eventually(async () => (await job()).runs > 0);
          expect((await job()).last_error).toBeNull();
          const doctor = await platform.kernel.doctor();
          expect(doctor.failingJobs).toEqual([]);
        } finally {
          await server.close();
        }
      } finally {
        await platform.close();
      }
    } finally {
      await db.drop();
    }
  });
});
