import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestPlatform, type CallOptions, type TestPlatform } from '@dentalpin/core/testing';
import type { AgentPlanner, Identity } from '@dentalpin/core';
import { localToday } from '@dentalpin/core';
import { tools, toolExemptions } from '../src/tools.ts';
import { appointmentStatus } from '../src/status.ts';

const { values: APPOINTMENT_STATUSES, transitions: TRANSITIONS, toGraphQL } = appointmentStatus;

const CALL = `mutation($name: String!, $args: JSON!, $mode: AgentMode) {
  callAgentTool(name: $name, args: $args, mode: $mode) { status result error errorCode approvalId } }`;
const APPROVE = `mutation($id: ID!) { approveAgentRequest(id: $id) { status result error errorCode } }`;
const RUN = `mutation($name: String!, $input: JSON, $mode: AgentMode) {
  runAgent(name: $name, input: $input, mode: $mode) { sessionId status summary data error
    steps { tool arguments result { status errorCode approvalId } } } }`;

type Caller = CallOptions & { userId: string };
interface CallResult {
  status: string;
  result: any;
  error: string | null;
  errorCode: string | null;
  approvalId: string | null;
}

/** The agenda tools over GraphQL (`callAgentTool`), as real users of two clinics. */
describe('agenda agent tools', () => {
  let t: TestPlatform;
  let admin: Caller;
  let dentist: Caller;
  let receptionist: Caller;
  let hygienist: Caller;
  let bAdmin: Caller;
  let bDentist: Caller;
  let patientId: string;
  let secondPatientId: string;
  let cabinetId: string;
  let timezone: string;

  const tool = async (caller: CallOptions, name: string, args: Record<string, unknown>, mode?: string) =>
    (await t.data(CALL, { name: `agenda.${name}`, args, mode }, caller)).callAgentTool as CallResult;
  const approve = async (caller: CallOptions, id: string) =>
    (await t.data(APPROVE, { id }, caller)).approveAgentRequest as CallResult;
  const row = async (id: string) => t.platform.db.knex('appointments').where({ id }).first();
  const count = async () => Number((await t.platform.db.knex('appointments').count({ c: '*' }))[0].c);
  const identityOf = async (caller: CallOptions) =>
    (await t.platform.auth.authenticate(`Bearer ${caller.token}`, caller.clinicId!)).identity!;
  const book = (caller: Caller, professional: Caller, start: string, end: string, extra = {}) =>
    tool(caller, 'book_appointment', {
      patientId,
      professionalId: professional.userId,
      cabinetId,
      startTime: start,
      endTime: end,
      treatmentType: 'Cleaning',
      ...extra,
    });

  beforeAll(async () => {
    t = await startTestPlatform();
    const setup = await t.setup();
    admin = { token: setup.token, clinicId: setup.clinicId, userId: setup.userId };
    const inA = async (role: string) => ({ ...(await t.userWithRole(admin, role)), clinicId: admin.clinicId });
    dentist = await inA('dentist');
    receptionist = await inA('receptionist');
    hygienist = await inA('hygienist');
    const createPatient = async (first: string, caller: CallOptions = admin) =>
      (
        await t.data(
          `mutation($f: String!) { createPatient(input: { firstName: $f, lastName: "Tool" }) { id } }`,
          { f: first },
          caller,
        )
      ).createPatient.id as string;
    patientId = await createPatient('Lucía');
    secondPatientId = await createPatient('Mario');
    const clinicB = (await t.data(`mutation { createClinic(input: { name: "Clínica B" }) { id } }`, {}, admin))
      .createClinic.id as string;
    bAdmin = { ...(await t.userWithRole({ ...admin, clinicId: clinicB }, 'admin', clinicB)), clinicId: clinicB };
    bDentist = { ...(await t.userWithRole(bAdmin, 'dentist', clinicB)), clinicId: clinicB };
    // Many calls in a few seconds: the per-minute limit is core's, tested there.
    for (const c of [admin, bAdmin])
      await t.data(
        `mutation { configureAgentGuardrails(input: { maxActionsPerMinute: 1000 }) { maxActionsPerMinute } }`,
        {},
        c,
      );
    const cabinets = await eventually(async () => {
      const r = await tool(receptionist, 'list_cabinets', {});
      return r.result?.length ? r.result : null;
    });
    cabinetId = cabinets[0].id;
    timezone = (await t.platform.db.knex('clinics').where({ id: admin.clinicId }).first()).timezone;
  });
  afterAll(() => t.close());

  it('are declared with the contract names, categories, permissions and model-facing descriptions', () => {
    expect(tools.map((x) => [x.name, x.category, x.permissions, x.graphqlMutations ?? []])).toEqual([
      ['get_day_overview', 'READ', ['agenda.appointments.read'], []],
      ['get_appointment', 'READ', ['agenda.appointments.read'], []],
      ['list_cabinets', 'READ', ['agenda.cabinets.read'], []],
      ['book_appointment', 'WRITE', ['agenda.appointments.write'], ['scheduleAppointment']],
      ['reschedule_appointment', 'WRITE', ['agenda.appointments.write'], ['rescheduleAppointment']],
      ['update_appointment_status', 'WRITE', ['agenda.appointments.write'], ['transitionAppointment']],
      ['cancel_appointment', 'DESTRUCTIVE', ['agenda.appointments.write'], ['cancelAppointment']],
      ['assign_cabinet', 'WRITE', ['agenda.appointments.write'], ['assignCabinet']],
    ]);
    for (const x of tools) expect(x.description.length).toBeGreaterThan(150);
    expect(Object.keys(toolExemptions)).toEqual(['createCabinet']);
    // The status tool tells the model the transitions of THE table.
    const status = tools.find((x) => x.name === 'update_appointment_status')!.description;
    for (const from of APPOINTMENT_STATUSES)
      expect(status).toContain(
        TRANSITIONS[from].length
          ? `${toGraphQL(from)} → ${TRANSITIONS[from].map(toGraphQL).join(' | ')}`
          : `${toGraphQL(from)} is final`,
      );
    expect(tools.find((x) => x.name === 'book_appointment')!.description).toMatch(/clinic's time zone/);
  });

  it('book → overview → get → reschedule → status → cabinet, naive times in the clinic time zone', async () => {
    const booked = await book(receptionist, dentist, '2030-03-04T10:30', '2030-03-04T11:00');
    expect(booked).toMatchObject({ status: 'SUCCESS', errorCode: null });
    const id = booked.result.id as string;
    expect(booked.result).toMatchObject({
      patientId,
      professionalId: dentist.userId,
      cabinetId,
      localStart: '2030-03-04T10:30',
      localEnd: '2030-03-04T11:00',
      status: 'SCHEDULED',
      allowedNextStatuses: ['CONFIRMED', 'CHECKED_IN', 'CANCELLED', 'NO_SHOW'],
      treatmentType: 'Cleaning',
    });
    // The stored instant is 10:30 wall-clock in the clinic's zone.
    const local = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', minute: '2-digit' });
    expect(local.format(new Date(booked.result.startTime))).toBe('10:30');

    const day = await tool(hygienist, 'get_day_overview', { date: '2030-03-04' });
    expect(day).toMatchObject({ status: 'SUCCESS' });
    expect(day.result).toMatchObject({
      date: '2030-03-04',
      timezone,
      total: 1,
      countsByStatus: { SCHEDULED: 1, CONFIRMED: 0 },
      appointments: [{ id, cabinetName: 'Room 1', localStart: '2030-03-04T10:30' }],
    });
    const onlyOther = await tool(hygienist, 'get_day_overview', { date: '2030-03-04', professionalId: admin.userId });
    expect(onlyOther.result).toMatchObject({ total: 0, appointments: [] });
    const byCabinet = await tool(hygienist, 'get_day_overview', { date: '2030-03-04', cabinetId });
    expect(byCabinet.result.total).toBe(1);

    const moved = await tool(receptionist, 'reschedule_appointment', {
      appointmentId: id,
      startTime: '2030-03-04T12:00',
      endTime: '2030-03-04T12:45',
    });
    expect(moved.result).toMatchObject({ localStart: '2030-03-04T12:00', localEnd: '2030-03-04T12:45' });
    const confirmed = await tool(hygienist, 'update_appointment_status', {
      appointmentId: id,
      status: 'CONFIRMED',
      note: 'Called back',
    });
    expect(confirmed.result).toMatchObject({ status: 'CONFIRMED' });
    const unassigned = await tool(hygienist, 'assign_cabinet', { appointmentId: id, cabinetId: null });
    expect(unassigned.result).toMatchObject({ cabinetId: null });
    await tool(hygienist, 'update_appointment_status', { appointmentId: id, status: 'CHECKED_IN' });
    expect(
      await tool(hygienist, 'update_appointment_status', { appointmentId: id, status: 'IN_TREATMENT' }),
    ).toMatchObject({ status: 'FAILED', errorCode: 'CABINET_REQUIRED' });
    await tool(hygienist, 'assign_cabinet', { appointmentId: id, cabinetId });
    expect(
      (await tool(hygienist, 'update_appointment_status', { appointmentId: id, status: 'IN_TREATMENT' })).result,
    ).toMatchObject({ status: 'IN_TREATMENT', allowedNextStatuses: ['COMPLETED', 'CANCELLED'] });

    const got = await tool(receptionist, 'get_appointment', { appointmentId: id });
    expect(got.result).toMatchObject({ id, status: 'IN_TREATMENT', timezone, cabinetId });
    expect(got.result.history.map((h: { toStatus: string }) => h.toStatus)).toEqual([
      'SCHEDULED',
      'CONFIRMED',
      'CHECKED_IN',
      'IN_TREATMENT',
    ]);
    expect(got.result.history[1]).toMatchObject({
      fromStatus: 'SCHEDULED',
      note: 'Called back',
      changedBy: hygienist.userId,
    });

    const today = await tool(receptionist, 'get_day_overview', { date: 'tomorrow' });
    expect(today.result.date).toBe(localToday(timezone, 1));
  });

  it('business errors come back FAILED with their code, and write nothing', async () => {
    const first = await book(receptionist, dentist, '2030-03-05T09:00', '2030-03-05T09:30');
    const id = first.result.id as string;
    const before = await count();
    // Another patient, same professional, overlapping: the time is taken.
    expect(
      await book(receptionist, dentist, '2030-03-05T09:15', '2030-03-05T10:00', { patientId: secondPatientId }),
    ).toMatchObject({
      status: 'FAILED',
      errorCode: 'SLOT_CONFLICT',
      error: expect.stringMatching(/already has an appointment 2030-03-05 09:00–09:30/),
    });
    expect(await count()).toBe(before);
    const audit = await t.platform.db
      .knex('agent_audit_log')
      .where({ tool_name: 'agenda.book_appointment', status: 'FAILED', error_code: 'SLOT_CONFLICT' })
      .first();
    expect(audit).toMatchObject({ clinic_id: admin.clinicId, user_id: receptionist.userId, channel: 'graphql' });

    expect(
      await tool(receptionist, 'update_appointment_status', { appointmentId: id, status: 'COMPLETED' }),
    ).toMatchObject({
      status: 'FAILED',
      errorCode: 'INVALID_TRANSITION',
      error: expect.stringMatching(/allowed: CONFIRMED, CHECKED_IN, CANCELLED, NO_SHOW/),
    });
    await tool(receptionist, 'update_appointment_status', { appointmentId: id, status: 'CONFIRMED' });
    expect(
      await tool(receptionist, 'update_appointment_status', { appointmentId: id, status: 'CONFIRMED' }),
    ).toMatchObject({
      status: 'FAILED',
      errorCode: 'ALREADY_IN_STATE',
    });
    // Cancelling is the DESTRUCTIVE tool's job: the WRITE tool does not accept it.
    const viaStatus = await tool(receptionist, 'update_appointment_status', { appointmentId: id, status: 'CANCELLED' });
    expect(viaStatus).toMatchObject({
      status: 'FAILED',
      errorCode: 'BAD_USER_INPUT',
      error: expect.stringMatching(/status must be one of .* \(to cancel, use cancel_appointment\)/),
    });
    expect((await row(id)).status).toBe('confirmed');

    expect(
      await tool(receptionist, 'reschedule_appointment', {
        appointmentId: id,
        startTime: '2030-03-05T10:00',
        endTime: '2030-03-05T09:00',
      }),
    ).toMatchObject({
      status: 'FAILED',
      errorCode: 'BAD_USER_INPUT',
      error: expect.stringMatching(/endTime must be after/),
    });
    expect(
      await tool(receptionist, 'get_appointment', { appointmentId: '00000000-0000-4000-8000-000000000000' }),
    ).toMatchObject({ status: 'FAILED', errorCode: 'NOT_FOUND' });
    expect(await tool(receptionist, 'get_day_overview', { date: '05/03/2030' })).toMatchObject({
      status: 'FAILED',
      errorCode: 'BAD_USER_INPUT',
    });
    expect(
      await tool(receptionist, 'book_appointment', {
        patientId,
        professionalId: receptionist.userId,
        startTime: '2030-03-05T11:00',
        endTime: '2030-03-05T11:30',
      }),
    ).toMatchObject({
      status: 'FAILED',
      errorCode: 'BAD_USER_INPUT',
      error: expect.stringMatching(/not an active professional/),
    });
    expect(await tool(receptionist, 'list_cabinets', { clinicId: bAdmin.clinicId })).toMatchObject({
      status: 'FAILED',
      errorCode: 'BAD_USER_INPUT',
    });
  });

  it('cancelling is DESTRUCTIVE: it waits for approval, and runs once when approved', async () => {
    const id = (await book(receptionist, dentist, '2030-03-06T09:00', '2030-03-06T09:30')).result.id as string;
    const asked = await tool(receptionist, 'cancel_appointment', { appointmentId: id, note: 'Patient is ill' });
    expect(asked).toMatchObject({ status: 'PENDING_APPROVAL', approvalId: expect.any(String) });
    expect((await row(id)).status).toBe('scheduled');
    // The receptionist may ask but not approve (agents.supervise).
    const refused = await t.gql(APPROVE, { id: asked.approvalId }, receptionist);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const approved = await approve(dentist, asked.approvalId!);
    expect(approved).toMatchObject({ status: 'SUCCESS', result: { id, status: 'CANCELLED', allowedNextStatuses: [] } });
    expect((await row(id)).status).toBe('cancelled');
    expect((await t.gql(APPROVE, { id: asked.approvalId }, dentist)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    // The slot is free again; a cancelled appointment is final.
    expect((await book(receptionist, dentist, '2030-03-06T09:00', '2030-03-06T09:30')).status).toBe('SUCCESS');
    const again = await tool(receptionist, 'cancel_appointment', { appointmentId: id });
    expect(await approve(admin, again.approvalId!)).toMatchObject({ status: 'FAILED', errorCode: 'ALREADY_IN_STATE' });
    // Even AUTONOMOUS, a DESTRUCTIVE call needs approval; a WRITE in SUPERVISED mode does too.
    expect((await tool(admin, 'cancel_appointment', { appointmentId: id }, 'AUTONOMOUS')).status).toBe(
      'PENDING_APPROVAL',
    );
    expect((await tool(admin, 'list_cabinets', {}, 'SUPERVISED')).status).toBe('SUCCESS');
    expect(
      (
        await tool(
          admin,
          'reschedule_appointment',
          { appointmentId: id, startTime: '2030-03-06T10:00', endTime: '2030-03-06T10:30' },
          'SUPERVISED',
        )
      ).status,
    ).toBe('PENDING_APPROVAL');
  });

  it('follow the module grants: reading needs the read permissions, changing needs write', async () => {
    // Hygienists and receptionists hold agenda.appointments.read|write and agenda.cabinets.read.
    expect((await tool(hygienist, 'list_cabinets', {})).status).toBe('SUCCESS');
    expect((await book(hygienist, dentist, '2030-03-07T09:00', '2030-03-07T09:30')).status).toBe('SUCCESS');
    // A caller holding only some of them is refused before anything runs (same chokepoint as every tool).
    const base = await identityOf(receptionist);
    const readOnly: Identity = { ...base, grants: ['agenda.appointments.read'] };
    const before = await count();
    expect(
      await t.platform.agents.call({ identity: readOnly }, 'agenda.book_appointment', {
        patientId,
        professionalId: dentist.userId,
        startTime: '2030-03-07T10:00',
        endTime: '2030-03-07T10:30',
      }),
    ).toMatchObject({ status: 'BLOCKED', errorCode: 'FORBIDDEN' });
    expect(await count()).toBe(before);
    expect(await t.platform.agents.call({ identity: readOnly }, 'agenda.list_cabinets', {})).toMatchObject({
      status: 'BLOCKED',
      errorCode: 'FORBIDDEN',
    });
    expect(
      (await t.platform.agents.call({ identity: readOnly }, 'agenda.get_day_overview', { date: '2030-03-07' })).status,
    ).toBe('SUCCESS');
    const tools = (await t.data(`{ agentTools { name category } }`, {}, receptionist)).agentTools as { name: string }[];
    expect(tools.map((x) => x.name)).toEqual(
      expect.arrayContaining(['agenda.book_appointment', 'agenda.cancel_appointment']),
    );
  });

  it('clinic B cannot read or change clinic A appointments through the tools', async () => {
    const id = (await book(receptionist, dentist, '2030-03-08T09:00', '2030-03-08T09:30')).result.id as string;
    const notFound = { status: 'FAILED', errorCode: 'NOT_FOUND' };
    expect(await tool(bAdmin, 'get_appointment', { appointmentId: id })).toMatchObject(notFound);
    expect((await tool(bAdmin, 'get_day_overview', { date: '2030-03-08' })).result).toMatchObject({ total: 0 });
    expect(await tool(bAdmin, 'update_appointment_status', { appointmentId: id, status: 'NO_SHOW' })).toMatchObject(
      notFound,
    );
    expect(
      await tool(bAdmin, 'reschedule_appointment', {
        appointmentId: id,
        startTime: '2030-03-09T09:00',
        endTime: '2030-03-09T09:30',
      }),
    ).toMatchObject(notFound);
    expect(await tool(bAdmin, 'assign_cabinet', { appointmentId: id, cabinetId: null })).toMatchObject(notFound);
    const cancel = await tool(bAdmin, 'cancel_appointment', { appointmentId: id });
    expect(cancel.status).toBe('PENDING_APPROVAL');
    expect(await approve(bDentist, cancel.approvalId!)).toMatchObject(notFound);
    // B cannot book A's patient, nor use A's cabinet; A's cabinets are not in B's list.
    expect(await book(bAdmin, bDentist, '2030-03-08T10:00', '2030-03-08T10:30', { cabinetId: null })).toMatchObject({
      status: 'FAILED',
      errorCode: 'NOT_FOUND',
      error: expect.stringMatching(/Patient/),
    });
    expect((await tool(bAdmin, 'list_cabinets', {})).result.map((c: { id: string }) => c.id)).not.toContain(cabinetId);
    // A's approval queue never saw B's request, and A's appointment is untouched.
    expect(await t.gql(APPROVE, { id: cancel.approvalId }, admin)).toMatchObject({
      errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'NOT_FOUND' }) })],
    });
    expect(await row(id)).toMatchObject({ status: 'scheduled', clinic_id: admin.clinicId });
  });
});

