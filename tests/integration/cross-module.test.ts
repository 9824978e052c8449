import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { findRootDir } from '../../core/src/config.ts';
import { eventually, startTestPlatform, type CallOptions, type TestPlatform } from '@dentalpin/core/testing';

const fixtures = join(findRootDir(), 'tests/fixtures/modules');
const CREATE = `mutation($input: CreatePatientInput!) { createPatient(input: $input) { id } }`;
const NAME = `query($id: ID!) { patientNameViaSupergraph(id: $id) }`;

/** Modules reading each other through the supergraph (ctx.query), and scheduled jobs. */
describe('cross-module queries and jobs', () => {
  let t: TestPlatform;
  let admin: CallOptions & { userId: string };
  let adminB: CallOptions;
  let patientId: string;
  const sql = async (query: string, params: unknown[] = []) =>
    (await t.platform.db.knex.raw(query, params as never)).rows as Record<string, any>[];

  beforeAll(async () => {
    t = await startTestPlatform({ moduleDirs: [join(fixtures, 'fixture_reach')] });
    admin = await t.setup();
    await t.data(`mutation { installModule(name: "fixture_reach") { scheduled } }`, {}, admin);
    await t.data(`mutation { restartModules { activeModules } }`, {}, admin);
    const clinicB = await t.data(`mutation { createClinic(input: { name: "Clínica Sur" }) { id } }`, {}, admin);
    const b = await t.userWithRole(admin, 'admin', clinicB.createClinic.id);
    adminB = { token: b.token, clinicId: clinicB.createClinic.id };
    patientId = (await t.data(CREATE, { input: { firstName: 'Ana', lastName: 'Ruiz' } }, admin)).createPatient.id;
  });
  afterAll(() => t.close());

  it('a resolver reads another module as its caller: same clinic, same permissions', async () => {
    expect((await t.data(NAME, { id: patientId }, admin)).patientNameViaSupergraph).toBe('Ana Ruiz');
    // Clinic B's admin asks for clinic A's patient: the patients module does not find it for them.
    expect((await t.data(NAME, { id: patientId }, adminB)).patientNameViaSupergraph).toBeNull();
    // No token: the inner query fails as the caller would, with the contract code.
    const anonymous = await t.gql(NAME, { id: patientId });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('an event handler reads another module as its clinic, and only its clinic', async () => {
    await t.eventsSettled();
    expect((await t.data(`{ reachSeen(kind: "handler") }`, {}, admin)).reachSeen).toEqual(['Ana Ruiz']);
    await t.data(CREATE, { input: { firstName: 'Bea', lastName: 'Sur' } }, adminB);
    await t.eventsSettled();
    expect((await t.data(`{ reachSeen(kind: "handler") }`, {}, adminB)).reachSeen).toEqual(['Bea Sur']);
  });

  it('a job reads through the supergraph as the clinic it names', async () => {
    await sql(`insert into fixture_reach_seen (kind, clinic_id, value) values ('lookup_target', ?, ?)`, [
      adminB.clinicId,
      patientId,
    ]);
    await t.platform.jobs.run('fixture_reach.lookup');
    await sql(`insert into fixture_reach_seen (kind, clinic_id, value) values ('lookup_target', ?, ?)`, [
      admin.clinicId,
      patientId,
    ]);
    await t.platform.jobs.run('fixture_reach.lookup');
    const seen = await sql(`select clinic_id, value from fixture_reach_seen where kind = 'lookup' order by id`);
    expect(seen).toEqual([
      { clinic_id: adminB.clinicId, value: 'invisible' },
      { clinic_id: admin.clinicId, value: 'Ana Ruiz' },
    ]);
  });

  it('runs a job once at a time, however many callers ask, and records each run', async () => {
    await Promise.all([1, 2, 3].map(() => t.platform.jobs.run('fixture_reach.slow')));
    const runs = await sql(
      `select started_at, finished_at from fixture_reach_seen where kind = 'slow' order by started_at`,
    );
    expect(runs).toHaveLength(3);
    for (let i = 1; i < runs.length; i++)
      expect(new Date(runs[i]!.started_at).getTime()).toBeGreaterThanOrEqual(
        new Date(runs[i - 1]!.finished_at).getTime(),
      );
    const [job] = await sql(
      `select runs, failures, last_error, next_run_at > now() as scheduled from core_job where name = 'fixture_reach.slow'`,
    );
    expect(job).toEqual({ runs: 3, failures: 0, last_error: null, scheduled: true });
  });

  it('records a failing run and reports it to the caller', async () => {
    await expect(t.platform.jobs.run('fixture_reach.broken')).rejects.toThrow('failed as designed');
    const [job] = await sql(`select runs, failures, last_error from core_job where name = 'fixture_reach.broken'`);
    expect(job).toMatchObject({ runs: 1, failures: 1, last_error: expect.stringContaining('failed as designed') });
    await expect(t.platform.jobs.run('fixture_reach.nope')).rejects.toThrow(/No active job "fixture_reach.nope"/);
    const { moduleDoctor } = await t.data(`{ moduleDoctor { ok failingJobs { job error } } }`, {}, admin);
    expect(moduleDoctor).toEqual({
      ok: false,
      failingJobs: [{ job: 'fixture_reach.broken', error: 'Error: the broken job failed as designed' }],
    });
  });

  it('runs due jobs on schedule and leaves the others until their time', async () => {
    const before = await sql(`select name, runs from core_job where module_name = 'fixture_reach' order by name`);
    await sql(`update core_job set next_run_at = now() - interval '1 second' where name = 'fixture_reach.broken'`);
    await sql(`update core_job set next_run_at = now() + interval '1 hour' where name <> 'fixture_reach.broken'`);
    await t.platform.jobs.runDue();
    await eventually(async () => {
      const [job] = await sql(
        `select runs, last_finished_at > last_started_at as done from core_job where name = 'fixture_reach.broken'`,
      );
      return job!.runs === 2 && job!.done;
    });
    const after = await sql(`select name, runs from core_job where module_name = 'fixture_reach' order by name`);
    expect(after.filter((j) => j.name !== 'fixture_reach.broken')).toEqual(
      before.filter((j) => j.name !== 'fixture_reach.broken'),
    );
  });

  it('drops the jobs of a module that is no longer active', async () => {
    expect(t.platform.jobs.names()).toContain('fixture_reach.slow');
    await t.data(`mutation { disableModule(name: "fixture_reach") { scheduled } }`, {}, admin);
    await t.data(`mutation { restartModules { activeModules } }`, {}, admin);
    expect(t.platform.jobs.names().filter((n) => n.startsWith('fixture_reach.'))).toEqual([]);
    // A dark module's failed job is not the doctor's concern any more.
    expect((await t.data(`{ moduleDoctor { failingJobs { job } } }`, {}, admin)).moduleDoctor.failingJobs).toEqual([]);
  });
});
