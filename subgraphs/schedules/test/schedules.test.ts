import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestPlatform, type TestPlatform } from '@dentalpin/core/testing';

const HOURS = `{ clinicHours { weekday start end } }`;
const SET_HOURS = `mutation($shifts: [WeeklyShiftInput!]!) { setClinicHours(shifts: $shifts) { weekday start end } }`;
const SET_PRO = `mutation($userId: ID!, $shifts: [WeeklyShiftInput!]!) {
  setProfessionalHours(userId: $userId, shifts: $shifts) { weekday start end } }`;
const PRO_HOURS = `query($userId: ID!) { professionalHours(userId: $userId) { weekday start end } }`;
const ADD = `mutation($input: AddScheduleOverrideInput!) {
  addScheduleOverride(input: $input) { id scope userId kind startDate endDate shifts { start end } reason } }`;
const REMOVE = `mutation($id: ID!) { removeScheduleOverride(id: $id) { id removedAt } }`;
const AVAILABILITY = `query($from: DateTime!, $to: DateTime!, $professionalId: ID) {
  availability(from: $from, to: $to, professionalId: $professionalId) { start end state professionalId reason } }`;
const SLOTS = `query($professionalId: ID!, $durationMinutes: Int!, $from: DateTime, $days: Int, $limit: Int) {
  findFreeSlots(professionalId: $professionalId, durationMinutes: $durationMinutes, from: $from, days: $days, limit: $limit)
  { start end freeUntil professionalId } }`;
const DEFAULT_WEEK = [1, 2, 3, 4, 5].flatMap((weekday) => [
  { weekday, start: '09:00', end: '14:00' },
  { weekday, start: '16:00', end: '20:00' },
]);

interface Caller {
  token: string;
  clinicId?: string;
}
type User = Caller & { userId: string };

