import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClientSchema, getIntrospectionQuery, type GraphQLSchema, type IntrospectionQuery } from 'graphql';
import { findRootDir } from '../../core/src/config.ts';
import { seedDemo, DEMO_PASSWORD } from '../../core/src/demo.ts';
import { isContractCode } from '../../core/src/errors.ts';
import {
  eventually,
  moduleLifecycle,
  startTestPlatform,
  type CallOptions,
  type TestPlatform,
} from '@dentalpin/core/testing';
import { collect, wsClient } from '../integration/support/subscriptions.ts';
import {
  argumentValues,
  documentFor,
  rootFields,
  slots,
  withValueAt,
  RANGE_END,
  type IdSource,
  type RootField,
  type SelectionDepth,
} from './documents.ts';

/**
 * The standing proof of issue #12: cases generated from the running gateway's schema, so that every
 * root field of every installed module (official ones and examples/inventory) is tried by an anonymous
 * caller, by another clinic's admin holding clinic A's ids, by each of A's roles that lacks the field's
 * permission, and with hostile strings and ids. Counts go to tests/security/RESULTS.md.
 */

// Internal errors are what this suite hunts: their server-side cause goes to the test's output (other tests
// run silent), so a rare one can be traced from a CI log.
process.env.DENTALPIN_LOG = 'error';

const root = findRootDir();
const INVENTORY = join(root, 'examples/inventory');
const ROLES = ['admin', 'dentist', 'hygienist', 'assistant', 'receptionist'] as const;
/**
 * What an anonymous caller may use at all (CONTRACT: setup, login, sessions, password reset); everything
 * else, `me` included, is refused before planning (the web app learns whether it is logged in from
 * `/auth/refresh`).
 */
const ANONYMOUS_FIELDS = new Set([
  'setupStatus',
  'setup',
  'login',
  'refreshToken',
  'requestPasswordReset',
  'resetPassword',
]);
/**
 * What any member of a clinic may use without a permission: their own account and sessions, what they
 * may see of modules and agent tools (each filtered by permission), their own agent requests (a
 * supervisor sees everyone's), and calling a tool (the tool's own permission is checked inside; a
 * refusal is a BLOCKED result), and hearing that the active modules changed. Not probed with the grant-less member: logoutEverywhere would end its session.
 */
const MEMBER_FIELDS = new Set([
  'me',
  'activeModules',
  // The same list as activeModules, pushed when it changes (the anonymous and clinic-B checks still apply).
  'activeModulesChanged',
  'agentTools',
  'agentApprovals',
  'agentApproval',
  'callAgentTool',
  'changePassword',
  'logoutEverywhere',
]);
/**
 * Fields whose answer is cut by permission rather than refused: a role holding one of these
 * permissions gets the part it may see (medical history's audit trail, section by section; a
 * professional's own hours and overrides with `schedules.professional.own.read`/`.own.write` — anyone else's
 * are refused, tested in subgraphs/schedules/test/schedules.test.ts).
 */
const PARTIAL_FIELDS: Record<string, string[]> = {
  medicalHistoryAudit: ['patients_clinical.medical.read', 'patients_clinical.emergency.read'],
  professionalHours: ['schedules.professional.own.read'],
  scheduleOverrides: ['schedules.professional.own.read'],
  setProfessionalHours: ['schedules.professional.own.write'],
};
/** What must never reach a client: SQL statements, file paths, stack frames, driver wording. */
const INTERNALS = new RegExp(
  [
    String.raw`\bselect\s+(\*|"|\d|count\(|distinct\b|\w+\.\w+).*\bfrom\b`,
    String.raw`\binsert into\s+["\w.]+`,
    String.raw`\bupdate\s+["\w.]+\s+set\b`,
    String.raw`\bdelete from\s+["\w.]+`,
    String.raw`(file:\/\/|\/(work|home|usr|tmp|root|app|srv|opt)\/)`,
    String.raw`node_modules`,
    String.raw`\bat \S+ \(`,
    String.raw`\.(ts|js|mjs|cjs):\d+`,
    String.raw`violates \w+ constraint|relation "|column "|syntax error at|invalid byte sequence|invalid message format`,
  ].join('|'),
  'i',
);
const BATCH = 8;
/** A whole check runs hundreds of requests: give it room on a busy two-core CI machine. */
const SLOW_MS = 240_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Answer {
  status: number;
  data?: Record<string, unknown> | null;
  errors: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  /** Set when the body was not a GraphQL JSON answer. */
  notJson?: string;
  text: string;
}

