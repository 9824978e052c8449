import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clinicDay, eventually, startTestPlatform, systemIdentity, type TestPlatform } from '@dentalpin/core/testing';
import treatmentPlan from '../src/index.ts';

const PLAN = `id number status allowedTransitions closureReason closureNote budget { id }
  items { id status sequence treatment { id } sessions { id sequence status appointmentId completedAt } }`;
const CREATE = `mutation($input: CreateTreatmentPlanInput!) { createTreatmentPlan(input: $input) { ${PLAN} } }`;
const ADD_ITEM = `mutation($planId: ID!, $treatmentId: ID!, $sessions: Int) {
  addPlanItem(planId: $planId, treatmentId: $treatmentId, sessions: $sessions) { ${PLAN} } }`;
const SET_SESSIONS = `mutation($itemId: ID!, $count: Int!, $remove: [ID!]) {
  setPlanItemSessions(itemId: $itemId, count: $count, remove: $remove) { ${PLAN} } }`;
const LINK = `mutation($sessionId: ID!, $appointmentId: ID) {
  linkPlanSessionAppointment(sessionId: $sessionId, appointmentId: $appointmentId) { ${PLAN} } }`;
const COMPLETE_SESSION = `mutation($id: ID!) { completePlanSession(id: $id) { ${PLAN} } }`;
const COMPLETE_ITEM = `mutation($id: ID!) { completePlanItem(id: $id) { ${PLAN} } }`;
const ARCHIVE = `mutation($id: ID!) { archiveTreatmentPlan(id: $id) { ${PLAN} } }`;
const CONFIRM = `mutation($id: ID!) { confirmTreatmentPlan(id: $id) { ${PLAN} } }`;
const GET = `query($id: ID!) { treatmentPlan(id: $id) { ${PLAN} } }`;
const TREATMENT = `query($id: ID!) { treatment(id: $id) { id status } }`;
const ADD_TREATMENT = `mutation($input: AddTreatmentInput!) { addTreatment(input: $input) { id } }`;
const SCHEDULE = `mutation($input: ScheduleAppointmentInput!) { scheduleAppointment(input: $input) { id } }`;
const TRANSITION = `mutation($id: ID!, $to: AppointmentStatus!) { transitionAppointment(id: $id, to: $to) { id status } }`;

type Caller = { token: string; clinicId: string; userId?: string };
type Session = {
  id: string;
  sequence: number;
  status: string;
  appointmentId: string | null;
  completedAt: string | null;
};
type Plan = {
  id: string;
  status: string;
  closureReason: string | null;
  closureNote: string | null;
  budget: { id: string } | null;
  items: { id: string; status: string; treatment: { id: string }; sessions: Session[] }[];
};

