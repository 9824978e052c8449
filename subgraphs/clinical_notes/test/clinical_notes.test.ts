import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '@dentalpin/core/testing';

const NOTE = `id body ownerType ownerId toothNumber author { id } createdAt canDelete patient { id }`;
const CREATE = `mutation($input: CreateClinicalNoteInput!) { createClinicalNote(input: $input) { ${NOTE} } }`;
const LIST = `query($patientId: ID!, $ownerType: NoteOwnerType, $ownerId: ID) {
  clinicalNotes(patientId: $patientId, ownerType: $ownerType, ownerId: $ownerId) { ${NOTE} } }`;
const DELETE = `mutation($id: ID!) { deleteClinicalNote(id: $id) { id } }`;
const TEMPLATE = `mutation($input: NoteTemplateInput!) { createNoteTemplate(input: $input) { id name body } }`;

interface Caller {
  token: string;
  clinicId?: string;
  userId?: string;
}

describe('clinical_notes module', () => {
  let t: TestPlatform;
  let admin: Caller & { clinicId: string; userId: string };
  let dentist: Caller & { userId: string };
  let hygienist: Caller & { userId: string };
  let assistant: Caller;
  let receptionist: Caller;
  let patientId: string;
  let otherPatientId: string;
  let bDentist: Caller;
  const sql = async (q: string, p: unknown[] = []) => (await t.platform.db.knex.raw(q, p as never)).rows;
  const noteCount = async () => Number((await sql('select count(*) as n from clinical_notes'))[0].n);
  const create = (input: Record<string, unknown>, caller: Caller = dentist) =>
    t.gql(CREATE, { input: { patientId, ownerType: 'PATIENT', body: 'Note', ...input } }, caller);
  const code = (r: { errors?: { extensions?: { code?: unknown } }[] }) => r.errors?.[0]?.extensions?.code;

  beforeAll(async () => {
    t = await startTestPlatform();
    admin = await t.setup();
    dentist = await t.userWithRole(admin, 'dentist');
    hygienist = await t.userWithRole(admin, 'hygienist');
    assistant = await t.userWithRole(admin, 'assistant');
    receptionist = await t.userWithRole(admin, 'receptionist');
    const patient = (name: string) =>
      t
        .data(
          `mutation($n: String!) { createPatient(input: { firstName: $n, lastName: "Ruiz" }) { id } }`,
          { n: name },
          admin,
        )
        .then((d) => d.createPatient.id as string);
    patientId = await patient('Lucía');
    otherPatientId = await patient('Hugo');
    const clinicB = (await t.data(`mutation { createClinic(input: { name: "Clínica B" }) { id } }`, {}, admin))
      .createClinic.id as string;
    const bAdmin = {
      token: (await t.userWithRole({ ...admin, clinicId: clinicB }, 'admin', clinicB)).token,
      clinicId: clinicB,
    };
    bDentist = { ...(await t.userWithRole(bAdmin, 'dentist', clinicB)), clinicId: clinicB };
  });
  afterAll(() => t.close());

  it('writes a note on the patient, about a tooth, authored by the caller, and lists it newest first', async () => {
    const first = (
      await t.data(CREATE, { input: { patientId, ownerType: 'PATIENT', body: '  Sensitive to cold.  ' } }, dentist)
    ).createClinicalNote;
    expect(first).toMatchObject({
      body: 'Sensitive to cold.',
      ownerType: 'PATIENT',
      ownerId: patientId,
      toothNumber: null,
      author: { id: dentist.userId },
      canDelete: true,
      patient: { id: patientId },
    });
    const tooth = (await create({ toothNumber: 36, body: 'Deep occlusal caries.' }, hygienist)).data!
      .createClinicalNote;
    expect(tooth).toMatchObject({ toothNumber: 36, author: { id: hygienist.userId } });
    const deciduous = (
      await create({ toothNumber: 85, ownerType: 'TREATMENT', ownerId: crypto.randomUUID() }, assistant)
    ).data!.createClinicalNote;
    expect(deciduous).toMatchObject({ toothNumber: 85, ownerType: 'TREATMENT' });

    const all = (await t.data(LIST, { patientId }, dentist)).clinicalNotes;
    expect(all.map((n: { id: string }) => n.id)).toEqual([deciduous.id, tooth.id, first.id]);
    // canDelete is per caller: the dentist wrote only the first one.
    expect(all.map((n: { canDelete: boolean }) => n.canDelete)).toEqual([false, false, true]);
    const onTreatment = (await t.data(LIST, { patientId, ownerType: 'TREATMENT', ownerId: deciduous.ownerId }, dentist))
      .clinicalNotes;
    expect(onTreatment.map((n: { id: string }) => n.id)).toEqual([deciduous.id]);
    // An admin may delete every note.
    expect(
      (await t.data(LIST, { patientId }, admin)).clinicalNotes.every((n: { canDelete: boolean }) => n.canDelete),
    ).toBe(true);
  });

  it('answers Patient.clinicalNotes through federation, for every patient of a page (batched)', async () => {
    await create({ patientId: otherPatientId, body: 'Hugo: first visit.' });
    const page = (
      await t.data(`{ patients(pageSize: 50) { items { id clinicalNotes { body patient { id } } } } }`, {}, dentist)
    ).patients.items as { id: string; clinicalNotes: { body: string; patient: { id: string } }[] }[];
    const byId = new Map(page.map((p) => [p.id, p.clinicalNotes]));
    expect(byId.get(otherPatientId)).toEqual([{ body: 'Hugo: first visit.', patient: { id: otherPatientId } }]);
    expect(byId.get(patientId)).toHaveLength(3);
  });

  it('checks an APPOINTMENT owner through agenda: it must exist and be the same patient’s', async () => {
    const schedule = (pid: string) =>
      t
        .data(
          `mutation($input: ScheduleAppointmentInput!) { scheduleAppointment(input: $input) { id } }`,
          {
            input: {
              patientId: pid,
              professionalId: dentist.userId,
              startTime: `2030-01-0${pid === patientId ? 7 : 8}T10:00`,
              endTime: `2030-01-0${pid === patientId ? 7 : 8}T10:30`,
            },
          },
          admin,
        )
        .then((d) => d.scheduleAppointment.id as string);
    const own = await schedule(patientId);
    const others = await schedule(otherPatientId);
    const note = (await create({ ownerType: 'APPOINTMENT', ownerId: own, body: 'Anaesthesia well tolerated.' })).data!
      .createClinicalNote;
    expect(note).toMatchObject({ ownerType: 'APPOINTMENT', ownerId: own });
    expect(
      (await t.data(LIST, { patientId, ownerType: 'APPOINTMENT', ownerId: own }, dentist)).clinicalNotes,
    ).toHaveLength(1);

    const before = await noteCount();
    const foreign = await create({ ownerType: 'APPOINTMENT', ownerId: others });
    expect(foreign.errors?.[0]).toMatchObject({
      message: expect.stringContaining('another patient'),
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(code(await create({ ownerType: 'APPOINTMENT', ownerId: crypto.randomUUID() }))).toBe('NOT_FOUND');
    expect(await noteCount()).toBe(before);
  });

  it('refuses bad input with its contract code and writes nothing', async () => {
    const before = await noteCount();
    for (const tooth of [19, 49, 56, 10, 0, 90, -11])
      expect(await create({ toothNumber: tooth })).toMatchObject({
        errors: [
          {
            message: expect.stringContaining('toothNumber is not an FDI tooth number'),
            extensions: { code: 'BAD_USER_INPUT' },
          },
        ],
      });
    const empty = await create({ body: '   ' });
    expect(empty.errors?.[0]).toMatchObject({ message: 'body is required', extensions: { code: 'BAD_USER_INPUT' } });
    const noOwner = await create({ ownerType: 'PLAN' });
    expect(noOwner.errors?.[0]).toMatchObject({
      message: expect.stringContaining('PLAN note needs the ownerId'),
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(code(await create({ ownerType: 'PATIENT', ownerId: otherPatientId }))).toBe('BAD_USER_INPUT');
    expect(code(await create({ ownerType: 'TREATMENT', ownerId: '42' }))).toBe('BAD_USER_INPUT');
    expect(code(await create({ patientId: 'not-a-uuid' }))).toBe('BAD_USER_INPUT');
    expect(code(await create({ patientId: crypto.randomUUID() }))).toBe('NOT_FOUND');
    expect(code(await t.gql(LIST, { patientId: '42' }, dentist))).toBe('BAD_USER_INPUT');
    expect(code(await t.gql(DELETE, { id: '42' }, dentist))).toBe('BAD_USER_INPUT');
    expect(await noteCount()).toBe(before);
  });

  it('gives each role what it grants: receptionists read no clinical note', async () => {
    expect(code(await t.gql(LIST, { patientId }, receptionist))).toBe('FORBIDDEN');
    const viaPatient = await t.gql(
      `query($id: ID!) { patient(id: $id) { id clinicalNotes { id } } }`,
      { id: patientId },
      receptionist,
    );
    expect(code(viaPatient)).toBe('FORBIDDEN');
    expect(code(await create({}, receptionist))).toBe('FORBIDDEN');
    expect(code(await t.gql(`{ noteTemplates { id } }`, {}, receptionist))).toBe('FORBIDDEN');
    expect((await t.data(LIST, { patientId }, assistant)).clinicalNotes.length).toBeGreaterThan(0);
    expect((await t.data(LIST, { patientId }, hygienist)).clinicalNotes.length).toBeGreaterThan(0);
  });

  it('soft-deletes: only the author or an admin, the row is kept, the deletion is an event', async () => {
    const mine = (await create({ body: 'To be withdrawn.' }, dentist)).data!.createClinicalNote.id as string;
    const denied = await t.gql(DELETE, { id: mine }, hygienist);
    expect(denied.errors?.[0]).toMatchObject({
      message: expect.stringContaining('author or an administrator'),
      extensions: { code: 'FORBIDDEN' },
    });
    expect(code(await t.gql(DELETE, { id: mine }, receptionist))).toBe('FORBIDDEN');
    expect((await t.data(DELETE, { id: mine }, dentist)).deleteClinicalNote.id).toBe(mine);
    expect(code(await t.gql(DELETE, { id: mine }, dentist))).toBe('NOT_FOUND');
    const [row] = await sql('select deleted_at, deleted_by, body from clinical_notes where id = ?', [mine]);
    expect(row).toMatchObject({ deleted_by: dentist.userId, body: 'To be withdrawn.' });
    expect(row.deleted_at).toBeInstanceOf(Date);
    expect((await t.data(LIST, { patientId }, dentist)).clinicalNotes.map((n: { id: string }) => n.id)).not.toContain(
      mine,
    );

    const hygienists = (await create({ body: 'By the hygienist.' }, hygienist)).data!.createClinicalNote.id as string;
    expect((await t.data(DELETE, { id: hygienists }, admin)).deleteClinicalNote.id).toBe(hygienists);

    const types = (
      await sql(`select type, payload from core_event_outbox where payload->>'note_id' = ? order by id`, [mine])
    ).map((e: { type: string }) => e.type);
    expect(types).toEqual(['clinical_note.created', 'clinical_note.deleted']);
  });

  it('keeps clinics apart', async () => {
    const note = (await create({ body: 'Clinic A only.' })).data!.createClinicalNote.id as string;
    expect((await t.data(LIST, { patientId }, bDentist)).clinicalNotes).toEqual([]);
    expect(code(await create({}, bDentist))).toBe('NOT_FOUND');
    expect(code(await t.gql(DELETE, { id: note }, bDentist))).toBe('NOT_FOUND');
    expect((await t.data(`{ noteTemplates { id } }`, {}, bDentist)).noteTemplates).toEqual([]);
    expect((await sql('select deleted_at from clinical_notes where id = ?', [note]))[0].deleted_at).toBeNull();
  });

  it('keeps note templates per clinic: dentists write them, names are unique, every note reader lists them', async () => {
    const endo = (await t.data(TEMPLATE, { input: { name: 'Endodontics', body: 'Canals:' } }, dentist))
      .createNoteTemplate;
    expect(endo).toMatchObject({ name: 'Endodontics', body: 'Canals:' });
    expect(code(await t.gql(TEMPLATE, { input: { name: 'Endodontics', body: 'Again' } }, admin))).toBe('CONFLICT');
    expect(code(await t.gql(TEMPLATE, { input: { name: 'Perio', body: 'x' } }, hygienist))).toBe('FORBIDDEN');
    expect(code(await t.gql(TEMPLATE, { input: { name: ' ', body: 'x' } }, dentist))).toBe('BAD_USER_INPUT');
    // Another clinic may use the same name.
    expect(
      (await t.data(TEMPLATE, { input: { name: 'Endodontics', body: 'B' } }, bDentist)).createNoteTemplate.name,
    ).toBe('Endodontics');
    const UPDATE = `mutation($id: ID!, $input: NoteTemplateInput!) { updateNoteTemplate(id: $id, input: $input) { name body } }`;
    expect(
      (await t.data(UPDATE, { id: endo.id, input: { name: 'Endo', body: 'Canals: 3' } }, dentist)).updateNoteTemplate,
    ).toEqual({
      name: 'Endo',
      body: 'Canals: 3',
    });
    expect(code(await t.gql(UPDATE, { id: endo.id, input: { name: 'X', body: 'y' } }, bDentist))).toBe('NOT_FOUND');
    expect((await t.data(`{ noteTemplates { name } }`, {}, hygienist)).noteTemplates).toEqual([{ name: 'Endo' }]);
    await t.data(`mutation($id: ID!) { deleteNoteTemplate(id: $id) { id } }`, { id: endo.id }, dentist);
    expect((await t.data(`{ noteTemplates { name } }`, {}, dentist)).noteTemplates).toEqual([]);
  });

  it('offers the same rules to agents through its tools', async () => {
    const { identity } = await t.platform.auth.authenticate(`Bearer ${dentist.token}`, admin.clinicId);
    const call = (tool: string, params: Record<string, unknown>) =>
      t.platform.agents.call({ identity: identity! }, `clinical_notes.${tool}`, params);
    const created = await call('create_clinical_note', {
      patientId,
      ownerType: 'PATIENT',
      toothNumber: 11,
      body: 'By agent',
    });
    expect(created).toMatchObject({
      status: 'SUCCESS',
      result: { ownerType: 'PATIENT', toothNumber: 11, body: 'By agent', authorId: dentist.userId },
    });
    const before = await noteCount();
    expect(
      await call('create_clinical_note', { patientId, ownerType: 'PATIENT', toothNumber: 59, body: 'x' }),
    ).toMatchObject({
      status: 'FAILED',
      errorCode: 'BAD_USER_INPUT',
    });
    expect(await noteCount()).toBe(before);
    const listed = await call('list_clinical_notes', { patientId, ownerType: 'PATIENT' });
    expect(listed).toMatchObject({ status: 'SUCCESS' });
    expect((listed as unknown as { result: { body: string }[] }).result[0]).toMatchObject({ body: 'By agent' });
  });
  // Last: it turns agenda (and the modules that depend on it) off for the rest of this platform.
  it('keeps an APPOINTMENT note’s id as given while agenda is not active (nothing to check it against)', async () => {
    const r = await t.gql(`mutation { disableModule(name: "agenda", force: true) { scheduled } }`, {}, admin);
    expect(r.errors).toBeUndefined();
    const restart = await t.data(`mutation { restartModules { activeModules } }`, {}, admin);
    expect(restart.restartModules.activeModules).not.toContain('agenda');
    expect(restart.restartModules.activeModules).toContain('clinical_notes');
    const ownerId = crypto.randomUUID();
    const note = await create({ ownerType: 'APPOINTMENT', ownerId, body: 'Written while agenda is off.' });
    expect(note.errors).toBeUndefined();
    expect(note.data?.createClinicalNote).toMatchObject({ ownerType: 'APPOINTMENT', ownerId });
    // The patient is still checked.
    expect(code(await create({ patientId: crypto.randomUUID(), ownerType: 'APPOINTMENT', ownerId }))).toBe('NOT_FOUND');
  });
});
