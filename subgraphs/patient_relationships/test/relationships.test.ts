import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  moduleLifecycle,
  startTestPlatform,
  temporaryBackupDir,
  type CallOptions,
  type ModuleLifecycle,
  type TemporaryBackupDir,
  type TestPlatform,
} from '@dentalpin/core/testing';

const LINK = `id type notes patient { id } relatedPatient { id fullName }`;
const ADD = `mutation($input: AddPatientRelationshipInput!) { addPatientRelationship(input: $input) { ${LINK} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdatePatientRelationshipInput!) {
  updatePatientRelationship(id: $id, input: $input) { ${LINK} } }`;
const REMOVE = `mutation($id: ID!) { removePatientRelationship(id: $id) { id } }`;
const LIST = `query($p: ID!) { patientRelationships(patientId: $p) { ${LINK} } }`;

describe('patient_relationships', () => {
  let t: TestPlatform;
  let admin: { token: string; clinicId: string; userId: string };
  let lifecycle: ModuleLifecycle;
  let backups: TemporaryBackupDir;
  let mother: string;
  let son: string;
  let daughter: string;
  const sql = async (q: string, p: unknown[] = []) => (await t.platform.db.knex.raw(q, p as never)).rows;
  const count = async () => Number((await sql(`select count(*) as n from patient_relationships`))[0].n);
  const patient = async (firstName: string, caller: CallOptions = admin) =>
    (
      await t.data(
        `mutation($input: CreatePatientInput!) { createPatient(input: $input) { id } }`,
        { input: { firstName, lastName: 'Vega' } },
        caller,
      )
    ).createPatient.id as string;
  const add = (input: Record<string, unknown>, caller: CallOptions = admin) => t.gql(ADD, { input }, caller);
  const list = async (p: string) => (await t.data(LIST, { p }, admin)).patientRelationships;

  beforeAll(async () => {
    backups = temporaryBackupDir('patient_relationships');
    t = await startTestPlatform();
    admin = await t.setup();
    lifecycle = moduleLifecycle(t, admin);
    expect((await lifecycle.install('patient_relationships')).processed).toEqual([
      { module: 'patient_relationships', operation: 'install', status: 'completed', error: null },
    ]);
    mother = await patient('Marta');
    son = await patient('Hugo');
    daughter = await patient('Leo');
  });
  afterAll(async () => {
    await t.close();
    backups.remove();
  });

  it('stores one row per pair and shows each side its own label (parent ↔ child)', async () => {
    const r = await add({ patientId: son, relatedPatientId: mother, type: 'PARENT', notes: 'Pays' });
    expect(r.errors).toBeUndefined();
    expect(r.data!.addPatientRelationship).toMatchObject({
      type: 'PARENT',
      notes: 'Pays',
      patient: { id: son },
      relatedPatient: { id: mother, fullName: 'Marta Vega' },
    });
    expect(await count()).toBe(1);
    expect(await list(son)).toEqual([
      expect.objectContaining({ type: 'PARENT', relatedPatient: expect.objectContaining({ id: mother }) }),
    ]);
    expect(await list(mother)).toEqual([
      expect.objectContaining({ type: 'CHILD', relatedPatient: expect.objectContaining({ id: son }) }),
    ]);
    // Through federation, on the patients' own type.
    const viaPatient = await t.data(
      `query($id: ID!) { patient(id: $id) { fullName relationships { type relatedPatient { fullName } } } }`,
      { id: mother },
      admin,
    );
    expect(viaPatient.patient.relationships).toEqual([{ type: 'CHILD', relatedPatient: { fullName: 'Hugo Vega' } }]);
    // Guardian ↔ ward and symmetric siblings.
    await add({ patientId: mother, relatedPatientId: daughter, type: 'WARD' });
    await add({ patientId: son, relatedPatientId: daughter, type: 'SIBLING' });
    expect((await list(daughter)).map((l: { type: string }) => l.type)).toEqual(['GUARDIAN', 'SIBLING']);
  });

  it('refuses a self-link, a duplicate either way round, and another clinic’s patient; nothing written', async () => {
    const before = await count();
    const self = await add({ patientId: son, relatedPatientId: son, type: 'OTHER' });
    expect(self.errors?.[0]).toMatchObject({
      message: 'A patient cannot be related to themselves; choose another patient.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const again = await add({ patientId: mother, relatedPatientId: son, type: 'PARENT' });
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(again.errors?.[0].message).toMatch(/Marta Vega and Hugo Vega are already linked/);

    const clinicB = (await t.data('mutation { createClinic(input: { name: "B" }) { id } }', {}, admin)).createClinic.id;
    const foreign = await patient('Otro', { token: admin.token, clinicId: clinicB });
    const cross = await add({ patientId: son, relatedPatientId: foreign, type: 'SPOUSE' });
    expect(cross.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(cross.errors?.[0].message).toMatch(/not a patient of this clinic/);
    // Nor does the other clinic see this one's links.
    const b = await t.data(LIST, { p: son }, { token: admin.token, clinicId: clinicB });
    expect(b.patientRelationships).toEqual([]);
    expect(await count()).toBe(before);
  });

  it('lets the database settle two simultaneous links of the same pair: one lands', async () => {
    const a = await patient('Ana');
    const b = await patient('Bea');
    const results = await Promise.all([
      add({ patientId: a, relatedPatientId: b, type: 'SPOUSE' }),
      add({ patientId: b, relatedPatientId: a, type: 'SPOUSE' }),
      add({ patientId: a, relatedPatientId: b, type: 'OTHER' }),
    ]);
    expect(results.filter((r) => !r.errors).length).toBe(1);
    expect(results.filter((r) => r.errors?.[0].extensions?.code === 'CONFLICT').length).toBe(2);
    expect(
      await sql(`select count(*)::int as n from patient_relationships where ? in (patient_id, related_patient_id)`, [
        a,
      ]),
    ).toEqual([{ n: 1 }]);
    await expect(
      sql(
        `insert into patient_relationships (id, clinic_id, patient_id, related_patient_id, type, created_at, updated_at)
           values (gen_random_uuid(), ?, ?, ?, 'other', now(), now())`,
        [admin.clinicId, b, a],
      ),
    ).rejects.toThrow(/patient_relationships_pair_uq/);
  });

  it('updates type (read from either side) and notes, clears notes, removes softly and allows relinking', async () => {
    const [link] = await list(son).then((ls) =>
      ls.filter((l: { relatedPatient: { id: string } }) => l.relatedPatient.id === mother),
    );
    // From the mother's side: the son is her WARD → from his side she is his GUARDIAN.
    const updated = await t.data(
      UPDATE,
      { id: link.id, input: { patientId: mother, type: 'WARD', notes: null } },
      admin,
    );
    expect(updated.updatePatientRelationship).toMatchObject({ type: 'WARD', notes: null, relatedPatient: { id: son } });
    expect((await list(son)).find((l: { id: string }) => l.id === link.id)).toMatchObject({
      type: 'GUARDIAN',
      notes: null,
    });
    const outsider = await t.gql(UPDATE, { id: link.id, input: { patientId: daughter, notes: 'x' } }, admin);
    expect(outsider.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    await t.data(REMOVE, { id: link.id }, admin);
    expect((await list(son)).some((l: { id: string }) => l.id === link.id)).toBe(false);
    expect(
      (await sql(`select removed_at from patient_relationships where id = ?`, [link.id]))[0].removed_at,
    ).not.toBeNull();
    expect((await t.gql(REMOVE, { id: link.id }, admin)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const relinked = await add({ patientId: mother, relatedPatientId: son, type: 'CHILD' });
    expect(relinked.errors).toBeUndefined();
  });

  it('publishes events and writes timeline entries', async () => {
    await t.eventsSettled();
    const events = await sql(`select type from core_event_outbox where type like 'patient_relationship.%' order by id`);
    expect(events.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining([
        'patient_relationship.created',
        'patient_relationship.updated',
        'patient_relationship.removed',
      ]),
    );
    const timeline = await t.data(
      `query($p: ID!) { patientTimeline(patientId: $p, category: NOTE) { entries { title description } } }`,
      { p: son },
      admin,
    );
    expect(timeline.patientTimeline.entries).toEqual(
      expect.arrayContaining([{ title: 'Family link added', description: 'Marta Vega · parent' }]),
    );
  });

  it('checks permissions: hygienists read, they do not write', async () => {
    const hygienist = await t.userWithRole(admin, 'hygienist');
    expect((await t.data(LIST, { p: son }, hygienist)).patientRelationships.length).toBeGreaterThan(0);
    const r = await add({ patientId: daughter, relatedPatientId: mother, type: 'PARENT' }, hygienist);
    expect(r.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('offers the same rules to agents', async () => {
    const { identity } = await t.platform.auth.authenticate(`Bearer ${admin.token}`, admin.clinicId);
    const a = await patient('Tool');
    const ok = await t.platform.agents.call({ identity: identity! }, 'patient_relationships.add_patient_relationship', {
      patientId: a,
      relatedPatientId: mother,
      type: 'GRANDPARENT',
    });
    expect(ok).toMatchObject({ status: 'SUCCESS', result: { type: 'GRANDPARENT', relatedPatientId: mother } });
    const listed = await t.platform.agents.call(
      { identity: identity! },
      'patient_relationships.list_patient_relationships',
      {
        patientId: mother,
      },
    );
    expect(listed.result).toEqual(
      expect.arrayContaining([expect.objectContaining({ relatedPatientId: a, type: 'GRANDCHILD' })]),
    );
    const self = await t.platform.agents.call(
      { identity: identity! },
      'patient_relationships.add_patient_relationship',
      {
        patientId: a,
        relatedPatientId: a,
        type: 'OTHER',
      },
    );
    expect(self).toMatchObject({ status: 'FAILED', errorCode: 'BAD_USER_INPUT' });
  });

  it('uninstalls (backup) leaving every other table, and comes back with its rows', async () => {
    const mine = () => lifecycle.tables((n) => n.startsWith('patient_relationships') && !n.startsWith('mikro'));
    const others = () =>
      lifecycle.tables(
        (n) => !n.startsWith('patient_relationships') && n !== 'mikro_orm_migrations_patient_relationships',
      );
    const before = await others();
    const rows = await count();
    expect((await lifecycle.uninstall('patient_relationships')).processed).toEqual([
      { module: 'patient_relationships', operation: 'uninstall', status: 'completed', error: null },
    ]);
    expect(await mine()).toEqual([]);
    expect(await others()).toEqual(before);
    expect((await t.gql(`{ patientRelationships(patientId: "${son}") { id } }`, {}, admin)).errors?.[0]).toBeDefined();
    // Patients keep working without it.
    expect(
      (await t.data(`query($id: ID!) { patient(id: $id) { fullName } }`, { id: son }, admin)).patient.fullName,
    ).toBe('Hugo Vega');
    const ops = await t.data(
      `{ moduleOperations(name: "patient_relationships", limit: 20) { step status details } }`,
      {},
      admin,
    );
    const backup = ops.moduleOperations.find(
      (o: { step: string; status: string }) => o.step === 'backup' && o.status === 'completed',
    );
    await lifecycle.install('patient_relationships');
    expect(await count()).toBe(0);
    await lifecycle.restore(backup.details.path);
    expect(await count()).toBe(rows);
    expect((await list(mother)).length).toBeGreaterThan(0);
  });
});
