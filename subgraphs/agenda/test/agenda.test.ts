import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';
import { eventually, startTestPlatform, type TestPlatform } from '@dentalpin/core/testing';

const root = join(import.meta.dirname, '../../..');
const APPT = `id status startTime endTime treatmentType currentStatusSince cabinet { id name }
  patient { id fullName } professional { id fullName }`;
const SCHEDULE = `mutation($input: ScheduleAppointmentInput!) { scheduleAppointment(input: $input) { ${APPT} } }`;
const TRANSITION = `mutation($id: ID!, $to: AppointmentStatus!, $note: String) { transitionAppointment(id: $id, to: $to, note: $note) { id status } }`;
const ASSIGN = `mutation($id: ID!, $cabinetId: ID, $note: String) { assignCabinet(id: $id, cabinetId: $cabinetId, note: $note) { id cabinet { name } } }`;

interface Caller {
  token: string;
  clinicId?: string;
}

function ws(url: string, caller: Caller, closes: number[] = []): Client {
  return createClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: {
      authorization: `Bearer ${caller.token}`,
      ...(caller.clinicId ? { 'x-clinic-id': caller.clinicId } : {}),
    },
    on: { closed: (e) => closes.push((e as { code: number }).code) },
  });
}

function collect(client: Client, query: string, variables: Record<string, unknown> = {}) {
  const items: any[] = [];
  const errors: unknown[] = [];
  let stop = () => undefined as void;
  const done = new Promise<void>((resolve) => {
    stop = client.subscribe(
      { query, variables },
      {
        next: (v) => (v.errors ? errors.push(...v.errors) : items.push(v.data)),
        error: (e) => {
          errors.push(e);
          resolve();
        },
        complete: () => resolve(),
      },
    );
  });
  return { items, errors, done, stop: () => stop() };
}

