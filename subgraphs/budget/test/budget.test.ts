import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type CallOptions, type TestPlatform } from '@dentalpin/core/testing';
import { localToday } from '@dentalpin/core';

const ITEMS = `id catalogItemId description quantity unitPrice discountType discountValue vatRate
  lineSubtotal lineDiscount netAmount taxAmount total teeth surfaces`;
const BUDGET = `id number version status allowedActions validFrom validUntil parentBudgetId
  globalDiscountType globalDiscountValue subtotal totalDiscount totalTax total
  patient { id } professional { id } acceptedVia acceptedAt acceptedBy { id } sentAt rejectionReason cancelledAt
  cancellationReason
  items { ${ITEMS} } history { action fromStatus toStatus changedBy { id } note details }`;
const CREATE = `mutation($input: CreateBudgetInput!) { createBudget(input: $input) { ${BUDGET} } }`;
const GET = `query($id: ID!) { budget(id: $id) { ${BUDGET} } }`;
const LIST = `query($patientId: ID, $status: [BudgetStatus!], $page: Int, $pageSize: Int) {
  budgets(patientId: $patientId, status: $status, page: $page, pageSize: $pageSize) {
    total page pageSize items { id number version status total } } }`;
const act = (op: string) => `mutation($id: ID!) { ${op}(id: $id) { ${BUDGET} } }`;

type Caller = CallOptions & { userId?: string };
interface Budget {
  id: string;
  number: string;
  version: number;
  status: string;
  total: string;
  items: { id: string; total: string; netAmount: string; taxAmount: string; unitPrice: string; vatRate: string }[];
  history: { action: string; fromStatus: string | null; toStatus: string | null }[];
  [k: string]: unknown;
}

