import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRootDir } from '../../core/src/config.ts';
import { moduleLifecycle, startTestPlatform, type CallOptions, type TestPlatform } from '@dentalpin/core/testing';
import {
  APP_ROLE,
  applyAndVerifyTenancy,
  bindClinic,
  POLICY_NAME,
  TENANT_TABLE_WITHOUT_POLICY,
  tenantTables,
  unprotected,
} from '../../core/src/db/tenancy.ts';

/**
 * Issue #20: tenancy kept by PostgreSQL. A module that forgets its clinic filters (tests/fixtures/modules/
 * fixture_leaky) still serves each caller only their clinic's rows; the application role with no bound clinic
 * reads nothing from any tenant table; a tenant table without the forced policy is refused.
 */
const root = findRootDir();
const LEAKY = join(root, 'tests/fixtures/modules/fixture_leaky');
const INVENTORY = join(root, 'examples/inventory');

describe('row-level security under every module', () => {
  let t: TestPlatform;
  let adminA: CallOptions & { clinicId: string };
  let adminB: CallOptions & { clinicId: string };

  beforeAll(async () => {
    t = await startTestPlatform({ moduleDirs: [LEAKY, INVENTORY] });
    const a = await t.setup();
    adminA = { token: a.token, clinicId: a.clinicId };
    await moduleLifecycle(t, adminA).install('fixture_leaky', 'inventory');
    const clinicB = (
      await t.data<{ createClinic: { id: string } }>(
        `mutation { createClinic(input: { name: "Clínica B" }) { id } }`,
        {},
        adminA,
      )
    ).createClinic.id;
    const b = await t.userWithRole({ ...adminA, clinicId: clinicB }, 'admin', clinicB);
    adminB = { token: b.token, clinicId: clinicB };
    for (const [who, name] of [
      [adminA, 'Ana'],
      [adminB, 'Bea'],
    ] as const) {
      await t.data(
        `mutation($n: String!) { createPatient(input: { firstName: $n, lastName: "R" }) { id } }`,
        { n: name },
        who,
      );
      await t.data(`mutation($b: String!) { addLeakyNote(body: $b) { id } }`, { b: `${name}'s note` }, who);
    }
    await t.eventsSettled();
  }, 240_000);
  afterAll(() => t?.close());

  it('puts ENABLE + FORCE and the clinic policy on every table with clinic_id, core and modules alike', async () => {
    const tables = await tenantTables(t.platform.db.knex);
    const names = tables.map((x) => x.table);
    // The core's, official modules', the example's and the fixture's (created with no policy of its own).
    for (const expected of ['clinic_memberships', 'patients', 'inventory_items', 'fixture_leaky_notes'])
      expect(names).toContain(expected);
    expect(tables.filter(unprotected)).toEqual([]);
    const { rows } = await t.platform.db.knex.raw(
      `select polname, pg_get_expr(polqual, polrelid) as qual, pg_get_expr(polwithcheck, polrelid) as check
         from pg_policy where polrelid = 'fixture_leaky_notes'::regclass`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].polname).toBe(POLICY_NAME);
    expect(rows[0].qual).toContain("current_setting('dentalpin.clinic_id'::text, true)");
    expect(rows[0].check).toBe(rows[0].qual);
  });

  it('the application role can switch roles but is no owner and cannot bypass RLS', async () => {
    const { rows } = await t.platform.db.knex.raw(
      `select rolbypassrls, rolsuper, rolcanlogin from pg_roles where rolname = ?`,
      [APP_ROLE],
    );
    expect(rows).toEqual([{ rolbypassrls: false, rolsuper: false, rolcanlogin: false }]);
    const { rows: owned } = await t.platform.db.knex.raw(
      `select count(*)::int as n from pg_class c join pg_roles r on r.oid = c.relowner where r.rolname = ?`,
      [APP_ROLE],
    );
    expect(owned[0].n).toBe(0);
  });

  it('a raw SELECT as the application role with no bound clinic returns 0 rows from EVERY tenant table', async () => {
    const { rows: tables } = await t.platform.db.knex.raw(
      `select c.table_schema, c.table_name from information_schema.columns c
         join information_schema.tables t using (table_schema, table_name)
        where c.column_name = 'clinic_id' and t.table_type = 'BASE TABLE'
          and c.table_schema not in ('pg_catalog', 'information_schema')
        order by 1, 2`,
    );
    expect(tables.length).toBeGreaterThan(20);
    const client = new pg.Client({ connectionString: t.databaseUrl });
    await client.connect();
    try {
      const asOwner: Record<string, number> = {};
      const asApp: Record<string, number> = {};
      const asAppSpoofedEmpty: Record<string, number> = {};
      for (const { table_schema, table_name } of tables as { table_schema: string; table_name: string }[]) {
        const name = `"${table_schema}"."${table_name}"`;
        asOwner[table_name] = (await client.query(`select count(*)::int as n from ${name}`)).rows[0].n;
        await client.query('begin');
        await client.query(`set local role ${APP_ROLE}`);
        asApp[table_name] = (await client.query(`select count(*)::int as n from ${name}`)).rows[0].n;
        await client.query(`select set_config('dentalpin.clinic_id', '', true)`);
        asAppSpoofedEmpty[table_name] = (await client.query(`select count(*)::int as n from ${name}`)).rows[0].n;
        await client.query('rollback');
      }
      // There is something to hide…
      expect(asOwner.patients).toBeGreaterThanOrEqual(2);
      expect(asOwner.fixture_leaky_notes).toBe(2);
      expect(asOwner.clinic_memberships).toBeGreaterThanOrEqual(2);
      // …and the application role sees none of it.
      expect(Object.entries(asApp).filter(([, n]) => n > 0)).toEqual([]);
      expect(Object.entries(asAppSpoofedEmpty).filter(([, n]) => n > 0)).toEqual([]);
      // A malformed setting is an error, never a row.
      await client.query('begin');
      await client.query(`set local role ${APP_ROLE}`);
      await client.query(`select set_config('dentalpin.clinic_id', 'x', true)`);
      await expect(client.query('select * from patients')).rejects.toThrow(/invalid input syntax for type uuid/);
      await client.query('rollback');
    } finally {
      await client.end();
    }
  });

  it('a resolver that forgets its clinic filter still returns only the caller’s rows (plain, in a transaction, another module’s table)', async () => {
    const query = `{ leakyNotes { clinicId body } leakyPatientClinics leakyNoteCount }`;
    const a = await t.data(query, {}, adminA);
    expect(a.leakyNotes).toEqual([{ clinicId: adminA.clinicId, body: "Ana's note" }]);
    expect(a.leakyPatientClinics).toEqual([adminA.clinicId]);
    expect(a.leakyNoteCount).toBe(1);
    const b = await t.data(query, {}, adminB);
    expect(b.leakyNotes).toEqual([{ clinicId: adminB.clinicId, body: "Bea's note" }]);
    expect(b.leakyPatientClinics).toEqual([adminB.clinicId]);
    expect(b.leakyNoteCount).toBe(1);
  });

  it('a write into another clinic is refused by the policy and a filter-less update touches only the caller’s rows', async () => {
    const r = await t.gql(
      `mutation($c: ID!) { addLeakyNoteFor(clinicId: $c, body: "planted") { id } }`,
      { c: adminB.clinicId },
      adminA,
    );
    expect(r.errors?.[0]?.message ?? '').not.toBe('');
    expect(await t.platform.db.knex('fixture_leaky_notes').where({ body: 'planted' }).count({ n: '*' })).toEqual([
      { n: '0' },
    ]);
    const updated = await t.data(`mutation { updateEveryLeakyNote(body: "rewritten") }`, {}, adminA);
    expect(updated.updateEveryLeakyNote).toBe(1);
    const rows = await t.platform.db.knex('fixture_leaky_notes').orderBy('body').select('clinic_id', 'body');
    expect(rows).toEqual([
      { clinic_id: adminB.clinicId, body: "Bea's note" },
      { clinic_id: adminA.clinicId, body: 'rewritten' },
    ]);
    await t.data(`mutation { updateEveryLeakyNote(body: "Ana's note") }`, {}, adminA);
  });

  it('a job’s per-clinic step sees only the clinic forClinic bound', async () => {
    await t.platform.jobs.run('fixture_leaky.count_notes');
    const { seen } = (await import(join(LEAKY, 'index.ts'))) as { seen: Map<string, number> };
    expect(seen.get(adminA.clinicId)).toBe(1);
    expect(seen.get(adminB.clinicId)).toBe(1);
  });

  it('bound work on a pooled connection leaves nothing behind for the next caller', async () => {
    const knex = t.platform.db.knex;
    const setting = `select current_setting('dentalpin.clinic_id', true) as c, current_user as u`;
    const bound = await bindClinic(adminA.clinicId, () => knex.raw(setting));
    expect(bound.rows[0]).toEqual({ c: adminA.clinicId, u: APP_ROLE });
    // Every connection of the pool afterwards: no clinic, the owner's role.
    const after = await Promise.all(Array.from({ length: 8 }, () => knex.raw(setting)));
    for (const r of after) expect(r.rows[0].u).not.toBe(APP_ROLE);
    for (const r of after) expect(r.rows[0].c ?? '').toBe('');
    // A transaction opened bound is bound from its first statement and ends unbound.
    const inTrx = await bindClinic(adminB.clinicId, () => knex.transaction((trx) => trx.raw(setting)));
    expect(inTrx.rows[0]).toEqual({ c: adminB.clinicId, u: APP_ROLE });
    // An anonymous module caller is bound to no clinic at all: nothing.
    const none = await bindClinic(null, () => knex('patients').count({ n: '*' }));
    expect(none).toEqual([{ n: '0' }]);
    expect(() => bindClinic("x' or true --", () => 1)).toThrow(/UUID/);
  });

  it('a tenant table whose policy is removed is refused (TENANT_TABLE_WITHOUT_POLICY), then protected again', async () => {
    const knex = t.platform.db.knex;
    await knex.raw(`create table rls_probe (id serial primary key, clinic_id uuid not null)`);
    try {
      const protectedNow = await applyAndVerifyTenancy(knex, 'test');
      expect(protectedNow).toEqual(['public.rls_probe']);
      await knex.raw(`alter table rls_probe no force row level security`);
      const report = await t.platform.kernel.doctor();
      expect(report.ok).toBe(false);
      expect(report.tenantTablesWithoutPolicy).toEqual([
        { table: 'public.rls_probe', code: TENANT_TABLE_WITHOUT_POLICY },
      ]);
      await knex.raw(`drop policy ${POLICY_NAME} on rls_probe`);
      const { rows } = await knex.raw(
        `select count(*)::int as n from pg_policy where polrelid = 'rls_probe'::regclass`,
      );
      expect(rows[0].n).toBe(0);
      await applyAndVerifyTenancy(knex, 'test');
      expect((await t.platform.kernel.doctor()).tenantTablesWithoutPolicy).toEqual([]);
    } finally {
      await knex.raw(`drop table rls_probe`);
    }
  });
});
