import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from './testing/index.ts';
import { requireProfessional } from './clinics.ts';
import { pgErrorCode } from './db/pg-error.ts';
import { authorize, forClinic, withEm } from './modules/service-context.ts';
import { AuthState, type RequestContext } from './graphql/context.ts';
import type { JobContext } from './jobs/runner.ts';

/** The core helpers modules share, against a real platform and PostgreSQL. */
describe('core helpers for module services', { timeout: 120_000 }, () => {
  let t: TestPlatform;
  let admin: { token: string; clinicId: string; userId: string };

  beforeAll(async () => {
    t = await startTestPlatform();
    admin = await t.setup();
  });
  afterAll(() => t.close());

  const membership = (userId: string, isProfessional: boolean) =>
    t.data(
      `mutation($u: ID!, $p: Boolean) { updateMembership(userId: $u, isProfessional: $p) { id } }`,
      { u: userId, p: isProfessional },
      admin,
    );

  it('requireProfessional accepts only an active professional member of the clinic, and returns their role', async () => {
    const em = t.platform.coreOrm.em.fork();
    const dentist = await t.userWithRole(admin, 'dentist');
    const refusal = `User ${dentist.userId} is not an active professional of this clinic.`;

    await membership(dentist.userId, false);
    await expect(requireProfessional(em, admin.clinicId, dentist.userId)).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message: refusal,
    });
    await membership(dentist.userId, true);
    await expect(requireProfessional(em, admin.clinicId, dentist.userId)).resolves.toEqual({ role: 'dentist' });

    const otherClinic = (await t.data(`mutation { createClinic(input: { name: "Otra" }) { id } }`, {}, admin))
      .createClinic.id;
    await expect(requireProfessional(em, otherClinic, dentist.userId)).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });

    await t.data(`mutation($u: ID!) { deactivateUser(userId: $u) { id } }`, { u: dentist.userId }, admin);
    await expect(requireProfessional(em, admin.clinicId, dentist.userId)).rejects.toMatchObject({ message: refusal });
    await expect(requireProfessional(em, admin.clinicId, '42')).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('pgErrorCode reads the SQLSTATE of a driver error and of one MikroORM wrapped', async () => {
    const em = t.platform.coreOrm.em.fork();
    const raw = await t.platform.db.knex.raw('select 1 / 0').catch((e: unknown) => e);
    expect(pgErrorCode(raw)).toBe('22012');
    const wrapped = await em
      .getConnection()
      .execute(`select 'x'::uuid`)
      .catch((e: unknown) => e);
    expect(pgErrorCode(wrapped)).toBe('22P02');
    expect(pgErrorCode(new Error('no code'))).toBeUndefined();
    expect(pgErrorCode({ code: 'ECONNREFUSED' })).toBeUndefined();
  });

  it('authorize and forClinic build the ServiceContext services take', async () => {
    const { identity } = await t.platform.auth.authenticate(`Bearer ${admin.token}`, admin.clinicId);
    const em = t.platform.coreOrm.em.fork();
    const query: RequestContext['query'] = async () => ({}) as never;
    const request = { em, auth: new AuthState(identity), query } as Pick<RequestContext, 'em' | 'auth' | 'query'>;
    expect(authorize(request as RequestContext, 'patients.read')).toEqual({ em, identity, query });
    const receptionist = await t.userWithRole(admin, 'receptionist');
    const limited = (await t.platform.auth.authenticate(`Bearer ${receptionist.token}`, admin.clinicId)).identity;
    expect(() =>
      authorize({ ...request, auth: new AuthState(limited) } as RequestContext, 'admin.clinic.write'),
    ).toThrow(/You need the permission "admin.clinic.write"/);

    const asked: unknown[] = [];
    const job = {
      moduleName: 'shelves',
      em,
      queryFor:
        (clinicId: string) =>
        async (...args: unknown[]) =>
          (asked.push([clinicId, ...args]), {}) as never,
    } as Pick<JobContext, 'moduleName' | 'em' | 'queryFor'> as JobContext;
    const service = forClinic(job, admin.clinicId);
    expect(service.identity).toMatchObject({ clinicId: admin.clinicId, grants: ['*'], isPlatformAdmin: false });
    await service.query('{ x }', { a: 1 });
    expect(asked).toEqual([[admin.clinicId, '{ x }', { a: 1 }]]);
    const other = em.fork();
    expect(withEm(service, other)).toEqual({ ...service, em: other });
  });
});
