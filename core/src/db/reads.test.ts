import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../testing/index.ts';
import { ClinicMembership } from '../entities/index.ts';
import { readPage, readRows } from './reads.ts';
import { bindClinic } from './tenancy.ts';

/** `readRows`, the read path without the unit of work, against a real platform and PostgreSQL. */
describe('readRows', { timeout: 120_000 }, () => {
  let t: TestPlatform;
  let admin: { token: string; clinicId: string; userId: string };
  let otherClinic: string;

  beforeAll(async () => {
    t = await startTestPlatform();
    admin = await t.setup();
    otherClinic = (await t.data(`mutation { createClinic(input: { name: "Otra" }) { id } }`, {}, admin)).createClinic
      .id;
  });
  afterAll(() => t.close());

  const statementsOf = async (fn: () => Promise<unknown>) => {
    const statements: { sql: string; bindings: unknown }[] = [];
    // Only this table's: the event relay polls on the same pool meanwhile.
    const listener = (q: { sql: string; bindings: unknown }) =>
      /clinic_memberships/.test(q.sql) && statements.push({ sql: q.sql, bindings: q.bindings });
    t.platform.db.knex.on('query', listener);
    try {
      await fn();
    } finally {
      t.platform.db.knex.off('query', listener);
    }
    return statements;
  };

  it('sends the statement em.find sends, and returns detached plain rows with property names', async () => {
    const em = t.platform.coreOrm.em.fork();
    const where = { user: admin.userId };
    const orderBy = { createdAt: 'asc', id: 'asc' } as const;
    const viaFind = await statementsOf(() => em.fork().find(ClinicMembership, where, { orderBy, limit: 5, offset: 0 }));
    let rows: ClinicMembership[] = [];
    const viaRows = await statementsOf(async () => {
      rows = await readRows(em, ClinicMembership, where, { orderBy, limit: 5, offset: 0 });
    });
    expect(viaFind).toHaveLength(1);
    expect(viaRows).toEqual(viaFind);
    expect(rows.map((r) => r.clinic).sort()).toEqual([admin.clinicId, otherClinic].sort());
    expect(rows[0]).toMatchObject({ role: 'admin', isProfessional: expect.any(Boolean) });
    expect(rows[0]!.createdAt).toBeInstanceOf(Date);
    // Nothing entered the unit of work: no identity map entry, no change-set snapshot to compute on flush.
    expect(em.getUnitOfWork().getIdentityMap().values()).toHaveLength(0);
  });

  it('reads under the request binding: bound to a clinic, row-level security hides the other clinic', async () => {
    const em = t.platform.coreOrm.em.fork();
    const rows = await bindClinic(admin.clinicId, () => readRows(em, ClinicMembership, { user: admin.userId }));
    expect(rows.map((r) => r.clinic)).toEqual([admin.clinicId]);
    const none = await bindClinic(null, () => readRows(em, ClinicMembership, { user: admin.userId }));
    expect(none).toEqual([]);
  });

  it("reads inside the EntityManager's transaction when it holds one", async () => {
    await t.platform.coreOrm.em
      .fork()
      .transactional(async (em) => {
        await em
          .getConnection()
          .execute(
            `update clinic_memberships set role = 'dentist' where user_id = ? and clinic_id = ?`,
            [admin.userId, otherClinic],
            'run',
            em.getTransactionContext(),
          );
        const rows = await readRows(em, ClinicMembership, { user: admin.userId, clinic: otherClinic });
        expect(rows.map((r) => r.role)).toEqual(['dentist']);
        throw new Error('roll back');
      })
      .catch((e: Error) => expect(e.message).toBe('roll back'));
    const after = await readRows(t.platform.coreOrm.em.fork(), ClinicMembership, {
      user: admin.userId,
      clinic: otherClinic,
    });
    expect(after.map((r) => r.role)).toEqual(['admin']);
  });
  it('readPage: a page and the count of the whole filter in one statement; past the end it counts apart', async () => {
    const em = t.platform.coreOrm.em.fork();
    const where = { user: admin.userId };
    const orderBy = { createdAt: 'asc', id: 'asc' } as const;
    let page: { rows: ClinicMembership[]; total: number } = { rows: [], total: -1 };
    const statements = await statementsOf(async () => {
      page = await readPage(em, ClinicMembership, where, { orderBy, limit: 1, offset: 0 });
    });
    expect(statements).toHaveLength(1);
    expect(page.total).toBe(2);
    expect(page.rows).toEqual(await readRows(em, ClinicMembership, where, { orderBy, limit: 1, offset: 0 }));
    // The count column does not leak into the rows.
    expect(Object.keys(page.rows[0]!)).not.toContain('dentalpin_page_total');
    const second = await readPage(em, ClinicMembership, where, { orderBy, limit: 1, offset: 1 });
    expect(second.total).toBe(2);
    expect(second.rows[0]!.id).not.toBe(page.rows[0]!.id);
    const past = await statementsOf(async () => {
      page = await readPage(em, ClinicMembership, where, { orderBy, limit: 5, offset: 10 });
    });
    expect(page).toEqual({ rows: [], total: 2 });
    expect(past).toHaveLength(2);
    expect(await readPage(em, ClinicMembership, { user: admin.userId, role: 'nobody' as never }, { limit: 5 })).toEqual(
      {
        rows: [],
        total: 0,
      },
    );
  });
});
