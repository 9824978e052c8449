import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthState, publish } from '@dentalpin/core';
import { eventually, startTestPlatform, type CallOptions, type TestPlatform } from '@dentalpin/core/testing';

const PAGE = `query($id: ID!, $category: TimelineCategory, $page: Int, $pageSize: Int) {
  patientTimeline(patientId: $id, category: $category, page: $page, pageSize: $pageSize) {
    total page pageSize hasMore entries { id type category title description occurredAt data } } }`;

describe('patient_timeline module', () => {
  let t: TestPlatform;
  let admin: { token: string; clinicId: string };
  let hygienist: { token: string };
  let dentistId: string;
  let patientId: string;
  let appointmentId: string;
  const timeline = async (vars: Record<string, unknown> = {}) =>
    (await t.data(PAGE, { id: patientId, ...vars }, admin)).patientTimeline;

  beforeAll(async () => {
    t = await startTestPlatform();
    admin = await t.setup();
    hygienist = await t.userWithRole(admin, 'hygienist');
    dentistId = (await t.userWithRole(admin, 'dentist')).userId;
    patientId = (
      await t.data(`mutation { createPatient(input: { firstName: "Tina", lastName: "Time" }) { id } }`, {}, admin)
    ).createPatient.id;
    await t.data(
      `mutation($id: ID!) { updatePatient(id: $id, input: { phone: "+34 600 123 456" }) { id } }`,
      { id: patientId },
      admin,
    );
    const cabinetId = (
      await eventually(async () => {
        const c = (await t.data(`{ cabinets { id } }`, {}, admin)).cabinets;
        return c.length ? c : null;
      })
    )[0].id;
    appointmentId = (
      await t.data(
        `mutation($input: ScheduleAppointmentInput!) { scheduleAppointment(input: $input) { id } }`,
        {
          input: {
            patientId,
            professionalId: dentistId,
            cabinetId,
            startTime: '2027-02-10T10:00',
            endTime: '2027-02-10T10:30',
            treatmentType: 'Filling',
          },
        },
        admin,
      )
    ).scheduleAppointment.id;
    for (const to of ['CHECKED_IN', 'IN_TREATMENT', 'COMPLETED'])
      await t.data(
        `mutation($id: ID!, $to: AppointmentStatus!) { transitionAppointment(id: $id, to: $to) { id } }`,
        { id: appointmentId, to },
        admin,
      );
    await eventually(async () => (await timeline()).total === 6);
  });
  afterAll(() => t.close());

  it("builds the patient's timeline from patient and appointment events, newest first", async () => {
    const page = await timeline();
    expect(page).toMatchObject({ total: 6, page: 1, pageSize: 20, hasMore: false });
    expect(page.entries.map((e: { type: string }) => e.type).sort()).toEqual(
      [
        'appointment.checked_in',
        'appointment.completed',
        'appointment.in_treatment',
        'appointment.scheduled',
        'patient.created',
        'patient.updated',
      ].sort(),
    );
    const completed = page.entries.find((e: { type: string }) => e.type === 'appointment.completed');
    expect(completed).toMatchObject({
      category: 'VISIT',
      title: 'Visit completed',
      description: expect.stringContaining('Filling'),
    });
    expect(completed.data).toMatchObject({ appointment_id: appointmentId, to_status: 'COMPLETED' });
    const updated = page.entries.find((e: { type: string }) => e.type === 'patient.updated');
    expect(updated).toMatchObject({ category: 'NOTE', description: 'Changed: phone' });
    // The scheduled entry sits at the appointment's time (in the future), so it comes first.
    expect(page.entries[0].type).toBe('appointment.scheduled');
  });

  it('filters by category and paginates', async () => {
    expect((await timeline({ category: 'NOTE' })).total).toBe(2);
    expect((await timeline({ category: 'FINANCIAL' })).entries).toEqual([]);
    const p1 = await timeline({ pageSize: 4 });
    const p2 = await timeline({ pageSize: 4, page: 2 });
    expect(p1).toMatchObject({ hasMore: true, total: 6 });
    expect(p2.entries).toHaveLength(2);
    expect(p2.hasMore).toBe(false);
    expect((await t.gql(PAGE, { id: patientId, pageSize: 500 }, admin)).errors?.[0].extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('extends Patient with timeline(category, first) across subgraphs, batched', async () => {
    const r = await t.data(
      `query($id: ID!) { patient(id: $id) { fullName timeline(first: 2) { type } visits: timeline(category: VISIT, first: 10) { type } } }`,
      { id: patientId },
      hygienist,
    );
    expect(r.patient.fullName).toBe('Tina Time');
    expect(r.patient.timeline).toHaveLength(2);
    expect(r.patient.visits).toHaveLength(4);
    const list = await t.data(`{ patients { items { id timeline(first: 1) { type } } } }`, {}, admin);
    expect(list.patients.items.find((p: { id: string }) => p.id === patientId).timeline).toHaveLength(1);
  });

  it('is idempotent by event id when an event is delivered again', async () => {
    await t.platform.db.knex.raw(
      `update core_event_delivery set status = 'pending', next_attempt_at = now() where module_name = 'patient_timeline'`,
    );
    await eventually(async () => {
      const { rows } = await t.platform.db.knex.raw(
        `select count(*)::int as n from core_event_delivery where module_name = 'patient_timeline' and status = 'pending'`,
      );
      return rows[0].n === 0;
    });
    expect((await timeline()).total).toBe(6);
  });

  it('isolates clinics: clinic B cannot read clinic A patient timelines', async () => {
    const clinicB = (await t.data(`mutation { createClinic(input: { name: "B" }) { id } }`, {}, admin)).createClinic.id;
    const b = await t.userWithRole({ ...admin, clinicId: clinicB }, 'admin', clinicB);
    const r = await t.gql(PAGE, { id: patientId }, { token: b.token, clinicId: clinicB });
    expect(r.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const entities = await t.subgraphAs('patient_timeline', { token: b.token, clinicId: clinicB })(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Patient { timeline { id } } } }`,
      { r: [{ __typename: 'Patient', id: patientId }] },
    );
    expect(entities.data).toEqual({ _entities: [{ timeline: [] }] });
  });

  it('exposes the timeline to agents through patient_timeline.get_patient_timeline, in the caller clinic only', async () => {
    const call = `mutation($a: JSON!) { callAgentTool(name: "patient_timeline.get_patient_timeline", args: $a) { status result error } }`;
    const r = (await t.data(call, { a: { patientId, category: 'VISIT', pageSize: 50 } }, hygienist)).callAgentTool;
    expect(r.status).toBe('SUCCESS');
    expect(r.result.total).toBeGreaterThan(0);
    expect(r.result.entries.every((e: { category: string }) => e.category === 'VISIT')).toBe(true);
    const clinicB = (await t.data(`mutation { createClinic(input: { name: "B2" }) { id } }`, {}, admin)).createClinic
      .id;
    const b = await t.userWithRole({ ...admin, clinicId: clinicB }, 'dentist', clinicB);
    const foreign = (await t.data(call, { a: { patientId } }, { token: b.token, clinicId: clinicB })).callAgentTool;
    expect(foreign).toMatchObject({ status: 'FAILED', error: expect.stringMatching(/not found/) });
  });

  it("shows the odontogram's treatments and clinical notes, their detail only to who may read them at the source", async () => {
    const dentist = { ...(await t.userWithRole(admin, 'dentist')), clinicId: admin.clinicId };
    const receptionist = { ...(await t.userWithRole(admin, 'receptionist')), clinicId: admin.clinicId };
    await t.data(
      `mutation($input: AddTreatmentInput!) { addTreatment(input: $input) { id } }`,
      { input: { patientId, clinicalType: 'filling_composite', teeth: [{ toothNumber: 16 }] } },
      dentist,
    );
    await t.data(
      `mutation($input: CreateClinicalNoteInput!) { createClinicalNote(input: $input) { id } }`,
      { input: { patientId, ownerType: 'PATIENT', toothNumber: 16, body: 'Sensitive to cold on 16' } },
      dentist,
    );
    const latest = (caller: CallOptions, category: string) =>
      t
        .data(PAGE, { id: patientId, category }, caller)
        .then((r) => r.patientTimeline.entries as { type: string; title: string; description: string | null }[]);
    const [planned] = await eventually(async () => {
      const entries = await latest(dentist, 'TREATMENT');
      return entries.length ? entries : null;
    });
    expect(planned).toMatchObject({ type: 'odontogram.treatment.planned', title: 'Treatment planned' });
    expect(planned!.description).toContain('teeth 16');
    const [note] = await eventually(async () => {
      const entries = (await latest(dentist, 'NOTE')).filter((e) => e.type === 'clinical_note.created');
      return entries.length ? entries : null;
    });
    expect(note).toMatchObject({ title: 'Clinical note added', description: 'Tooth 16 · Sensitive to cold on 16' });
    // Reception reads treatments (it builds plans from them) but not clinical notes; a hygienist does not
    // read treatments at the source, so its entry keeps only the generic title.
    expect((await latest(receptionist, 'TREATMENT'))[0]).toMatchObject({ title: 'Treatment planned' });
    expect((await latest({ ...hygienist, clinicId: admin.clinicId }, 'TREATMENT'))[0]).toMatchObject({
      title: 'Treatment updated',
      description: null,
    });
    const hiddenNote = (await latest(receptionist, 'NOTE')).find((e) => e.type === 'clinical_note.created');
    expect(hiddenNote).toMatchObject({ title: 'Patient record updated', description: null });
  });

  describe('details guarded by their source', () => {
    let receptionist: CallOptions;
    let dentist: CallOptions;
    const TOOL = `mutation($a: JSON!) { callAgentTool(name: "patient_timeline.get_patient_timeline", args: $a) { status result } }`;
    const LATEST = `query($id: ID!, $category: TimelineCategory) {
      patient(id: $id) { timeline(category: $category, first: 10) { type category title description data } } }`;
    const HIDDEN = { category: 'MEDICAL', title: 'Medical history updated', description: null, data: null };
    const entriesOf = async (category: string, caller: CallOptions) =>
      (await t.data(PAGE, { id: patientId, category }, caller)).patientTimeline.entries;
    /** What the patient_timeline subgraph answers a caller holding only `grants` (a role no module grants more). */
    const asGrants = async (grants: string[], query: string, variables: Record<string, unknown>) => {
      const identity = (await t.platform.auth.authenticate(`Bearer ${admin.token}`, admin.clinicId)).identity!;
      const subgraph = t.platform.subgraphs().find((s) => s.name === 'patient_timeline')!;
      const auth = new AuthState({ ...identity, role: 'receptionist', grants });
      return subgraph.execute(
        { query, variables },
        { requestId: 'narrowed', auth, scopes: new Map(), loadedKeys: { count: 0 }, clientAddress: null },
      );
    };

    beforeAll(async () => {
      receptionist = { ...(await t.userWithRole(admin, 'receptionist')), clinicId: admin.clinicId };
      dentist = { ...(await t.userWithRole(admin, 'dentist')), clinicId: admin.clinicId };
      await t.data(
        `mutation($p: ID!, $input: AllergyInput!) { addAllergy(patientId: $p, input: $input) { id } }`,
        { p: patientId, input: { substance: 'Latex', severity: 'CRITICAL' } },
        dentist,
      );
      const line = { description: 'Filling', quantity: 1, unitPrice: '60.00', vatRate: '0' };
      const draft = await eventually(async () => {
        const r = await t.gql(
          `mutation($input: CreateInvoiceInput!) { createInvoice(input: $input) { id } }`,
          {
            input: { patientId, items: [line] },
          },
          admin,
        );
        return r.data?.createInvoice as { id: string } | undefined;
      });
      await t.data(`mutation($id: ID!) { issueInvoice(id: $id) { id } }`, { id: draft.id }, admin);
      await eventually(
        async () =>
          (await entriesOf('MEDICAL', admin)).length === 1 && (await entriesOf('FINANCIAL', admin)).length === 1,
      );
    });

    it('a receptionist sees that the medical history changed, never what; a dentist sees the section', async () => {
      const hidden = await entriesOf('MEDICAL', receptionist);
      expect(hidden).toEqual([expect.objectContaining({ type: 'patient.medical_updated', ...HIDDEN })]);
      expect(JSON.stringify(hidden)).not.toMatch(/Latex|allerg/i);
      expect(await entriesOf('MEDICAL', dentist)).toEqual([
        expect.objectContaining({
          category: 'MEDICAL',
          title: 'Medical history updated',
          description: 'Section: allergy',
          data: { section: 'allergy' },
        }),
      ]);
    });

    it('Patient.timeline applies the same rule', async () => {
      const asReceptionist = (await t.data(LATEST, { id: patientId, category: 'MEDICAL' }, receptionist)).patient;
      expect(asReceptionist.timeline).toEqual([{ type: 'patient.medical_updated', ...HIDDEN }]);
      const all = (await t.data(LATEST, { id: patientId }, receptionist)).patient.timeline;
      expect(JSON.stringify(all)).not.toMatch(/Latex|allerg/i);
      const asDentist = (await t.data(LATEST, { id: patientId, category: 'MEDICAL' }, dentist)).patient;
      expect(asDentist.timeline[0]).toMatchObject({ description: 'Section: allergy', data: { section: 'allergy' } });
    });

    it('the agent tool applies the same rule', async () => {
      const call = async (caller: CallOptions) =>
        (await t.data(TOOL, { a: { patientId, category: 'MEDICAL' } }, caller)).callAgentTool;
      const hidden = await call(receptionist);
      expect(hidden.status).toBe('SUCCESS');
      expect(hidden.result.entries).toEqual([
        expect.objectContaining({
          type: 'patient.medical_updated',
          title: 'Medical history updated',
          description: null,
        }),
      ]);
      expect(JSON.stringify(hidden.result)).not.toMatch(/Latex|allerg/i);
      expect((await call(dentist)).result.entries[0].description).toBe('Section: allergy');
    });

    it('FINANCIAL details need billing.read: shown to its holders, hidden from a role without it', async () => {
      const shown = (await entriesOf('FINANCIAL', receptionist))[0];
      expect(shown).toMatchObject({
        type: 'invoice.issued',
        title: 'Invoice issued',
        description: expect.stringMatching(/60\.00/),
      });
      expect(Object.keys(shown.data).sort()).toEqual(['invoice_id', 'invoice_number', 'total']);
      const narrowed = await asGrants(['patient_timeline.read', 'patients.read'], PAGE, {
        id: patientId,
        category: 'FINANCIAL',
      });
      expect(narrowed.errors).toBeUndefined();
      expect((narrowed.data as { patientTimeline: { entries: unknown[] } }).patientTimeline.entries).toEqual([
        expect.objectContaining({
          type: 'invoice.issued',
          category: 'FINANCIAL',
          title: 'Financial record updated',
          description: null,
          data: null,
        }),
      ]);
    });

    it('COMMUNICATION details need notifications.logs.read: a hygienist sees only that a message went out', async () => {
      const orm = await t.platform.kernel.orm('notifications');
      await orm.em.fork().transactional((em) =>
        publish(em, 'notification.sent', {
          clinic_id: admin.clinicId,
          message_id: randomUUID(),
          patient_id: patientId,
          template_key: 'appointment_reminder',
          channel: 'email',
          status: 'sent',
          skip_reason: null,
          attempts: 1,
          triggered_by_event: null,
          provider: 'console',
        }),
      );
      const sent = await eventually(async () => (await entriesOf('COMMUNICATION', receptionist))[0]);
      expect(sent).toMatchObject({ title: 'Message sent', description: 'appointment reminder · email' });
      expect(await entriesOf('COMMUNICATION', hygienist)).toEqual([
        expect.objectContaining({
          type: 'notification.sent',
          title: 'Message activity',
          description: null,
          data: null,
        }),
      ]);
    });

    it('stores the guarding permission and only the fields each entry shows', async () => {
      const rows: { event_type: string; detail_permission: string; event_data: Record<string, unknown> }[] =
        await t.platform.db
          .knex('patient_timeline')
          .where({ patient_id: patientId })
          .select('event_type', 'detail_permission', 'event_data');
      const byType = (type: string) => rows.find((r) => r.event_type === type)!;
      expect(byType('patient.medical_updated')).toMatchObject({
        detail_permission: 'patients_clinical.medical.read',
        event_data: { section: 'allergy' },
      });
      expect(byType('invoice.issued').detail_permission).toBe('billing.read');
      expect(byType('appointment.completed').detail_permission).toBe('agenda.appointments.read');
      expect(byType('patient.created')).toMatchObject({ detail_permission: 'patients.read', event_data: {} });
      expect(JSON.stringify(rows)).not.toMatch(/Latex|clinic_id/);
    });
  });

  it('migrating to 0.2.0 guards the entries written before and trims their payloads', async () => {
    const migrator = (await t.platform.kernel.orm('patient_timeline')).getMigrator();
    const knex = t.platform.db.knex;
    const medical = {
      patient_id: patientId,
      clinic_id: admin.clinicId,
      user_id: dentistId,
      section: 'medication',
      summary: 'Medication added: Sintrom (anticoagulant)',
    };
    const accepted = {
      clinic_id: admin.clinicId,
      patient_id: patientId,
      budget_id: randomUUID(),
      budget_number: 'PRES-2026-0001',
      budget_version: 1,
      total: '120.00',
      accepted_by: null,
      accepted_via: 'in_clinic',
      items: [{ budget_item_id: randomUUID(), quantity: 1, net_amount: '120.00' }],
    };
    const oldEntry = (type: string, category: string, payload: Record<string, unknown>) => ({
      id: randomUUID(),
      clinic_id: admin.clinicId,
      patient_id: patientId,
      event_id: randomUUID(),
      event_type: type,
      category,
      title: 'As 0.1.0 wrote it',
      event_data: JSON.stringify(payload),
      occurred_at: new Date(),
    });
    await migrator.down(); // the last one: back to 0.1.0's table
    try {
      await knex('patient_timeline').insert([
        oldEntry('patient.medical_updated', 'medical', medical),
        oldEntry('budget.accepted', 'financial', accepted),
        oldEntry('some.retired_event', 'note', { clinic_id: admin.clinicId, secret: 'kept' }),
      ]);
    } finally {
      await migrator.up();
    }
    const row = (type: string) =>
      knex('patient_timeline').where({ event_type: type }).orderBy('created_at', 'desc').first();
    expect(await row('patient.medical_updated')).toMatchObject({
      detail_permission: 'patients_clinical.medical.read',
      event_data: { section: 'medication' },
    });
    expect(await row('budget.accepted')).toMatchObject({
      detail_permission: 'budget.read',
      event_data: {
        budget_id: accepted.budget_id,
        budget_number: 'PRES-2026-0001',
        total: '120.00',
        accepted_via: 'in_clinic',
      },
    });
    // A type no source declares is shown to full grants only.
    expect((await row('some.retired_event')).detail_permission).toBe('*');
    const receptionist = { ...(await t.userWithRole(admin, 'receptionist')), clinicId: admin.clinicId };
    const asReceptionist = await t.data(PAGE, { id: patientId, category: 'MEDICAL' }, receptionist);
    expect(JSON.stringify(asReceptionist)).not.toMatch(/Sintrom|medication/);
  });
});
