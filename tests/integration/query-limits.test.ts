import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, print, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { checkDocument } from '@dentalpin/gateway';
import { findRootDir } from '../../core/src/config.ts';
import { ANONYMOUS_ROOT_FIELDS, platformLimits } from '../../core/src/limits.ts';
import * as generated from '../../web/src/generated/graphql/graphql.ts';
import { startTestPlatform, type TestPlatform } from '@dentalpin/core/testing';
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';

const SOME_ID = '00000000-0000-4000-8000-000000000000';

/** `patient { invoices { patient { invoices … } } }`, `levels` fields deep. */
function patientInvoicesChain(levels: number): string {
  let selection = 'id';
  for (let level = levels - 1; level >= 1; level--)
    selection = level % 2 === 1 ? `invoices { ${selection} }` : `patient { ${selection} }`;
  return `{ patient(id: "${SOME_ID}") { ${selection} } }`;
}

/** Thirty fragments, each nesting the next one level deeper through invoices → patient. */
function nestedFragments(count: number): string {
  const fragments = Array.from({ length: count }, (_, i) =>
    i === count - 1
      ? `fragment F${i} on Patient { id }`
      : `fragment F${i} on Patient { id invoices { id patient { ...F${i + 1} ...F${i + 1} } } }`,
  );
  return `{ patient(id: "${SOME_ID}") { ...F0 } }\n${fragments.join('\n')}`;
}