describe('schedules module', () => {
  let t: TestPlatform;
  let admin: { token: string; clinicId: string };
  let dentist: User;
  let dentist2: User;
  let hygienist: User;
  let receptionist: User;
  let assistant: User;
  let bAdmin: { token: string; clinicId: string };
  const sql = async (q: string, p: unknown[] = []) => (await t.platform.db.knex.raw(q, p as never)).rows;
  const code = (r: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.code;

  beforeAll(async () => {
    t = await startTestPlatform();
    admin = await t.setup();
    dentist = await t.userWithRole(admin, 'dentist');
    dentist2 = await t.userWithRole(admin, 'dentist');
    hygienist = await t.userWithRole(admin, 'hygienist');
    receptionist = await t.userWithRole(admin, 'receptionist');
    assistant = await t.userWithRole(admin, 'assistant');
    const clinicB = (
      await t.data(`mutation { createClinic(input: { name: "B", timezone: "America/New_York" }) { id } }`, {}, admin)
    ).createClinic.id;
    bAdmin = {
      token: (await t.userWithRole({ ...admin, clinicId: clinicB }, 'admin', clinicB)).token,
      clinicId: clinicB,
    };
  });
  afterAll(() => t.close());

  it('gives every clinic sensible default hours, never 24/7 (existing clinics by default, new ones on clinic.created)', async () => {
    expect((await t.data(HOURS, {}, admin)).clinicHours).toEqual(DEFAULT_WEEK);
    expect((await t.data(HOURS, {}, receptionist)).clinicHours).toEqual(DEFAULT_WEEK);
    // Written, not only computed: clinic B (created after install) got its template through clinic.created.
    const rows = await eventually(async () => {
      const r = await sql('select count(*)::int as n from schedule_weekly_shifts where clinic_id = ?', [
        bAdmin.clinicId,
      ]);
      return r[0].n > 0 ? r : null;
    });
    expect(rows[0].n).toBe(10);
  });

  it('replaces the clinic hours; only clinic_hours.write may; bad input writes nothing', async () => {
    const week = [...DEFAULT_WEEK, { weekday: 6, start: '09:00', end: '13:00' }];
    expect((await t.data(SET_HOURS, { shifts: week }, admin)).setClinicHours).toEqual(week);
    for (const caller of [dentist, receptionist, hygienist, assistant])
      expect(code(await t.gql(SET_HOURS, { shifts: [] }, caller))).toBe('FORBIDDEN');
    const bad = [
      [{ weekday: 8, start: '09:00', end: '10:00' }],
      [{ weekday: 0, start: '09:00', end: '10:00' }],
      [{ weekday: 1, start: '25:00', end: '26:00' }],
      [{ weekday: 1, start: '9am', end: '10:00' }],
      [{ weekday: 1, start: '10:00', end: '09:00' }],
      [
        { weekday: 2, start: '09:00', end: '12:00' },
        { weekday: 2, start: '11:00', end: '13:00' },
      ],
    ];
    for (const shifts of bad) {
      const r = await t.gql(SET_HOURS, { shifts }, admin);
      expect(code(r)).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0].message).toMatch(/weekday|start|end|overlap/);
    }
    expect((await t.data(HOURS, {}, admin)).clinicHours).toEqual(week);
    // Another clinic is untouched.
    expect((await t.data(HOURS, {}, bAdmin)).clinicHours).toEqual(DEFAULT_WEEK);
  });

  it('professional hours: own with professional.own.*, anyone with professional.*; follows the clinic until set', async () => {
    expect((await t.data(PRO_HOURS, { userId: dentist.userId }, receptionist)).professionalHours).toHaveLength(11);
    const mornings = [1, 2, 3].map((weekday) => ({ weekday, start: '09:00', end: '14:00' }));
    expect((await t.data(SET_PRO, { userId: dentist.userId, shifts: mornings }, dentist)).setProfessionalHours).toEqual(
      mornings,
    );
    expect(code(await t.gql(SET_PRO, { userId: dentist2.userId, shifts: [] }, dentist))).toBe('FORBIDDEN');
    expect(code(await t.gql(SET_PRO, { userId: dentist.userId, shifts: [] }, receptionist))).toBe('FORBIDDEN');
    expect(code(await t.gql(PRO_HOURS, { userId: dentist.userId }, hygienist))).toBe('FORBIDDEN');
    expect((await t.data(PRO_HOURS, { userId: dentist.userId }, assistant)).professionalHours).toEqual(mornings);
    // Not a professional of this clinic (the receptionist) or not a uuid: BAD_USER_INPUT, nothing written.
    expect(code(await t.gql(SET_PRO, { userId: receptionist.userId, shifts: mornings }, admin))).toBe('BAD_USER_INPUT');
    expect(code(await t.gql(SET_PRO, { userId: '42', shifts: mornings }, admin))).toBe('BAD_USER_INPUT');
    expect(await sql('select 1 from schedule_templates where user_id = ?', [receptionist.userId])).toEqual([]);
  });

  it('availability follows the precedence, in the clinic time zone, DST-correct', async () => {
    // Europe/Madrid: Monday 2027-03-22 is UTC+1, Monday 2027-03-29 (after the change) UTC+2.
    const before = (await t.data(AVAILABILITY, { from: '2027-03-22T00:00', to: '2027-03-23T00:00' }, receptionist))
      .availability;
    expect(before.filter((r: { state: string }) => r.state === 'OPEN')).toMatchObject([
      { start: '2027-03-22T08:00:00.000Z', end: '2027-03-22T13:00:00.000Z' },
      { start: '2027-03-22T15:00:00.000Z', end: '2027-03-22T19:00:00.000Z' },
    ]);
    expect(before[0]).toMatchObject({ start: '2027-03-21T23:00:00.000Z', state: 'CLINIC_CLOSED', reason: null });
    const after = (await t.data(AVAILABILITY, { from: '2027-03-29T00:00', to: '2027-03-30T00:00' }, admin))
      .availability;
    expect(after.find((r: { state: string }) => r.state === 'OPEN')).toMatchObject({
      start: '2027-03-29T07:00:00.000Z',
      end: '2027-03-29T12:00:00.000Z',
    });

    // Clinic closed on Tuesday, custom hours on Wednesday; dentist off on Thursday.
    const closed = await t.data(
      ADD,
      { input: { scope: 'CLINIC', startDate: '2027-03-23', endDate: '2027-03-23', kind: 'CLOSED', reason: 'Holiday' } },
      admin,
    );
    expect(closed.addScheduleOverride).toMatchObject({ scope: 'CLINIC', kind: 'CLOSED', userId: null, shifts: [] });
    await t.data(
      ADD,
      {
        input: {
          scope: 'CLINIC',
          startDate: '2027-03-24',
          endDate: '2027-03-24',
          kind: 'CUSTOM_HOURS',
          shifts: [{ start: '10:00', end: '12:00' }],
        },
      },
      admin,
    );
    await t.data(
      ADD,
      {
        input: {
          scope: 'PROFESSIONAL',
          userId: dentist.userId,
          startDate: '2027-03-25',
          endDate: '2027-03-25',
          kind: 'CLOSED',
          reason: 'Course',
        },
      },
      dentist,
    );
    const week = (
      await t.data(
        AVAILABILITY,
        { from: '2027-03-22T00:00', to: '2027-03-26T00:00', professionalId: dentist.userId },
        receptionist,
      )
    ).availability as { start: string; end: string; state: string; reason: string | null; professionalId: string }[];
    // Monday: the dentist works only 09–14 (own hours), so the clinic's afternoon is PROFESSIONAL_OFF.
    expect(
      week.filter((r) => r.state !== 'CLINIC_CLOSED' && r.end <= '2027-03-22T20').map((r) => [r.start, r.end, r.state]),
    ).toEqual([
      ['2027-03-22T08:00:00.000Z', '2027-03-22T13:00:00.000Z', 'OPEN'],
      ['2027-03-22T15:00:00.000Z', '2027-03-22T19:00:00.000Z', 'PROFESSIONAL_OFF'],
    ]);
    expect(week.every((r) => r.professionalId === dentist.userId)).toBe(true);
    // Tuesday: the clinic is closed all day, with the reason.
    expect(week).toContainEqual(
      expect.objectContaining({
        state: 'CLINIC_CLOSED',
        reason: 'Holiday',
        start: '2027-03-22T23:00:00.000Z',
        end: '2027-03-23T23:00:00.000Z',
      }),
    );
    expect(week.filter((r) => r.state === 'OPEN' && r.start.startsWith('2027-03-23'))).toEqual([]);
    // Wednesday: custom clinic hours 10–12 replace the weekly ones.
    expect(week.filter((r) => r.state === 'OPEN' && r.start.startsWith('2027-03-24'))).toMatchObject([
      { start: '2027-03-24T09:00:00.000Z', end: '2027-03-24T11:00:00.000Z' },
    ]);
    // Thursday: the dentist's CLOSED override wins over everything.
    expect(week).toContainEqual(
      expect.objectContaining({
        state: 'PROFESSIONAL_OFF',
        reason: 'Course',
        start: '2027-03-24T23:00:00.000Z',
        end: '2027-03-25T23:00:00.000Z',
      }),
    );
  });

  it('refuses an availability range over 62 days and other bad overrides, writing nothing', async () => {
    const long = await t.gql(AVAILABILITY, { from: '2027-01-01T00:00', to: '2027-03-05T00:00' }, admin);
    expect(code(long)).toBe('BAD_USER_INPUT');
    expect(long.errors?.[0].message).toMatch(/62 days/);
    const [{ n: count }] = await sql('select count(*)::int as n from schedule_overrides');
    const base = { scope: 'CLINIC', startDate: '2027-04-01', endDate: '2027-04-01', kind: 'CLOSED' };
    for (const input of [
      { ...base, endDate: '2027-03-31' },
      { ...base, startDate: '2027-02-30', endDate: '2027-02-30' },
      { ...base, kind: 'CUSTOM_HOURS' },
      { ...base, shifts: [{ start: '10:00', end: '11:00' }] },
      { ...base, scope: 'PROFESSIONAL' },
      { ...base, userId: dentist.userId },
    ])
      expect(code(await t.gql(ADD, { input }, admin))).toBe('BAD_USER_INPUT');
    expect(code(await t.gql(ADD, { input: base }, dentist))).toBe('FORBIDDEN');
    expect(
      code(await t.gql(ADD, { input: { ...base, scope: 'PROFESSIONAL', userId: dentist2.userId } }, dentist)),
    ).toBe('FORBIDDEN');
    expect((await sql('select count(*)::int as n from schedule_overrides'))[0].n).toBe(count);
  });

  it('removes an override softly; another clinic neither sees nor touches it', async () => {
    const { addScheduleOverride: o } = await t.data(
      ADD,
      { input: { scope: 'CLINIC', startDate: '2027-05-03', endDate: '2027-05-04', kind: 'CLOSED' } },
      admin,
    );
    expect((await t.data(`{ scheduleOverrides { id } }`, {}, bAdmin)).scheduleOverrides).toEqual([]);
    expect(code(await t.gql(REMOVE, { id: o.id }, bAdmin))).toBe('NOT_FOUND');
    expect(code(await t.gql(REMOVE, { id: o.id }, receptionist))).toBe('FORBIDDEN');
    expect((await t.data(REMOVE, { id: o.id }, admin)).removeScheduleOverride.removedAt).toEqual(expect.any(String));
    expect(code(await t.gql(REMOVE, { id: o.id }, admin))).toBe('NOT_FOUND');
    expect(await sql('select removed_at is not null as removed from schedule_overrides where id = ?', [o.id])).toEqual([
      { removed: true },
    ]);
    const live = (await t.data(`{ scheduleOverrides(from: "2027-05-01", to: "2027-05-31") { id } }`, {}, admin))
      .scheduleOverrides;
    expect(live).toEqual([]);
  });

  it('finds free slots around live appointments, read from the agenda', async () => {
    const patientId = (
      await t.data(`mutation { createPatient(input: { firstName: "Hugo", lastName: "Ruiz" }) { id } }`, {}, admin)
    ).createPatient.id;
    const book = (startTime: string, endTime: string) =>
      t.data(
        `mutation($input: ScheduleAppointmentInput!) { scheduleAppointment(input: $input) { id } }`,
        { input: { patientId, professionalId: dentist2.userId, startTime, endTime } },
        admin,
      );
    // A visit already completed still holds its time: the agenda refuses an overlap with it.
    const completed = (await book('2027-03-22T09:00', '2027-03-22T10:00')).scheduleAppointment.id;
    const cabinetId = (await t.data(`{ cabinets { id } }`, {}, admin)).cabinets[0].id;
    await t.data(
      `mutation($id: ID!, $c: ID) { assignCabinet(id: $id, cabinetId: $c) { id } }`,
      { id: completed, c: cabinetId },
      admin,
    );
    for (const to of ['CHECKED_IN', 'IN_TREATMENT', 'COMPLETED'])
      await t.data(
        `mutation($id: ID!, $to: AppointmentStatus!) { transitionAppointment(id: $id, to: $to) { id } }`,
        { id: completed, to },
        admin,
      );
    const cancelled = (await book('2027-03-22T10:00', '2027-03-22T11:00')).scheduleAppointment.id;
    await t.data(`mutation($id: ID!) { cancelAppointment(id: $id) { id } }`, { id: cancelled }, admin);
    await book('2027-03-22T12:00', '2027-03-22T13:45');
    const slots = (
      await t.data(
        SLOTS,
        { professionalId: dentist2.userId, durationMinutes: 30, from: '2027-03-22T00:00', days: 3, limit: 3 },
        receptionist,
      )
    ).findFreeSlots;
    expect(slots).toEqual([
      {
        start: '2027-03-22T09:00:00.000Z',
        end: '2027-03-22T09:30:00.000Z',
        freeUntil: '2027-03-22T11:00:00.000Z',
        professionalId: dentist2.userId,
      },
      // 13:45–14:00 is too short; the afternoon shift is next.
      expect.objectContaining({ start: '2027-03-22T15:00:00.000Z', freeUntil: '2027-03-22T19:00:00.000Z' }),
      // Tuesday the clinic is closed; Wednesday it opens 10:00–12:00 only.
      expect.objectContaining({ start: '2027-03-24T09:00:00.000Z', freeUntil: '2027-03-24T11:00:00.000Z' }),
    ]);
    for (const vars of [{ durationMinutes: 0 }, { days: 61 }, { limit: 21 }, { professionalId: receptionist.userId }])
      expect(
        code(await t.gql(SLOTS, { professionalId: dentist2.userId, durationMinutes: 30, ...vars }, receptionist)),
      ).toBe('BAD_USER_INPUT');
  });

  it("lets the clinic refuse bookings outside a professional's hours; off by default, the agenda books anyway", async () => {
    const pro = await t.userWithRole(admin, 'dentist');
    await t.data(SET_HOURS, { shifts: DEFAULT_WEEK }, admin);
    await t.data(SET_PRO, { userId: pro.userId, shifts: [{ weekday: 1, start: '09:00', end: '14:00' }] }, admin);
    const patientId = (
      await t.data(`mutation { createPatient(input: { firstName: "Olga", lastName: "Sanz" }) { id } }`, {}, admin)
    ).createPatient.id;
    const book = (startTime: string, endTime: string) =>
      t.gql(
        `mutation($input: ScheduleAppointmentInput!) { scheduleAppointment(input: $input) { id } }`,
        { input: { patientId, professionalId: pro.userId, startTime, endTime } },
        receptionist,
      );
    const move = (id: string, startTime: string, endTime: string) =>
      t.gql(
        `mutation($id: ID!, $s: DateTime!, $e: DateTime!) { rescheduleAppointment(id: $id, startTime: $s, endTime: $e) { id } }`,
        { id, s: startTime, e: endTime },
        receptionist,
      );
    const check = async (start: string, end: string) =>
      (
        await t.data(
          `query($p: ID!, $s: DateTime!, $e: DateTime!) { bookingHoursCheck(professionalId: $p, start: $s, end: $e) {
            withinHours refuse outside { state } } }`,
          { p: pro.userId, s: start, e: end },
          receptionist,
        )
      ).bookingHoursCheck;
    const POLICY = `mutation($on: Boolean!) { updateScheduleSettings(refuseBookingsOutsideHours: $on) { refuseBookingsOutsideHours } }`;
    const policy = async () =>
      (await t.data(`{ scheduleSettings { refuseBookingsOutsideHours } }`, {}, receptionist)).scheduleSettings;

    // Off by default: a Monday 17:00 booking (the professional works 09:00–14:00) is taken; the web warns.
    expect(await policy()).toEqual({ refuseBookingsOutsideHours: false });
    expect(await check('2027-06-07T17:00', '2027-06-07T17:30')).toEqual({
      withinHours: false,
      refuse: false,
      outside: [{ state: 'PROFESSIONAL_OFF' }],
    });
    const late = await book('2027-06-07T17:00', '2027-06-07T17:30');
    expect(late.errors).toBeUndefined();

    // Only clinic_hours.write sets the policy.
    expect(code(await t.gql(POLICY, { on: true }, receptionist))).toBe('FORBIDDEN');
    expect((await t.data(POLICY, { on: true }, admin)).updateScheduleSettings).toEqual({
      refuseBookingsOutsideHours: true,
    });
    expect(await policy()).toEqual({ refuseBookingsOutsideHours: true });

    const count = async () =>
      Number((await sql(`select count(*) as n from appointments where professional_id = ?`, [pro.userId]))[0].n);
    const before = await count();
    const straddling = await book('2027-06-07T13:30', '2027-06-07T14:30');
    expect(code(straddling)).toBe('CONFLICT');
    expect(straddling.errors?.[0]?.extensions?.reason).toBe('OUTSIDE_HOURS');
    expect(straddling.errors?.[0]?.message).toBe(
      "This clinic does not book outside working hours, and the clinic is closed from 2027-06-07 14:00 to 2027-06-07 14:30; pick a time within the professional's hours.",
    );
    // 18:00: the clinic is open, the professional is not.
    expect(code(await book('2027-06-07T18:00', '2027-06-07T18:30'))).toBe('CONFLICT');
    // Tuesday: the clinic is open, but the professional's own week leaves Tuesday out — they are off.
    expect(await check('2027-06-08T10:00', '2027-06-08T10:30')).toEqual({
      withinHours: false,
      refuse: true,
      outside: [{ state: 'PROFESSIONAL_OFF' }],
    });
    expect(code(await book('2027-06-08T10:00', '2027-06-08T10:30'))).toBe('CONFLICT');
    expect(await count()).toBe(before);
    const within = await book('2027-06-07T10:00', '2027-06-07T10:30');
    expect(within.errors).toBeUndefined();
    // Moves are held to the same hours: out is refused, in is fine (the late one comes back within hours).
    expect(code(await move(within.data!.scheduleAppointment.id, '2027-06-07T18:00', '2027-06-07T18:30'))).toBe(
      'CONFLICT',
    );
    expect(
      (await move(late.data!.scheduleAppointment.id, '2027-06-07T11:00', '2027-06-07T11:30')).errors,
    ).toBeUndefined();

    await t.data(POLICY, { on: false }, admin);
    expect((await book('2027-06-07T18:00', '2027-06-07T18:30')).errors).toBeUndefined();
    // Each clinic has its own policy.
    expect((await t.data(`{ scheduleSettings { refuseBookingsOutsideHours } }`, {}, bAdmin)).scheduleSettings).toEqual({
      refuseBookingsOutsideHours: false,
    });
  });

  it('reports utilization, occupancy and peak hours', async () => {
    const q = `{ scheduleAnalytics(from: "2027-03-22T00:00", to: "2027-03-23T00:00") {
      timezone clinicOpenMinutes utilization { professionalId bookedMinutes workingMinutes rate }
      occupancy { cabinetId rate } peakHours { hour count } } }`;
    const a = (await t.data(q, {}, receptionist)).scheduleAnalytics;
    expect(a).toMatchObject({ timezone: 'Europe/Madrid', clinicOpenMinutes: 540 });
    expect(a.utilization).toContainEqual({
      professionalId: dentist2.userId,
      bookedMinutes: 165,
      workingMinutes: 540,
      rate: 165 / 540,
    });
    expect(a.peakHours).toEqual([
      { hour: 9, count: 1 },
      { hour: 12, count: 1 },
    ]);
    expect(code(await t.gql(q, {}, hygienist))).toBe('FORBIDDEN');
  });

  it('offers the same rules to agents through its tools', async () => {
    const { identity } = await t.platform.auth.authenticate(`Bearer ${admin.token}`, admin.clinicId);
    const slots = await t.platform.agents.call({ identity: identity! }, 'schedules.find_free_slots', {
      professionalId: dentist2.userId,
      durationMinutes: 30,
      from: '2027-03-22T00:00',
    });
    expect(slots.status).toBe('SUCCESS');
    // Clinic-local times; the default limit is 5.
    expect(slots.result).toHaveLength(5);
    expect((slots.result as unknown[])[0]).toEqual({
      start: '2027-03-22T10:00',
      end: '2027-03-22T10:30',
      freeUntil: '2027-03-22T12:00',
    });
    const bad = await t.platform.agents.call({ identity: identity! }, 'schedules.set_clinic_hours', {
      shifts: [{ weekday: 9, start: '09:00', end: '10:00' }],
    });
    expect(bad).toMatchObject({ status: 'FAILED', errorCode: 'BAD_USER_INPUT' });
    const added = await t.platform.agents.call({ identity: identity! }, 'schedules.add_schedule_override', {
      scope: 'CLINIC',
      startDate: '2027-06-01',
      endDate: '2027-06-01',
      kind: 'CLOSED',
      reason: 'Inventory day',
    });
    expect(added).toMatchObject({ status: 'SUCCESS', result: { scope: 'CLINIC', kind: 'CLOSED', removed: false } });
  });
});