/** One case: what was sent, as whom, and what came back. */
interface Tried {
  field: RootField;
  caller: string;
  variables: Record<string, unknown>;
  answer: Answer;
}

async function post(url: string, query: string, variables: Record<string, unknown>, caller: CallOptions | null) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (caller?.token) headers.authorization = `Bearer ${caller.token}`;
  if (caller?.clinicId) headers['x-clinic-id'] = caller.clinicId;
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const text = await res.text();
  try {
    const body = JSON.parse(text) as Pick<Answer, 'data' | 'errors'>;
    return { status: res.status, data: body.data, errors: body.errors ?? [], text } satisfies Answer;
  } catch {
    return { status: res.status, errors: [], notJson: text.slice(0, 200), text } satisfies Answer;
  }
}

/** Runs `work` over `items`, `BATCH` at a time (two cores, six helpers: no floods). */
async function inBatches<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += BATCH) out.push(...(await Promise.all(items.slice(i, i + BATCH).map(work))));
  return out;
}

const codesOf = (a: Answer) => a.errors.map((e) => String(e.extensions?.code ?? 'NO_CODE'));

/** Why an answer breaks the error contract (null when it keeps it). */
function contractBreach(a: Answer): string | null {
  if (a.notJson !== undefined) return `HTTP ${a.status} with a non-JSON body: ${a.notJson.slice(0, 80)}`;
  for (const e of a.errors) {
    const code = String(e.extensions?.code ?? '');
    if (!isContractCode(code)) return `${code || 'no code'}: ${e.message.slice(0, 120)}`;
    // The database is up for the whole run: an "unavailable" answer is a value misread as an outage.
    if (code === 'SERVICE_UNAVAILABLE')
      return `SERVICE_UNAVAILABLE while the database is up: ${e.message.slice(0, 120)}`;
    // The message and every extension: a stack or SQL may hide in either.
    const said = JSON.stringify({ message: e.message, extensions: e.extensions });
    if (INTERNALS.test(said)) return `internals in the error: ${said.slice(0, 160)}`;
  }
  return null;
}

/** The ids of `owned` an answer holds, but for those the caller sent (an echo reveals nothing). */
const heldIn = (c: Tried, owned: Set<string>) => {
  const sent = JSON.stringify(c.variables);
  return [...owned].filter((id) => c.answer.text.includes(id) && !sent.includes(id));
};

interface AgentToolView {
  name: string;
  parameters: JsonSchema;
  permissions: string[];
}
interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  format?: string;
  minimum?: number;
  anyOf?: JsonSchema[];
}

/** A value a tool's JSON Schema accepts: required properties only, ids chosen by property name. */
function jsonSchemaValue(schema: JsonSchema, name: string, idFor: IdSource): unknown {
  if (schema.enum?.length) return schema.enum[0];
  if (schema.anyOf?.length) return jsonSchemaValue(schema.anyOf[0]!, name, idFor);
  const type = Array.isArray(schema.type) ? schema.type.find((ty) => ty !== 'null') : schema.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(
        (schema.required ?? []).map((key) => [key, jsonSchemaValue(schema.properties?.[key] ?? {}, key, idFor)]),
      );
    case 'array':
      return [jsonSchemaValue(schema.items ?? {}, name, idFor)];
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return false;
    default:
      if (schema.format === 'uuid' || /Id$/.test(name)) return idFor(name);
      if (schema.format === 'date-time') return RANGE_END.test(name) ? '2030-01-15T11:00:00Z' : '2030-01-15T10:00:00Z';
      if (schema.format === 'date') return '2030-01-15';
      return 'x';
  }
}

/** A fingerprint without the given tables. */
const withoutTables = (print: Record<string, string>, names: string[]) =>
  Object.fromEntries(Object.entries(print).filter(([name]) => !names.includes(name)));

const describeCase = (c: Tried, detail: string) => `${c.field.kind} ${c.field.name} as ${c.caller}: ${detail}`;

/** Groups failure lines by their cause (the text after the case), for a readable report. */
function grouped(failures: string[]): Record<string, string[]> {
  const groups: Record<string, string[]> = {};
  for (const f of failures) {
    const split = f.indexOf(': ');
    const cause = f
      .slice(split + 2)
      .replace(/"[^"]*"/g, '"…"')
      .slice(0, 90);
    (groups[cause] ??= []).push(f.slice(0, split));
  }
  return groups;
}

