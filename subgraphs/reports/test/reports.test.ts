import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEEK_FUNNEL, WEEK_PUNCTUALITY, WEEK_VARIANCE, WEEK_WAITING } from './week.ts';
import { eventually, startTestPlatform, type CallOptions, type TestPlatform } from '@dentalpin/core/testing';

const SCHEDULE = `mutation($input: ScheduleAppointmentInput!) { scheduleAppointment(input: $input) { id } }`;
const TRANSITION = `mutation($id: ID!, $to: AppointmentStatus!) { transitionAppointment(id: $id, to: $to) { status } }`;
const SCHEDULING = `query($from: Date!, $to: Date!, $cabinetId: ID, $professionalId: ID) {
  schedulingReport(from: $from, to: $to, cabinetId: $cabinetId, professionalId: $professionalId) {
    from to timezone appointmentCount
    funnel { byStatus { status count } completionRate noShowRate cancellationRate }
    waitingTime { count average median p90 buckets { label count } }
    punctuality { count average median p90 early onTime late }
    durationVariance { count planned { average } actual { average } variance { count average median p90 } overruns }
    byDayOfWeek { dayOfWeek appointments completed cancelled noShows }
    byProfessional { professional { id fullName } appointments completed averageWaitMinutes }
    byCabinet { cabinet { id name } appointments }
  } }`;
const CALL = `mutation($name: String!, $args: JSON!) { callAgentTool(name: $name, args: $args) { status result error errorCode } }`;

type Caller = CallOptions & { userId: string };
const WEEK = { from: '2027-03-01', to: '2027-03-07' };

