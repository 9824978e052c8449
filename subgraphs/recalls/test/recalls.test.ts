import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clinicDay, eventually, startTestPlatform, type CallOptions, type TestPlatform } from '@dentalpin/core/testing';

const RECALL = `id status reason priority dueMonth dueDate overdue contactAttemptCount linkedAppointmentId
  allowedTransitions reasonNote patient { id } contactAttempts { channel outcome note }`;
const CREATE = `mutation($input: CreateRecallInput!) { createRecall(input: $input) { ${RECALL} } }`;
const LOG = `mutation($id: ID!, $channel: RecallContactChannel!, $outcome: RecallContactOutcome!, $note: String) {
  logRecallContact(id: $id, channel: $channel, outcome: $outcome, note: $note) { ${RECALL} } }`;
const SNOOZE = `mutation($id: ID!, $months: Int!) { snoozeRecall(id: $id, months: $months) { ${RECALL} } }`;
const COMPLETE = `mutation($id: ID!) { completeRecall(id: $id) { ${RECALL} } }`;
const CANCEL = `mutation($id: ID!) { cancelRecall(id: $id) { ${RECALL} } }`;
const LIST = `query($status: [RecallStatus!], $dueMonth: String, $patientId: ID) {
  recalls(status: $status, dueMonth: $dueMonth, patientId: $patientId) { ${RECALL} } }`;
const SCHEDULE = `mutation($input: ScheduleAppointmentInput!) { scheduleAppointment(input: $input) { id } }`;
const TRANSITION = `mutation($id: ID!, $to: AppointmentStatus!) { transitionAppointment(id: $id, to: $to) { id status } }`;

/** 'YYYY-MM-DD' of the clinic's today moved by whole months, on day 15 so no month is skipped. */
const monthsFromNow = (n: number) => `${clinicDay({ months: n }).slice(0, 8)}15`;