describe('security suite generated from the supergraph', () => {
  let t: TestPlatform;
  let schema: GraphQLSchema;
  let fields: RootField[];
  const clinicA: Record<(typeof ROLES)[number], CallOptions> = {} as never;
  let noGrants: CallOptions;
  let adminB: CallOptions;
  /** Ids of records, by GraphQL type, as each clinic's admin sees them. */
  const idsA = new Map<string, string[]>();
  const idsB = new Map<string, string[]>();
  /** Every id of a row that belongs to clinic A (from the database, not from GraphQL). */
  let ownedByA: Set<string>;
  const permissionsOf: Record<string, Set<string>> = {};
  const results = { tried: new Map<string, number>(), refusals: new Map<string, number>(), leaks: 0 };
  const count = (caller: string, n: number) => results.tried.set(caller, (results.tried.get(caller) ?? 0) + n);
  const record = (caller: string, answers: Answer[]) => {
    count(caller, answers.length);
    for (const a of answers)
      for (const code of codesOf(a)) results.refusals.set(code, (results.refusals.get(code) ?? 0) + 1);
  };
  const failuresByCheck: Record<string, string[]> = {};
  /** The checks that ran to the end: RESULTS.md is only rewritten by a whole run (not a `-t` subset). */
  const checksRun = new Set<string>();
  const CHECKS = 6;

  const login = async (email: string, password: string) =>
    (
      await t.data<{ login: { accessToken: string } }>(
        `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`,
        { e: email, p: password },
      )
    ).login.accessToken;

  /** An id of the record an argument names: `patientId` → a Patient, `id` → the field's own type. */
  const idFrom =
    (pool: Map<string, string[]>): IdSource =>
    (name, field) => {
      const stem =
        name === 'id' && field ? field.field.type.toString().replace(/[[\]!]/g, '') : name.replace(/Ids?$/, '');
      const wanted = stem === 'professional' ? 'User' : stem.charAt(0).toUpperCase() + stem.slice(1);
      const types = [...pool.keys()];
      const type =
        types.find((ty) => ty === wanted) ??
        types.find((ty) => ty.endsWith(wanted)) ??
        types.find((ty) => ty.includes(wanted));
      return (type && pool.get(type)![0]) ?? randomUUID();
    };

  /** Harvests `{ __typename id }` records out of an answer. */
  const harvest = (value: unknown, into: Map<string, string[]>) => {
    if (Array.isArray(value)) return value.forEach((v) => harvest(v, into));
    if (!value || typeof value !== 'object') return;
    const rec = value as Record<string, unknown>;
    if (typeof rec.__typename === 'string' && typeof rec.id === 'string') {
      const list = into.get(rec.__typename) ?? [];
      if (!list.includes(rec.id)) list.push(rec.id);
      into.set(rec.__typename, list);
    }
    Object.values(rec).forEach((v) => harvest(v, into));
  };

  const call = (
    field: RootField,
    depth: SelectionDepth,
    variables: Record<string, unknown>,
    caller: CallOptions | null,
  ) => post(t.url, documentFor(field, depth), variables, caller);

  /** Tables of the public schema, those with a clinic_id column marked. */
  const tables = async () =>
    (
      await t.platform.db.knex.raw(
        `select t.table_name as name,
                exists (select 1 from information_schema.columns c
                        where c.table_schema = 'public' and c.table_name = t.table_name and c.column_name = 'clinic_id') as tenant,
                exists (select 1 from information_schema.columns c
                        where c.table_schema = 'public' and c.table_name = t.table_name and c.column_name = 'id') as keyed
         from information_schema.tables t where t.table_schema = 'public' and t.table_type = 'BASE TABLE'
         order by 1`,
      )
    ).rows as { name: string; tenant: boolean; keyed: boolean }[];

  /** A hash of every table (or of clinic A's rows only): any write shows as a changed entry. */
  const fingerprint = async (onlyClinicA = false) => {
    const clinicId = clinicA.admin.clinicId!;
    const list = (await tables()).filter((tb) => !onlyClinicA || tb.tenant);
    const sql = list
      .map(
        (tb) =>
          `select '${tb.name}' as name, count(*)::int as n, md5(coalesce(string_agg(md5(r::text), ',' order by md5(r::text)), '')) as h
           from "${tb.name}" r ${onlyClinicA ? `where r.clinic_id::text = '${clinicId}'` : ''}`,
      )
      .join(' union all ');
    const { rows } = await t.platform.db.knex.raw(sql);
    return Object.fromEntries((rows as { name: string; n: number; h: string }[]).map((r) => [r.name, `${r.n}:${r.h}`]));
  };
  const changedTables = (before: Record<string, string>, after: Record<string, string>) =>
    Object.keys({ ...before, ...after }).filter((k) => before[k] !== after[k]);

  beforeAll(async () => {
    t = await startTestPlatform({ moduleDirs: [INVENTORY] });
    // Clinic A: the demo clinic (every official module's demo data), its admin is the platform admin.
    const demo = (await seedDemo(t.platform))!;
    const byRole = Object.fromEntries(demo.map((l) => [l.role, l.email]));
    const adminToken = await login(byRole.admin!, DEMO_PASSWORD);
    const me = await t.data<{ me: { clinic: { id: string } } }>(`{ me { clinic { id } } }`, {}, { token: adminToken });
    const clinicId = me.me.clinic.id;
    clinicA.admin = { token: adminToken, clinicId };
    await moduleLifecycle(t, clinicA.admin).install('inventory');
    await t.data(
      `mutation { createInventoryItem(input: { name: "Composite A2", categoryCode: "consumables", unit: "syringe", initialStock: "8" }) { id } }`,
      {},
      clinicA.admin,
    );
    for (const role of ['dentist', 'receptionist'] as const)
      clinicA[role] = { token: await login(byRole[role]!, DEMO_PASSWORD), clinicId };
    for (const role of ['hygienist', 'assistant'] as const)
      clinicA[role] = { token: (await t.userWithRole(clinicA.admin, role)).token, clinicId };

    // An identity with no grants at all: every contract role grants something, so this member holds a
    // role no manifest knows (the role check constraint is lifted in this throwaway database only).
    const nobody = await t.userWithRole(clinicA.admin, 'receptionist');
    await t.platform.db.knex.raw(
      `alter table clinic_memberships drop constraint if exists clinic_memberships_role_check`,
    );
    await t.platform.db.knex('clinic_memberships').where({ user_id: nobody.userId }).update({ role: 'no_grants' });
    noGrants = { token: nobody.token, clinicId };

    // Clinic B, with an admin who belongs to B only, and a few records of its own.
    const clinicB = (
      await t.data<{ createClinic: { id: string } }>(
        `mutation { createClinic(input: { name: "Clínica B" }) { id } }`,
        {},
        clinicA.admin,
      )
    ).createClinic.id;
    const bUser = await t.userWithRole({ ...clinicA.admin, clinicId: clinicB }, 'admin', clinicB);
    adminB = { token: bUser.token, clinicId: clinicB };
    // createClinic made A's admin a member of B too; nobody belongs to both clinics in this suite, so
    // that B's admin acting on "its" members can never reach a user of A.
    await t.platform.db
      .knex('clinic_memberships')
      .where({ clinic_id: clinicB })
      .whereNot({ user_id: bUser.userId })
      .delete();
    await t.data(`mutation { createPatient(input: { firstName: "Bea", lastName: "Bclinic" }) { id } }`, {}, adminB);
    await t.data(`mutation { createCabinet(input: { name: "B1" }) { id } }`, {}, adminB);
    await t.eventsSettled();

    const introspection = await t.data<IntrospectionQuery>(getIntrospectionQuery(), {}, clinicA.admin);
    schema = buildClientSchema(introspection);
    fields = rootFields(schema);

    // Ids to use: whatever each clinic's admin can list (queries that need no argument).
    const listable = fields.filter(
      (f) => f.kind === 'query' && !f.field.args.some((a) => a.type.toString().endsWith('!')),
    );
    for (const [caller, pool] of [
      [clinicA.admin, idsA],
      [adminB, idsB],
    ] as const)
      await inBatches(listable, async (f) => harvest((await call(f, 'nested', {}, caller)).data, pool));
    const owned = new Set<string>([clinicId]);
    for (const tb of (await tables()).filter((x) => x.tenant && x.keyed)) {
      const rows = await t.platform.db
        .knex(tb.name)
        .where('clinic_id', clinicId)
        .select(t.platform.db.knex.raw('id::text as id'));
      for (const r of rows as { id: string }[]) if (UUID.test(r.id)) owned.add(r.id);
    }
    ownedByA = owned;

    for (const [role, caller] of Object.entries({ ...clinicA, no_grants: noGrants })) {
      const r = await t.data<{ me: { permissions: string[] } }>(`{ me { permissions } }`, {}, caller);
      permissionsOf[role] = new Set(r.me.permissions);
    }
  }, SLOW_MS);

  afterAll(async () => {
    const lines = [
      '# Generated security suite: measured counts',
      '',
      'Written by `tests/security/generated.test.ts` on every run (one platform: every official module and',
      'examples/inventory, clinic A from the demo data with a user of every role, clinic B with its own admin).',
      '',
      `Root fields in the supergraph: ${fields?.length ?? 0} (` +
        ['query', 'mutation', 'subscription']
          .map((k) => `${fields?.filter((f) => f.kind === k).length ?? 0} ${k}`)
          .join(', ') +
        ').',
      '',
      '| caller | operations tried |',
      '| --- | ---: |',
      ...[...results.tried].map(([caller, n]) => `| ${caller} | ${n} |`),
      `| **total** | **${[...results.tried.values()].reduce((a, b) => a + b, 0)}** |`,
      '',
      '| error code in the answers | count |',
      '| --- | ---: |',
      ...[...results.refusals].sort((a, b) => b[1] - a[1]).map(([code, n]) => `| ${code} | ${n} |`),
      '',
      `Leaks (clinic A's records seen or changed by clinic B): **${results.leaks}**`,
      '',
      '## Failing checks on this run, by cause',
      '',
      ...(Object.keys(failuresByCheck).length
        ? Object.entries(failuresByCheck).flatMap(([check, failures]) => [
            `### ${check} (${failures.length})`,
            '',
            ...Object.entries(grouped(failures)).map(
              ([cause, cases]) => `- ${cause} — ${cases.length}: ${cases.join('; ')}`,
            ),
            '',
          ])
        : ['None.', '']),
    ];
    if (checksRun.size === CHECKS) writeFileSync(join(root, 'tests/security/RESULTS.md'), lines.join('\n'));
    console.log(lines.join('\n'));
    await t?.close();
  });

  /** Records a check's failures (for RESULTS.md) and asserts there are none. */
  const expectNone = (check: string, failures: string[]) => {
    checksRun.add(check);
    if (failures.length) failuresByCheck[check] = failures;
    expect(grouped(failures)).toEqual({});
  };

  it('covers every module: the supergraph holds the fields of each installed module', () => {
    const names = new Set(fields.map((f) => f.name));
    for (const name of [
      'patients',
      'appointments',
      'patientTimeline',
      'invoice',
      'createBudget',
      'inventoryItems',
      'events',
    ])
      expect(names).toContain(name);
  });

  it(
    'refuses anonymous callers (UNAUTHENTICATED) outside the anonymous allowlist, and writes nothing',
    async () => {
      const refused = fields.filter((f) => f.kind !== 'subscription' && !ANONYMOUS_FIELDS.has(f.name));
      const before = await fingerprint();
      const tried = await inBatches(refused, async (field) => {
        const variables = argumentValues(field, idFrom(idsA));
        return {
          field,
          caller: 'anonymous',
          variables,
          answer: await call(field, 'scalars', variables, null),
        } as Tried;
      });
      await t.eventsSettled();
      const changed = changedTables(before, await fingerprint());
      record(
        'anonymous',
        tried.map((c) => c.answer),
      );
      const failures = tried.flatMap((c) => {
        const breach = contractBreach(c.answer);
        if (breach) return [describeCase(c, breach)];
        const codes = codesOf(c.answer);
        return codes.length && codes.every((code) => code === 'UNAUTHENTICATED')
          ? []
          : [describeCase(c, `expected UNAUTHENTICATED, got ${codes.join(',') || 'data'}`)];
      });
      if (changed.length) failures.push(`mutations refused to anonymous: wrote to ${changed.join(', ')}`);
      expectNone('anonymous', failures);
    },
    SLOW_MS,
  );

  it(
    "never shows or changes clinic A's records to clinic B's admin holding A's ids",
    async () => {
      const before = await fingerprint(true);
      const tried = await inBatches(
        fields.filter((f) => f.kind !== 'subscription'),
        async (field) => {
          const variables = argumentValues(field, idFrom(idsA));
          const depth: SelectionDepth = field.kind === 'query' ? 'nested' : 'scalars';
          return {
            field,
            caller: "clinic B's admin",
            variables,
            answer: await call(field, depth, variables, adminB),
          } as Tried;
        },
      );
      await t.eventsSettled();
      const changed = changedTables(before, await fingerprint(true));
      record(
        "clinic B's admin",
        tried.map((c) => c.answer),
      );
      const failures = tried.flatMap((c) => {
        const breach = contractBreach(c.answer);
        if (breach) return [describeCase(c, breach)];
        const seen = heldIn(c, ownedByA);
        if (!seen.length) return [];
        results.leaks += 1;
        return [describeCase(c, `leak: the answer holds clinic A's ${seen.join(', ')}`)];
      });
      if (changed.length) {
        results.leaks += 1;
        failures.push(`mutations as clinic B's admin: changed clinic A's rows in ${changed.join(', ')}`);
      }
      expectNone("another clinic's admin", failures);
    },
    SLOW_MS,
  );

  it(
    "refuses every role that lacks a field's permission (FORBIDDEN), and writes nothing",
    async () => {
      // Learn each field's gate from a member with no grants: FORBIDDEN names the permission it lacks.
      const gated = fields.filter(
        (f) => f.kind !== 'subscription' && !ANONYMOUS_FIELDS.has(f.name) && !MEMBER_FIELDS.has(f.name),
      );
      const before = await fingerprint();
      const probes = await inBatches(gated, async (field) => {
        const variables = argumentValues(field, idFrom(idsA));
        return {
          field,
          caller: 'no grants',
          variables,
          answer: await call(field, 'typename', variables, noGrants),
        } as Tried;
      });
      record(
        'member without grants',
        probes.map((c) => c.answer),
      );
      const failures: string[] = [];
      const gates = new Map<string, { probe: Tried; permission: string | null }>();
      for (const probe of probes) {
        const breach = contractBreach(probe.answer);
        const forbiddenError = probe.answer.errors.find((e) => e.extensions?.code === 'FORBIDDEN');
        if (breach) failures.push(describeCase(probe, breach));
        else if (forbiddenError) {
          const permission = forbiddenError.extensions?.permission;
          gates.set(probe.field.name, { probe, permission: typeof permission === 'string' ? permission : null });
        } else
          failures.push(
            describeCase(
              probe,
              probe.answer.errors.length
                ? `answered ${codesOf(probe.answer).join(',')} before any permission check`
                : 'answered without any permission check',
            ),
          );
      }
      // Then every role without that permission (or, for platform-wide operations, every role but the
      // platform admin's) must be refused the same way.
      const refusals = [...gates].flatMap(([, gate]) =>
        ROLES.filter((role) =>
          gate.permission
            ? ![gate.permission, ...(PARTIAL_FIELDS[gate.probe.field.name] ?? [])].some((p) =>
                permissionsOf[role]!.has(p),
              )
            : role !== 'admin',
        ).map((role) => ({ gate, role })),
      );
      const tried = await inBatches(refusals, async ({ gate, role }) => ({
        ...gate.probe,
        caller: role,
        answer: await call(gate.probe.field, 'typename', gate.probe.variables, clinicA[role]),
      }));
      await t.eventsSettled();
      const changed = changedTables(before, await fingerprint());
      for (const role of ROLES)
        record(
          `${role} (fields outside its grants)`,
          tried.filter((c) => c.caller === role).map((c) => c.answer),
        );
      for (const c of tried) {
        const breach = contractBreach(c.answer);
        const codes = codesOf(c.answer);
        if (breach) failures.push(describeCase(c, breach));
        else if (!codes.includes('FORBIDDEN'))
          failures.push(describeCase(c, `expected FORBIDDEN, got ${codes.join(',') || 'data'}`));
      }
      if (changed.length) failures.push(`mutations refused to roles: wrote to ${changed.join(', ')}`);
      expectNone('roles without the permission', failures);
    },
    SLOW_MS,
  );

  it(
    "agent tools: roles without a tool's permissions are BLOCKED, clinic B never reaches A's records",
    async () => {
      // The tools are a second API (callAgentTool, /mcp): their cases come from their own JSON Schemas.
      const { agentTools } = await t.data<{ agentTools: AgentToolView[] }>(
        `{ agentTools { name parameters permissions } }`,
        {},
        clinicA.admin,
      );
      const callTool = (tool: AgentToolView, pool: Map<string, string[]>, caller: CallOptions, name: string) => {
        const args = jsonSchemaValue(tool.parameters, '', idFrom(pool));
        return post(
          t.url,
          `mutation($name: String!, $args: JSON!) { callAgentTool(name: $name, args: $args) { status result error errorCode } }`,
          { name: tool.name, args },
          caller,
        ).then((answer) => ({ tool, caller: name, args, answer }));
      };
      // The per-user tool rate limit (tested in tests/integration/agents.test.ts) would answer first here.
      await t.data(
        `mutation { configureAgentGuardrails(input: { maxActionsPerMinute: 10000 }) { maxActionsPerMinute } }`,
        {},
        clinicA.admin,
      );
      // Every attempt is audited and rate-counted on purpose; nothing else may change.
      const bookkeeping = ['agent_audit_log', 'agent_rate_events'];
      const failures: string[] = [];
      const ownRows = async () => withoutTables(await fingerprint(true), bookkeeping);
      const before = await ownRows();
      const fromB = await inBatches(agentTools, (tool) => callTool(tool, idsA, adminB, "clinic B's admin"));
      const refusals = agentTools.flatMap((tool) =>
        ROLES.filter((role) => tool.permissions.some((p) => !permissionsOf[role]!.has(p))).map((role) => ({
          tool,
          role,
        })),
      );
      const fromRoles = await inBatches(refusals, ({ tool, role }) => callTool(tool, idsA, clinicA[role], role));
      await t.eventsSettled();
      const changed = changedTables(before, await ownRows());
      count("clinic B's admin (agent tools)", fromB.length);
      count('roles without the tool permissions (agent tools)', fromRoles.length);
      for (const c of [...fromB, ...fromRoles]) {
        const breach = contractBreach(c.answer);
        const outcome = c.answer.data?.callAgentTool as { status: string; errorCode: string | null } | undefined;
        const label = `tool ${c.tool.name} as ${c.caller}`;
        if (breach) failures.push(`${label}: ${breach}`);
        else if (
          c.caller !== "clinic B's admin" &&
          (outcome?.status !== 'BLOCKED' || outcome.errorCode !== 'FORBIDDEN')
        )
          failures.push(
            `${label}: expected BLOCKED with FORBIDDEN, got ${outcome?.status ?? codesOf(c.answer).join(',')}`,
          );
        const sent = JSON.stringify(c.args);
        const seen = [...ownedByA].filter((id) => c.answer.text.includes(id) && !sent.includes(id));
        if (c.caller === "clinic B's admin" && seen.length) {
          results.leaks += 1;
          failures.push(`${label}: leak: the answer holds clinic A's ${seen.join(', ')}`);
        }
      }
      if (changed.length)
        failures.push(`refused or foreign tool calls: changed clinic A's rows in ${changed.join(', ')}`);
      expectNone('agent tools', failures);
    },
    SLOW_MS,
  );

  /** Every String argument with each hostile value, every ID argument with a malformed and a foreign id. */
  const HOSTILE_STRINGS: Record<string, string> = {
    'NUL byte': 'a\u0000b',
    '100,000 characters': 'x'.repeat(100_000),
    'lone surrogate': 'a\ud800b',
    'RTL override and emoji': '\u202eevil\u202c 🦷👩🏽‍⚕️',
  };

  it(
    'answers hostile strings and ids with a coded contract error or success, never internals',
    async () => {
      const cases = fields
        .filter((f) => f.kind !== 'subscription' && f.name !== 'setup')
        .flatMap((field) => {
          const base = argumentValues(field, idFrom(idsA));
          return slots(field).flatMap((slot) => {
            const values: [string, unknown][] =
              slot.scalar === 'String'
                ? Object.entries(HOSTILE_STRINGS)
                : [
                    ['malformed id', "1' or '1'='1"],
                    ["clinic B's id", idFrom(idsB)(String(slot.path.at(-1)), field)],
                  ];
            return values.map(([label, value]) => ({
              field,
              slot: slot.path.join('.'),
              label,
              variables: withValueAt(base, slot.path, value),
            }));
          });
        });
      // Clinic A's admin: every permission, so the values reach the resolvers and the database.
      const tried = await inBatches(cases, async ({ field, slot, label, variables }) => ({
        field,
        caller: `A's admin (${slot})`,
        label,
        variables,
        answer: await call(field, 'scalars', variables, clinicA.admin),
      }));
      record(
        "clinic A's admin (hostile strings and ids)",
        tried.map((c) => c.answer),
      );
      const ownedByB = new Set([...idsB.values()].flat().filter((id) => !ownedByA.has(id)));
      const failures = tried.flatMap((c) => {
        const breach = contractBreach(c.answer);
        // The value sent is part of the cause: "NUL byte → INTERNAL_SERVER_ERROR" groups one root cause.
        if (breach) return [describeCase(c, `${c.label} → ${breach}`)];
        const leaked = heldIn(c, ownedByB);
        return leaked.length
          ? [describeCase(c, `${c.label} → leak: the answer holds clinic B's ${leaked.join(', ')}`)]
          : [];
      });
      expectNone('hostile strings and ids', failures);
    },
    SLOW_MS,
  );

  it(
    "refuses anonymous subscribers; clinic B's and grant-less subscribers receive nothing of clinic A's",
    async () => {
      const subscriptions = fields.filter((f) => f.kind === 'subscription');
      const failures: string[] = [];
      const clients = [] as ReturnType<typeof wsClient>[];
      const open = (field: RootField, caller: CallOptions | null) => {
        const client = wsClient(t.url, caller?.token ? { token: caller.token, clinicId: caller.clinicId } : null);
        clients.push(client);
        return collect(client, documentFor(field, 'nested'), argumentValues(field, idFrom(idsA)));
      };
      const anonymous = subscriptions.map((f) => ({ field: f, sub: open(f, null) }));
      const fromB = subscriptions.map((f) => ({ field: f, sub: open(f, adminB) }));
      const withoutGrants = subscriptions.map((f) => ({ field: f, sub: open(f, noGrants) }));
      // The control: A's own admin hears each of them, so "nothing" above means refused, not quiet.
      const fromA = subscriptions.map((f) => ({ field: f, sub: open(f, clinicA.admin) }));
      await new Promise((r) => setTimeout(r, 500));
      // Clinic A changes things every subscription above could carry.
      const patient = (
        await t.data<{ createPatient: { id: string } }>(
          `mutation { createPatient(input: { firstName: "Ana", lastName: "Live" }) { id } }`,
          {},
          clinicA.admin,
        )
      ).createPatient.id;
      const professional = (
        await t.data<{ me: { user: { id: string } } }>(`{ me { user { id } } }`, {}, clinicA.dentist)
      ).me.user.id;
      await t.gql(
        `mutation($input: ScheduleAppointmentInput!) { scheduleAppointment(input: $input) { id } }`,
        {
          input: {
            patientId: patient,
            professionalId: professional,
            startTime: '2031-03-03T09:00:00Z',
            endTime: '2031-03-03T09:30:00Z',
          },
        },
        clinicA.admin,
      );
      await t.eventsSettled();
      // Wait for the control to hear every subscription, then a little longer for anything else in flight.
      await eventually(async () => fromA.every(({ sub }) => sub.items.length > 0), 10_000).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 500));
      for (const { field, sub } of anonymous) {
        if (sub.items.length)
          failures.push(`subscription ${field.name} as anonymous: received ${sub.items.length} events`);
        if (!sub.errors.length) failures.push(`subscription ${field.name} as anonymous: not refused`);
      }
      for (const { field, sub } of fromB) {
        const text = JSON.stringify(sub.items);
        const seen = [...ownedByA, patient].filter((id) => text.includes(id));
        if (seen.length) {
          results.leaks += 1;
          failures.push(`subscription ${field.name} as clinic B's admin: leak: received clinic A's ${seen.join(', ')}`);
        }
      }
      count('anonymous (subscriptions)', anonymous.length);
      for (const { field, sub } of fromA)
        if (!sub.items.length) failures.push(`subscription ${field.name} as A's admin: the control heard nothing`);
      // A member of A without any grant may be refused or may listen, but hears nothing.
      for (const { field, sub } of withoutGrants)
        if (sub.items.length && !MEMBER_FIELDS.has(field.name))
          failures.push(`subscription ${field.name} as no grants: received ${sub.items.length} events`);
      count("clinic B's admin (subscriptions)", fromB.length);
      count('member without grants (subscriptions)', withoutGrants.length);
      await Promise.all(clients.map((c) => c.dispose()));
      expectNone('subscriptions', failures);
    },
    SLOW_MS,
  );
});
