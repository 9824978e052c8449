import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import { Platform } from '../platform.ts';
import { startGatewayServer } from '../server/serve.ts';
import { findRootDir } from '../config.ts';
import { createTestDatabase } from './database.ts';

import { newGatewayContext } from '../graphql/subgraph.ts';
import type { RelayOptions } from '../events/relay.ts';

export { createTestDatabase, serverUrl } from './database.ts';

export interface GraphQLResult<T = Record<string, any>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; [k: string]: unknown } }[];
}

export interface CallOptions {
  token?: string;
  clinicId?: string;
}

/** POSTs one GraphQL operation over real HTTP. */
export async function graphqlRequest<T = Record<string, any>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  options: CallOptions = {},
): Promise<GraphQLResult<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.clinicId) headers['x-clinic-id'] = options.clinicId;
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as GraphQLResult<T>;
}

export interface TestPlatform {
  platform: Platform;
  url: string;
  databaseUrl: string;
  secret: string;
  gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: CallOptions,
  ): Promise<GraphQLResult<T>>;
  /** Like gql, but throws on errors and returns data. */
  data<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, options?: CallOptions): Promise<T>;
  /** Runs setup: returns the admin's token and the first clinic's id. */
  setup(): Promise<{ token: string; clinicId: string; userId: string }>;
  /** Waits until every published event has been dispatched and delivered (or given up on). */
  eventsSettled(timeoutMs?: number): Promise<void>;
  /** Sends a request straight to one subgraph (as the gateway would), as the holder of `caller`'s token. */
  subgraphAs(
    name: string,
    caller: CallOptions,
  ): (query: string, variables?: Record<string, unknown>) => Promise<GraphQLResult>;
  /** Creates a user in the caller's clinic and logs them in. */
  userWithRole(
    admin: CallOptions,
    role: string,
    clinicId?: string,
  ): Promise<{ token: string; userId: string; email: string }>;
  close(): Promise<void>;
}

export const TEST_PASSWORD = 'correct-horse-1';

/** The time zone of the clinic `setup()` creates (and of the demo clinic). */
export const TEST_CLINIC_TIMEZONE = 'Europe/Madrid';

/**
 * Today on the clinic's calendar (YYYY-MM-DD), and that day's bounds as instants: what "today" means to reports
 * and the agenda. The UTC date differs from it for an hour or two around midnight.
 */
export function clinicToday(zone = TEST_CLINIC_TIMEZONE): { day: string; from: string; to: string } {
  const start = DateTime.now().setZone(zone).startOf('day');
  return { day: start.toISODate()!, from: start.toUTC().toISO()!, to: start.plus({ days: 1 }).toUTC().toISO()! };
}

/** A day on the clinic's calendar (YYYY-MM-DD) shifted from today, e.g. `clinicDay({ days: -1 })` for yesterday. */
export function clinicDay(shift: { days?: number; months?: number } = {}, zone = TEST_CLINIC_TIMEZONE): string {
  return DateTime.now().setZone(zone).plus(shift).toISODate()!;
}

