import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestPlatform, type CallOptions, type TestPlatform } from '@dentalpin/core/testing';

const PLAN = `id number title status allowedTransitions closureReason closureNote patient { id } budget { id }
  items { id status sequence treatment { id } }`;
const CREATE = `mutation($input: CreateTreatmentPlanInput!) { createTreatmentPlan(input: $input) { ${PLAN} } }`;
const ADD_ITEM = `mutation($planId: ID!, $treatmentId: ID!) { addPlanItem(planId: $planId, treatmentId: $treatmentId) { ${PLAN} } }`;
const CONFIRM = `mutation($id: ID!) { confirmTreatmentPlan(id: $id) { ${PLAN} } }`;
const CLOSE = `mutation($id: ID!, $reason: PlanClosureReason!, $note: String) {
  closeTreatmentPlan(id: $id, reason: $reason, note: $note) { ${PLAN} } }`;
const REACTIVATE = `mutation($id: ID!) { reactivateTreatmentPlan(id: $id) { ${PLAN} } }`;
const COMPLETE = `mutation($id: ID!) { completePlanItem(id: $id) { ${PLAN} } }`;
const GET = `query($id: ID!) { treatmentPlan(id: $id) { ${PLAN} } }`;
const LIST = `query($patientId: ID, $status: [TreatmentPlanStatus!]) {
  treatmentPlans(patientId: $patientId, status: $status) { id status } }`;
const TOOL = `mutation($name: String!, $args: JSON!) {
  callAgentTool(name: $name, args: $args) { status result error errorCode } }`;
const ADD_TREATMENT = `mutation($input: AddTreatmentInput!) { addTreatment(input: $input) { id } }`;

type Caller = { token: string; clinicId: string };
type Plan = {
  id: string;
  number: string;
  status: string;
  allowedTransitions: string[];
  closureReason: string | null;
  budget: { id: string } | null;
  items: { id: string; status: string; sequence: number; treatment: { id: string } }[];
};