describe('appointment_reminders agent', () => {
  let t: TestPlatform;
  let admin: Caller;
  let dentist: Caller;
  let patientIds: string[];
  let cabinetId: string;
  let tomorrow: string;

  const tool = async (name: string, args: Record<string, unknown>) =>
    (await t.data(CALL, { name: `agenda.${name}`, args }, admin)).callAgentTool as CallResult;
  const bookTomorrow = async (patientId: string, hhmm: string) =>
    (
      await tool('book_appointment', {
        patientId,
        professionalId: dentist.userId,
        cabinetId,
        startTime: `${tomorrow}T${hhmm}`,
        endTime: `${tomorrow}T${hhmm.replace(/:00$/, ':30')}`,
        treatmentType: 'Check-up',
      })
    ).result.id as string;

  beforeAll(async () => {
    t = await startTestPlatform();
    const setup = await t.setup();
    admin = { token: setup.token, clinicId: setup.clinicId, userId: setup.userId };
    dentist = { ...(await t.userWithRole(admin, 'dentist')), clinicId: admin.clinicId };
    await t.data(
      `mutation { configureAgentGuardrails(input: { maxActionsPerMinute: 1000 }) { maxActionsPerMinute } }`,
      {},
      admin,
    );
    patientIds = [];
    for (const f of ['Ana', 'Berta', 'Carlos'])
      patientIds.push(
        (
          await t.data(
            `mutation($f: String!) { createPatient(input: { firstName: $f, lastName: "Rem" }) { id } }`,
            { f },
            admin,
          )
        ).createPatient.id,
      );
    cabinetId = (await eventually(async () => ((await tool('list_cabinets', {})).result ?? [])[0])).id;
    const tz = (await t.platform.db.knex('clinics').where({ id: admin.clinicId }).first()).timezone;
    tomorrow = localToday(tz, 1);
  });
  afterAll(() => t.close());

  it('is declared SUPERVISED with a hard list of agenda tools', async () => {
    const agents = (await t.data(`{ agents { name module mode allowedTools } }`, {}, admin)).agents;
    expect(agents).toContainEqual({
      name: 'agenda.appointment_reminders',
      module: 'agenda',
      mode: 'SUPERVISED',
      allowedTools: ['agenda.get_day_overview', 'agenda.update_appointment_status'],
    });
  });

  it('with its own planner: reads tomorrow, proposes the confirmations, lists who to remind (a recorded session)', async () => {
    const [a, b, c] = [
      await bookTomorrow(patientIds[0], '09:00'),
      await bookTomorrow(patientIds[1], '10:00'),
      await bookTomorrow(patientIds[2], '11:00'),
    ];
    await tool('update_appointment_status', { appointmentId: c, status: 'CONFIRMED' });
    // AUTONOMOUS is asked for, but a SUPERVISED agent stays supervised.
    const run = (
      await t.data(
        RUN,
        { name: 'agenda.appointment_reminders', input: { confirmedAppointmentIds: [b] }, mode: 'AUTONOMOUS' },
        admin,
      )
    ).runAgent;
    expect(run).toMatchObject({ status: 'COMPLETED', error: null });
    expect(run.steps.map((s: { tool: string; result: { status: string } }) => [s.tool, s.result.status])).toEqual([
      ['agenda.get_day_overview', 'SUCCESS'],
      ['agenda.update_appointment_status', 'PENDING_APPROVAL'],
    ]);
    expect(run.steps[0].arguments).toEqual({ date: 'tomorrow' });
    expect(run.data).toMatchObject({
      date: tomorrow,
      toRemind: [
        { appointmentId: a, patientId: patientIds[0], localStart: `${tomorrow}T09:00`, cabinetName: 'Room 1' },
      ],
      confirmations: [{ appointmentId: b, status: 'PENDING_APPROVAL' }],
    });
    expect(run.data.toRemind).toHaveLength(1);
    expect(run.summary).toMatch(
      /3 appointment\(s\); 1 patient\(s\) to remind; 1 confirmation\(s\) proposed, 1 awaiting approval/,
    );
    // Nothing changed until a person approves.
    expect((await t.platform.db.knex('appointments').where({ id: b }).first()).status).toBe('scheduled');
    const approved = await t.data(APPROVE, { id: run.steps[1].result.approvalId }, dentist);
    expect(approved.approveAgentRequest).toMatchObject({ status: 'SUCCESS', result: { id: b, status: 'CONFIRMED' } });
    expect((await t.platform.db.knex('appointments').where({ id: b }).first()).status).toBe('confirmed');

    const sessions = (await t.data(`{ agentSessions { id agentName status mode steps summary } }`, {}, admin))
      .agentSessions;
    expect(sessions).toContainEqual({
      id: run.sessionId,
      agentName: 'agenda.appointment_reminders',
      status: 'COMPLETED',
      mode: 'SUPERVISED',
      steps: 2,
      summary: run.summary,
    });
  });

  it('with a scripted planner: tools outside allowedTools are BLOCKED; a WRITE waits and runs once approved', async () => {
    const id = await bookTomorrow(patientIds[0], '12:00');
    const identity = (await t.platform.auth.authenticate(`Bearer ${admin.token}`, admin.clinicId!)).identity!;
    const script: AgentPlanner = (ctx) => {
      if (ctx.step === 0)
        return {
          calls: [
            { tool: 'agenda.cancel_appointment', arguments: { appointmentId: id } },
            { tool: 'agenda__book_appointment', arguments: { patientId: patientIds[1] } },
            { tool: 'agenda__update_appointment_status', arguments: { appointmentId: id, status: 'CONFIRMED' } },
          ],
        };
      return { done: true, summary: 'scripted', data: ctx.history.map((s) => s.result.status) };
    };
    const run = await t.platform.agentRuns.run(identity, 'agenda.appointment_reminders', { planner: script });
    expect(run).toMatchObject({
      status: 'COMPLETED',
      summary: 'scripted',
      data: ['BLOCKED', 'BLOCKED', 'PENDING_APPROVAL'],
    });
    expect(run.steps[0].result).toMatchObject({ status: 'BLOCKED', errorCode: 'FORBIDDEN' });
    expect((await t.platform.db.knex('appointments').where({ id }).first()).status).toBe('scheduled');
    const approvalId = run.steps[2].result.approvalId!;
    // The run was the admin's: another supervisor decides it.
    const approved = await t.data(APPROVE, { id: approvalId }, dentist);
    expect(approved.approveAgentRequest).toMatchObject({ status: 'SUCCESS', result: { status: 'CONFIRMED' } });
    expect((await t.platform.db.knex('appointments').where({ id }).first()).status).toBe('confirmed');
    const session = await t.platform.db.knex('agent_sessions').where({ id: run.sessionId }).first();
    expect(session).toMatchObject({
      status: 'COMPLETED',
      agent_name: 'agenda.appointment_reminders',
      mode: 'SUPERVISED',
    });
  });

  it('finishes with the reason when it cannot read the agenda', async () => {
    const run = (await t.data(RUN, { name: 'agenda.appointment_reminders', input: { date: '31-12-2030' } }, admin))
      .runAgent;
    expect(run).toMatchObject({
      status: 'COMPLETED',
      summary: expect.stringMatching(/Could not read the agenda: .*must be a date as YYYY-MM-DD/),
    });
  });
});