describe('budget module', () => {
  let t: TestPlatform;
  let admin: Caller;
  let receptionist: Caller;
  let hygienist: Caller;
  let dentist: Caller;
  let patientId: string;
  let professionalId: string;
  let crown: string; // FLAT 33.33, VAT 21%
  let implant: string; // PER_TOOTH 100.00, VAT 21%
  let filling: string; // PER_SURFACE (seeded), VAT exempt
  const year = localToday('Europe/Madrid').slice(0, 4);

  const create = async (caller: Caller, input: Record<string, unknown>) =>
    (await t.data(CREATE, { input: { patientId, ...input } }, caller)).createBudget as Budget;
  const run = async (caller: Caller, op: string, id: string) => t.gql(act(op), { id }, caller);
  const code = (r: { errors?: { extensions?: { code?: string } }[] }) => r.errors?.[0]?.extensions?.code;
  const outbox = async (budgetId: string) =>
    (
      await t.platform.db.knex.raw(
        `select type, payload from core_event_outbox where payload->>'budget_id' = ? order by id`,
        [budgetId],
      )
    ).rows as { type: string; payload: Record<string, unknown> }[];
  const count = async (table: string) => Number((await t.platform.db.knex(table).count('* as n').first())?.n);

  beforeAll(async () => {
    t = await startTestPlatform();
    const a = await t.setup();
    admin = a;
    receptionist = { ...(await t.userWithRole(admin, 'receptionist')), clinicId: a.clinicId };
    hygienist = { ...(await t.userWithRole(admin, 'hygienist')), clinicId: a.clinicId };
    dentist = { ...(await t.userWithRole(admin, 'dentist')), clinicId: a.clinicId };
    const professional = await t.data(
      `mutation { createUser(input: { email: "dr.ruiz@norte.test", password: "correct-horse-1", firstName: "Rosa",
         lastName: "Ruiz", role: "dentist", isProfessional: true }) { id } }`,
      {},
      admin,
    );
    professionalId = professional.createUser.id;
    patientId = (
      await t.data(`mutation { createPatient(input: { firstName: "Lucía", lastName: "Pérez" }) { id } }`, {}, admin)
    ).createPatient.id;
    await t.data(`mutation { restoreCatalogDefaults { items } }`, {}, admin);
    const lists = await t.data(
      `{ catalogVatTypes { id code } catalogCategories { id code } catalogItems(search: "composite") { items { id } } }`,
      {},
      admin,
    );
    const vat = lists.catalogVatTypes.find((v: { code: string }) => v.code === 'general').id;
    const category = lists.catalogCategories[0].id;
    filling = lists.catalogItems.items[0].id;
    const item = async (code: string, pricingStrategy: string, price: string) =>
      (
        await t.data(
          `mutation($input: CreateCatalogItemInput!) { createCatalogItem(input: $input) { id } }`,
          { input: { code, name: `Test ${code}`, categoryId: category, vatTypeId: vat, pricingStrategy, price } },
          admin,
        )
      ).createCatalogItem.id;
    crown = await item('test_crown', 'FLAT', '33.33');
    implant = await item('test_implant', 'PER_TOOTH', '100.00');
  });
  afterAll(() => t.close());

  it('is installed with its navigation and the original grants', async () => {
    const r = await t.data(
      `{ activeModules { name navigation { to permission order } } me { permissions } }`,
      {},
      dentist,
    );
    expect(r.activeModules.find((m: { name: string }) => m.name === 'budget').navigation).toEqual([
      { to: '/budgets', permission: 'budget.read', order: 40 },
    ]);
    const perms = async (c: Caller) =>
      ((await t.data(`{ me { permissions } }`, {}, c)).me.permissions as string[])
        .filter((p) => p.startsWith('budget.'))
        .sort();
    expect(await perms(dentist)).toEqual([
      'budget.accept_in_clinic',
      'budget.admin',
      'budget.read',
      'budget.renegotiate',
      'budget.write',
    ]);
    expect(await perms(hygienist)).toEqual(['budget.read']);
    expect(await perms(receptionist)).toEqual([
      'budget.accept_in_clinic',
      'budget.read',
      'budget.renegotiate',
      'budget.write',
    ]);
  });

  it('prices lines from the catalog with exact amounts: 3 × 33.33, 10% global discount, 21% VAT', async () => {
    const b = await create(receptionist, {
      professionalId,
      globalDiscountType: 'PERCENTAGE',
      globalDiscountValue: '10',
      items: [{ catalogItemId: crown, quantity: 3 }],
    });
    expect(b).toMatchObject({
      number: expect.stringMatching(new RegExp(`^PRES-${year}-\\d{4}$`)),
      version: 1,
      status: 'DRAFT',
      allowedActions: ['SENT', 'ACCEPTED', 'REJECTED', 'CANCELLED'],
      validFrom: localToday('Europe/Madrid'),
      validUntil: localToday('Europe/Madrid', 30),
      globalDiscountType: 'PERCENTAGE',
      globalDiscountValue: '10.00',
      subtotal: '99.99',
      totalDiscount: '10.00',
      totalTax: '18.90',
      total: '108.89',
      patient: { id: patientId },
      professional: { id: professionalId },
    });
    expect(b.items).toEqual([
      {
        id: expect.any(String),
        catalogItemId: crown,
        description: 'Test test_crown',
        quantity: 3,
        unitPrice: '33.33',
        discountType: null,
        discountValue: null,
        vatRate: '21.00',
        lineSubtotal: '99.99',
        lineDiscount: '10.00',
        netAmount: '89.99',
        taxAmount: '18.90',
        total: '108.89',
        teeth: [],
        surfaces: null,
      },
    ]);
    const mine = await t.data(
      `query($p: ID) { budgets(professionalId: $p) { total items { id } } }`,
      { p: professionalId },
      receptionist,
    );
    expect(mine.budgets).toEqual({ total: 1, items: [{ id: b.id }] });
    // The global search finds a budget by part of its number, any case; LIKE wildcards are literal.
    const find = async (search: string) =>
      (await t.data(`query($s: String) { budgets(search: $s) { total items { id } } }`, { s: search }, receptionist))
        .budgets;
    expect((await find(b.number.toLowerCase())).items).toEqual([{ id: b.id }]);
    expect((await find(b.number.slice(-4))).items.map((i: { id: string }) => i.id)).toContain(b.id);
    expect(await find('%')).toEqual({ total: 0, items: [] });
    expect(await find('PRES-1999-')).toEqual({ total: 0, items: [] });
    expect(b.history).toEqual([
      expect.objectContaining({
        action: 'created',
        fromStatus: null,
        toStatus: 'DRAFT',
        changedBy: { id: receptionist.userId },
      }),
    ]);

    // Per tooth, per surface, a price override and a line discount; the lines add up to the totals.
    const mixed = await create(receptionist, {
      items: [
        { catalogItemId: implant, teeth: [16, 17] },
        { catalogItemId: filling, surfaces: 2, teeth: [36] },
        { catalogItemId: crown, unitPrice: '50', discountType: 'ABSOLUTE', discountValue: '5.5' },
      ],
    });
    expect(mixed.items.map((i) => [i.unitPrice, i.vatRate, i.netAmount, i.taxAmount, i.total])).toEqual([
      ['200.00', '21.00', '200.00', '42.00', '242.00'],
      ['65.00', '0.00', '65.00', '0.00', '65.00'],
      ['50.00', '21.00', '44.50', '9.35', '53.85'],
    ]);
    expect([mixed.subtotal, mixed.totalDiscount, mixed.totalTax, mixed.total]).toEqual([
      '315.00',
      '5.50',
      '51.35',
      '360.85',
    ]);
  });

  it('prices a long budget in one catalog query, every line exact', async () => {
    const items = Array.from({ length: 60 }, (_, i) =>
      i % 2 ? { catalogItemId: crown, quantity: (i % 5) + 1 } : { catalogItemId: implant, teeth: [11 + (i % 8)] },
    );
    const b = await create(receptionist, { items, globalDiscountType: 'PERCENTAGE', globalDiscountValue: '7.5' });
    expect(b.items).toHaveLength(60);
    const sum = (key: 'total' | 'taxAmount') =>
      (b.items.reduce((acc, i) => acc + Math.round(Number(i[key]) * 100), 0) / 100).toFixed(2);
    expect([sum('total'), sum('taxAmount')]).toEqual([b.total, b.totalTax]);
  });

  it('refuses bad input and writes nothing', async () => {
    const before = await count('budgets');
    const counter = await count('budget_number_counters');
    const bad = [
      { items: [{ catalogItemId: crown, discountType: 'ABSOLUTE', discountValue: '40' }] },
      { items: [{ catalogItemId: crown, discountType: 'PERCENTAGE', discountValue: '120' }] },
      { items: [{ catalogItemId: crown }], globalDiscountType: 'ABSOLUTE', globalDiscountValue: '34' },
      { items: [{ catalogItemId: implant }] }, // per tooth without teeth
      { items: [{ catalogItemId: crown, quantity: 0 }] },
      { items: [{ catalogItemId: crown }], validUntil: '2020-01-01' },
    ];
    for (const input of bad) {
      const r = await t.gql(CREATE, { input: { patientId, ...input } }, receptionist);
      expect([code(r), r.errors?.[0]?.message]).toEqual(['BAD_USER_INPUT', expect.any(String)]);
    }
    // The catalog's refusal names the line it is about.
    const second = await t.gql(
      CREATE,
      { input: { patientId, items: [{ catalogItemId: crown }, { catalogItemId: implant }] } },
      receptionist,
    );
    expect(second.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/^Line 2: .*per tooth/),
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const missing = await t.gql(
      CREATE,
      { input: { patientId, items: [{ catalogItemId: '00000000-0000-4000-8000-000000000000' }] } },
      receptionist,
    );
    expect(code(missing)).toBe('NOT_FOUND');
    const noPatient = await t.gql(
      CREATE,
      { input: { patientId: '00000000-0000-4000-8000-000000000000', items: [] } },
      receptionist,
    );
    expect(code(noPatient)).toBe('NOT_FOUND');
    expect(await count('budgets')).toBe(before);
    expect(await count('budget_number_counters')).toBe(counter);
  });

  it("names the field a refused line lacks for its item's pricing, for every refused line", async () => {
    const refused = async (input: Record<string, unknown>) =>
      (await t.gql(CREATE, { input: { patientId, ...input } }, receptionist)).errors?.[0];
    // Per surface without surfaces, per tooth without teeth: both lines named, each with its field.
    const both = await refused({
      items: [{ catalogItemId: crown }, { catalogItemId: filling, quantity: 2 }, { catalogItemId: implant }],
    });
    expect(both).toMatchObject({
      message: expect.stringMatching(/^Line 2: This treatment is priced by surfaces.* Line 3: .*per tooth/),
      extensions: {
        code: 'BAD_USER_INPUT',
        fields: [
          { field: 'items.1.surfaces', rule: 'required', message: expect.stringMatching(/priced by surfaces/) },
          { field: 'items.2.teeth', rule: 'required', message: expect.stringMatching(/per tooth/) },
        ],
      },
    });
    // One line alone; the catalog's own refusal of teeth that are not FDI numbers names the line.
    expect((await refused({ items: [{ catalogItemId: filling }] }))?.extensions?.fields).toEqual([
      { field: 'items.0.surfaces', rule: 'required', message: expect.stringMatching(/1 to 5/) },
    ]);
    expect(
      (await refused({ items: [{ catalogItemId: filling, surfaces: 2, teeth: [19] }] }))?.extensions?.fields,
    ).toEqual([{ field: 'items.0', message: expect.stringMatching(/FDI/) }]);
    // The budget's own rules: surfaces 1-5 (zod), the global discount's fields.
    expect((await refused({ items: [{ catalogItemId: filling, surfaces: 6 }] }))?.extensions?.fields).toEqual([
      expect.objectContaining({ field: 'items.0.surfaces', rule: 'too_big', maximum: 5 }),
    ]);
    expect(
      (await refused({ items: [{ catalogItemId: crown }], globalDiscountType: 'ABSOLUTE', globalDiscountValue: '34' }))
        ?.extensions?.fields,
    ).toEqual([expect.objectContaining({ field: 'globalDiscountValue', rule: 'too_big', maximum: 33.33 })]);
    expect((await refused({ items: [], globalDiscountType: 'PERCENTAGE' }))?.extensions?.fields).toEqual([
      expect.objectContaining({ field: 'globalDiscountValue', rule: 'required' }),
    ]);

    // A draft's new line: its fields have no list around them.
    const draft = await create(receptionist, { items: [{ catalogItemId: crown }] });
    const ADD = `mutation($id: ID!, $input: BudgetItemInput!) { addBudgetItem(budgetId: $id, input: $input) { total } }`;
    const add = await t.gql(ADD, { id: draft.id, input: { catalogItemId: filling, teeth: [36] } }, receptionist);
    expect(add.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/^Line 1: This treatment is priced by surfaces/),
      extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'surfaces', rule: 'required' }] },
    });
    // The catalog's refusal of the line as a whole names the whole input (as the core's parseInput does).
    const teeth = await t.gql(
      ADD,
      { id: draft.id, input: { catalogItemId: filling, teeth: [19], surfaces: 2 } },
      receptionist,
    );
    expect(teeth.errors?.[0]?.extensions?.fields).toEqual([{ field: 'input', message: expect.stringMatching(/FDI/) }]);
    const priced = await t.data(
      ADD,
      { id: draft.id, input: { catalogItemId: filling, teeth: [36], surfaces: 2 } },
      receptionist,
    );
    expect(priced.addBudgetItem.total).toBe('105.33');
  });

  it('follows the workflow through the gateway, with history and events', async () => {
    const b = await create(receptionist, { items: [{ catalogItemId: crown, quantity: 2 }] });
    const sent = await run(receptionist, 'sendBudget', b.id);
    expect(sent.data?.sendBudget).toMatchObject({
      status: 'SENT',
      allowedActions: ['ACCEPTED', 'REJECTED', 'CANCELLED'],
    });
    expect(code(await run(receptionist, 'sendBudget', b.id))).toBe('ALREADY_IN_STATE');
    // Lines of a sent budget cannot change.
    const edit = await t.gql(
      `mutation($id: ID!) { addBudgetItem(budgetId: $id, input: { catalogItemId: "${crown}" }) { id } }`,
      { id: b.id },
      receptionist,
    );
    expect(code(edit)).toBe('INVALID_TRANSITION');

    const accepted = await run(receptionist, 'acceptBudget', b.id);
    expect(accepted.data?.acceptBudget).toMatchObject({
      status: 'ACCEPTED',
      acceptedVia: 'in_clinic',
      acceptedBy: { id: receptionist.userId },
      acceptedAt: expect.any(String),
      allowedActions: ['CANCELLED'],
    });
    const again = await run(receptionist, 'sendBudget', b.id);
    expect(code(again)).toBe('INVALID_TRANSITION');
    expect(again.errors?.[0].message).toMatch(/ACCEPTED to SENT; allowed: CANCELLED/);
    const CANCEL = `mutation($id: ID!, $reason: String) { cancelBudget(id: $id, reason: $reason) { status cancelledAt } }`;
    const cancelled = await t.data(CANCEL, { id: b.id, reason: 'Patient moved away' }, receptionist);
    expect(cancelled.cancelBudget).toEqual({ status: 'CANCELLED', cancelledAt: expect.any(String) });
    const cancel = await t.gql(CANCEL, { id: b.id }, receptionist);
    expect(code(cancel)).toBe('ALREADY_IN_STATE');
    const reject = await run(receptionist, 'rejectBudget', b.id);
    expect(code(reject)).toBe('INVALID_TRANSITION');
    expect(reject.errors?.[0].message).toMatch(/CANCELLED is final/);

    const full = (await t.data(GET, { id: b.id }, hygienist)).budget as Budget;
    expect(full.history.map((h) => [h.action, h.fromStatus, h.toStatus])).toEqual([
      ['created', null, 'DRAFT'],
      ['status_changed', 'DRAFT', 'SENT'],
      ['status_changed', 'SENT', 'ACCEPTED'],
      ['status_changed', 'ACCEPTED', 'CANCELLED'],
    ]);
    const events = await outbox(b.id);
    expect(events.map((e) => e.type)).toEqual(['budget.sent', 'budget.accepted', 'budget.cancelled']);
    expect(events[0].payload).toMatchObject({
      clinic_id: admin.clinicId,
      budget_id: b.id,
      patient_id: patientId,
      budget_number: b.number,
      total: '80.66',
      sent_by: receptionist.userId,
    });
    expect(events[1].payload).toMatchObject({
      accepted_by: receptionist.userId,
      accepted_via: 'in_clinic',
      items: [{ budget_item_id: b.items[0].id, catalog_item_id: crown, quantity: 2, net_amount: '66.66' }],
    });
    expect(events[2].payload).toMatchObject({ reason: 'Patient moved away', cancelled_by: receptionist.userId });

    // Rejecting records why; an empty budget cannot be sent or accepted; acceptedVia is checked.
    const r = await create(receptionist, { items: [{ catalogItemId: crown }] });
    const rejected = await t.data(
      `mutation($id: ID!) { rejectBudget(id: $id, reason: "price", note: "Will think about it") { status rejectionReason history { note } } }`,
      { id: r.id },
      receptionist,
    );
    expect(rejected.rejectBudget).toMatchObject({ status: 'REJECTED', rejectionReason: 'price' });
    expect((await outbox(r.id))[0]).toMatchObject({
      type: 'budget.rejected',
      payload: { reason: 'price', note: 'Will think about it' },
    });
    const empty = await create(receptionist, { items: [] });
    expect(code(await run(receptionist, 'sendBudget', empty.id))).toBe('BAD_USER_INPUT');
    expect(code(await run(receptionist, 'acceptBudget', empty.id))).toBe('BAD_USER_INPUT');
    const via = await t.gql(
      `mutation($id: ID!) { acceptBudget(id: $id, acceptedVia: "carrier_pigeon") { id } }`,
      { id: empty.id },
      receptionist,
    );
    expect(code(via)).toBe('BAD_USER_INPUT');
    expect(await outbox(empty.id)).toEqual([]);
  });

  it('edits a draft line by line, re-pricing every line and keeping the history', async () => {
    const b = await create(receptionist, {
      globalDiscountType: 'ABSOLUTE',
      globalDiscountValue: '10',
      items: [{ catalogItemId: crown }],
    });
    const added = (
      await t.data(
        `mutation($id: ID!, $input: BudgetItemInput!) { addBudgetItem(budgetId: $id, input: $input) { ${BUDGET} } }`,
        { id: b.id, input: { catalogItemId: implant, teeth: [11] } },
        receptionist,
      )
    ).addBudgetItem as Budget;
    // 33.33 + 100.00 = 133.33; the 10.00 splits 2.50 / 7.50.
    expect(added.items.map((i) => i.netAmount)).toEqual(['30.83', '92.50']);
    expect(added.total).toBe('149.23');
    const updated = (
      await t.data(
        `mutation($id: ID!) { updateBudgetItem(id: $id, input: { teeth: [11, 21], quantity: 1 }) { ${BUDGET} } }`,
        { id: added.items[1].id },
        receptionist,
      )
    ).updateBudgetItem as Budget;
    expect(updated.items[1]).toMatchObject({ unitPrice: '200.00', teeth: [11, 21] });
    expect(updated.subtotal).toBe('233.33');
    const header = (
      await t.data(
        `mutation($id: ID!) { updateBudget(id: $id, input: { globalDiscountType: null, globalDiscountValue: null, notes: "Call first" }) { ${BUDGET} notes } }`,
        { id: b.id },
        receptionist,
      )
    ).updateBudget;
    expect([header.totalDiscount, header.total, header.notes]).toEqual(['0.00', '282.33', 'Call first']);
    const removed = (
      await t.data(
        `mutation($id: ID!) { removeBudgetItem(id: $id) { ${BUDGET} } }`,
        { id: added.items[0].id },
        receptionist,
      )
    ).removeBudgetItem as Budget;
    expect(removed.items).toHaveLength(1);
    expect(removed.total).toBe('242.00');
    expect(removed.history.map((h) => h.action)).toEqual([
      'created',
      'item_added',
      'item_updated',
      'updated',
      'item_removed',
    ]);
    // History is append-only, in the database too.
    await expect(t.platform.db.knex('budget_history').where({ budget_id: b.id }).del()).rejects.toThrow(/append-only/);

    // A new version keeps the number and the lines.
    const copy = (await t.data(act('duplicateBudget'), { id: b.id }, receptionist)).duplicateBudget as Budget;
    expect(copy).toMatchObject({
      number: b.number,
      version: 2,
      status: 'DRAFT',
      parentBudgetId: b.id,
      total: '242.00',
    });
    // Renegotiating a SENT budget cancels it and opens the next version (receptionists may; assistants not).
    const RENEGOTIATE = `mutation($id: ID!) { renegotiateBudget(id: $id, reason: "Patient asked for fewer implants") { ${BUDGET} } }`;
    expect(code(await t.gql(RENEGOTIATE, { id: copy.id }, receptionist))).toBe('INVALID_TRANSITION');
    await run(receptionist, 'sendBudget', copy.id);
    const assistant = { ...(await t.userWithRole(admin, 'assistant')), clinicId: admin.clinicId };
    expect(code(await t.gql(RENEGOTIATE, { id: copy.id }, assistant))).toBe('FORBIDDEN');
    const v3 = (await t.data(RENEGOTIATE, { id: copy.id }, receptionist)).renegotiateBudget as Budget;
    expect(v3).toMatchObject({ number: b.number, version: 3, status: 'DRAFT', parentBudgetId: copy.id });
    const old = (await t.data(GET, { id: copy.id }, receptionist)).budget as Budget;
    expect(old).toMatchObject({ status: 'CANCELLED', cancellationReason: 'Patient asked for fewer implants' });
    expect((await outbox(copy.id)).map((e) => e.type)).toEqual(['budget.sent', 'budget.cancelled']);
    const list = (await t.data(LIST, { patientId }, hygienist)).budgets;
    expect(list.items.filter((x: Budget) => x.number === b.number).map((x: Budget) => x.version)).toEqual([3, 2, 1]);
  });

  it('numbers 30 budgets created at once without gaps or duplicates', async () => {
    const results = await Promise.all(
      Array.from({ length: 30 }, () =>
        t.gql(CREATE, { input: { patientId, items: [{ catalogItemId: crown }] } }, receptionist),
      ),
    );
    expect(results.filter((r) => r.errors)).toEqual([]);
    const numbers = results.map((r) => Number(String(r.data?.createBudget.number).slice(-4))).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(30);
    expect(numbers[29] - numbers[0]).toBe(29);
  });

  it('lets a hygienist read but not write, and pages with a capped page size', async () => {
    const page = (await t.data(LIST, { status: ['DRAFT'], page: 1, pageSize: 5 }, hygienist)).budgets;
    expect(page).toMatchObject({ page: 1, pageSize: 5 });
    expect(page.items).toHaveLength(5);
    expect(page.total).toBeGreaterThan(30);
    expect(code(await t.gql(CREATE, { input: { patientId, items: [] } }, hygienist))).toBe('FORBIDDEN');
    expect(code(await run(hygienist, 'sendBudget', page.items[0].id))).toBe('FORBIDDEN');
    expect(code(await run(hygienist, 'acceptBudget', page.items[0].id))).toBe('FORBIDDEN');
    expect(code(await t.gql(LIST, { pageSize: 501 }, hygienist))).toBe('BAD_USER_INPUT');
    // The patient's budgets through federation, in one query.
    const p = await t.data(
      `query($id: ID!) { patient(id: $id) { firstName budgets { number status total } } }`,
      { id: patientId },
      hygienist,
    );
    expect(p.patient.budgets.length).toBe(
      page.total +
        (await t.data(LIST, { status: ['SENT', 'ACCEPTED', 'REJECTED', 'CANCELLED', 'EXPIRED'] }, admin)).budgets.total,
    );
  });

  it('keeps clinic B away from clinic A budgets', async () => {
    const clinicB = (await t.data(`mutation { createClinic(input: { name: "Clínica Sur" }) { id } }`, {}, admin))
      .createClinic.id;
    const adminB: Caller = { token: admin.token, clinicId: clinicB };
    const receptionistB = { ...(await t.userWithRole(adminB, 'receptionist', clinicB)), clinicId: clinicB };
    const a = await create(receptionist, { items: [{ catalogItemId: crown }] });
    expect((await t.data(GET, { id: a.id }, receptionistB)).budget).toBeNull();
    expect((await t.data(LIST, {}, receptionistB)).budgets.total).toBe(0);
    expect(code(await run(receptionistB, 'sendBudget', a.id))).toBe('NOT_FOUND');
    expect(code(await run(receptionistB, 'cancelBudget', a.id))).toBe('NOT_FOUND');
    // Clinic A's patient and catalog item are invisible from B.
    const foreign = await t.gql(CREATE, { input: { patientId, items: [] } }, receptionistB);
    expect(code(foreign)).toBe('NOT_FOUND');
    expect((await t.data(GET, { id: a.id }, receptionist)).budget.status).toBe('DRAFT');
    // B numbers its own budgets from 0001.
    const patientB = (
      await t.data(
        `mutation { createPatient(input: { firstName: "Sur", lastName: "Patient" }) { id } }`,
        {},
        receptionistB,
      )
    ).createPatient.id;
    const b = await t.data(CREATE, { input: { patientId: patientB, items: [] } }, receptionistB);
    expect(b.createBudget.number).toBe(`PRES-${year}-0001`);
    // Nor can B price with A's catalog, or edit, copy or read A's budget in any other way.
    const foreignItem = await t.gql(
      CREATE,
      { input: { patientId: patientB, items: [{ catalogItemId: crown }] } },
      receptionistB,
    );
    expect(code(foreignItem)).toBe('NOT_FOUND');
    const attempts = [
      t.gql(`mutation($id: ID!) { updateBudget(id: $id, input: { notes: "x" }) { id } }`, { id: a.id }, receptionistB),
      t.gql(
        `mutation($id: ID!) { addBudgetItem(budgetId: $id, input: { catalogItemId: "${crown}" }) { id } }`,
        { id: a.id },
        receptionistB,
      ),
      t.gql(`mutation($id: ID!) { removeBudgetItem(id: $id) { id } }`, { id: a.items[0].id }, receptionistB),
      t.gql(`mutation($id: ID!) { duplicateBudget(id: $id) { id } }`, { id: a.id }, receptionistB),
      t.gql(`mutation($id: ID!) { renegotiateBudget(id: $id) { id } }`, { id: a.id }, receptionistB),
    ];
    expect((await Promise.all(attempts)).map(code)).toEqual(Array(5).fill('NOT_FOUND'));
    expect(
      (await t.data(`query($id: ID!) { patient(id: $id) { id budgets { id } } }`, { id: patientB }, receptionistB))
        .patient.budgets,
    ).toHaveLength(1);
    expect((await t.data(GET, { id: a.id }, receptionist)).budget).toMatchObject({ status: 'DRAFT', version: 1 });
  });

  it('expires overdue draft and sent budgets with the job, leaving the others alone', async () => {
    const draft = await create(receptionist, { items: [{ catalogItemId: crown }] });
    const sent = await create(receptionist, { items: [{ catalogItemId: crown }] });
    await run(receptionist, 'sendBudget', sent.id);
    const accepted = await create(receptionist, { items: [{ catalogItemId: crown }] });
    await run(receptionist, 'acceptBudget', accepted.id);
    const fresh = await create(receptionist, { items: [{ catalogItemId: crown }] });
    const yesterday = localToday('Europe/Madrid', -1);
    await t.platform.db
      .knex('budgets')
      .whereIn('id', [draft.id, sent.id, accepted.id])
      .update({ valid_from: '2020-01-01', valid_until: yesterday });
    // Accepting an overdue budget before the job ran is refused too.
    const late = await create(receptionist, { items: [{ catalogItemId: crown }] });
    await t.platform.db
      .knex('budgets')
      .where({ id: late.id })
      .update({ valid_from: '2020-01-01', valid_until: yesterday });
    expect(code(await run(receptionist, 'acceptBudget', late.id))).toBe('INVALID_TRANSITION');

    await t.platform.jobs.run('budget.expire_budgets');
    const status = async (id: string) => (await t.data(GET, { id }, admin)).budget as Budget;
    expect((await status(draft.id)).status).toBe('EXPIRED');
    const expiredSent = await status(sent.id);
    expect(expiredSent.status).toBe('EXPIRED');
    expect(expiredSent.history.at(-1)).toMatchObject({
      action: 'status_changed',
      fromStatus: 'SENT',
      toStatus: 'EXPIRED',
    });
    expect((await status(accepted.id)).status).toBe('ACCEPTED');
    expect((await status(fresh.id)).status).toBe('DRAFT');
    expect((await outbox(sent.id)).map((e) => e.type)).toEqual(['budget.sent', 'budget.expired']);
    expect((await outbox(draft.id))[0].payload).toMatchObject({ budget_number: draft.number, valid_until: yesterday });
    // Running again changes nothing.
    await t.platform.jobs.run('budget.expire_budgets');
    expect((await outbox(sent.id)).length).toBe(2);
  });

  it('sums budgets in the database by status and professional, agreeing with the list', async () => {
    const TOTALS = `query($from: DateTime!, $to: DateTime!, $professionalId: ID) {
      budgetTotals(createdFrom: $from, createdTo: $to, professionalId: $professionalId) {
        status professional { id } count total sentCount acceptedAtCount averageDaysToAcceptance } }`;
    const mine = await create(receptionist, { professionalId, items: [{ catalogItemId: crown }] });
    await run(receptionist, 'sendBudget', mine.id);
    await run(receptionist, 'acceptBudget', mine.id);
    const range = { from: '2020-01-01T00:00', to: new Date(Date.now() + 60_000).toISOString() };
    const totals = (await t.data(TOTALS, range, hygienist)).budgetTotals as {
      status: string;
      professional: { id: string } | null;
      count: number;
      total: string;
      sentCount: number;
    }[];
    // The same figures as reading every budget of the clinic.
    const list = (
      await t.data(
        `{ budgets(pageSize: 500) { total items { status total sentAt professional { id } } } }`,
        {},
        receptionist,
      )
    ).budgets;
    const expected = new Map<string, { count: number; cents: number; sent: number }>();
    for (const b of list.items as {
      status: string;
      total: string;
      sentAt: string | null;
      professional: { id: string } | null;
    }[]) {
      const key = `${b.status}/${b.professional?.id ?? '-'}`;
      const e = expected.get(key) ?? { count: 0, cents: 0, sent: 0 };
      expected.set(key, {
        count: e.count + 1,
        cents: e.cents + Math.round(Number(b.total) * 100),
        sent: e.sent + (b.sentAt ? 1 : 0),
      });
    }
    expect(
      Object.fromEntries(
        totals.map((r) => [
          `${r.status}/${r.professional?.id ?? '-'}`,
          { count: r.count, cents: Math.round(Number(r.total) * 100), sent: r.sentCount },
        ]),
      ),
    ).toEqual(Object.fromEntries(expected));
    expect(totals.reduce((n, r) => n + r.count, 0)).toBe(list.total);

    const own = (await t.data(TOTALS, { ...range, professionalId }, receptionist)).budgetTotals as {
      status: string;
      professional: { id: string } | null;
      count: number;
      acceptedAtCount: number;
      averageDaysToAcceptance: number | null;
    }[];
    expect(own.every((r) => r.professional?.id === professionalId)).toBe(true);
    expect(own.reduce((n, r) => n + r.count, 0)).toBe(
      list.items.filter((b: { professional: { id: string } | null }) => b.professional?.id === professionalId).length,
    );
    // Accepted moments after it was sent: every accepted one has a date, and the average is well under a day.
    const accepted = own.find((r) => r.status === 'ACCEPTED')!;
    expect(accepted.acceptedAtCount).toBe(accepted.count);
    expect(accepted.averageDaysToAcceptance).toBeGreaterThanOrEqual(0);
    expect(accepted.averageDaysToAcceptance).toBeLessThan(0.01);
    expect(code(await t.gql(TOTALS, { from: range.to, to: range.from }, receptionist))).toBe('BAD_USER_INPUT');
    const clinicB = (await t.data(`mutation { createClinic(input: { name: "Clínica Oeste" }) { id } }`, {}, admin))
      .createClinic.id;
    expect((await t.data(TOTALS, range, { token: admin.token, clinicId: clinicB })).budgetTotals).toEqual([]);
  });

  it('exposes agent tools: create and read freely, sending waits for approval', async () => {
    const CALL = `mutation($name: String!, $args: JSON!) { callAgentTool(name: $name, args: $args) { status result error approvalId } }`;
    const tool = async (caller: Caller, name: string, args: Record<string, unknown>) =>
      (await t.data(CALL, { name: `budget.${name}`, args }, caller)).callAgentTool;
    const created = await tool(receptionist, 'create_budget', {
      patientId,
      items: [{ catalogItemId: crown, quantity: 3 }],
    });
    expect(created).toMatchObject({ status: 'SUCCESS', result: { status: 'DRAFT', total: '120.99' } });
    const got = await tool(hygienist, 'get_budget', { budgetId: created.result.id });
    expect(got.result.items).toHaveLength(1);
    const listed = await tool(hygienist, 'list_budgets', { patientId, status: ['DRAFT'], pageSize: 2 });
    expect(listed.result.budgets).toHaveLength(2);
    const pending = await tool(receptionist, 'send_budget', { budgetId: created.result.id });
    expect(pending.status).toBe('PENDING_APPROVAL');
    expect((await t.data(GET, { id: created.result.id }, admin)).budget.status).toBe('DRAFT');
    const approved = await t.data(
      `mutation($id: ID!) { approveAgentRequest(id: $id) { status result } }`,
      { id: pending.approvalId },
      admin,
    );
    expect(approved.approveAgentRequest).toMatchObject({ status: 'SUCCESS', result: { status: 'SENT' } });
    expect((await tool(receptionist, 'accept_budget', { budgetId: created.result.id })).result).toMatchObject({
      status: 'ACCEPTED',
      allowedActions: ['CANCELLED'],
    });
    expect((await tool(hygienist, 'create_budget', { patientId, items: [{ catalogItemId: crown }] })).status).toBe(
      'BLOCKED',
    );
  });
});
