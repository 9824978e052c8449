import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, DEMO_PASSWORD } from '../../core/src/demo.ts';
import { startTestPlatform, type TestPlatform } from '@dentalpin/core/testing';
import { bindClinic, tenantTables, unprotected } from '../../core/src/db/tenancy.ts';

/**
 * Issue #20: an existing installation (the demo database, plus a second clinic) upgraded to row-level
 * security by the core migration loses no row and hides none: every row of every tenant table is still
 * there for the owner, and visible to exactly its own clinic's bound transactions.
 */
const BEFORE = 'Migration20261202000050_supergraph';

describe('the row-level security migration on a copy of the demo database', () => {
  let t: TestPlatform;

  beforeAll(async () => {
    t = await startTestPlatform();
    const logins = await seedDemo(t.platform);
    const admin = logins!.find((l) => l.role === 'admin')!;
    const login = await t.data<{ login: { accessToken: string } }>(
      `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`,
      { e: admin.email, p: DEMO_PASSWORD },
    );
    const token = login.login.accessToken;
    const clinicB = (
      await t.data<{ createClinic: { id: string } }>(
        `mutation { createClinic(input: { name: "Clínica B" }) { id } }`,
        {},
        { token },
      )
    ).createClinic.id;
    await t.data(
      `mutation { createPatient(input: { firstName: "Bea", lastName: "B" }) { id } }`,
      {},
      { token, clinicId: clinicB },
    );
    await t.eventsSettled();
    // The installation as it was before the migration: no policy anywhere.
    await t.platform.coreOrm.getMigrator().down({ to: BEFORE });
  }, 240_000);
  afterAll(() => t?.close());

  it('applies the policies without losing or hiding any row', async () => {
    const knex = t.platform.db.knex;
    const before = await tenantTables(knex);
    expect(before.length).toBeGreaterThan(20);
    expect(before.filter((x) => x.rlsEnabled || x.hasPolicy)).toEqual([]);
    const count = async (table: string) =>
      Number((await knex.raw(`select count(*)::int as n from "${table}"`)).rows[0].n);
    const ownerBefore: Record<string, number> = {};
    const sharedBefore: Record<string, number> = {};
    for (const { table } of before) {
      ownerBefore[table] = await count(table);
      sharedBefore[table] = Number(
        (await knex.raw(`select count(*)::int as n from "${table}" where clinic_id is null`)).rows[0].n,
      );
    }
    expect(ownerBefore.patients).toBeGreaterThan(1);

    await t.platform.coreOrm.getMigrator().up();

    const after = await tenantTables(knex);
    expect(after.filter(unprotected)).toEqual([]);
    const clinics: string[] = await knex('clinics').pluck('id');
    expect(clinics).toHaveLength(2);
    for (const { table } of after) {
      expect({ table, rows: await count(table) }).toEqual({ table, rows: ownerBefore[table] });
      let visible = 0;
      for (const clinic of clinics) visible += await bindClinic(clinic, () => count(table));
      // Each clinic's row is seen by exactly its clinic (none hidden, none twice); a shared row (NULL clinic,
      // e.g. default templates) by every clinic.
      const expected = ownerBefore[table]! - sharedBefore[table]! + sharedBefore[table]! * clinics.length;
      expect({ table, visible }).toEqual({ table, visible: expected });
    }
  });
});