describe('recalls', () => {
  let t: TestPlatform;
  let admin: { token: string; clinicId: string; userId: string };
  let dentist: { token: string; userId: string };
  let cabinetId: string;
  let other: { token: string; clinicId: string };
  let otherPatient: string;
  const sql = async (q: string, p: unknown[] = []) => (await t.platform.db.knex.raw(q, p as never)).rows;
  const count = async (table: string) => Number((await sql(`select count(*) as n from ${table}`))[0].n);
  const events = async (type: string) =>
    sql(`select payload from core_event_outbox where type = ? order by id`, [type]);
  const createPatient = async (input: Record<string, unknown>, caller: CallOptions = admin) =>
    (await t.data(`mutation($input: CreatePatientInput!) { createPatient(input: $input) { id } }`, { input }, caller))
      .createPatient.id as string;
  const create = (input: Record<string, unknown>, caller: CallOptions = admin) => t.gql(CREATE, { input }, caller);
  let bookingHour = 0;
  const book = async (patientId: string) => {
    const start = new Date(Math.ceil(Date.now() / 3600_000) * 3600_000 + 24 * 3600_000 + bookingHour++ * 3600_000);
    return (
      await t.data(
        SCHEDULE,
        {
          input: {
            patientId,
            professionalId: dentist.userId,
            cabinetId,
            startTime: start.toISOString(),
            endTime: new Date(start.getTime() + 1800_000).toISOString(),
          },
        },
        admin,
      )
    ).scheduleAppointment.id as string;
  };

  beforeAll(async () => {
    t = await startTestPlatform();
    admin = await t.setup();
    dentist = await t.userWithRole(admin, 'dentist');
    cabinetId = (await t.data(`{ cabinets { id } }`, {}, admin)).cabinets[0].id;
    const clinicB = (await t.data('mutation { createClinic(input: { name: "B" }) { id } }', {}, admin)).createClinic.id;
    other = {
      token: (await t.userWithRole({ token: admin.token, clinicId: clinicB }, 'receptionist', clinicB)).token,
      clinicId: clinicB,
    };
    otherPatient = await createPatient(
      { firstName: 'Otra', lastName: 'Clínica' },
      { token: admin.token, clinicId: clinicB },
    );
  });
  afterAll(() => t.close());

  it('creates a recall due in the reason’s interval and lists it by due month', async () => {
    const patientId = await createPatient({ firstName: 'Lucía', lastName: 'García' });
    const r = await create({ patientId, reason: 'HYGIENE' });
    expect(r.errors).toBeUndefined();
    const recall = r.data!.createRecall;
    expect(recall).toMatchObject({
      status: 'PENDING',
      reason: 'HYGIENE',
      priority: 'NORMAL',
      overdue: false,
      patient: { id: patientId },
    });
    expect(recall.dueMonth).toBe(monthsFromNow(6).slice(0, 7));
    expect(recall.allowedTransitions).toEqual([
      'PENDING',
      'CONTACTED_NO_ANSWER',
      'CONTACTED_SCHEDULED',
      'CONTACTED_DECLINED',
      'DONE',
      'CANCELLED',
      'NEEDS_REVIEW',
    ]);
    const listed = (await t.data(LIST, { dueMonth: recall.dueMonth }, admin)).recalls;
    expect(listed.map((x: { id: string }) => x.id)).toContain(recall.id);
    expect((await t.data(LIST, { dueMonth: monthsFromNow(7).slice(0, 7) }, admin)).recalls).toEqual([]);
    expect(
      (await events('recall.created')).map((e: { payload: { recall_id: string } }) => e.payload.recall_id),
    ).toContain(recall.id);
  });

  it('updates the open recall for the same patient and reason instead of adding a second one', async () => {
    const patientId = await createPatient({ firstName: 'Hugo', lastName: 'Sanz' });
    const first = (await create({ patientId, reason: 'CHECKUP', dueDate: monthsFromNow(3) })).data!.createRecall;
    const again = (
      await create({ patientId, reason: 'CHECKUP', dueDate: monthsFromNow(4), priority: 'HIGH', note: 'Morning' })
    ).data!.createRecall;
    expect(again).toMatchObject({
      id: first.id,
      priority: 'HIGH',
      reasonNote: 'Morning',
      dueMonth: monthsFromNow(4).slice(0, 7),
    });
    expect((await t.data(LIST, { patientId }, admin)).recalls).toHaveLength(1);
  });

  it('logs contact attempts through the transition table, snoozes, completes and cancels', async () => {
    const patientId = await createPatient({ firstName: 'Leo', lastName: 'Ruiz' });
    const { id } = (await create({ patientId, reason: 'POST_OP', dueDate: monthsFromNow(-2) })).data!.createRecall;
    expect((await t.data(LIST, { patientId }, admin)).recalls[0].overdue).toBe(true);
    const missed = (await t.data(LOG, { id, channel: 'PHONE', outcome: 'NO_ANSWER', note: 'Rang twice' }, admin))
      .logRecallContact;
    expect(missed).toMatchObject({ status: 'CONTACTED_NO_ANSWER', contactAttemptCount: 1 });
    const again = (await t.data(LOG, { id, channel: 'SMS', outcome: 'VOICEMAIL' }, admin)).logRecallContact;
    expect(again).toMatchObject({ status: 'CONTACTED_NO_ANSWER', contactAttemptCount: 2 });
    expect(again.contactAttempts.map((a: { outcome: string }) => a.outcome).sort()).toEqual(['NO_ANSWER', 'VOICEMAIL']);
    const declined = (await t.data(LOG, { id, channel: 'PHONE', outcome: 'DECLINED' }, admin)).logRecallContact;
    expect(declined.status).toBe('CONTACTED_DECLINED');
    // DECLINED → DONE is not in the table: snooze first.
    const refused = await t.gql(COMPLETE, { id }, admin);
    expect(refused.errors?.[0].extensions?.code).toBe('INVALID_TRANSITION');
    const snoozed = (await t.data(SNOOZE, { id, months: 3 }, admin)).snoozeRecall;
    expect(snoozed).toMatchObject({ status: 'PENDING', dueMonth: monthsFromNow(1).slice(0, 7), overdue: false });
    expect(
      (await events('recall.snoozed')).some(
        (e: { payload: { recall_id: string; months: number } }) => e.payload.recall_id === id && e.payload.months === 3,
      ),
    ).toBe(true);
    expect((await t.data(COMPLETE, { id }, admin)).completeRecall.status).toBe('DONE');
    const closed = await t.gql(CANCEL, { id }, admin);
    expect(closed.errors?.[0]).toMatchObject({ extensions: { code: 'INVALID_TRANSITION' } });
    expect(closed.errors?.[0].message).toMatch(/DONE is final/);
    const late = await t.gql(LOG, { id, channel: 'PHONE', outcome: 'NO_ANSWER' }, admin);
    expect(late.errors?.[0].extensions?.code).toBe('INVALID_TRANSITION');
    expect(
      Number((await sql('select count(*) as n from recall_contact_attempts where recall_id = ?', [id]))[0].n),
    ).toBe(3);
    // Closed recalls leave the default list but stay (never deleted).
    expect((await t.data(LIST, { patientId }, admin)).recalls).toEqual([]);
    expect((await t.data(LIST, { patientId, status: ['DONE'] }, admin)).recalls).toHaveLength(1);
  });

  it('refuses bad input with its contract code and writes nothing', async () => {
    const patientId = await createPatient({ firstName: 'Ana', lastName: 'Bad' });
    const before = await count('recalls');
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ patientId: otherPatient, reason: 'HYGIENE' }, 'NOT_FOUND', /Patient/],
      [{ patientId: '42', reason: 'HYGIENE' }, 'BAD_USER_INPUT', /patient id/],
      [{ patientId, reason: 'HYGIENE', dueDate: '2027-02-30' }, 'BAD_USER_INPUT', /dueDate/],
      [{ patientId, reason: 'HYGIENE', note: 'x'.repeat(1001) }, 'BAD_USER_INPUT', /note is longer than 1000/],
    ];
    for (const [input, code, message] of cases) {
      const r = await create(input);
      expect(r.errors?.[0].extensions?.code, JSON.stringify(input)).toBe(code);
      expect(r.errors?.[0].message).toMatch(message);
    }
    expect(await count('recalls')).toBe(before);
    const { id } = (await create({ patientId, reason: 'OTHER' })).data!.createRecall;
    for (const months of [0, 25]) {
      const r = await t.gql(SNOOZE, { id, months }, admin);
      expect(r.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    }
    expect((await t.gql(COMPLETE, { id: 'nope' }, admin)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await t.data(LIST, { patientId }, admin)).recalls[0]).toMatchObject({
      status: 'PENDING',
      contactAttemptCount: 0,
    });
    expect((await t.gql(LIST, { dueMonth: '2027-13' }, admin)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lets every clinic role read and work the list, and nobody unauthenticated', async () => {
    const patientId = await createPatient({ firstName: 'Rol', lastName: 'Es' });
    for (const role of ['dentist', 'hygienist', 'assistant', 'receptionist'] as const) {
      const user = await t.userWithRole(admin, role);
      const r = await create({ patientId, reason: 'OTHER', note: role }, user);
      expect(r.errors, role).toBeUndefined();
      expect((await t.data(LIST, { patientId }, user)).recalls, role).toHaveLength(1);
    }
    const anonymous = await t.gql(LIST, {}, { token: '' } as CallOptions);
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('shows another clinic nothing and lets it touch nothing', async () => {
    const patientId = await createPatient({ firstName: 'Privada', lastName: 'A' });
    const { id } = (await create({ patientId, reason: 'CHECKUP' })).data!.createRecall;
    expect((await t.data(LIST, { status: ['PENDING', 'DONE'] }, other)).recalls).toEqual([]);
    expect((await t.data(`query($id: ID!) { recall(id: $id) { id } }`, { id }, other)).recall).toBeNull();
    for (const [doc, vars] of [
      [LOG, { id, channel: 'PHONE', outcome: 'DECLINED' }],
      [SNOOZE, { id, months: 2 }],
      [COMPLETE, { id }],
      [CANCEL, { id }],
    ] as const) {
      expect((await t.gql(doc, vars, other)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    }
    expect((await create({ patientId, reason: 'HYGIENE' }, other)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await t.data(LIST, { patientId }, admin)).recalls).toEqual([
      expect.objectContaining({ id, status: 'PENDING', contactAttemptCount: 0 }),
    ]);
  });

  it('links a booking to the one open recall, completes it with the appointment, unlinks on cancel', async () => {
    const patientId = await createPatient({ firstName: 'Marta', lastName: 'Link' });
    const { id } = (await create({ patientId, reason: 'HYGIENE', dueDate: monthsFromNow(0) })).data!.createRecall;
    const appointmentId = await book(patientId);
    await eventually(async () =>
      expect((await t.data(LIST, { patientId }, admin)).recalls[0]).toMatchObject({
        id,
        status: 'CONTACTED_SCHEDULED',
        linkedAppointmentId: appointmentId,
      }),
    );
    await t.data(TRANSITION, { id: appointmentId, to: 'CANCELLED' }, admin);
    await eventually(async () =>
      expect((await t.data(LIST, { patientId }, admin)).recalls[0]).toMatchObject({
        status: 'PENDING',
        linkedAppointmentId: null,
      }),
    );
    const second = await book(patientId);
    await eventually(async () =>
      expect((await t.data(LIST, { patientId }, admin)).recalls[0].linkedAppointmentId).toBe(second),
    );
    for (const to of ['CHECKED_IN', 'IN_TREATMENT', 'COMPLETED']) await t.data(TRANSITION, { id: second, to }, admin);
    await eventually(async () =>
      expect((await t.data(LIST, { patientId, status: ['DONE'] }, admin)).recalls).toEqual([
        expect.objectContaining({ id, status: 'DONE' }),
      ]),
    );
  });

  it('links nothing when two recalls could match, or when the recall is due after the appointment', async () => {
    const patientId = await createPatient({ firstName: 'Dos', lastName: 'Recalls' });
    await create({ patientId, reason: 'HYGIENE', dueDate: monthsFromNow(0) });
    await create({ patientId, reason: 'CHECKUP', dueDate: monthsFromNow(-1) });
    const later = await createPatient({ firstName: 'Luego', lastName: 'Futuro' });
    await create({ patientId: later, reason: 'HYGIENE', dueDate: monthsFromNow(5) });
    await book(patientId);
    await book(later);
    const marker = await createPatient({ firstName: 'Marca', lastName: 'Final' });
    await create({ patientId: marker, reason: 'OTHER', dueDate: monthsFromNow(0) });
    await book(marker);
    // The marker's booking is handled after the others (one relay, in order): once it is linked, they were seen.
    await eventually(async () =>
      expect((await t.data(LIST, { patientId: marker }, admin)).recalls[0].status).toBe('CONTACTED_SCHEDULED'),
    );
    for (const p of [patientId, later])
      for (const r of (await t.data(LIST, { patientId: p }, admin)).recalls)
        expect(r).toMatchObject({ status: 'PENDING', linkedAppointmentId: null });
  });

  it('shows a patient’s recalls on the patient (federation)', async () => {
    const patientId = await createPatient({ firstName: 'Fede', lastName: 'Ración' });
    const { id } = (await create({ patientId, reason: 'IMPLANT_REVIEW' })).data!.createRecall;
    const r = await t.data(
      `query($id: ID!) { patient(id: $id) { firstName recalls { id reason } } }`,
      { id: patientId },
      admin,
    );
    expect(r.patient).toEqual({ firstName: 'Fede', recalls: [{ id, reason: 'IMPLANT_REVIEW' }] });
    const dash = (await t.data(`{ recallDashboard { dueThisMonth overdue scheduled completedThisMonth } }`, {}, admin))
      .recallDashboard;
    expect(dash.overdue).toBeGreaterThanOrEqual(0);
    expect(dash.completedThisMonth).toBeGreaterThanOrEqual(1);
  });

  it('sends an archived patient’s open recalls to review', async () => {
    const patientId = await createPatient({ firstName: 'Archi', lastName: 'Vada' });
    const { id } = (await create({ patientId, reason: 'CHECKUP' })).data!.createRecall;
    await t.data(`mutation($id: ID!) { archivePatient(id: $id) { id } }`, { id: patientId }, admin);
    await eventually(async () =>
      expect((await t.data(LIST, { patientId }, admin)).recalls).toEqual([
        expect.objectContaining({ id, status: 'NEEDS_REVIEW', allowedTransitions: ['PENDING', 'DONE', 'CANCELLED'] }),
      ]),
    );
    // …and a new one is refused while the patient stays archived.
    expect((await create({ patientId, reason: 'HYGIENE' })).errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: expect.stringMatching(/archived/),
    });
  });

  it('suggests the recall a completed treatment calls for', async () => {
    const SUGGEST = `query($p: ID!, $c: String!) { recallSuggestion(patientId: $p, treatmentCategory: $c) { reason dueDate months } }`;
    const patientId = await createPatient({ firstName: 'Sugi', lastName: 'Erencia' });
    expect((await t.data(SUGGEST, { p: patientId, c: 'implants' }, admin)).recallSuggestion).toEqual({
      reason: 'IMPLANT_REVIEW',
      months: 6,
      dueDate: expect.stringMatching(new RegExp(`^${monthsFromNow(6).slice(0, 7)}-`)),
    });
    expect((await t.data(SUGGEST, { p: patientId, c: 'cosmetics' }, admin)).recallSuggestion).toBeNull();
    await create({ patientId, reason: 'HYGIENE' });
    // Already on the list for that reason: nothing to suggest.
    expect((await t.data(SUGGEST, { p: patientId, c: 'preventive' }, admin)).recallSuggestion).toBeNull();
    const quiet = await createPatient({ firstName: 'No', lastName: 'Llamar', doNotContact: true });
    expect((await t.data(SUGGEST, { p: quiet, c: 'preventive' }, admin)).recallSuggestion).toBeNull();
    expect((await t.gql(SUGGEST, { p: otherPatient, c: 'preventive' }, admin)).errors?.[0].extensions?.code).toBe(
      'NOT_FOUND',
    );
  });

  it('takes the clinic’s own intervals per reason and reminder lead time; only recalls.settings sets them', async () => {
    const SETTINGS = `{ recallSettings { intervals { reason months } reminderLeadDays } }`;
    const UPDATE = `mutation($input: RecallSettingsInput!) { updateRecallSettings(input: $input) {
      intervals { reason months } reminderLeadDays } }`;
    const defaults = (await t.data(SETTINGS, {}, dentist)).recallSettings;
    expect(defaults.reminderLeadDays).toBe(14);
    expect(defaults.intervals).toContainEqual({ reason: 'HYGIENE', months: 6 });
    expect(defaults.intervals).toContainEqual({ reason: 'CHECKUP', months: 12 });
    expect(defaults.intervals).toHaveLength(7);

    // A dentist works the list but does not set the clinic's policy; bad values are refused, nothing written.
    expect((await t.gql(UPDATE, { input: { reminderLeadDays: 30 } }, dentist)).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    for (const input of [
      { intervals: [{ reason: 'HYGIENE', months: 0 }] },
      { intervals: [{ reason: 'HYGIENE', months: 61 }] },
      { reminderLeadDays: 91 },
      {
        intervals: [
          { reason: 'HYGIENE', months: 3 },
          { reason: 'HYGIENE', months: 4 },
        ],
      },
    ])
      expect((await t.gql(UPDATE, { input }, admin)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await count('recall_settings')).toBe(0);

    const updated = (
      await t.data(UPDATE, { input: { intervals: [{ reason: 'HYGIENE', months: 3 }], reminderLeadDays: 30 } }, admin)
    ).updateRecallSettings;
    expect(updated.reminderLeadDays).toBe(30);
    expect(updated.intervals).toContainEqual({ reason: 'HYGIENE', months: 3 });
    // Reasons it did not change keep the default; a later save of the lead time alone keeps the intervals.
    expect(updated.intervals).toContainEqual({ reason: 'CHECKUP', months: 12 });
    await t.data(UPDATE, { input: { reminderLeadDays: 14 } }, admin);
    const again = (await t.data(SETTINGS, {}, dentist)).recallSettings;
    expect(again).toMatchObject({ reminderLeadDays: 14 });
    expect(again.intervals).toContainEqual({ reason: 'HYGIENE', months: 3 });
    expect((await t.data(`{ recallIntervals { reason months } }`, {}, dentist)).recallIntervals).toContainEqual({
      reason: 'HYGIENE',
      months: 3,
    });

    // createRecall without a due date uses the clinic's interval.
    const patientId = await createPatient({ firstName: 'Intervalo', lastName: 'Clínica' });
    const made = (await create({ patientId, reason: 'HYGIENE' })).data!.createRecall;
    expect(made.dueMonth).toBe(monthsFromNow(3).slice(0, 7));
    // Another clinic keeps the defaults.
    const theirs = (await t.data(SETTINGS, {}, other)).recallSettings;
    expect(theirs.intervals).toContainEqual({ reason: 'HYGIENE', months: 6 });
    await t.data(UPDATE, { input: { intervals: [{ reason: 'HYGIENE', months: 6 }] } }, admin);
  });

  it('offers the same rules to agents through its tools', async () => {
    const patientId = await createPatient({ firstName: 'Agente', lastName: 'Tool' });
    const { identity } = await t.platform.auth.authenticate(`Bearer ${admin.token}`, admin.clinicId);
    const created = await t.platform.agents.call({ identity: identity! }, 'recalls.create_recall', {
      patientId,
      reason: 'ORTHO_REVIEW',
    });
    expect(created).toMatchObject({ status: 'SUCCESS', result: { reason: 'ORTHO_REVIEW', status: 'PENDING' } });
    const id = (created as unknown as { result: { id: string } }).result.id;
    const logged = await t.platform.agents.call({ identity: identity! }, 'recalls.log_contact_attempt', {
      id,
      channel: 'WHATSAPP',
      outcome: 'SCHEDULED',
    });
    expect(logged).toMatchObject({
      status: 'SUCCESS',
      result: { status: 'CONTACTED_SCHEDULED', contactAttemptCount: 1 },
    });
    const bad = await t.platform.agents.call({ identity: identity! }, 'recalls.snooze_recall', { id, months: 30 });
    expect(bad).toMatchObject({ status: 'FAILED', errorCode: 'BAD_USER_INPUT' });
    const foreign = await t.platform.agents.call({ identity: identity! }, 'recalls.create_recall', {
      patientId: otherPatient,
      reason: 'HYGIENE',
    });
    expect(foreign).toMatchObject({ status: 'FAILED', errorCode: 'NOT_FOUND' });
  });
});