describe('treatment_plan: sessions, appointments, archive, the expiry job, reception', () => {
  let t: TestPlatform;
  let admin: Caller;
  let dentist: Caller & { userId: string };
  let receptionist: Caller;
  let patientId: string;
  let otherPatientId: string;
  let cabinetId: string;
  const catalog: Record<string, string> = {};
  let slot = 0;

  const count = async (table: string) => Number((await t.platform.db.knex(table).count('* as n').first())?.n);
  const newPatient = async (firstName: string) =>
    (
      await t.data(
        `mutation($input: CreatePatientInput!) { createPatient(input: $input) { id } }`,
        { input: { firstName, lastName: 'Sesiones' } },
        admin,
      )
    ).createPatient.id as string;
  const treatment = async (tooth: number, code = 'crown_zirconia', pid = patientId) =>
    (
      await t.data(
        ADD_TREATMENT,
        { input: { patientId: pid, catalogItemId: catalog[code], teeth: [{ toothNumber: tooth }] } },
        dentist,
      )
    ).addTreatment.id as string;
  const appointment = async (pid = patientId) => {
    const day = String(10 + slot++).padStart(2, '0');
    return (
      await t.data(
        SCHEDULE,
        {
          input: {
            patientId: pid,
            professionalId: dentist.userId,
            cabinetId,
            startTime: `2026-03-${day}T09:00:00Z`,
            endTime: `2026-03-${day}T09:30:00Z`,
          },
        },
        receptionist,
      )
    ).scheduleAppointment.id as string;
  };
  const get = async (id: string) => (await t.data(GET, { id }, dentist)).treatmentPlan as Plan;
  /** A plan of `treatments` made by reception, confirmed by the dentist and accepted: ACTIVE. */
  const activePlan = async (treatments: { id: string; sessions: number }[]) => {
    const plan = (await t.data(CREATE, { input: { patientId } }, receptionist)).createTreatmentPlan as Plan;
    for (const x of treatments)
      await t.data(ADD_ITEM, { planId: plan.id, treatmentId: x.id, sessions: x.sessions }, receptionist);
    const confirmed = (await t.data(CONFIRM, { id: plan.id }, dentist)).confirmTreatmentPlan as Plan;
    await t.data(`mutation($id: ID!) { acceptBudget(id: $id) { id } }`, { id: confirmed.budget!.id }, dentist);
    await eventually(async () => (await get(plan.id)).status === 'ACTIVE');
    return get(plan.id);
  };

  beforeAll(async () => {
    t = await startTestPlatform();
    admin = await t.setup();
    const as = async (role: string) => ({ ...(await t.userWithRole(admin, role)), clinicId: admin.clinicId });
    dentist = await as('dentist');
    receptionist = await as('receptionist');
    patientId = await newPatient('Marta');
    otherPatientId = await newPatient('Otro');
    const items = await t.data(`{ catalogItems(pageSize: 100) { items { id code } } }`, {}, admin);
    for (const i of items.catalogItems.items as { id: string; code: string }[]) catalog[i.code] = i.id;
    cabinetId = (await t.data(`{ cabinets { id } }`, {}, admin)).cabinets[0].id;
  });
  afterAll(() => t.close());

  it('an item takes N sessions; a completed booked appointment completes its session; the last one performs the treatment and completes the plan; then it is archived', async () => {
    const crown = await treatment(46);
    const plan = await activePlan([{ id: crown, sessions: 2 }]);
    const [item] = plan.items;
    expect(item.sessions.map((s) => [s.sequence, s.status, s.appointmentId])).toEqual([
      [1, 'PENDING', null],
      [2, 'PENDING', null],
    ]);
    // Reception books the first visit.
    const visit = await appointment();
    const booked = (await t.data(LINK, { sessionId: item.sessions[0].id, appointmentId: visit }, receptionist))
      .linkPlanSessionAppointment as Plan;
    expect(booked.items[0].sessions[0].appointmentId).toBe(visit);

    for (const to of ['CHECKED_IN', 'IN_TREATMENT', 'COMPLETED'])
      await t.data(TRANSITION, { id: visit, to }, receptionist);
    const afterVisit = await eventually(async () => {
      const p = await get(plan.id);
      return p.items[0].sessions[0].status === 'COMPLETED' ? p : null;
    });
    expect(afterVisit.items[0].status).toBe('PENDING');
    expect(afterVisit.status).toBe('ACTIVE');
    expect((await t.data(TREATMENT, { id: crown }, dentist)).treatment.status).toBe('PLANNED');

    // Reception cannot complete clinical work; the dentist completes the second session.
    const denied = await t.gql(COMPLETE_SESSION, { id: item.sessions[1].id }, receptionist);
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const done = (await t.data(COMPLETE_SESSION, { id: item.sessions[1].id }, dentist)).completePlanSession as Plan;
    expect(done.status).toBe('COMPLETED');
    expect(done.items[0].status).toBe('COMPLETED');
    expect(done.items[0].sessions.map((s) => s.status)).toEqual(['COMPLETED', 'COMPLETED']);
    expect((await t.data(TREATMENT, { id: crown }, dentist)).treatment.status).toBe('PERFORMED');
    const again = await t.gql(COMPLETE_SESSION, { id: item.sessions[1].id }, dentist);
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');

    const archived = (await t.data(ARCHIVE, { id: plan.id }, receptionist)).archiveTreatmentPlan as Plan;
    expect(archived.status).toBe('ARCHIVED');
    expect((await t.gql(ARCHIVE, { id: plan.id }, receptionist)).errors?.[0].extensions?.code).toBe('ALREADY_IN_STATE');
  });

  it('performing the treatment on the chart completes its item and cancels its pending sessions', async () => {
    const crown = await treatment(45);
    const plan = await activePlan([{ id: crown, sessions: 3 }]);
    await t.data(COMPLETE_SESSION, { id: plan.items[0].sessions[0].id }, dentist);
    await t.data(`mutation($id: ID!) { performTreatment(id: $id) { id } }`, { id: crown }, dentist);
    const p = await eventually(async () => {
      const x = await get(plan.id);
      return x.status === 'COMPLETED' ? x : null;
    });
    expect(p.items[0].sessions.map((s) => s.status)).toEqual(['COMPLETED', 'CANCELLED', 'CANCELLED']);
  });

  it('completePlanItem completes every pending session and performs the treatment', async () => {
    const [a, b] = [await treatment(44), await treatment(43)];
    const plan = await activePlan([
      { id: a, sessions: 2 },
      { id: b, sessions: 1 },
    ]);
    const p = (await t.data(COMPLETE_ITEM, { id: plan.items[0].id }, dentist)).completePlanItem as Plan;
    expect(p.status).toBe('ACTIVE');
    expect(p.items[0].sessions.map((s) => s.status)).toEqual(['COMPLETED', 'COMPLETED']);
    expect((await t.data(TREATMENT, { id: a }, dentist)).treatment.status).toBe('PERFORMED');
  });

  it('refuses bad session input with contract codes and writes nothing', async () => {
    const crown = await treatment(36);
    const plan = (await t.data(CREATE, { input: { patientId, treatmentIds: [crown] } }, receptionist))
      .createTreatmentPlan as Plan;
    const [item] = plan.items;
    expect(item.sessions).toHaveLength(1);
    const sessions = await count('treatment_plan_sessions');
    const zero = await t.gql(SET_SESSIONS, { itemId: item.id, count: 0 }, receptionist);
    expect(zero.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(zero.errors?.[0].message).toMatch(/at least 1/);
    const many = await t.gql(
      ADD_ITEM,
      { planId: plan.id, treatmentId: await treatment(37), sessions: 21 },
      receptionist,
    );
    expect(many.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const foreign = await appointment(otherPatientId);
    const wrong = await t.gql(LINK, { sessionId: item.sessions[0].id, appointmentId: foreign }, receptionist);
    expect(wrong.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(wrong.errors?.[0].message).toMatch(/another patient/);
    const unknown = await t.gql(
      LINK,
      { sessionId: item.sessions[0].id, appointmentId: '00000000-0000-4000-8000-000000000000' },
      receptionist,
    );
    expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(await count('treatment_plan_sessions')).toBe(sessions);

    // Growing and shrinking; a booked session cannot be dropped.
    const grown = (await t.data(SET_SESSIONS, { itemId: item.id, count: 3 }, receptionist)).setPlanItemSessions as Plan;
    expect(grown.items[0].sessions.map((s) => s.sequence)).toEqual([1, 2, 3]);
    await t.data(LINK, { sessionId: grown.items[0].sessions[2].id, appointmentId: await appointment() }, receptionist);
    const [first, second, third] = grown.items[0].sessions;
    const bookedDrop = await t.gql(SET_SESSIONS, { itemId: item.id, count: 2, remove: [third.id] }, receptionist);
    expect(bookedDrop.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(bookedDrop.errors?.[0].message).toMatch(/Session 3 is booked/);
    // Shrinking names the sessions that go (never the last ones by position); wrong names write nothing.
    const unnamed = await t.gql(SET_SESSIONS, { itemId: item.id, count: 2 }, receptionist);
    expect(unnamed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(unnamed.errors?.[0].message).toMatch(/name exactly 1 session/);
    const stranger = await t.gql(SET_SESSIONS, { itemId: item.id, count: 2, remove: [randomUUID()] }, receptionist);
    expect(stranger.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const growAndRemove = await t.gql(SET_SESSIONS, { itemId: item.id, count: 4, remove: [first.id] }, receptionist);
    expect(growAndRemove.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    // The booked third visit stays, with its id, number and appointment; the second goes.
    const shrunk = (await t.data(SET_SESSIONS, { itemId: item.id, count: 2, remove: [second.id] }, receptionist))
      .setPlanItemSessions as Plan;
    expect(shrunk.items[0].sessions.map((s) => [s.id, s.sequence, !!s.appointmentId])).toEqual([
      [first.id, 1, false],
      [third.id, 3, true],
    ]);
    await t.data(LINK, { sessionId: third.id, appointmentId: null }, receptionist);
    expect(await count('treatment_plan_sessions')).toBe(sessions + 1);
    // Only a COMPLETED plan is archived.
    const draftArchive = await t.gql(ARCHIVE, { id: plan.id }, receptionist);
    expect(draftArchive.errors?.[0].extensions?.code).toBe('INVALID_TRANSITION');
    // Completing before the plan is ACTIVE is refused.
    const early = await t.gql(COMPLETE_SESSION, { id: shrunk.items[0].sessions[0].id }, dentist);
    expect(early.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('a performed treatment and its booked visit completed at once complete the item once, with one event', async () => {
    const crown = await treatment(35);
    // A second item keeps the plan ACTIVE after the first completes (the plan's own status is no guard here).
    const plan = await activePlan([
      { id: crown, sessions: 1 },
      { id: await treatment(34), sessions: 1 },
    ]);
    const [item] = plan.items;
    const visit = await appointment();
    await t.data(LINK, { sessionId: item.sessions[0].id, appointmentId: visit }, receptionist);
    await t.eventsSettled();
    const orm = await t.platform.kernel.orm('treatment_plan');
    const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
    /** Runs one of the module's event handlers as the relay would (own transaction, system identity). */
    const handle = (type: string, payload: Record<string, unknown>) =>
      orm.em.fork().transactional((em) =>
        treatmentPlan.eventHandlers![type](
          {
            id: randomUUID(),
            type,
            occurredAt: new Date(),
            clinicId: admin.clinicId,
            payload: { clinic_id: admin.clinicId, ...payload },
          },
          {
            moduleName: 'treatment_plan',
            clinicId: admin.clinicId,
            em,
            logger: silent as never,
            identity: systemIdentity(admin.clinicId, 'treatment_plan'),
            query: t.platform.supergraph.forClinic(admin.clinicId, 'treatment_plan'),
            eventPermission: '*',
          },
        ),
      );
    // Hold the plan's row lock so both handlers read the item as PENDING, then queue on the lock together.
    const holder = await t.platform.db.knex.transaction();
    await holder.raw('select id from treatment_plans where id = ? for update', [plan.id]);
    const both = Promise.all([
      handle('odontogram.treatment.performed', { treatment_id: crown, patient_id: patientId }),
      handle('appointment.completed', { appointment_id: visit, patient_id: patientId }),
    ]);
    await eventually(async () => {
      const { rows } = await t.platform.db.knex.raw(
        `select count(*) as n from pg_stat_activity
         where datname = current_database() and wait_event_type = 'Lock' and query ilike '%treatment_plans%'`,
      );
      return Number(rows[0].n) >= 2;
    });
    await holder.commit();
    await both;
    await t.eventsSettled();

    const events = async (type: string) =>
      Number(
        (
          await t.platform.db.knex.raw(
            `select count(*) as n from core_event_outbox where type = ? and payload->>'item_id' = ?`,
            [type, item.id],
          )
        ).rows[0].n,
      );
    expect(await events('treatment_plan.item_completed')).toBe(1);
    expect(await events('treatment_plan.session_completed')).toBeLessThanOrEqual(1);
    const done = await get(plan.id);
    expect(done.status).toBe('ACTIVE');
    expect(done.items.map((i) => i.status)).toEqual(['COMPLETED', 'PENDING']);
    expect(['COMPLETED', 'CANCELLED']).toContain(done.items[0].sessions[0].status);
  });

  it('every edit checks the plan under its row lock: a plan closed while an edit waited refuses it', async () => {
    const plan = (await t.data(CREATE, { input: { patientId, treatmentIds: [await treatment(33)] } }, receptionist))
      .createTreatmentPlan as Plan;
    const editable = async () =>
      (await t.data(`query($id: ID!) { treatmentPlan(id: $id) { editable } }`, { id: plan.id }, receptionist))
        .treatmentPlan.editable as boolean;
    expect(await editable()).toBe(true);
    const items = await count('treatment_plan_items');
    const extra = await treatment(32);
    const holder = await t.platform.db.knex.transaction();
    await holder.raw('select id from treatment_plans where id = ? for update', [plan.id]);
    const adding = t.gql(ADD_ITEM, { planId: plan.id, treatmentId: extra }, receptionist);
    await eventually(async () => {
      const { rows } = await t.platform.db.knex.raw(
        `select count(*) as n from pg_stat_activity
         where datname = current_database() and wait_event_type = 'Lock' and query ilike '%treatment_plans%'`,
      );
      return Number(rows[0].n) >= 1;
    });
    await holder.raw(
      `update treatment_plans set status = 'closed', closure_reason = 'other', closed_at = now() where id = ?`,
      [plan.id],
    );
    await holder.commit();
    const refused = await adding;
    expect(refused.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(refused.errors?.[0].message).toMatch(/is CLOSED; items are added only in a DRAFT, PENDING or ACTIVE plan/);
    expect(await count('treatment_plan_items')).toBe(items);
    expect(await editable()).toBe(false);
    const booking = await t.gql(
      LINK,
      { sessionId: plan.items[0].sessions[0].id, appointmentId: await appointment() },
      receptionist,
    );
    expect(booking.errors?.[0].message).toMatch(/sessions are booked only in/);
    const resizing = await t.gql(SET_SESSIONS, { itemId: plan.items[0].id, count: 2 }, receptionist);
    expect(resizing.errors?.[0].message).toMatch(/sessions change only in/);
  });

  it('the daily job closes PENDING plans whose budget expired more than 30 days ago (EXPIRED), not recent ones', async () => {
    const make = async (tooth: number) => {
      const p = (await t.data(CREATE, { input: { patientId, treatmentIds: [await treatment(tooth)] } }, dentist))
        .createTreatmentPlan as Plan;
      return (await t.data(CONFIRM, { id: p.id }, dentist)).confirmTreatmentPlan as Plan;
    };
    const old = await make(26);
    const recent = await make(27);
    const day = (daysAgo: number) => clinicDay({ days: -daysAgo });
    await t.platform.db
      .knex('budgets')
      .where({ id: old.budget!.id })
      .update({ status: 'expired', valid_from: day(61), valid_until: day(31) });
    await t.platform.db
      .knex('budgets')
      .where({ id: recent.budget!.id })
      .update({ status: 'expired', valid_from: day(35), valid_until: day(5) });
    await t.platform.jobs.run('treatment_plan.close_expired_plans');
    const closed = await get(old.id);
    expect(closed).toMatchObject({ status: 'CLOSED', closureReason: 'EXPIRED' });
    expect(closed.closureNote).toMatch(/expired on/);
    expect((await get(recent.id)).status).toBe('PENDING');
  });
});