describe('treatment_plan', () => {
  let t: TestPlatform;
  let admin: Caller;
  let dentist: Caller;
  let hygienist: Caller;
  let assistant: Caller;
  let receptionist: Caller;
  let other: Caller;
  let patientId: string;
  let otherPatientId: string;
  const catalog: Record<string, string> = {};
  const otherCatalog: Record<string, string> = {};

  const count = async (table: string) => Number((await t.platform.db.knex(table).count('* as n').first())?.n);
  const outbox = async (type: string) =>
    (await t.platform.db.knex.raw(`select payload from core_event_outbox where type = ? order by id`, [type])).rows.map(
      (r: { payload: Record<string, unknown> }) => r.payload,
    );
  const newPatient = async (caller: CallOptions, firstName: string) =>
    (
      await t.data(
        `mutation($input: CreatePatientInput!) { createPatient(input: $input) { id } }`,
        { input: { firstName, lastName: 'Plan' } },
        caller,
      )
    ).createPatient.id as string;
  const treatment = async (tooth: number, code = 'filling_composite', pid = patientId, caller: CallOptions = dentist) =>
    (
      await t.data(
        ADD_TREATMENT,
        {
          input: {
            patientId: pid,
            catalogItemId: (caller === other ? otherCatalog : catalog)[code],
            teeth: [{ toothNumber: tooth, ...(code === 'filling_composite' ? { surfaces: ['O'] } : {}) }],
          },
        },
        caller,
      )
    ).addTreatment.id as string;
  const create = async (treatmentIds: string[], caller: CallOptions = dentist) =>
    (await t.data(CREATE, { input: { patientId, title: 'Upper right', treatmentIds } }, caller))
      .createTreatmentPlan as Plan;
  const budgetStatus = async (id: string) =>
    (await t.data(`query($id: ID!) { budget(id: $id) { status total } }`, { id }, admin)).budget as {
      status: string;
      total: string;
    };

  beforeAll(async () => {
    t = await startTestPlatform();
    const a = await t.setup();
    admin = a;
    const as = async (role: string) => ({ ...(await t.userWithRole(a, role)), clinicId: a.clinicId });
    dentist = await as('dentist');
    hygienist = await as('hygienist');
    assistant = await as('assistant');
    receptionist = await as('receptionist');
    patientId = await newPatient(admin, 'Lucía');
    const items = await t.data(`{ catalogItems(pageSize: 100) { items { id code } } }`, {}, admin);
    for (const i of items.catalogItems.items as { id: string; code: string }[]) catalog[i.code] = i.id;
    const clinicB = (await t.data('mutation { createClinic(input: { name: "B" }) { id } }', {}, admin)).createClinic.id;
    other = {
      ...(await t.userWithRole({ token: admin.token, clinicId: clinicB }, 'dentist', clinicB)),
      clinicId: clinicB,
    };
    otherPatientId = await newPatient(other, 'Otra');
    // A new clinic's catalog is seeded after the clinic is created: wait for it.
    const theirs = await eventually(async () => {
      const r = await t.data(`{ catalogItems(pageSize: 100) { items { id code } } }`, {}, other);
      return r.catalogItems.items.length ? (r.catalogItems.items as { id: string; code: string }[]) : null;
    });
    for (const i of theirs) otherCatalog[i.code] = i.id;
  });
  afterAll(() => t.close());

  it('creates a DRAFT plan numbered per clinic with its treatments as items', async () => {
    const [a, b] = [await treatment(16), await treatment(17)];
    const plan = await create([a, b]);
    expect(plan).toMatchObject({
      status: 'DRAFT',
      allowedTransitions: ['PENDING', 'CLOSED'],
      patient: { id: patientId },
      budget: null,
    });
    expect(plan.number).toMatch(/^PLAN-\d{4}-\d{4}$/);
    expect(plan.items.map((i) => [i.sequence, i.treatment.id, i.status])).toEqual([
      [1, a, 'PENDING'],
      [2, b, 'PENDING'],
    ]);
    const second = await create([]);
    expect(Number(second.number.slice(-4))).toBe(Number(plan.number.slice(-4)) + 1);
    const listed = (await t.data(LIST, { patientId, status: ['DRAFT'] }, receptionist)).treatmentPlans;
    expect(listed.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining([plan.id, second.id]));
    const onPatient = await t.data(
      `query($id: ID!) { patient(id: $id) { treatmentPlans { id } } }`,
      { id: patientId },
      hygienist,
    );
    expect(onPatient.patient.treatmentPlans.map((p: { id: string }) => p.id)).toContain(plan.id);
    expect(await outbox('treatment_plan.created')).toEqual(
      expect.arrayContaining([expect.objectContaining({ plan_id: plan.id, patient_id: patientId })]),
    );
  });

  it('confirm creates the budget (DRAFT → PENDING); acceptance activates; performing the last treatment completes', async () => {
    const [a, b] = [await treatment(26), await treatment(36, 'crown_zirconia')];
    const plan = await create([a]);
    const added = (await t.data(ADD_ITEM, { planId: plan.id, treatmentId: b }, assistant)).addPlanItem as Plan;
    expect(added.items).toHaveLength(2);
    const confirmed = (await t.data(CONFIRM, { id: plan.id }, dentist)).confirmTreatmentPlan as Plan;
    expect(confirmed.status).toBe('PENDING');
    expect(confirmed.budget).not.toBeNull();
    expect((await budgetStatus(confirmed.budget!.id)).status).toBe('DRAFT');
    // Locked while its budget is sent: adding an item is a CONFLICT and writes nothing.
    await t.data(`mutation($id: ID!) { sendBudget(id: $id) { id } }`, { id: confirmed.budget!.id }, dentist);
    const c = await treatment(37);
    const items = await count('treatment_plan_items');
    const locked = await t.gql(ADD_ITEM, { planId: plan.id, treatmentId: c }, dentist);
    expect(locked.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(locked.errors?.[0].message).toMatch(/locked while its budget is SENT/);
    expect(await count('treatment_plan_items')).toBe(items);
    // Completing an item before acceptance is refused.
    const early = await t.gql(COMPLETE, { id: confirmed.items[0].id }, dentist);
    expect(early.errors?.[0].extensions?.code).toBe('CONFLICT');

    await t.data(`mutation($id: ID!) { acceptBudget(id: $id) { id } }`, { id: confirmed.budget!.id }, dentist);
    await eventually(async () => (await t.data(GET, { id: plan.id }, dentist)).treatmentPlan.status === 'ACTIVE');
    const first = (await t.data(COMPLETE, { id: confirmed.items[0].id }, dentist)).completePlanItem as Plan;
    expect(first.status).toBe('ACTIVE');
    expect(first.items[0].status).toBe('COMPLETED');
    await t.data(`mutation($id: ID!) { performTreatment(id: $id) { id } }`, { id: b }, dentist);
    await eventually(async () => (await t.data(GET, { id: plan.id }, dentist)).treatmentPlan.status === 'COMPLETED');
    const done = (await t.data(GET, { id: plan.id }, dentist)).treatmentPlan as Plan;
    expect(done.items.map((i) => i.status)).toEqual(['COMPLETED', 'COMPLETED']);
    expect(await outbox('treatment_plan.status_changed')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ plan_id: plan.id, old_status: 'DRAFT', new_status: 'PENDING' }),
        expect.objectContaining({ plan_id: plan.id, old_status: 'PENDING', new_status: 'ACTIVE' }),
        expect.objectContaining({ plan_id: plan.id, old_status: 'ACTIVE', new_status: 'COMPLETED' }),
      ]),
    );
  });

  it('a rejected budget closes the plan; reactivation makes it a DRAFT again', async () => {
    const plan = await create([await treatment(46)]);
    const confirmed = (await t.data(CONFIRM, { id: plan.id }, dentist)).confirmTreatmentPlan as Plan;
    await t.data(`mutation($id: ID!) { sendBudget(id: $id) { id } }`, { id: confirmed.budget!.id }, dentist);
    await t.data(
      `mutation($id: ID!) { rejectBudget(id: $id, reason: "price") { id } }`,
      { id: confirmed.budget!.id },
      dentist,
    );
    await eventually(async () => (await t.data(GET, { id: plan.id }, receptionist)).treatmentPlan.status === 'CLOSED');
    expect((await t.data(GET, { id: plan.id }, receptionist)).treatmentPlan.closureReason).toBe('REJECTED_BY_PATIENT');
    const again = (await t.data(REACTIVATE, { id: plan.id }, receptionist)).reactivateTreatmentPlan as Plan;
    expect(again).toMatchObject({ status: 'DRAFT', closureReason: null, budget: null });
    const closed = (await t.data(CLOSE, { id: plan.id, reason: 'PATIENT_ABANDONED', note: 'Moved away' }, receptionist))
      .closeTreatmentPlan as Plan;
    expect(closed).toMatchObject({
      status: 'CLOSED',
      closureReason: 'PATIENT_ABANDONED',
      allowedTransitions: ['DRAFT'],
    });
  });

  it('a cancelled budget closes its plan as CANCELLED_BY_CLINIC', async () => {
    const plan = await create([await treatment(45)]);
    const confirmed = (await t.data(CONFIRM, { id: plan.id }, dentist)).confirmTreatmentPlan as Plan;
    await t.data(
      `mutation($id: ID!) { cancelBudget(id: $id, reason: "wrong") { id } }`,
      { id: confirmed.budget!.id },
      dentist,
    );
    await eventually(async () => (await t.data(GET, { id: plan.id }, dentist)).treatmentPlan.status === 'CLOSED');
    expect((await t.data(GET, { id: plan.id }, dentist)).treatmentPlan.closureReason).toBe('CANCELLED_BY_CLINIC');
    expect(await outbox('treatment_plan.closed')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          plan_id: plan.id,
          closure_reason: 'CANCELLED_BY_CLINIC',
          previous_status: 'PENDING',
        }),
      ]),
    );
  });

  it('a transition outside the table is INVALID_TRANSITION and changes nothing', async () => {
    const plan = await create([await treatment(47)]);
    await t.data(CLOSE, { id: plan.id, reason: 'OTHER' }, dentist);
    const budgets = await count('budgets');
    const r = await t.gql(CONFIRM, { id: plan.id }, dentist);
    expect(r.errors?.[0].extensions?.code).toBe('INVALID_TRANSITION');
    expect(r.errors?.[0].message).toBe('A treatment plan cannot go from CLOSED to PENDING; allowed: DRAFT.');
    expect((await t.data(GET, { id: plan.id }, dentist)).treatmentPlan.status).toBe('CLOSED');
    expect(await count('budgets')).toBe(budgets);
  });

  it('a confirmation whose budget cannot be made leaves the plan DRAFT and no budget', async () => {
    const empty = await create([]);
    const budgets = await count('budgets');
    const r = await t.gql(CONFIRM, { id: empty.id }, dentist);
    expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0].message).toMatch(/no pending items/);
    // A treatment without a catalog item cannot be quoted.
    const diagnosis = (
      await t.data(
        ADD_TREATMENT,
        { input: { patientId, clinicalType: 'caries', teeth: [{ toothNumber: 15, surfaces: ['O'] }] } },
        dentist,
      )
    ).addTreatment.id as string;
    const plan = await create([diagnosis]);
    const refused = await t.gql(CONFIRM, { id: plan.id }, dentist);
    expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await t.data(GET, { id: plan.id }, dentist)).treatmentPlan).toMatchObject({
      status: 'DRAFT',
      budget: null,
    });
    expect(await count('budgets')).toBe(budgets);
  });

  it('agent tools: create, confirm, close and reactivate through the same rules, with contract codes', async () => {
    type Call = { status: string; result: Record<string, unknown> | null; errorCode: string | null };
    const tool = async (caller: CallOptions, name: string, args: Record<string, unknown>) =>
      (await t.data(TOOL, { name: `treatment_plan.${name}`, args }, caller)).callAgentTool as Call;
    const created = await tool(dentist, 'create_treatment_plan', { patientId, treatmentIds: [await treatment(44)] });
    expect(created).toMatchObject({ status: 'SUCCESS', errorCode: null });
    expect(created.result).toMatchObject({ status: 'DRAFT', allowedNextStatuses: ['PENDING', 'CLOSED'] });
    const id = created.result!.id as string;
    const confirmed = await tool(dentist, 'confirm_treatment_plan', { id });
    expect(confirmed.result).toMatchObject({ status: 'PENDING', budgetId: expect.any(String) });
    expect(await tool(dentist, 'reactivate_treatment_plan', { id })).toMatchObject({
      status: 'FAILED',
      errorCode: 'INVALID_TRANSITION',
    });
    const closed = await tool(receptionist, 'close_treatment_plan', { id, reason: 'OTHER', note: 'Second opinion' });
    expect(closed.result).toMatchObject({ status: 'CLOSED', closureReason: 'OTHER' });
    expect((await tool(receptionist, 'reactivate_treatment_plan', { id })).result).toMatchObject({ status: 'DRAFT' });
    expect((await tool(hygienist, 'close_treatment_plan', { id, reason: 'OTHER' })).errorCode).toBe('FORBIDDEN');
    expect((await tool(other, 'get_treatment_plan', { id })).errorCode).toBe('NOT_FOUND');
  });

  it('refuses bad input with its contract code, writing nothing', async () => {
    const plans = await count('treatment_plans');
    const cases: [string, Record<string, unknown>, string][] = [
      [CREATE, { input: { patientId: 'nope' } }, 'BAD_USER_INPUT'],
      [CREATE, { input: { patientId, treatmentIds: ['x'] } }, 'BAD_USER_INPUT'],
      [CREATE, { input: { patientId, title: 'x'.repeat(201) } }, 'BAD_USER_INPUT'],
      [CREATE, { input: { patientId: otherPatientId } }, 'NOT_FOUND'],
      [
        CREATE,
        { input: { patientId, treatmentIds: [await treatment(21, 'filling_composite', otherPatientId, other)] } },
        'NOT_FOUND',
      ],
      [CLOSE, { id: 'nope', reason: 'OTHER' }, 'BAD_USER_INPUT'],
    ];
    for (const [query, variables, code] of cases) {
      const r = await t.gql(query, variables, dentist);
      expect(r.errors?.[0].extensions?.code, JSON.stringify(variables)).toBe(code);
    }
    const mine = await newPatient(admin, 'Pablo');
    const foreign = await treatment(22, 'filling_composite', mine);
    const wrongPatient = await t.gql(CREATE, { input: { patientId, treatmentIds: [foreign] } }, dentist);
    expect(wrongPatient.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await count('treatment_plans')).toBe(plans);
  });

  it('permissions per role, and another clinic sees nothing', async () => {
    const plan = await create([await treatment(31)]);
    const hyg = await t.gql(CREATE, { input: { patientId } }, hygienist);
    expect(hyg.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const rec = await t.gql(CONFIRM, { id: plan.id }, receptionist);
    expect(rec.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const asst = await t.gql(CLOSE, { id: plan.id, reason: 'OTHER' }, assistant);
    expect(asst.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await t.data(GET, { id: plan.id }, hygienist)).treatmentPlan.id).toBe(plan.id);

    expect((await t.data(GET, { id: plan.id }, other)).treatmentPlan).toBeNull();
    expect((await t.data(LIST, {}, other)).treatmentPlans).toEqual([]);
    const close = await t.gql(CLOSE, { id: plan.id, reason: 'OTHER' }, other);
    expect(close.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const complete = await t.gql(COMPLETE, { id: plan.items[0].id }, other);
    expect(complete.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await t.data(GET, { id: plan.id }, dentist)).treatmentPlan.status).toBe('DRAFT');
  });
});
