import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '@dentalpin/core/testing';

const CREATE = `mutation($input: CreatePatientInput!) { createPatient(input: $input) { id fullName status phone email dateOfBirth doNotContact createdAt } }`;
const LIST = `query($search: String, $page: Int, $pageSize: Int, $includeArchived: Boolean) {
  patients(search: $search, page: $page, pageSize: $pageSize, includeArchived: $includeArchived) { total page pageSize items { id fullName status } } }`;

describe('patients module', () => {
  let t: TestPlatform;
  let admin: { token: string; clinicId: string };
  let receptionist: { token: string };
  let hygienist: { token: string };

  beforeAll(async () => {
    t = await startTestPlatform();
    admin = await t.setup();
    receptionist = await t.userWithRole(admin, 'receptionist');
    hygienist = await t.userWithRole(admin, 'hygienist');
    const people = [
      ['Lucía', 'García Pérez', '+34 600 111 222', 'lucia@example.com'],
      ['Lucas', 'García López', '+34 600 333 444', 'lucas@example.com'],
      ['Marta', 'Sánchez', '+34 611 555 666', 'marta@example.com'],
      ['Pedro', 'Lucena', null, null],
    ];
    for (const [firstName, lastName, phone, email] of people)
      await t.data(CREATE, { input: { firstName, lastName, phone, email } }, admin);
    for (let i = 0; i < 21; i++) await t.data(CREATE, { input: { firstName: `Bulk${i}`, lastName: 'Zeta' } }, admin);
  });
  afterAll(() => t.close());

  it('creates a patient with normalised fields', async () => {
    const r = await t.data(
      CREATE,
      { input: { firstName: '  Ana ', lastName: 'Ruiz', email: '', dateOfBirth: '1980-02-29', doNotContact: true } },
      receptionist,
    );
    expect(r.createPatient).toMatchObject({
      fullName: 'Ana Ruiz',
      status: 'ACTIVE',
      email: null,
      dateOfBirth: '1980-02-29',
      doNotContact: true,
    });
    expect(new Date(r.createPatient.createdAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('refuses bad input with BAD_USER_INPUT naming each field, and writes nothing', async () => {
    const before = (await t.data(LIST, { includeArchived: true }, admin)).patients.total;
    const r = await t.gql(
      CREATE,
      { input: { firstName: '', lastName: 'X', email: 'not-mail', phone: 'call me', dateOfBirth: '2999-01-01' } },
      admin,
    );
    expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const message = r.errors?.[0].message ?? '';
    expect(message).toMatch(/firstName is required/);
    expect(message).toMatch(/email is not an email address/);
    expect(message).toMatch(/phone is not a phone number/);
    expect(message).toMatch(/dateOfBirth cannot be in the future/);
    expect((await t.data(LIST, { includeArchived: true }, admin)).patients.total).toBe(before);
  });

  it('searches name, phone and email; every term must match', async () => {
    const names = async (search: string) =>
      (await t.data(LIST, { search }, admin)).patients.items.map((p: { fullName: string }) => p.fullName);
    expect(await names('garcía')).toEqual(['Lucas García López', 'Lucía García Pérez']);
    expect(await names('luc garc')).toEqual(['Lucas García López', 'Lucía García Pérez']);
    expect(await names('lucía garcía')).toEqual(['Lucía García Pérez']);
    expect(await names('luc')).toEqual(['Lucas García López', 'Lucía García Pérez', 'Pedro Lucena']);
    expect(await names('611 555')).toEqual(['Marta Sánchez']);
    expect(await names('marta@example')).toEqual(['Marta Sánchez']);
    expect(await names('100%')).toEqual([]);
  });

  it('paginates with totals and validates page bounds', async () => {
    const p1 = (await t.data(LIST, { search: 'zeta', page: 1, pageSize: 10 }, admin)).patients;
    const p3 = (await t.data(LIST, { search: 'zeta', page: 3, pageSize: 10 }, admin)).patients;
    expect(p1).toMatchObject({ total: 21, page: 1, pageSize: 10 });
    expect(p1.items).toHaveLength(10);
    expect(p3.items).toHaveLength(1);
    const ids = new Set([...p1.items, ...p3.items].map((p: { id: string }) => p.id));
    expect(ids.size).toBe(11);
    const bad = await t.gql(LIST, { pageSize: 500 }, admin);
    expect(bad.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: 'pageSize must be between 1 and 100',
    });
  });

  it('updates and archives (never deletes); archived patients leave the default list', async () => {
    const { createPatient } = await t.data(CREATE, { input: { firstName: 'Temp', lastName: 'Orary' } }, admin);
    const updated = await t.data(
      `mutation($id: ID!) { updatePatient(id: $id, input: { phone: "+34 699 000 000" }) { phone fullName } }`,
      { id: createPatient.id },
      receptionist,
    );
    expect(updated.updatePatient).toEqual({ phone: '+34 699 000 000', fullName: 'Temp Orary' });
    const archived = await t.data(
      `mutation($id: ID!) { archivePatient(id: $id) { status } }`,
      { id: createPatient.id },
      admin,
    );
    expect(archived.archivePatient.status).toBe('ARCHIVED');
    expect((await t.data(LIST, { search: 'orary' }, admin)).patients.total).toBe(0);
    expect((await t.data(LIST, { search: 'orary', includeArchived: true }, admin)).patients.total).toBe(1);
    const again = await t.gql(
      `mutation($id: ID!) { archivePatient(id: $id) { status } }`,
      { id: createPatient.id },
      admin,
    );
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
    const row = await t.platform.db.knex('patients').where({ id: createPatient.id }).first();
    expect(row.status).toBe('archived');
  });

  it('checks permissions: a hygienist reads but cannot write', async () => {
    expect((await t.data(LIST, {}, hygienist)).patients.total).toBeGreaterThan(0);
    const r = await t.gql(CREATE, { input: { firstName: 'No', lastName: 'Way' } }, hygienist);
    expect(r.errors?.[0]).toMatchObject({
      extensions: { code: 'FORBIDDEN' },
      message: expect.stringMatching(/patients\.write/),
    });
    expect((await t.gql(LIST, {})).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('answers NOT_FOUND for unknown ids and BAD_USER_INPUT for malformed ones', async () => {
    expect(
      (await t.data(`{ patient(id: "00000000-0000-4000-8000-000000000000") { id } }`, {}, admin)).patient,
    ).toBeNull();
    const missing = await t.gql(
      `mutation { archivePatient(id: "00000000-0000-4000-8000-000000000000") { id } }`,
      {},
      admin,
    );
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const malformed = await t.gql(`{ patient(id: "42") { id } }`, {}, admin);
    expect(malformed.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: '"42" is not a valid patient id.',
    });
  });

  it('isolates clinics: clinic B sees nothing of clinic A, through queries, mutations or entity references', async () => {
    const clinicB = (await t.data(`mutation { createClinic(input: { name: "Clínica B" }) { id } }`, {}, admin))
      .createClinic.id;
    const bUser = await t.userWithRole({ token: admin.token, clinicId: clinicB }, 'dentist', clinicB);
    const aPatient = (await t.data(LIST, { search: 'marta' }, admin)).patients.items[0];

    expect((await t.data(LIST, { includeArchived: true }, bUser)).patients.total).toBe(0);
    expect(
      (await t.data(`query($id: ID!) { patient(id: $id) { id } }`, { id: aPatient.id }, bUser)).patient,
    ).toBeNull();
    const touch = await t.gql(
      `mutation($id: ID!) { updatePatient(id: $id, input: { notes: "x" }) { id } }`,
      { id: aPatient.id },
      bUser,
    );
    expect(touch.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const archive = await t.gql(`mutation($id: ID!) { archivePatient(id: $id) { id } }`, { id: aPatient.id }, bUser);
    expect(archive.errors?.[0].extensions?.code).toBe('NOT_FOUND');

    // The federation entry point other subgraphs use: `_entities` must apply the same scope.
    const entities = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Patient { id fullName } } }`;
    const reps = { r: [{ __typename: 'Patient', id: aPatient.id }] };
    const asB = await t.subgraphAs('patients', { token: bUser.token, clinicId: clinicB })(entities, reps);
    expect(asB.data).toEqual({ _entities: [null] });
    const asA = await t.subgraphAs('patients', admin)(entities, reps);
    expect(asA.data).toEqual({ _entities: [{ id: aPatient.id, fullName: 'Marta Sánchez' }] });
  });

  it('resolves many entity references with one query (no N+1)', async () => {
    const ids = (await t.data(LIST, { search: 'zeta', pageSize: 20 }, admin)).patients.items.map(
      (p: { id: string }) => p.id,
    );
    const asAdmin = t.subgraphAs('patients', admin);
    const statements: string[] = [];
    const listener = (q: { sql: string }) => statements.push(q.sql);
    t.platform.db.knex.on('query', listener);
    try {
      const r = await asAdmin(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Patient { id } } }`, {
        r: ids.map((id: string) => ({ __typename: 'Patient', id })),
      });
      expect((r.data as { _entities: unknown[] })._entities).toHaveLength(20);
    } finally {
      t.platform.db.knex.off('query', listener);
    }
    expect(statements.filter((s) => /from "patients"/.test(s))).toHaveLength(1);
  });

  it('publishes patient.created, patient.updated (changed keys) and patient.archived in the write transaction', async () => {
    const outbox = async (patientId: string) =>
      (
        await t.platform.db.knex.raw(
          // Only this module's events (other modules, e.g. the timeline, react with their own).
          `select type, clinic_id, payload from core_event_outbox where payload->>'patient_id' = ? and type like 'patient.%' order by id`,
          [patientId],
        )
      ).rows;
    const p = (await t.data(CREATE, { input: { firstName: 'Eva', lastName: 'Events' } }, admin)).createPatient;
    await t.data(
      `mutation($id: ID!) { updatePatient(id: $id, input: { phone: "+34 600 000 001", lastName: "Events" }) { id } }`,
      { id: p.id },
      admin,
    );
    // Nothing changed: no event.
    await t.data(
      `mutation($id: ID!) { updatePatient(id: $id, input: { lastName: "Events" }) { id } }`,
      { id: p.id },
      admin,
    );
    // Refused write: no event.
    const bad = await t.gql(
      `mutation($id: ID!) { updatePatient(id: $id, input: { email: "nope" }) { id } }`,
      { id: p.id },
      admin,
    );
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    await t.data(`mutation($id: ID!) { archivePatient(id: $id) { id } }`, { id: p.id }, admin);
    expect(await outbox(p.id)).toEqual([
      { type: 'patient.created', clinic_id: admin.clinicId, payload: { clinic_id: admin.clinicId, patient_id: p.id } },
      {
        type: 'patient.updated',
        clinic_id: admin.clinicId,
        payload: { clinic_id: admin.clinicId, patient_id: p.id, changes: ['phone'] },
      },
      { type: 'patient.archived', clinic_id: admin.clinicId, payload: { clinic_id: admin.clinicId, patient_id: p.id } },
    ]);
  });
});