const aliases = (field: string, count: number, operation = 'query') =>
  `${operation} { ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

/** The first error a subscription over graphql-ws answers with (it must be refused, not run). */
async function subscriptionError(url: string, token: string, query: string) {
  const client = createClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: { authorization: `Bearer ${token}` },
  });
  try {
    return await new Promise<{ message: string; extensions?: Record<string, unknown> }>((resolve, reject) =>
      client.subscribe(
        { query },
        {
          next: () => reject(new Error('the subscription produced a result')),
          error: (e) => resolve((e as { message: string }[])[0]),
          complete: () => reject(new Error('the subscription completed without an error')),
        },
      ),
    );
  } finally {
    await client.dispose();
  }
}

/** An anonymous document of about 218 KB: the login mutation padded with many root selections. */
const bigAnonymousDocument = () => {
  const body = 'setupStatus { initialized } '.repeat(Math.ceil(218_000 / 28));
  return `query Big { ${body} }`;
};

const codeOf = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.code;

describe('query limits: one request cannot hurt other callers', () => {
  let t: TestPlatform;
  let admin: { token: string; clinicId: string };
  let base: string;

  beforeAll(async () => {
    t = await startTestPlatform();
    admin = await t.setup();
    base = t.url.replace('/graphql', '');
  });
  afterAll(() => t.close());

  it('refuses a 20-level patient → invoices → patient chain before planning, naming the depth limit', async () => {
    const r = await t.gql(patientInvoicesChain(20), {}, admin);
    expect(codeOf(r)).toBe('QUERY_TOO_COMPLEX');
    expect(r.data).toBeUndefined();
    expect(r.errors?.[0].message).toContain(`depth limit of ${platformLimits().query.depth}`);
    expect(r.errors?.[0].extensions).toMatchObject({ limit: 'depth', maximum: platformLimits().query.depth });
    // The same shape within the limit runs (and finds no such patient).
    const shallow = await t.gql(patientInvoicesChain(4), {}, admin);
    expect(shallow.errors).toBeUndefined();
    expect(shallow.data).toEqual({ patient: null });
  });

  it('refuses thirty nested fragments', async () => {
    const r = await t.gql(nestedFragments(30), {}, admin);
    expect(codeOf(r)).toBe('QUERY_TOO_COMPLEX');
  });

  it('refuses 10,000 aliases of `me` from a logged-in caller without touching the database per alias', async () => {
    const r = await t.gql(aliases('me { user { id } }', 10_000), {}, admin);
    expect(codeOf(r)).toBe('QUERY_TOO_COMPLEX');
    // Below the token limit, the alias limit answers.
    const roles = Array.from({ length: platformLimits().query.aliases + 1 }, (_, i) => `r${i}: role`).join(' ');
    const fewer = await t.gql(`{ me { ${roles} } }`, {}, admin);
    expect(codeOf(fewer)).toBe('QUERY_TOO_COMPLEX');
    expect(fewer.errors?.[0].message).toContain(`Aliases limit of ${platformLimits().query.aliases}`);
  });

  it('limits root fields (a rule GraphQL Armor lacks)', async () => {
    const many = `{ ${Array.from({ length: platformLimits().query.rootFields + 1 }, () => 'setupStatus { initialized }').join(' ')} }`;
    const r = await t.gql(many, {}, admin);
    expect(codeOf(r)).toBe('QUERY_TOO_COMPLEX');
    expect(r.errors?.[0].extensions).toMatchObject({ limit: 'rootFields' });
  });

  it('refuses 3,000 aliases of setupStatus and a 218 KB document without a token', async () => {
    expect(codeOf(await t.gql(aliases('setupStatus { initialized }', 3_000)))).toBe('QUERY_TOO_COMPLEX');
    const big = bigAnonymousDocument();
    expect(big.length).toBeGreaterThan(218_000);
    const r = await t.gql(big);
    expect(codeOf(r)).toBe('QUERY_TOO_COMPLEX');
    expect(r.errors?.[0].extensions).toMatchObject({ limit: 'characters' });
  });

  it('lets an anonymous caller use only the operations that work before login', async () => {
    expect((await t.data(`{ setupStatus { initialized } __typename }`)).setupStatus).toEqual({ initialized: true });
    const me = await t.gql(`{ setupStatus { initialized } me { user { id } } }`);
    expect(codeOf(me)).toBe('UNAUTHENTICATED');
    expect(me.errors?.[0].message).toContain('"me"');
    // Through a fragment too.
    expect(codeOf(await t.gql(`{ ...Q } fragment Q on Query { activeModules { name } }`))).toBe('UNAUTHENTICATED');
    // A bad token is no token: same rules, with the reason the token was refused.
    const badToken = await t.gql(`{ activeModules { name } }`, {}, { token: 'not-a-token' });
    expect(codeOf(badToken)).toBe('UNAUTHENTICATED');
    // Anonymous limits are much smaller than a logged-in caller's.
    const deepLogin = `mutation { login(email: "x@y.z", password: "p") { user { id email } accessToken refreshToken } a: login(email: "x@y.z", password: "p") { accessToken } b: login(email: "x@y.z", password: "p") { accessToken } }`;
    expect(codeOf(await t.gql(deepLogin))).toBe('QUERY_TOO_COMPLEX');
  });

  it('does not run persisted (hash-only) queries, which would skip the per-caller check', async () => {
    const query = `{ a: setupStatus { initialized } b: setupStatus { initialized } c: setupStatus { initialized } }`;
    const persistedQuery = { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') };
    const post = (body: Record<string, unknown>, token?: string) =>
      fetch(t.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      }).then((r) => r.json() as Promise<{ data?: unknown; errors?: { extensions?: Record<string, unknown> }[] }>);
    // Whatever a logged-in caller registers, its hash alone from an anonymous caller must not run it.
    await post({ query, extensions: { persistedQuery } }, admin.token);
    const anonymous = await post({ extensions: { persistedQuery } });
    expect(anonymous.data).toBeUndefined();
    expect(codeOf(anonymous)).toBe('BAD_USER_INPUT');
    expect(codeOf(await post({ query }))).toBe('QUERY_TOO_COMPLEX');
  });

  it('reads every limit from its environment variable', async () => {
    process.env.DENTALPIN_MAX_QUERY_DEPTH = '3';
    try {
      const r = await t.gql(patientInvoicesChain(4), {}, admin);
      expect(codeOf(r)).toBe('QUERY_TOO_COMPLEX');
      expect(r.errors?.[0].message).toContain('depth limit of 3');
    } finally {
      delete process.env.DENTALPIN_MAX_QUERY_DEPTH;
    }
    expect(codeOf(await t.gql(patientInvoicesChain(4), {}, admin))).toBeUndefined();
  });

  it('applies the same limits to graphql-ws subscriptions', async () => {
    const deep = await subscriptionError(
      t.url,
      admin.token,
      `subscription { agendaChanged { appointment { patient { invoices { patient { invoices { patient { invoices { patient { invoices { patient { id } } } } } } } } } } } }`,
    );
    expect(deep.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(deep.message).toContain('depth limit');
    const wide = await subscriptionError(t.url, admin.token, aliases('events { id }', 10_000, 'subscription'));
    expect(wide.extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('bounds every page size through one rule, with DENTALPIN_MAX_PAGE_SIZE over all of them', async () => {
    const patient = await t.data(
      `mutation { createPatient(input: { firstName: "Ana", lastName: "Paginada" }) { id } }`,
      {},
      admin,
    );
    const id = patient.createPatient.id as string;
    const pages = [
      `{ patients(pageSize: 6) { total } }`,
      `{ patientTimeline(patientId: "${id}", pageSize: 6) { total } }`,
      `{ patient(id: "${id}") { timeline(first: 6) { id } } }`,
      `{ medicalHistoryAudit(patientId: "${id}", limit: 6) { section } }`,
      `{ moduleOperations(name: "patients", limit: 6) { step } }`,
      `{ agentAudit(limit: 6) { toolName } }`,
    ];
    for (const query of pages) expect(codeOf(await t.gql(query, {}, admin)), query).toBeUndefined();
    process.env.DENTALPIN_MAX_PAGE_SIZE = '5';
    try {
      for (const query of pages) {
        const r = await t.gql(query, {}, admin);
        expect(codeOf(r), query).toBe('BAD_USER_INPUT');
        expect(r.errors?.[0].message, query).toContain('between 1 and 5');
      }
    } finally {
      delete process.env.DENTALPIN_MAX_PAGE_SIZE;
    }
    // Fields that had no bound (or clamped silently) refuse instead.
    for (const query of [
      `{ medicalHistoryAudit(patientId: "${id}", limit: 100000) { section } }`,
      `{ moduleOperations(name: "patients", limit: 0) { step } }`,
    ])
      expect(codeOf(await t.gql(query, {}, admin)), query).toBe('BAD_USER_INPUT');
  });

  it('refuses a request whose DataLoaders would load more keys than DENTALPIN_MAX_LOADER_KEYS', async () => {
    for (let i = 0; i < 4; i++)
      await t.data(`mutation { createPatient(input: { firstName: "Fan", lastName: "Out ${i}" }) { id } }`, {}, admin);
    const query = `{ patients(pageSize: 50) { items { timeline(first: 1) { id } } } }`;
    expect((await t.gql(query, {}, admin)).errors).toBeUndefined();
    process.env.DENTALPIN_MAX_LOADER_KEYS = '3';
    try {
      const r = await t.gql(query, {}, admin);
      expect(codeOf(r)).toBe('QUERY_TOO_COMPLEX');
      expect(r.errors?.[0].message).toContain('more than 3 related records');
    } finally {
      delete process.env.DENTALPIN_MAX_LOADER_KEYS;
    }
  });

  it('bounds one /mcp request: batch size, JSON nesting, argument size', async () => {
    const mcp = (body: unknown) =>
      fetch(`${base}/mcp`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          authorization: `Bearer ${admin.token}`,
        },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    const call = (args: unknown, id = 1) => ({
      jsonrpc: '2.0',
      id,
      method: 'tools/call',
      params: { name: 'patients.search_patients', arguments: args },
    });
    const deep = `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"patients.search_patients","arguments":{"search":${'['.repeat(5_000)}${']'.repeat(5_000)}}}}`;
    const refusals = [
      await mcp(Array.from({ length: 11 }, (_, i) => call({ search: 'a' }, i))),
      await mcp(deep),
      await mcp(call({ search: 'x'.repeat(70_000) })),
    ];
    for (const response of refusals) {
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: { message: string; data?: { code?: string } } };
      expect(body.error.data?.code).toBe('QUERY_TOO_COMPLEX');
      expect(body.error.message).toMatch(/DENTALPIN_MCP_MAX_/);
    }
    expect((await fetch(`${base}/health`)).status).toBe(200);
  });

  it('keeps answering /health while a burst of abusive documents is refused', async () => {
    const attacks = [
      () => t.gql(patientInvoicesChain(20), {}, admin),
      () => t.gql(nestedFragments(30), {}, admin),
      () => t.gql(aliases('me { user { id } }', 10_000), {}, admin),
      () => t.gql(aliases('setupStatus { initialized }', 3_000)),
      () => t.gql(bigAnonymousDocument()),
    ];
    let healthAnswers = 0;
    let attacking = true;
    const probe = (async () => {
      while (attacking) {
        const health = await fetch(`${base}/health`);
        if (health.ok) healthAnswers++;
      }
    })();
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => attacks[i % attacks.length]()));
    attacking = false;
    await probe;
    expect(results.map(codeOf)).toEqual(results.map(() => 'QUERY_TOO_COMPLEX'));
    expect(healthAnswers).toBeGreaterThan(0);
    expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: 'ok' });
  });
});

describe("query limits: the web app's own operations pass them", () => {
  const supergraph = buildSchema(readFileSync(join(findRootDir(), 'web/supergraph.graphql'), 'utf8'));
  const operations = Object.entries(generated)
    .filter(([name, value]) => name.endsWith('Document') && (value as DocumentNode)?.kind === 'Document')
    .map(([name, value]) => [name, value as DocumentNode] as const);

  it('finds the generated documents', () => {
    expect(operations.length).toBeGreaterThan(40);
  });

  it.each(operations)('%s passes the logged-in limits (and the anonymous ones if it needs no login)', (_, document) => {
    const { query, anonymousQuery } = platformLimits();
    expect(() => checkDocument(supergraph, print(document), query)).not.toThrow();
    const rootFields = document.definitions
      .filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')
      .flatMap((d) => d.selectionSet.selections.map((s) => (s.kind === 'Field' ? s.name.value : '')));
    if (rootFields.every((f) => ANONYMOUS_ROOT_FIELDS.has(f)))
      expect(() => checkDocument(supergraph, print(document), anonymousQuery)).not.toThrow();
  });
});