/** Polls `check` until it returns a truthy value (or throws after `timeoutMs`). */
export async function eventually<T>(
  check: () => Promise<T>,
  timeoutMs = 10_000,
  everyMs = 50,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
      last = value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms (last: ${String(last)})`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** A whole platform (own database, booted modules, gateway on a loopback port) for one test file. */
export async function startTestPlatform(
  options: {
    moduleDirs?: string[];
    events?: RelayOptions;
    /** Run module jobs on their schedule too (off: tests call `platform.jobs.run(name)`). */
    jobs?: boolean;
  } = {},
): Promise<TestPlatform> {
  const db = await createTestDatabase();
  const secret = randomBytes(32).toString('hex');
  const platform = await Platform.open({
    databaseUrl: db.url,
    secret,
    moduleDirs: options.moduleDirs,
    // Tests wait on deliveries: poll fast and retry quickly.
    events: { pollMs: 200, backoffMs: 50, ...options.events },
    jobs: { schedule: options.jobs ?? false, tickMs: 200 },
  });
  await platform.boot();
  const rootDir = findRootDir();
  const server = await startGatewayServer(platform, { port: 0, rootDir, secret });
  const gql: TestPlatform['gql'] = (query, variables, opts) => graphqlRequest(server.url, query, variables, opts);
  const data: TestPlatform['data'] = async (query, variables, opts) => {
    const r = await gql(query, variables, opts);
    if (r.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors)}`);
    return r.data as never;
  };
  let counter = 0;
  return {
    platform,
    url: server.url,
    databaseUrl: db.url,
    secret,
    gql,
    data,
    async setup() {
      const r = await data<{ setup: { accessToken: string; user: { id: string } } }>(
        `mutation($input: SetupInput!) { setup(input: $input) { accessToken user { id } } }`,
        {
          input: {
            clinicName: 'Clínica Norte',
            adminEmail: 'admin@norte.test',
            adminPassword: TEST_PASSWORD,
            adminFirstName: 'Ada',
            adminLastName: 'Admin',
            timezone: TEST_CLINIC_TIMEZONE,
          },
        },
      );
      const me = await data<{ me: { clinic: { id: string } } }>(
        `{ me { clinic { id } } }`,
        {},
        { token: r.setup.accessToken },
      );
      return { token: r.setup.accessToken, clinicId: me.me.clinic.id, userId: r.setup.user.id };
    },
    async eventsSettled(timeoutMs = 15_000) {
      await eventually(async () => {
        const { rows } = await platform.db.knex.raw(
          `select (select count(*) from core_event_outbox where dispatched_at is null)
                + (select count(*) from core_event_delivery where status = 'pending') as n`,
        );
        return Number(rows[0].n) === 0;
      }, timeoutMs);
    },
    subgraphAs(name, caller) {
      return async (query, variables) => {
        const subgraph = platform.subgraphs().find((s) => s.name === name);
        if (!subgraph) throw new Error(`subgraph ${name} is not active`);
        const auth = await platform.auth.authenticate(
          caller.token ? `Bearer ${caller.token}` : undefined,
          caller.clinicId,
        );
        return (await subgraph.execute({ query, variables }, newGatewayContext(auth))) as GraphQLResult;
      };
    },
    async userWithRole(admin, role, clinicId) {
      const email = `${role}${++counter}.${randomBytes(3).toString('hex')}@test.dentalpin`;
      const created = await data<{ createUser: { id: string } }>(
        `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
        { input: { email, password: TEST_PASSWORD, firstName: role, lastName: 'Tester', role, clinicId } },
        admin,
      );
      const login = await data<{ login: { accessToken: string } }>(
        `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`,
        { e: email, p: TEST_PASSWORD },
      );
      return { token: login.login.accessToken, userId: created.createUser.id, email };
    },
    async close() {
      await server.close();
      await platform.close();
      await db.drop();
    },
  };
}

export {
  moduleLifecycle,
  temporaryBackupDir,
  type ModuleLifecycle,
  type ModuleOutcome,
  type RestartOutcome,
  type TemporaryBackupDir,
} from './modules.ts';
/** The identity event handlers and jobs act as in one clinic (for tests that call a handler directly). */
export { systemIdentity } from '../graphql/supergraph-client.ts';
export { pdfText } from './pdf.ts';

/**
 * What the host would refuse, and what `dentalpin modules doctor` would report, about the module package
 * in `dir`: its layout (LAYOUT), its manifest and migrations (the validator's codes), and the agent tool
 * contract (MUTATION_WITHOUT_TOOL, UNKNOWN_TOOL_PERMISSION, STALE_EXEMPTION, UNKNOWN_MUTATION_REFERENCE).
 * A module's own tests assert it is empty.
 */
export async function moduleProblems(dir: string): Promise<{ code: string; message: string }[]> {
  const [{ discoverModules }, { agentContractIssues }, { moduleShapeProblems }] = await Promise.all([
    import('../modules/discovery.ts'),
    import('../agents/contract.ts'),
    import('../modules/shape.ts'),
  ]);
  const { readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const packageName = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string }).name;
  const { modules, issues } = await discoverModules(findRootDir(), { extraDirs: [dir] });
  const own = modules.find((m) => m.packageName === packageName);
  const name = own?.name;
  return [
    ...moduleShapeProblems(dir).map((message) => ({ code: 'LAYOUT', message })),
    ...issues
      .filter((i) => i.module === packageName || i.module === name)
      .map((i) => ({ code: i.code, message: i.message })),
    ...(own ? agentContractIssues(own, modules).map((i) => ({ code: i.code, message: i.message })) : []),
  ];
}