/** The reports over the real agenda: appointments moved through its transitions, times set exactly. */
describe('reports module', () => {
  let t: TestPlatform;
  let admin: Caller;
  let dentist: Caller;
  let dentist2: Caller;
  let hygienist: Caller;
  let receptionist: Caller;
  let bAdmin: Caller;
  let patientId: string;
  let roomA: string;
  let roomB: string;
  const codeOf = async (query: string, variables: Record<string, unknown>, caller: CallOptions) =>
    (await t.gql(query, variables, caller)).errors?.[0]?.extensions?.code;
  const report = async (caller: CallOptions, variables: Record<string, unknown> = WEEK) =>
    (await t.data(SCHEDULING, variables, caller)).schedulingReport;

  /** Schedules (clinic wall-clock times), walks the transitions and pins each one's time (clinic wall clock). */
  async function appointment(
    start: string,
    end: string,
    steps: [string, string][],
    professional: Caller = dentist,
    cabinetId: string = roomA,
  ) {
    const { id } = (
      await t.data(
        SCHEDULE,
        { input: { patientId, professionalId: professional.userId, cabinetId, startTime: start, endTime: end } },
        admin,
      )
    ).scheduleAppointment;
    for (const [to, at] of steps) {
      if (to === 'CANCELLED') await t.data(`mutation($id: ID!) { cancelAppointment(id: $id) { id } }`, { id }, admin);
      else await t.data(TRANSITION, { id, to }, admin);
      // The history is append-only (a trigger); test setup bypasses triggers for this one statement.
      await t.platform.db.knex.transaction(async (trx) => {
        await trx.raw(`set local session_replication_role = replica`);
        await trx.raw(
          `update appointment_status_events set changed_at = (?::timestamp at time zone 'Europe/Madrid')
            where appointment_id = ? and to_status = ?`,
          [at, id, to.toLowerCase()],
        );
      });
    }
    return id;
  }

  beforeAll(async () => {
    t = await startTestPlatform();
    admin = await t.setup();
    dentist = await t.userWithRole(admin, 'dentist');
    dentist2 = await t.userWithRole(admin, 'dentist');
    hygienist = await t.userWithRole(admin, 'hygienist');
    receptionist = await t.userWithRole(admin, 'receptionist');
    const clinicB = (
      await t.data(`mutation { createClinic(input: { name: "Clínica Sur", timezone: "UTC" }) { id } }`, {}, admin)
    ).createClinic.id;
    bAdmin = { ...(await t.userWithRole(admin, 'admin', clinicB)), clinicId: clinicB };
    patientId = (
      await t.data(`mutation { createPatient(input: { firstName: "Lucía", lastName: "García" }) { id } }`, {}, admin)
    ).createPatient.id;
    roomA = await eventually(async () => (await t.data(`{ cabinets { id } }`, {}, admin)).cabinets[0]?.id);
    roomB = (await t.data(`mutation { createCabinet(input: { name: "Room 2" }) { id } }`, {}, admin)).createCabinet.id;

    // Madrid is UTC+1 in early March 2027. Monday: 2 min late, waits 10, planned 30, actual 45.
    await appointment('2027-03-01T09:00', '2027-03-01T09:30', [
      ['CHECKED_IN', '2027-03-01 09:02'],
      ['IN_TREATMENT', '2027-03-01 09:12'],
      ['COMPLETED', '2027-03-01 09:57'],
    ]);
    // Monday, another dentist and room: 3 min early, waits 40, planned 60, actual 50.
    await appointment(
      '2027-03-01T10:00',
      '2027-03-01T11:00',
      [
        ['CHECKED_IN', '2027-03-01 09:57'],
        ['IN_TREATMENT', '2027-03-01 10:37'],
        ['COMPLETED', '2027-03-01 11:27'],
      ],
      dentist2,
      roomB,
    );
    // Wednesday: 20 min late, still in the waiting room; then a no-show.
    await appointment('2027-03-03T10:00', '2027-03-03T10:30', [['CHECKED_IN', '2027-03-03 10:20']]);
    await appointment('2027-03-03T11:00', '2027-03-03T11:30', [['NO_SHOW', '2027-03-03 11:30']]);
    // Sunday, cancelled days before.
    await appointment('2027-03-07T11:00', '2027-03-07T11:30', [['CANCELLED', '2027-02-20 11:30']]);
    // Outside the week: it ends in it but starts the evening before; the Monday after.
    await appointment('2027-02-28T23:30', '2027-03-01T00:30', []);
    await appointment('2027-03-08T09:00', '2027-03-08T09:30', []);
    // Across the agenda's 31-day window boundary of a year report from 1 January (counted once).
    await appointment('2027-01-31T23:30', '2027-02-01T00:30', []);
  });
  afterAll(() => t.close());

  it('is installed with the original grants; the navigation needs reports.billing.read', async () => {
    const grants = async (caller: CallOptions) =>
      ((await t.data(`{ me { permissions } }`, {}, caller)).me.permissions as string[])
        .filter((p) => p.startsWith('reports.'))
        .sort();
    expect(await grants(dentist)).toEqual(['reports.billing.read', 'reports.budgets.read', 'reports.scheduling.read']);
    expect(await grants(hygienist)).toEqual(['reports.scheduling.read']);
    expect(await grants(receptionist)).toEqual(['reports.billing.read', 'reports.scheduling.read']);
    const nav = async (caller: CallOptions) =>
      (await t.data(`{ activeModules { name navigation { to permission order } } }`, {}, caller)).activeModules.find(
        (m: { name: string }) => m.name === 'reports',
      ).navigation;
    expect(await nav(receptionist)).toEqual([{ to: '/reports', permission: 'reports.billing.read', order: 60 }]);
    expect(await nav(hygienist)).toEqual([]);
  });

  it('measures waiting time, punctuality, duration variance and the funnel from real transitions', async () => {
    const r = await report(dentist);
    expect(r).toMatchObject({ from: '2027-03-01', to: '2027-03-07', timezone: 'Europe/Madrid', appointmentCount: 5 });
    expect(r.funnel).toEqual(WEEK_FUNNEL);
    expect(r.waitingTime).toEqual(WEEK_WAITING);
    expect(r.punctuality).toEqual(WEEK_PUNCTUALITY);
    expect(r.durationVariance).toEqual({
      count: 2,
      planned: { average: 45 },
      actual: { average: 47.5 },
      variance: WEEK_VARIANCE,
      overruns: 1,
    });
    // Clinic-local days of the week (Monday = 1).
    expect(r.byDayOfWeek.map((d: { appointments: number }) => d.appointments)).toEqual([2, 0, 2, 0, 0, 0, 1]);
    expect(r.byDayOfWeek[6]).toEqual({ dayOfWeek: 7, appointments: 1, completed: 0, cancelled: 1, noShows: 0 });
    // Professionals and cabinets resolve through their own subgraphs.
    expect(r.byProfessional).toEqual([
      {
        professional: { id: dentist.userId, fullName: 'dentist Tester' },
        appointments: 4,
        completed: 1,
        averageWaitMinutes: 10,
      },
      {
        professional: { id: dentist2.userId, fullName: 'dentist Tester' },
        appointments: 1,
        completed: 1,
        averageWaitMinutes: 40,
      },
    ]);
    expect(r.byCabinet).toEqual([
      { cabinet: { id: roomA, name: 'Room 1' }, appointments: 4 },
      { cabinet: { id: roomB, name: 'Room 2' }, appointments: 1 },
    ]);
  });

  it('filters by cabinet and professional, and reads a whole year in the agenda’s 31-day windows', async () => {
    expect((await report(dentist, { ...WEEK, cabinetId: roomB })).appointmentCount).toBe(1);
    const second = await report(dentist, { ...WEEK, professionalId: dentist2.userId });
    expect([second.appointmentCount, second.waitingTime.average]).toEqual([1, 40]);
    const year = await report(dentist, { from: '2027-01-01', to: '2027-12-31' });
    expect(year.appointmentCount).toBe(8);
    expect(year.funnel.byStatus[0]).toEqual({ status: 'SCHEDULED', count: 3 });
  });

  it('gives null averages for an empty range', async () => {
    const r = await report(dentist, { from: '2027-06-01', to: '2027-06-30' });
    expect(r.appointmentCount).toBe(0);
    expect(r.funnel.completionRate).toBeNull();
    expect(r.waitingTime).toMatchObject({ count: 0, average: null, median: null, p90: null });
    expect(r.punctuality.average).toBeNull();
    expect(r.durationVariance.variance.average).toBeNull();
  });

  it('refuses ranges over 365 days or ending before they start, with a message that says why', async () => {
    expect((await report(dentist, { from: '2027-01-01', to: '2028-01-01' })).appointmentCount).toBe(8);
    const long = await t.gql(SCHEDULING, { from: '2027-01-01', to: '2028-01-02' }, dentist);
    expect(long.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/spans 366 days; a report covers at most 365 days/),
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const reversed = await t.gql(SCHEDULING, { from: '2027-03-07', to: '2027-03-01' }, dentist);
    expect(reversed.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/"to" must be on or after "from"/),
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(await codeOf(SCHEDULING, { ...WEEK, cabinetId: 'room-1' }, dentist)).toBe('BAD_USER_INPUT');
  });

  it('lets a hygienist see scheduling only, and nobody without a token', async () => {
    expect((await report(hygienist)).appointmentCount).toBe(5);
    expect(await codeOf(`{ billingReport(from: "2027-03-01", to: "2027-03-07") { invoiced } }`, {}, hygienist)).toBe(
      'FORBIDDEN',
    );
    expect(
      await codeOf(`{ budgetConversionReport(from: "2027-03-01", to: "2027-03-07") { count } }`, {}, hygienist),
    ).toBe('FORBIDDEN');
    expect(
      await codeOf(`{ budgetConversionReport(from: "2027-03-01", to: "2027-03-07") { count } }`, {}, receptionist),
    ).toBe('FORBIDDEN');
    expect(await codeOf(SCHEDULING, WEEK, {})).toBe('UNAUTHENTICATED');
  });

  it('shows clinic B only its own appointments, even when it names clinic A’s professional', async () => {
    expect((await report(bAdmin)).appointmentCount).toBe(0);
    expect((await report(bAdmin, { ...WEEK, professionalId: dentist.userId })).appointmentCount).toBe(0);
    await t.data(
      SCHEDULE,
      {
        input: {
          patientId: (
            await t.data(`mutation { createPatient(input: { firstName: "Bea", lastName: "Sur" }) { id } }`, {}, bAdmin)
          ).createPatient.id,
          professionalId: (await t.userWithRole(bAdmin, 'dentist', bAdmin.clinicId)).userId,
          startTime: '2027-03-02T10:00',
          endTime: '2027-03-02T10:30',
        },
      },
      bAdmin,
    );
    const b = await report(bAdmin);
    expect([b.timezone, b.appointmentCount, b.byDayOfWeek[1].appointments]).toEqual(['UTC', 1, 1]);
    expect((await report(dentist)).appointmentCount).toBe(5);
  });

  it('answers agents with the same report (scheduling_report), within the caller’s grants', async () => {
    const call = async (caller: CallOptions, name: string, args: Record<string, unknown>) =>
      (await t.data(CALL, { name: `reports.${name}`, args }, caller)).callAgentTool;
    const ok = await call(hygienist, 'scheduling_report', WEEK);
    expect(ok.status).toBe('SUCCESS');
    expect(ok.result).toMatchObject({ appointmentCount: 5, waitingTime: { average: 25 }, funnel: { noShowRate: 0.2 } });
    expect(ok.result.byProfessional[0]).toMatchObject({ professionalId: dentist.userId, appointments: 4 });
    const bad = await call(dentist, 'scheduling_report', { from: '2027-01-01', to: '2028-06-01' });
    expect([bad.status, bad.errorCode]).toEqual(['FAILED', 'BAD_USER_INPUT']);
    const tools = (await t.data(`{ agentTools { name } }`, {}, hygienist)).agentTools.map(
      (x: { name: string }) => x.name,
    );
    expect(tools.filter((n: string) => n.startsWith('reports.'))).toEqual(['reports.scheduling_report']);
  });
});
