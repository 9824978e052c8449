import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, request, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { findRootDir } from '../../core/src/config.ts';
import { startGatewayServer, startSubgraphServer } from '../../core/src/server/serve.ts';
import { createTestDatabase } from '../../core/src/testing/database.ts';
import {
  eventually,
  graphqlRequest,
  startTestPlatform,
  TEST_PASSWORD,
  type TestPlatform,
} from '@dentalpin/core/testing';
import { collect, wsClient } from './support/subscriptions.ts';

/** DentalPin issue 13 item 5: metrics, request ids in headers, errors and logs, traces over OTLP. */

/** The value of one sample in Prometheus text, or 0 when the series has none yet. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const given = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => given[k] === v)) return Number(match[3]);
  }
  return 0;
}

const captureStderr = () => {
  const lines: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    return write(chunk, ...rest);
  }) as typeof process.stderr.write;
  return { lines, restore: () => (process.stderr.write = write) };
};

describe('metrics and request ids (in-process platform)', { timeout: 120_000 }, () => {
  let t: TestPlatform;
  let admin: { token: string; clinicId: string };
  const base = () => t.url.replace(/\/graphql$/, '');
  const metrics = async (headers: Record<string, string> = {}) => {
    const res = await fetch(`${base()}/metrics`, { headers });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    return res.text();
  };

  beforeAll(async () => {
    t = await startTestPlatform();
    admin = await t.setup();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('moves the HTTP, operation, subgraph, pool, job, swap, outbox and subscription series', async () => {
    const before = await metrics();
    expect(sample(before, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    const operation = { operation: 'ObsPatients', outcome: 'ok' };
    // Refused before it ran (anonymous callers' limits): no operation was resolved.
    const refused = { operation: 'unresolved', outcome: 'UNAUTHENTICATED' };
    for (let i = 0; i < 3; i++) {
      const r = await t.gql(`query ObsPatients { patients { total } }`, {}, admin);
      expect(r.errors).toBeUndefined();
    }
    expect((await t.gql(`query ObsPatients { patients { total } }`)).errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    await t.platform.jobs.run('budget.expire_budgets');
    await t.platform.reload();
    // A dead letter and an event waiting an hour for its handler.
    const [event] = await t.platform.db
      .knex('core_event_outbox')
      .insert({
        event_id: randomUUID(),
        type: 'obs.test',
        clinic_id: admin.clinicId,
        payload: {},
        occurred_at: t.platform.db.knex.raw(`now() - interval '1 hour'`),
        dispatched_at: t.platform.db.knex.fn.now(),
      })
      .returning('id');
    await t.platform.db.knex('core_event_delivery').insert([
      { outbox_id: event.id, module_name: 'patient_timeline', status: 'dead', attempts: 6 },
      {
        outbox_id: event.id,
        module_name: 'patients',
        status: 'pending',
        next_attempt_at: t.platform.db.knex.raw(`now() + interval '1 day'`),
      },
    ]);
    const client = wsClient(t.url, admin);
    const subscription = collect(client, `subscription { events(types: ["patient.created"]) { id } }`);
    try {
      const after = await eventually(async () => {
        const text = await metrics();
        // The outbox gauges share one read per second between scrapes: wait for one taken after the insert.
        const ready =
          sample(text, 'dentalpin_subscriptions_open') === 1 &&
          sample(text, 'dentalpin_event_dead_letters', { module: 'patient_timeline' }) === 1;
        return ready ? text : null;
      });
      const delta = (name: string, labels: Record<string, string> = {}) =>
        sample(after, name, labels) - sample(before, name, labels);
      expect(delta('dentalpin_graphql_operation_duration_seconds_count', operation)).toBe(3);
      expect(delta('dentalpin_graphql_operation_duration_seconds_count', refused)).toBe(1);
      expect(delta('dentalpin_graphql_operation_duration_seconds_bucket', { ...operation, le: '+Inf' })).toBe(3);
      expect(
        delta('dentalpin_http_request_duration_seconds_count', { method: 'POST', route: '/graphql', status: '200' }),
      ).toBeGreaterThanOrEqual(3);
      expect(delta('dentalpin_subgraph_fetch_duration_seconds_count', { subgraph: 'patients', outcome: 'ok' })).toBe(3);
      expect(delta('dentalpin_job_runs_total', { job: 'budget.expire_budgets', outcome: 'ok' })).toBe(1);
      expect(delta('dentalpin_supergraph_swaps_total', { outcome: 'ok' })).toBe(1);
      expect(sample(after, 'dentalpin_db_pool_connections', { state: 'max' })).toBe(10);
      expect(sample(after, 'dentalpin_db_pool_waiting')).toBe(0);
      expect(sample(after, 'dentalpin_event_dead_letters', { module: 'patient_timeline' })).toBe(1);
      expect(sample(after, 'dentalpin_event_outbox_lag_seconds')).toBeGreaterThanOrEqual(3600);
      expect(sample(after, 'dentalpin_subscription_sockets_open')).toBe(1);
    } finally {
      subscription.unsubscribe();
      await client.dispose();
    }
  });

  it('bounds operation names: unnamed and unresolved operations are one label value each', async () => {
    const anonymous = { operation: 'anonymous', outcome: 'ok' };
    const invalid = { operation: 'unresolved', outcome: 'BAD_USER_INPUT' };
    const count = 'dentalpin_graphql_operation_duration_seconds_count';
    const before = await metrics();
    await t.gql(`{ patients { total } }`, {}, admin);
    await t.gql(`query NoSuchField { nosuchfield }`, {}, admin);
    const after = await metrics();
    expect(sample(after, count, anonymous) - sample(before, count, anonymous)).toBe(1);
    expect(sample(after, count, invalid) - sample(before, count, invalid)).toBe(1);
    expect(after).not.toMatch(/operation="NoSuchField"/);
  });

  it('serves /metrics to direct scrapers but not through a proxy, or to the bearer of DENTALPIN_METRICS_TOKEN', async () => {
    const forwarded = await fetch(`${base()}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(forwarded.status).toBe(403);
    const body = await forwarded.json();
    expect(body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(body.errors[0].message).toMatch(/DENTALPIN_METRICS_TOKEN/);
    expect(await forwarded.text().catch(() => '')).not.toMatch(/dentalpin_/);

    const token = randomBytes(16).toString('hex');
    process.env.DENTALPIN_METRICS_TOKEN = token;
    try {
      expect((await fetch(`${base()}/metrics`)).status).toBe(401);
      const wrong = await fetch(`${base()}/metrics`, { headers: { authorization: `Bearer ${token}x` } });
      expect(wrong.status).toBe(401);
      expect((await wrong.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
      const proxied = await metrics({ authorization: `Bearer ${token}`, 'x-forwarded-for': '203.0.113.9' });
      expect(proxied).toMatch(/^# HELP dentalpin_http_request_duration_seconds /m);
    } finally {
      delete process.env.DENTALPIN_METRICS_TOKEN;
    }
  });

  it('carries the request id to a subgraph served over HTTP, which logs under it and serves /metrics', async () => {
    const subgraph = await startSubgraphServer(t.platform, 'patients', { port: 0, secret: t.secret });
    const gateway = await startGatewayServer(t.platform, {
      port: 0,
      rootDir: findRootDir(),
      secret: t.secret,
      remoteSubgraphs: { patients: subgraph.url },
    });
    const logLevel = process.env.DENTALPIN_LOG;
    process.env.DENTALPIN_LOG = 'info';
    const stderr = captureStderr();
    try {
      const id = `dist-${randomBytes(6).toString('hex')}`;
      const res = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.token}`, 'x-request-id': id },
        body: JSON.stringify({ query: `query ObsRemote { patients { total } }` }),
      });
      expect((await res.json()).errors).toBeUndefined();
      const lines = stderr.lines
        .filter((l) => l.includes(id))
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .filter((e) => e.msg === 'request');
      // The gateway's line names the operation; the subgraph's (the gateway's fetch) has the same id.
      expect(lines).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ path: '/graphql', operation: 'ObsRemote', clinicId: admin.clinicId }),
          expect.not.objectContaining({ operation: expect.anything() }),
        ]),
      );
      expect(lines).toHaveLength(2);
      const scraped = await fetch(subgraph.url.replace(/\/graphql$/, '/metrics'));
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toMatch(/^dentalpin_db_pool_connections\{state="max"\} 10$/m);
    } finally {
      stderr.restore();
      process.env.DENTALPIN_LOG = logLevel;
      await gateway.close();
      await subgraph.close();
    }
  });

  it('gives errors on a subscription socket the id of the socket', async () => {
    const client = wsClient(t.url, admin);
    try {
      const refused = collect(client, `subscription { events(types: ["patient.created"]) { nosuchfield } }`);
      await refused.done;
      const [errors] = refused.errors as { message: string; extensions?: Record<string, unknown> }[][];
      expect(errors![0]!.message).toMatch(/nosuchfield/);
      expect(errors![0]!.extensions?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await client.dispose();
    }
  });

  it('gives every request an id: in X-Request-Id, in each error and in its access log line', async () => {
    const logLevel = process.env.DENTALPIN_LOG;
    process.env.DENTALPIN_LOG = 'info';
    const stderr = captureStderr();
    try {
      const id = `lb-${randomBytes(6).toString('hex')}`;
      const res = await fetch(t.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': id, authorization: `Bearer ${admin.token}` },
        body: JSON.stringify({
          query: `query ObsSecret($id: ID!) { patient(id: $id) { id } }`,
          variables: { id: 'password-in-a-variable' },
        }),
      });
      expect(res.headers.get('x-request-id')).toBe(id);
      const body = await res.json();
      expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', requestId: id });

      // Refused before anything ran: the id is there too.
      const anonymous = await fetch(t.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': `${id}-2` },
        body: JSON.stringify({ query: `{ patients { total } }` }),
      });
      expect((await anonymous.json()).errors[0].extensions).toMatchObject({
        code: 'UNAUTHENTICATED',
        requestId: `${id}-2`,
      });

      // An id that is not a sane token is replaced; malformed bodies get one too.
      const odd = await fetch(t.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'x'.repeat(300) },
        body: '{"query": ',
      });
      const oddId = odd.headers.get('x-request-id')!;
      expect(oddId).toMatch(/^[0-9a-f-]{36}$/);
      expect((await odd.json()).errors[0].extensions).toMatchObject({ code: 'BAD_REQUEST', requestId: oddId });

      // A body that arrives in pieces: the rest of the request still runs in its scope (the caller is noted).
      const slowId = `${id}-slow`;
      const slowBody = JSON.stringify({ query: `query ObsSlow { me { user { id } } }` });
      const slow = await new Promise<number>((resolve, reject) => {
        const req = request(
          t.url,
          {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(slowBody),
              authorization: `Bearer ${admin.token}`,
              'x-request-id': slowId,
            },
          },
          (res) => res.resume().on('end', () => resolve(res.statusCode!)),
        );
        req.on('error', reject);
        req.write(slowBody.slice(0, 10));
        setTimeout(() => req.end(slowBody.slice(10)), 100);
      });
      expect(slow).toBe(200);

      const entries = stderr.lines.flatMap((l) => {
        try {
          return [JSON.parse(l) as Record<string, unknown>];
        } catch {
          return [];
        }
      });
      const access = entries.find((e) => e.msg === 'request' && e.requestId === id);
      expect(access).toMatchObject({
        level: 'info',
        method: 'POST',
        path: '/graphql',
        status: 200,
        operation: 'ObsSecret',
      });
      expect(access).toMatchObject({ clinicId: admin.clinicId, userId: expect.any(String) });
      expect(typeof access!.durationMs).toBe('number');
      expect(typeof access!.time).toBe('string');
      expect(entries.find((e) => e.msg === 'request' && e.requestId === slowId)).toMatchObject({
        operation: 'ObsSlow',
        clinicId: admin.clinicId,
      });
      const refusedLine = entries.find((e) => e.msg === 'request' && e.requestId === `${id}-2`);
      expect(refusedLine).toMatchObject({ status: 200, path: '/graphql' });
      expect(refusedLine).not.toHaveProperty('clinicId');
      expect(stderr.lines.join('\n')).not.toMatch(new RegExp(`password-in-a-variable|${admin.token}`));
    } finally {
      stderr.restore();
      process.env.DENTALPIN_LOG = logLevel;
    }
  });
});

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes?: { key: string; value: { stringValue?: string } }[];
}

describe('traces over OTLP from `dentalpin serve`', { timeout: 300_000 }, () => {
  const root = findRootDir();
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let child: ChildProcess | null = null;
  const spans: OtlpSpan[] = [];
  const receiver = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      if (req.url === '/v1/traces') {
        const message = JSON.parse(body) as {
          resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[];
        };
        for (const r of message.resourceSpans) for (const s of r.scopeSpans) spans.push(...s.spans);
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });

  beforeAll(async () => {
    db = await createTestDatabase();
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  });
  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    receiver.close();
    await db?.drop();
  });

  it('one trace holds the HTTP request, the gateway, the subgraph and its SQL; SIGTERM flushes it', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as { port: number }).port;
    await new Promise((r) => probe.close(r));
    const otlpPort = (receiver.address() as { port: number }).port;
    child = spawn(process.execPath, [join(root, 'core/bin/dentalpin.js'), 'serve', '--port', String(port)], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DATABASE_URL: db.url,
        DENTALPIN_SECRET: randomBytes(32).toString('hex'),
        DENTALPIN_LOG: 'info',
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${otlpPort}`,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        // Nothing leaves before the shutdown: what arrives was flushed by it.
        OTEL_BSP_SCHEDULE_DELAY: '600000',
        OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '100000',
        OTEL_BSP_MAX_QUEUE_SIZE: '100000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stderr: string[] = [];
    createInterface({ input: child.stderr! }).on('line', (l) => stderr.push(l));
    const exited = new Promise<number | null>((r) => child!.once('exit', (code) => r(code)));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('dentalpin serve did not start within 150 s')), 150_000);
      void exited.then((code) => reject(new Error(`dentalpin serve exited (${code}):\n${stderr.join('\n')}`)));
      createInterface({ input: child!.stdout! }).on('line', (line) => {
        if (!line.startsWith('DentalPin is running')) return;
        clearTimeout(timer);
        resolve();
      });
    });
    const url = `http://127.0.0.1:${port}/graphql`;
    const setup = await graphqlRequest<{ setup: { accessToken: string } }>(
      url,
      `mutation($input: SetupInput!) { setup(input: $input) { accessToken } }`,
      {
        input: {
          clinicName: 'Trace Clinic',
          adminEmail: 'admin@trace.test',
          adminPassword: TEST_PASSWORD,
          adminFirstName: 'Ada',
          adminLastName: 'Admin',
        },
      },
    );
    const token = setup.data!.setup.accessToken;
    const traced = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: `query TraceMe { patients { total } }` }),
    });
    expect((await traced.json()).errors).toBeUndefined();
    const scraped = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(sample(scraped, 'dentalpin_graphql_operation_duration_seconds_count', { operation: 'TraceMe' })).toBe(1);
    await new Promise((r) => setTimeout(r, 500));
    expect(spans.length).toBe(0);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);

    const subgraph = spans.find(
      (s) =>
        s.name === 'subgraph patients' &&
        s.attributes?.some((a) => a.key === 'graphql.operation.name' && a.value.stringValue?.startsWith('TraceMe')),
    );
    expect(subgraph, `spans received: ${[...new Set(spans.map((s) => s.name))].join(', ')}`).toBeDefined();
    const trace = spans.filter((s) => s.traceId === subgraph!.traceId);
    const byId = new Map(trace.map((s) => [s.spanId, s]));
    const ancestors = (s: OtlpSpan) => {
      const chain: string[] = [];
      for (let p = s.parentSpanId && byId.get(s.parentSpanId); p; p = p.parentSpanId && byId.get(p.parentSpanId))
        chain.push(p.name);
      return chain;
    };
    const fromSubgraphUp = ancestors(subgraph!);
    expect(fromSubgraphUp).toEqual(expect.arrayContaining(['gateway.fetch', 'gateway.execute', 'gateway.request']));
    // The HTTP server span is the root of the request's trace.
    expect(fromSubgraphUp.at(-1)).toBe('POST');
    const sql = trace.filter((s) => s.name.startsWith('pg.query') && ancestors(s).includes('subgraph patients'));
    expect(sql.length).toBeGreaterThan(0);
    expect(sql.some((s) => s.attributes?.some((a) => /select/i.test(a.value.stringValue ?? '')))).toBe(true);
  });
});