describe('agenda module', () => {
  let t: TestPlatform;
  let admin: { token: string; clinicId: string };
  let dentist: { token: string; userId: string };
  let receptionist: { token: string; userId: string };
  let hygienist: { token: string; userId: string };
  let patientId: string;
  let roomA: string;
  let roomB: string;
  let clinicB: string;
  let bAdmin: { token: string; clinicId: string };
  let bDentist: { userId: string };
  const clients: Client[] = [];
  const sql = async (q: string, p: unknown[] = []) => (await t.platform.db.knex.raw(q, p as never)).rows;
  const schedule = (input: Record<string, unknown>, caller: Caller = admin) =>
    t.gql(
      SCHEDULE,
      { input: { patientId, professionalId: dentist.userId, treatmentType: 'Cleaning', ...input } },
      caller,
    );

  beforeAll(async () => {
    t = await startTestPlatform({ moduleDirs: [join(root, 'tests/fixtures/modules/fixture_events')] });
    admin = await t.setup();
    dentist = await t.userWithRole(admin, 'dentist');
    receptionist = await t.userWithRole(admin, 'receptionist');
    hygienist = await t.userWithRole(admin, 'hygienist');
    patientId = (
      await t.data(`mutation { createPatient(input: { firstName: "Lucía", lastName: "García" }) { id } }`, {}, admin)
    ).createPatient.id;
    clinicB = (
      await t.data(
        `mutation { createClinic(input: { name: "Clínica B", timezone: "America/New_York" }) { id } }`,
        {},
        admin,
      )
    ).createClinic.id;
    bAdmin = {
      token: (await t.userWithRole({ ...admin, clinicId: clinicB }, 'admin', clinicB)).token,
      clinicId: clinicB,
    };
    bDentist = await t.userWithRole(bAdmin, 'dentist', clinicB);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await t.close();
  });

  it('gives every clinic a default cabinet (setup and createClinic publish clinic.created)', async () => {
    const cabinets = await eventually(async () => {
      const r = (await t.data(`{ cabinets { id name color displayOrder isActive } }`, {}, admin)).cabinets;
      return r.length ? r : null;
    });
    expect(cabinets).toEqual([
      { id: expect.any(String), name: 'Room 1', color: '#3B82F6', displayOrder: 1, isActive: true },
    ]);
    roomA = cabinets[0].id;
    const inB = await eventually(async () => {
      const r = (await t.data(`{ cabinets { name } }`, {}, bAdmin)).cabinets;
      return r.length ? r : null;
    });
    expect(inB).toEqual([{ name: 'Room 1' }]);
  });

  it('creates cabinets with unique names per clinic; only cabinets.write may', async () => {
    const CREATE = `mutation($input: CabinetInput!) { createCabinet(input: $input) { id name color displayOrder } }`;
    const r = await t.data(CREATE, { input: { name: 'Room 2', color: '#10B981' } }, admin);
    expect(r.createCabinet).toMatchObject({ name: 'Room 2', color: '#10B981', displayOrder: 2 });
    roomB = r.createCabinet.id;
    expect((await t.gql(CREATE, { input: { name: 'Room 2' } }, admin)).errors?.[0].extensions?.code).toBe('CONFLICT');
    expect((await t.gql(CREATE, { input: { name: 'X', color: 'red' } }, admin)).errors?.[0].extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
    expect((await t.gql(CREATE, { input: { name: 'Room 9' } }, receptionist)).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
    // Same name in another clinic is fine.
    expect((await t.data(CREATE, { input: { name: 'Room 2' } }, bAdmin)).createCabinet.name).toBe('Room 2');
  });

  it('schedules with patient and professional resolved across subgraphs; validates the professional', async () => {
    const r = await schedule(
      { cabinetId: roomA, startTime: '2026-01-15T10:00', endTime: '2026-01-15T10:30' },
      receptionist,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.scheduleAppointment).toMatchObject({
      status: 'SCHEDULED',
      cabinet: { id: roomA, name: 'Room 1' },
      patient: { id: patientId, fullName: 'Lucía García' },
      professional: { id: dentist.userId, fullName: 'dentist Tester' },
    });
    const notProfessional = await schedule({
      professionalId: receptionist.userId,
      startTime: '2026-01-15T11:00',
      endTime: '2026-01-15T11:30',
    });
    expect(notProfessional.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(notProfessional.errors?.[0].message).toMatch(/not an active professional/);
    const backwards = await schedule({ startTime: '2026-01-15T11:00', endTime: '2026-01-15T10:00' });
    expect(backwards.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('interprets times without offset in the clinic time zone (DST aware) and keeps explicit offsets', async () => {
    const winter = await schedule({ startTime: '2026-01-20T10:00', endTime: '2026-01-20T10:30' });
    expect(winter.data!.scheduleAppointment.startTime).toBe('2026-01-20T09:00:00.000Z');
    const summer = await schedule({ startTime: '2026-07-20T10:00:00', endTime: '2026-07-20T10:30:00' });
    expect(summer.data!.scheduleAppointment.startTime).toBe('2026-07-20T08:00:00.000Z');
    const explicit = await schedule({ startTime: '2026-07-20T12:00:00Z', endTime: '2026-07-20T12:30:00+00:00' });
    expect(explicit.data!.scheduleAppointment.startTime).toBe('2026-07-20T12:00:00.000Z');
    const gap = await schedule({ startTime: '2026-03-29T02:30', endTime: '2026-03-29T03:30' });
    expect(gap.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    // Clinic B lives in New York: the same wall-clock time is another instant.
    const inB = await t.data(
      `mutation { createPatient(input: { firstName: "Bea", lastName: "B" }) { id } }`,
      {},
      bAdmin,
    );
    const b = await t.gql(
      SCHEDULE,
      {
        input: {
          patientId: inB.createPatient.id,
          professionalId: bDentist.userId,
          startTime: '2026-01-20T10:00',
          endTime: '2026-01-20T10:30',
        },
      },
      bAdmin,
    );
    expect(b.data!.scheduleAppointment.startTime).toBe('2026-01-20T15:00:00.000Z');
    // The day view uses the clinic's local day.
    const day = (
      await t.data(`{ agendaDay(date: "2026-01-20") { timezone byStatus { status appointments { id } } } }`, {}, admin)
    ).agendaDay;
    expect(day.timezone).toBe('Europe/Madrid');
    expect(day.byStatus.find((c: { status: string }) => c.status === 'SCHEDULED').appointments).toEqual([
      { id: winter.data!.scheduleAppointment.id },
    ]);
  });

  it('enforces the lifecycle: INVALID_TRANSITION, ALREADY_IN_STATE, CABINET_REQUIRED; history is recorded', async () => {
    const a = (await schedule({ startTime: '2026-02-02T09:00', endTime: '2026-02-02T09:30' })).data!
      .scheduleAppointment;
    const go = (to: string, note?: string) => t.gql(TRANSITION, { id: a.id, to, note }, receptionist);
    expect((await go('COMPLETED')).errors?.[0].extensions?.code).toBe('INVALID_TRANSITION');
    expect((await go('SCHEDULED')).errors?.[0].extensions?.code).toBe('ALREADY_IN_STATE');
    expect((await go('CONFIRMED')).data!.transitionAppointment.status).toBe('CONFIRMED');
    expect((await go('CHECKED_IN', 'arrived early')).data!.transitionAppointment.status).toBe('CHECKED_IN');
    const noCabinet = await go('IN_TREATMENT');
    expect(noCabinet.errors?.[0].extensions?.code).toBe('CABINET_REQUIRED');
    expect(
      (await t.data(ASSIGN, { id: a.id, cabinetId: roomB, note: 'room 1 busy' }, receptionist)).assignCabinet.cabinet
        .name,
    ).toBe('Room 2');
    expect((await go('IN_TREATMENT')).data!.transitionAppointment.status).toBe('IN_TREATMENT');
    expect((await t.gql(ASSIGN, { id: a.id, cabinetId: null }, receptionist)).errors?.[0].extensions?.code).toBe(
      'CABINET_REQUIRED',
    );
    expect((await go('COMPLETED')).data!.transitionAppointment.status).toBe('COMPLETED');
    const terminal = await go('CANCELLED');
    expect(terminal.errors?.[0].extensions?.code).toBe('INVALID_TRANSITION');
    expect(terminal.errors?.[0].message).toMatch(/COMPLETED is final/);

    const detail = (
      await t.data(
        `query($id: ID!) { appointment(id: $id) { status transitions { fromStatus toStatus note changedBy { id } }
           cabinetHistory { fromCabinet { name } toCabinet { name } note } } }`,
        { id: a.id },
        admin,
      )
    ).appointment;
    expect(
      detail.transitions.map((s: { fromStatus: string | null; toStatus: string }) => `${s.fromStatus}->${s.toStatus}`),
    ).toEqual([
      'null->SCHEDULED',
      'SCHEDULED->CONFIRMED',
      'CONFIRMED->CHECKED_IN',
      'CHECKED_IN->IN_TREATMENT',
      'IN_TREATMENT->COMPLETED',
    ]);
    expect(detail.transitions[2]).toMatchObject({ note: 'arrived early', changedBy: { id: receptionist.userId } });
    expect(detail.cabinetHistory).toEqual([{ fromCabinet: null, toCabinet: { name: 'Room 2' }, note: 'room 1 busy' }]);

    // The history is append-only in the database itself.
    await expect(
      sql(`update appointment_status_events set note = 'x' where appointment_id = ?`, [a.id]),
    ).rejects.toThrow(/append-only/);
    // Each transition published status_changed plus the specific event, in the same transaction.
    const types = (
      await sql(`select type, payload from core_event_outbox where payload->>'appointment_id' = ? order by id`, [a.id])
    ).map((r: { type: string }) => r.type);
    expect(types).toEqual([
      'appointment.scheduled',
      'appointment.status_changed',
      'appointment.confirmed',
      'appointment.status_changed',
      'appointment.checked_in',
      'appointment.cabinet_changed',
      'appointment.status_changed',
      'appointment.in_treatment',
      'appointment.status_changed',
      'appointment.completed',
    ]);
    const [completed] = await sql(
      `select payload from core_event_outbox where type = 'appointment.completed' and payload->>'appointment_id' = ?`,
      [a.id],
    );
    expect(completed.payload).toMatchObject({
      clinic_id: admin.clinicId,
      patient_id: patientId,
      professional_id: dentist.userId,
      from_status: 'IN_TREATMENT',
      to_status: 'COMPLETED',
      changed_by: receptionist.userId,
      cabinet: 'Room 2',
      treatment_type: 'Cleaning',
    });
  });

  it('exposes the allowed next statuses from the lifecycle table, and lists only the clinic’s professionals', async () => {
    const a = (await schedule({ startTime: '2026-02-03T09:00', endTime: '2026-02-03T09:30' })).data!
      .scheduleAppointment;
    const allowed = async () =>
      (await t.data(`query($id: ID!) { appointment(id: $id) { status allowedTransitions } }`, { id: a.id }, admin))
        .appointment;
    expect(await allowed()).toEqual({
      status: 'SCHEDULED',
      allowedTransitions: ['CONFIRMED', 'CHECKED_IN', 'CANCELLED', 'NO_SHOW'],
    });
    const moved = await t.data(
      `mutation($id: ID!) { transitionAppointment(id: $id, to: CHECKED_IN) { allowedTransitions } }`,
      { id: a.id },
      receptionist,
    );
    expect(moved.transitionAppointment.allowedTransitions).toEqual(['IN_TREATMENT', 'CANCELLED']);
    await t.data(`mutation($id: ID!) { cancelAppointment(id: $id) { id } }`, { id: a.id }, receptionist);
    expect(await allowed()).toEqual({ status: 'CANCELLED', allowedTransitions: [] });

    const PROFESSIONALS = `{ professionals { id fullName } }`;
    const inA = (await t.data(PROFESSIONALS, {}, receptionist)).professionals.map((u: { id: string }) => u.id);
    expect(inA).toContain(dentist.userId);
    expect(inA).toContain(hygienist.userId);
    expect(inA).not.toContain(receptionist.userId);
    expect(inA).not.toContain(bDentist.userId);
    expect((await t.data(PROFESSIONALS, {}, bAdmin)).professionals.map((u: { id: string }) => u.id)).toEqual([
      bDentist.userId,
    ]);
    expect((await t.gql(PROFESSIONALS, {})).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an overlap for the same professional (SLOT_CONFLICT naming the other, clinic time); nothing is written', async () => {
    const first = (await schedule({ cabinetId: roomA, startTime: '2026-03-03T13:00', endTime: '2026-03-03T13:30' }))
      .data!.scheduleAppointment;
    const count = async () =>
      Number(
        (await sql(`select count(*)::int as n from appointments where professional_id = ?`, [dentist.userId]))[0].n,
      );
    const before = await count();
    const overlap = await schedule({ cabinetId: roomB, startTime: '2026-03-03T13:15', endTime: '2026-03-03T13:45' });
    // Codes and details for clients to word: whose time is taken, and the other appointment's span as instants.
    expect(overlap.errors?.[0].extensions).toMatchObject({
      code: 'SLOT_CONFLICT',
      reason: 'SLOT_TAKEN',
      subject: 'PROFESSIONAL',
      conflictWith: first.id,
      conflictStart: '2026-03-03T12:00:00.000Z',
      conflictEnd: '2026-03-03T12:30:00.000Z',
    });
    // 12:00Z is 13:00 in Madrid: the message speaks the clinic's wall clock.
    expect(overlap.errors?.[0].message).toContain('2026-03-03 13:00–13:30');
    expect(overlap.data).toBeNull();
    expect(await count()).toBe(before);
    // Touching intervals do not overlap.
    const touching = await schedule({ cabinetId: roomA, startTime: '2026-03-03T13:30', endTime: '2026-03-03T14:00' });
    expect(touching.errors).toBeUndefined();
    // The same cabinet with another professional is refused too, naming the cabinet's appointment.
    const sameRoom = await schedule({
      cabinetId: roomA,
      professionalId: hygienist.userId,
      startTime: '2026-03-03T13:45',
      endTime: '2026-03-03T14:15',
    });
    expect(sameRoom.errors?.[0].extensions).toMatchObject({
      code: 'SLOT_CONFLICT',
      reason: 'SLOT_TAKEN',
      subject: 'CABINET',
      conflictWith: touching.data!.scheduleAppointment.id,
      conflictStart: '2026-03-03T12:30:00.000Z',
      conflictEnd: '2026-03-03T13:00:00.000Z',
    });
    expect(sameRoom.errors?.[0].message).toMatch(/^The cabinet already has an appointment 2026-03-03 13:30–14:00/);
    // A cancelled appointment does not block its time.
    await t.data(`mutation($id: ID!) { cancelAppointment(id: $id) { status } }`, { id: first.id }, admin);
    const again = await schedule({ cabinetId: roomB, startTime: '2026-03-03T13:10', endTime: '2026-03-03T13:20' });
    expect(again.errors).toBeUndefined();
    // Without a cabinet, an appointment holds only its professional's time.
    const noCabinet = await schedule({
      professionalId: hygienist.userId,
      startTime: '2026-03-03T13:10',
      endTime: '2026-03-03T13:20',
    });
    expect(noCabinet.errors).toBeUndefined();
    // A start after its end names the field.
    const backwards = await schedule({ startTime: '2026-03-03T18:00', endTime: '2026-03-03T17:00' });
    expect(backwards.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'endTime', message: 'must be after startTime' }],
    });
    // Longer than a day is refused too (it is what bounds a window's read).
    const tooLong = await schedule({ startTime: '2027-01-10T09:00', endTime: '2027-01-11T09:01' });
    expect(tooLong.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'endTime', message: 'must be at most 24 hours after startTime' }],
    });
    // A full day is allowed, and a window that opens near its end still finds it.
    const day = await schedule({ startTime: '2027-01-10T09:00', endTime: '2027-01-11T09:00' });
    expect(day.errors).toBeUndefined();
    const { appointments } = await t.data<{ appointments: { id: string }[] }>(
      `{ appointments(from: "2027-01-11T08:59", to: "2027-01-11T10:00") { id } }`,
      {},
      admin,
    );
    expect(appointments.map((a) => a.id)).toContain(day.data!.scheduleAppointment.id);
  });

  it('applies the same rule to reschedule and cabinet assignment; a refused move leaves the appointment as it was', async () => {
    const RESCHEDULE = `mutation($id: ID!, $s: DateTime!, $e: DateTime!) { rescheduleAppointment(id: $id, startTime: $s, endTime: $e) { id startTime } }`;
    const anchor = (await schedule({ cabinetId: roomA, startTime: '2026-03-04T10:00', endTime: '2026-03-04T10:30' }))
      .data!.scheduleAppointment;
    const later = (await schedule({ cabinetId: roomA, startTime: '2026-03-04T11:00', endTime: '2026-03-04T11:30' }))
      .data!.scheduleAppointment;
    const moved = await t.gql(RESCHEDULE, { id: later.id, s: '2026-03-04T10:20', e: '2026-03-04T10:50' }, admin);
    expect(moved.errors?.[0].extensions).toMatchObject({ code: 'SLOT_CONFLICT', conflictWith: anchor.id });
    const [row] = await sql(`select start_time from appointments where id = ?`, [later.id]);
    expect(new Date(row.start_time).toISOString()).toBe('2026-03-04T10:00:00.000Z');
    // Moving an appointment within its own time is no conflict with itself.
    expect(
      (await t.gql(RESCHEDULE, { id: later.id, s: '2026-03-04T11:10', e: '2026-03-04T11:40' }, admin)).errors,
    ).toBeUndefined();
    // Another professional's appointment without a cabinet, then moved into roomA at the same time.
    const hyg = (
      await schedule({ professionalId: hygienist.userId, startTime: '2026-03-04T10:15', endTime: '2026-03-04T10:45' })
    ).data!.scheduleAppointment;
    const assign = await t.gql(ASSIGN, { id: hyg.id, cabinetId: roomA }, admin);
    expect(assign.errors?.[0].extensions).toMatchObject({ code: 'SLOT_CONFLICT', conflictWith: anchor.id });
    expect((await t.data(ASSIGN, { id: hyg.id, cabinetId: roomB }, admin)).assignCabinet.cabinet.name).toBe('Room 2');
  });

  it('moves time and cabinet in one write: a conflict of either changes neither', async () => {
    const MOVE = `mutation($id: ID!, $s: DateTime!, $e: DateTime!, $cabinetId: ID) {
      rescheduleAppointment(id: $id, startTime: $s, endTime: $e, cabinetId: $cabinetId) { id startTime cabinet { name } } }`;
    const busy = (
      await schedule({
        professionalId: hygienist.userId,
        cabinetId: roomB,
        startTime: '2026-03-06T12:00',
        endTime: '2026-03-06T12:30',
      })
    ).data!.scheduleAppointment;
    const a = (await schedule({ cabinetId: roomA, startTime: '2026-03-06T09:00', endTime: '2026-03-06T09:30' })).data!
      .scheduleAppointment;
    const state = async () =>
      (await sql(`select start_time, cabinet_id from appointments where id = ?`, [a.id])).map(
        (r: { start_time: Date; cabinet_id: string | null }) => [new Date(r.start_time).toISOString(), r.cabinet_id],
      )[0];
    const events = async () =>
      (await sql(`select type from core_event_outbox where payload->>'appointment_id' = ? order by id`, [a.id])).map(
        (r: { type: string }) => r.type,
      );
    const before = await state();
    // The new time is free for the dentist, but Room 2 is taken then: neither the time nor the cabinet moves.
    const refused = await t.gql(
      MOVE,
      { id: a.id, s: '2026-03-06T12:10', e: '2026-03-06T12:40', cabinetId: roomB },
      admin,
    );
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'SLOT_CONFLICT', conflictWith: busy.id });
    expect(await state()).toEqual(before);
    expect(await events()).toEqual(['appointment.scheduled']);
    // A free time in Room 2: both change, with both events.
    const moved = (
      await t.data(MOVE, { id: a.id, s: '2026-03-06T13:00', e: '2026-03-06T13:30', cabinetId: roomB }, admin)
    ).rescheduleAppointment;
    expect(moved.cabinet.name).toBe('Room 2');
    expect(await state()).toEqual(['2026-03-06T12:00:00.000Z', roomB]);
    expect(await events()).toEqual(['appointment.scheduled', 'appointment.updated', 'appointment.cabinet_changed']);
    // Without cabinetId the cabinet stays; an explicit null unassigns it.
    expect(
      (await t.data(MOVE, { id: a.id, s: '2026-03-06T14:00', e: '2026-03-06T14:30' }, admin)).rescheduleAppointment
        .cabinet.name,
    ).toBe('Room 2');
    expect(
      (await t.data(MOVE, { id: a.id, s: '2026-03-06T14:00', e: '2026-03-06T14:30', cabinetId: null }, admin))
        .rescheduleAppointment.cabinet,
    ).toBeNull();
  });

  it('lets exactly one of 20 simultaneous overlapping bookings for one professional land', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        schedule({
          startTime: `2026-03-05T09:${String(i).padStart(2, '0')}`,
          endTime: `2026-03-05T09:${String(30 + i).padStart(2, '0')}`,
        }),
      ),
    );
    const landed = results.filter((r) => !r.errors);
    expect(landed).toHaveLength(1);
    const winner = landed[0].data!.scheduleAppointment.id;
    for (const r of results.filter((x) => x.errors))
      expect(r.errors?.[0].extensions).toMatchObject({ code: 'SLOT_CONFLICT', conflictWith: winner });
    const rows = await sql(
      `select id from appointments where professional_id = ? and start_time >= '2026-03-05' and start_time < '2026-03-06'`,
      [dentist.userId],
    );
    expect(rows.map((r: { id: string }) => r.id)).toEqual([winner]);
  });

  it('lists a bounded range with filters and a kanban day by cabinet', async () => {
    const LIST = `query($from: DateTime!, $to: DateTime!, $status: [AppointmentStatus!], $cabinetId: ID) {
      appointments(from: $from, to: $to, status: $status, cabinetId: $cabinetId) { id status cabinet { name } } }`;
    const march = (await t.data(LIST, { from: '2026-03-03T00:00', to: '2026-03-04T00:00' }, hygienist)).appointments;
    expect(march.length).toBeGreaterThanOrEqual(4);
    const cancelled = (
      await t.data(LIST, { from: '2026-03-03T00:00', to: '2026-03-04T00:00', status: ['CANCELLED'] }, admin)
    ).appointments;
    expect(cancelled).toHaveLength(1);
    const inRoom1 = (await t.data(LIST, { from: '2026-03-03T00:00', to: '2026-03-04T00:00', cabinetId: roomA }, admin))
      .appointments;
    expect(inRoom1.every((a: { cabinet: { name: string } }) => a.cabinet.name === 'Room 1')).toBe(true);
    const tooWide = await t.gql(LIST, { from: '2026-01-01T00:00', to: '2026-03-01T00:00' }, admin);
    expect(tooWide.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const day = (
      await t.data(
        `{ agendaDay(date: "2026-03-03") { byCabinet { cabinet { name } appointments { status } } unassigned { id } } }`,
        {},
        admin,
      )
    ).agendaDay;
    expect(day.byCabinet.map((c: { cabinet: { name: string } }) => c.cabinet.name)).toEqual(['Room 1', 'Room 2']);
    expect(day.unassigned).toHaveLength(1);
  });

  it('isolates clinics: clinic B sees and touches nothing of clinic A', async () => {
    const a = (await schedule({ startTime: '2026-04-01T09:00', endTime: '2026-04-01T09:30' })).data!
      .scheduleAppointment;
    expect(
      (await t.data(`query($id: ID!) { appointment(id: $id) { id } }`, { id: a.id }, bAdmin)).appointment,
    ).toBeNull();
    expect(
      (await t.data(`{ appointments(from: "2026-04-01T00:00", to: "2026-04-02T00:00") { id } }`, {}, bAdmin))
        .appointments,
    ).toEqual([]);
    for (const [query, vars] of [
      [TRANSITION, { id: a.id, to: 'CONFIRMED' }],
      [ASSIGN, { id: a.id, cabinetId: null }],
      [`mutation($id: ID!) { cancelAppointment(id: $id) { id } }`, { id: a.id }],
    ] as const)
      expect((await t.gql(query, vars, bAdmin)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    // Clinic A's patient, professional and cabinet are unknown in clinic B.
    const cross = await t.gql(
      SCHEDULE,
      {
        input: {
          patientId,
          professionalId: bDentist.userId,
          startTime: '2026-04-01T09:00',
          endTime: '2026-04-01T09:30',
        },
      },
      bAdmin,
    );
    expect(cross.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const crossCabinet = await t.gql(
      SCHEDULE,
      {
        input: {
          patientId: (
            await t.data(`mutation { createPatient(input: { firstName: "C", lastName: "B" }) { id } }`, {}, bAdmin)
          ).createPatient.id,
          professionalId: bDentist.userId,
          cabinetId: roomA,
          startTime: '2026-04-01T09:00',
          endTime: '2026-04-01T09:30',
        },
      },
      bAdmin,
    );
    expect(crossCabinet.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await sql(`select status from appointments where id = ?`, [a.id]))[0].status).toBe('scheduled');
  });

  it('streams agendaChanged live to a second client, with cross-subgraph fields; clinic B sees nothing', async () => {
    const SUB = `subscription($from: DateTime, $to: DateTime) { agendaChanged(from: $from, to: $to) {
      type appointment { id status who: patient { name: fullName } cabinet { name } professional { fullName } } } }`;
    const watcherClient = ws(t.url, { token: hygienist.token });
    const bClient = ws(t.url, bAdmin);
    clients.push(watcherClient, bClient);
    const watcher = collect(watcherClient, SUB, { from: '2026-05-01T00:00', to: '2026-05-02T00:00' });
    const otherDay = collect(watcherClient, SUB, { from: '2026-06-01T00:00', to: '2026-06-02T00:00' });
    const b = collect(bClient, SUB);
    await new Promise((r) => setTimeout(r, 400));
    const a = (
      await schedule({ cabinetId: roomA, startTime: '2026-05-01T09:00', endTime: '2026-05-01T09:30' }, receptionist)
    ).data!.scheduleAppointment;
    await t.data(TRANSITION, { id: a.id, to: 'CHECKED_IN' }, receptionist);
    await eventually(async () => watcher.items.length >= 2);
    await new Promise((r) => setTimeout(r, 400));
    expect(watcher.errors).toEqual([]);
    expect(watcher.items).toEqual([
      {
        agendaChanged: {
          type: 'appointment.scheduled',
          appointment: {
            id: a.id,
            status: expect.stringMatching(/SCHEDULED|CHECKED_IN/),
            who: { name: 'Lucía García' },
            cabinet: { name: 'Room 1' },
            professional: { fullName: 'dentist Tester' },
          },
        },
      },
      {
        agendaChanged: {
          type: 'appointment.checked_in',
          appointment: expect.objectContaining({ id: a.id, status: 'CHECKED_IN', who: { name: 'Lucía García' } }),
        },
      },
    ]);
    expect(otherDay.items).toEqual([]);
    expect(b.items).toEqual([]);
    watcher.stop();
    otherDay.stop();
    b.stop();
  });

  it('shares one execution of an event only between subscribers of one scope: other grants or another clinic never get its payload', async () => {
    await t.data(
      `mutation($input: CreateClinicalNoteInput!) { createClinicalNote(input: $input) { id } }`,
      { input: { patientId, ownerType: 'PATIENT', body: 'Allergic to latex' } },
      dentist,
    );
    // The same document for everyone; only the dentist's grants include clinical notes.
    const SUB = `subscription { agendaChanged { type appointment { id patient { fullName clinicalNotes { body } } } } }`;
    const sockets = (caller: Caller, n: number) =>
      [...Array(n)].map(() => {
        const client = ws(t.url, caller);
        clients.push(client);
        const messages: { data?: any; errors?: readonly { extensions?: Record<string, unknown> }[] }[] = [];
        const stop = client.subscribe(
          { query: SUB },
          { next: (m) => messages.push(m), error: () => undefined, complete: () => undefined },
        );
        return { messages, stop };
      });
    const dentists = sockets({ token: dentist.token }, 3);
    const receptionists = sockets({ token: receptionist.token }, 3);
    const clinicB = sockets(bAdmin, 2);
    await new Promise((r) => setTimeout(r, 400));
    const a = (await schedule({ startTime: '2026-08-03T09:00', endTime: '2026-08-03T09:30' }, receptionist)).data!
      .scheduleAppointment;
    await eventually(async () => [...dentists, ...receptionists].every((s) => s.messages.length >= 1));
    await new Promise((r) => setTimeout(r, 400));
    for (const s of dentists)
      expect(s.messages).toEqual([
        {
          data: {
            agendaChanged: {
              type: 'appointment.scheduled',
              appointment: {
                id: a.id,
                patient: { fullName: 'Lucía García', clinicalNotes: [{ body: 'Allergic to latex' }] },
              },
            },
          },
        },
      ]);
    for (const s of receptionists) {
      expect(s.messages).toHaveLength(1);
      expect(JSON.stringify(s.messages)).not.toContain('latex');
      expect(s.messages[0].errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    for (const s of clinicB) expect(s.messages).toEqual([]);
    for (const s of [...dentists, ...receptionists, ...clinicB]) s.stop();
  });

  it('resumes agendaChanged after the last eventId received: the missed changes of the window, in order, then live', async () => {
    const SUB = `subscription($from: DateTime, $to: DateTime, $after: ID) {
      agendaChanged(from: $from, to: $to, after: $after) { eventId type appointment { id status } } }`;
    const window = { from: '2026-07-01T00:00', to: '2026-07-02T00:00' };
    const watcherClient = ws(t.url, { token: hygienist.token });
    clients.push(watcherClient);
    const first = collect(watcherClient, SUB, window);
    await new Promise((r) => setTimeout(r, 400));
    const a = (await schedule({ cabinetId: roomA, startTime: '2026-07-01T09:00', endTime: '2026-07-01T09:30' })).data!
      .scheduleAppointment;
    await eventually(async () => first.items.length === 1);
    first.stop();
    const seen = first.items[0].agendaChanged.eventId;
    const [scheduled] = await sql(
      `select event_id from core_event_outbox where type = 'appointment.scheduled' and payload->>'appointment_id' = ?`,
      [a.id],
    );
    expect(seen).toBe(scheduled.event_id);

    // Missed while away: a confirmation in the window, an appointment on another day.
    await t.data(TRANSITION, { id: a.id, to: 'CONFIRMED' }, receptionist);
    await schedule({ cabinetId: roomA, startTime: '2026-07-09T09:00', endTime: '2026-07-09T09:30' });
    const resumed = collect(watcherClient, SUB, { ...window, after: seen });
    await eventually(async () => resumed.items.length === 1);
    await t.data(TRANSITION, { id: a.id, to: 'CHECKED_IN' }, receptionist);
    await eventually(async () => resumed.items.length === 2);
    await new Promise((r) => setTimeout(r, 400));
    const expected = await sql(
      `select event_id, type from core_event_outbox where payload->>'appointment_id' = ? and type = any(?) order by id`,
      [a.id, ['appointment.confirmed', 'appointment.checked_in']],
    );
    expect(resumed.errors).toEqual([]);
    expect(resumed.items.map((i) => [i.agendaChanged.eventId, i.agendaChanged.type])).toEqual(
      expected.map((e: { event_id: string; type: string }) => [e.event_id, e.type]),
    );
    expect(resumed.items[1].agendaChanged.appointment).toEqual({ id: a.id, status: 'CHECKED_IN' });
    resumed.stop();
  });

  it('refuses sockets for a clinic the token has no membership in (4403), and ends live ones with 4205 on a supergraph change', async () => {
    const outsider = await t.userWithRole({ ...admin, clinicId: clinicB }, 'assistant', clinicB);
    const refusedCloses: number[] = [];
    const foreign = ws(t.url, { token: outsider.token, clinicId: admin.clinicId }, refusedCloses);
    clients.push(foreign);
    const refused = collect(foreign, `subscription { agendaChanged { type } }`);
    await refused.done;
    expect(refusedCloses).toContain(4403);

    const closes: number[] = [];
    const live = ws(t.url, { token: dentist.token }, closes);
    clients.push(live);
    const sub = collect(live, `subscription { agendaChanged { type appointment { id } } }`);
    await new Promise((r) => setTimeout(r, 300));
    await t.data(`mutation { installModule(name: "fixture_events") { scheduled } }`, {}, admin);
    await t.data(`mutation { restartModules { activeModules } }`, {}, admin);
    await sub.done;
    expect(closes).toContain(4205);
  });
});
