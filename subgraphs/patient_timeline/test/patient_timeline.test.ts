import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestPlatform, type TestPlatform } from '@dentalpin/core/testing';

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
});
