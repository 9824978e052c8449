import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '@dentalpin/core/testing';

interface KnexQuery {
  sql: string;
  bindings?: unknown[];
}

/**
 * The appointments overlapping a window are read through an index that applies both of its bounds, as requests
 * run (the application role under the clinic policy, where only leakproof conditions may be index conditions).
 */
describe('agenda: a window reads its own appointments, not the clinic history before it', () => {
  let t: TestPlatform;
  let admin: { token: string; clinicId: string; userId: string };

  beforeAll(async () => {
    t = await startTestPlatform();
    const setup = await t.setup();
    const { me } = await t.data<{ me: { user: { id: string } } }>(`{ me { user { id } } }`, {}, setup);
    admin = { ...setup, userId: me.user.id };
  });
  afterAll(() => t.close());

  it('week: the start is bounded on both sides in the index condition (EXPLAIN as the app role)', async () => {
    const { createPatient } = await t.data<{ createPatient: { id: string } }>(
      `mutation { createPatient(input: { firstName: "Range", lastName: "Patient" }) { id } }`,
      {},
      admin,
    );
    // Eight years of history, 30 minutes every 6 hours, written as the owner (no booking rules needed here), and
    // as much again in each of three other clinics of the same database.
    const knex0 = t.platform.db.knex;
    const history = (clinicId: string, patientId: string) =>
      knex0.raw(
        `insert into appointments (id, clinic_id, patient_id, professional_id, start_time, end_time, status)
         select gen_random_uuid(), ?, ?, ?, s, s + interval '30 minutes', 'completed'
           from generate_series(timestamptz '2020-01-01 09:00Z', timestamptz '2027-12-31 09:00Z', interval '6 hours') s`,
        [clinicId, patientId, admin.userId],
      );
    await history(admin.clinicId, createPatient.id);
    for (let i = 0; i < 3; i++) {
      const { rows } = await knex0.raw(
        `with c as (insert into clinics (id, name) values (gen_random_uuid(), 'Other ' || ?) returning id)
         insert into patients (id, clinic_id, first_name, last_name) select gen_random_uuid(), c.id, 'Other', 'Patient'
           from c returning clinic_id, id`,
        [i],
      );
      await history(rows[0].clinic_id, rows[0].id);
    }
    await t.platform.db.knex.raw('vacuum analyze appointments');
    const knex = (await t.platform.kernel.orm('agenda')).em.getConnection().getKnex();
    const seen: KnexQuery[] = [];
    const record = (q: KnexQuery) => void seen.push(q);
    knex.on('query', record);
    let count: number;
    try {
      const { appointments } = await t.data<{ appointments: unknown[] }>(
        `{ appointments(from: "2024-03-04T00:00:00Z", to: "2024-03-11T00:00:00Z") { id } }`,
        {},
        admin,
      );
      count = appointments.length;
    } finally {
      knex.off('query', record);
    }
    expect(count).toBe(28);
    // This request's window query (a job of another module may read appointments on the same pool meanwhile).
    const list = seen.find(
      (q) =>
        /from "appointments"/.test(q.sql) &&
        /"end_time" >/.test(q.sql) &&
        `${q.sql} ${JSON.stringify(q.bindings ?? [])}`.includes('2024-03-04'),
    );
    expect(list, 'the window query').toBeDefined();
    const plan = await t.platform.db.knex.transaction(async (trx) => {
      await trx.raw('set local role dentalpin_app');
      await trx.raw(`select set_config('dentalpin.clinic_id', ?, true)`, [admin.clinicId]);
      const { rows } = await trx.raw(`explain ${list!.sql}`, (list!.bindings ?? []) as never);
      return (rows as { 'QUERY PLAN': string }[]).map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toMatch(/appointments_clinic_start_idx/);
    // The lower bound is the window's start less the longest appointment (24 hours).
    expect(plan).toMatch(
      /Index Cond: .*start_time >= '2024-03-03 00:00:00\+00'.*start_time < '2024-03-11 00:00:00\+00'/,
    );
    expect(plan).not.toMatch(/Seq Scan/);
    // About the window's appointments (28 and one day's 4 before it), not the 6,000 of the years before it.
    const estimated = Number(/Index Scan.*rows=(\d+)/.exec(plan)?.[1]);
    expect(estimated).toBeLessThan(200);
  });
});
