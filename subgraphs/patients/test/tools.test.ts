import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '@dentalpin/core/testing';
import type { Identity } from '@dentalpin/core';
import { tools, toolExemptions } from '../src/tools.ts';

/** The patients tools, called through the platform's chokepoint as real users of two clinics. */
describe('patients agent tools', () => {
  let t: TestPlatform;
  let admin: Identity;
  let receptionist: Identity;
  let otherClinic: Identity;
  const call = (who: Identity, name: string, args: unknown, mode?: 'SUPERVISED' | 'AUTONOMOUS') =>
    t.platform.agents.call({ identity: who }, `patients.${name}`, args, mode);

  beforeAll(async () => {
    t = await startTestPlatform();
    const setup = await t.setup();
    const identityOf = async (token: string, clinicId: string) =>
      (await t.platform.auth.authenticate(`Bearer ${token}`, clinicId)).identity!;
    admin = await identityOf(setup.token, setup.clinicId);
    const r = await t.userWithRole(setup, 'receptionist');
    receptionist = await identityOf(r.token, setup.clinicId);
    const b = await t.data(`mutation { createClinic(input: { name: "Otra" }) { id } }`, {}, setup);
    const bAdmin = await t.userWithRole(setup, 'admin', b.createClinic.id);
    otherClinic = await identityOf(bAdmin.token, b.createClinic.id);
  });
  afterAll(() => t.close());

  it('are declared with permissions, categories and model-facing descriptions', () => {
    expect(tools.map((x) => [x.name, x.category, x.permissions])).toEqual([
      ['search_patients', 'READ', ['patients.read']],
      ['get_patient', 'READ', ['patients.read']],
      ['create_patient', 'WRITE', ['patients.write']],
      ['update_patient', 'WRITE', ['patients.write']],
    ]);
    for (const x of tools) expect(x.description.length).toBeGreaterThan(120);
    expect(Object.keys(toolExemptions)).toEqual(['archivePatient']);
    const schema = t.platform.tools().get('patients.update_patient')!.inputSchema as {
      required: string[];
      properties: Record<string, { description?: string }>;
    };
    expect(schema.required).toEqual(['patientId']);
    expect(schema.properties.phone.description).toMatch(/country code/);
  });

  it('create → search → get → update, with the service rules (normalising, archived read-only)', async () => {
    const created = await call(receptionist, 'create_patient', {
      firstName: '  Ana ',
      lastName: 'Ruiz',
      email: '',
      dateOfBirth: '1980-02-29',
    });
    expect(created.status).toBe('SUCCESS');
    const id = (created.result as { id: string }).id;
    expect(created.result).toMatchObject({
      fullName: 'Ana Ruiz',
      email: null,
      dateOfBirth: '1980-02-29',
      status: 'ACTIVE',
    });
    const found = await call(receptionist, 'search_patients', { query: 'ana ruiz', pageSize: 5 });
    expect(found.result).toMatchObject({ total: 1, pageSize: 5, items: [{ id, fullName: 'Ana Ruiz' }] });
    expect((found.result as { items: object[] }).items[0]).not.toHaveProperty('notes');
    const updated = await call(receptionist, 'update_patient', {
      patientId: id,
      phone: '+34 600 000 001',
      notes: 'prefers mornings',
    });
    expect(updated.result).toMatchObject({ phone: '+34 600 000 001', notes: 'prefers mornings', firstName: 'Ana' });
    const got = await call(receptionist, 'get_patient', { patientId: id });
    expect(got.result).toMatchObject({ id, notes: 'prefers mornings' });
    expect(typeof (got.result as { createdAt: unknown }).createdAt).toBe('string');

    await t.platform.db.knex('patients').where({ id }).update({ status: 'archived' });
    const refused = await call(receptionist, 'update_patient', { patientId: id, lastName: 'Other' });
    expect(refused).toMatchObject({ status: 'FAILED', errorCode: 'CONFLICT' });
    const hidden = await call(receptionist, 'search_patients', { query: 'ana ruiz' });
    expect((hidden.result as { total: number }).total).toBe(0);
    const shown = await call(receptionist, 'search_patients', { query: 'ana ruiz', includeArchived: true });
    expect(shown.result).toMatchObject({ total: 1, items: [{ status: 'ARCHIVED' }] });
  });

  it('refuses bad or unknown arguments naming the fields, and writes nothing', async () => {
    const before = await t.platform.db.knex('patients').count<{ c: string }[]>({ c: '*' });
    const r = await call(admin, 'create_patient', { firstName: 'A', lastName: 'B', phone: 'call me', mobile: '1' });
    expect(r).toMatchObject({ status: 'FAILED', errorCode: 'BAD_USER_INPUT' });
    expect(r.error).toMatch(/phone is not a phone number/);
    expect(r.error).toMatch(/mobile/);
    expect(await t.platform.db.knex('patients').count<{ c: string }[]>({ c: '*' })).toEqual(before);
    const badId = await call(admin, 'get_patient', { patientId: 'abc' });
    expect(badId).toMatchObject({ status: 'FAILED', errorCode: 'BAD_USER_INPUT' });
    expect(badId.error).toMatch(/patientId is not a valid patient id/);
  });

  it('stay inside the caller clinic', async () => {
    const mine = await call(admin, 'create_patient', { firstName: 'Solo', lastName: 'Norte' });
    const id = (mine.result as { id: string }).id;
    expect(await call(otherClinic, 'get_patient', { patientId: id })).toMatchObject({
      status: 'FAILED',
      errorCode: 'NOT_FOUND',
    });
    expect((await call(otherClinic, 'search_patients', { query: 'solo' })).result).toMatchObject({ total: 0 });
    expect(await call(otherClinic, 'update_patient', { patientId: id, firstName: 'X' })).toMatchObject({
      status: 'FAILED',
      errorCode: 'NOT_FOUND',
    });
    const created = await call(otherClinic, 'create_patient', { firstName: 'Solo', lastName: 'Sur' });
    const row = await t.platform.db
      .knex('patients')
      .where({ id: (created.result as { id: string }).id })
      .first();
    expect(row.clinic_id).toBe(otherClinic.clinicId);
    expect((await t.platform.db.knex('patients').where({ id }).first()).first_name).toBe('Solo');
  });
});
