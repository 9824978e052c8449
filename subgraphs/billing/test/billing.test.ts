import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestPlatform, type CallOptions, type TestPlatform } from '@dentalpin/core/testing';

const INVOICE = `id kind number status nextStatuses budgetId issueDate dueDate billingName billingEmail
  subtotal totalDiscount totalTax total paid balance patient { id }
  items { description quantity unitPrice discount vatRate netAmount taxAmount total }
  payments { amount method reference }`;
const CREATE = `mutation($input: CreateInvoiceInput!) { createInvoice(input: $input) { ${INVOICE} } }`;
const ISSUE = `mutation($id: ID!) { issueInvoice(id: $id) { ${INVOICE} } }`;
const PAY = `mutation($id: ID!, $amount: Decimal!, $method: PaymentMethod!, $reference: String) {
  recordInvoicePayment(invoiceId: $id, amount: $amount, method: $method, reference: $reference) { ${INVOICE} } }`;
const VOID = `mutation($id: ID!, $reason: String!) { voidInvoice(id: $id, reason: $reason) { ${INVOICE} voidReason } }`;
const CREDIT = `mutation($id: ID!, $reason: String!) { createCreditNote(invoiceId: $id, reason: $reason) {
  ${INVOICE} creditNoteFor { id number status } } }`;
const GET = `query($id: ID!) { invoice(id: $id) { ${INVOICE} creditNotes { number } history { action fromStatus toStatus } } }`;

const line = (over: Record<string, unknown> = {}) => ({
  description: 'Composite filling',
  quantity: 1,
  unitPrice: '100.00',
  vatRate: '0',
  ...over,
});

describe('billing module', () => {
  let t: TestPlatform;
  let admin: { token: string; clinicId: string; userId: string };
  let receptionist: CallOptions;
  let hygienist: CallOptions;
  let patientId: string;
  const code = async (q: string, v: Record<string, unknown>, caller: CallOptions) =>
    (await t.gql(q, v, caller)).errors?.[0]?.extensions?.code;
  const count = async (table: string, where: Record<string, unknown> = {}) =>
    Number((await t.platform.db.knex(table).where(where).count('* as n').first())?.n);
  const newPatient = async (caller: CallOptions, firstName = 'Ana', lastName = 'García') =>
    (
      await t.data(
        `mutation($input: CreatePatientInput!) { createPatient(input: $input) { id } }`,
        { input: { firstName, lastName, email: `${firstName.toLowerCase()}@example.com` } },
        caller,
      )
    ).createPatient.id as string;
  const draft = async (caller: CallOptions, items = [line()], patient = patientId) =>
    (await t.data(CREATE, { input: { patientId: patient, items } }, caller)).createInvoice;
  const issued = async (caller: CallOptions, items = [line()], patient = patientId) =>
    (await t.data(ISSUE, { id: (await draft(caller, items, patient)).id }, caller)).issueInvoice;
  const year = () => new Date().getUTCFullYear();

  beforeAll(async () => {
    t = await startTestPlatform();
    admin = await t.setup();
    receptionist = await t.userWithRole(admin, 'receptionist');
    hygienist = await t.userWithRole(admin, 'hygienist');
    patientId = await newPatient(admin);
  });
  afterAll(() => t.close());

  it('is installed by default with its navigation, the original grants and the default series', async () => {
    const r = await t.data(
      `{ activeModules { name navigation { to permission order } } me { permissions } }`,
      {},
      hygienist,
    );
    expect(r.activeModules.find((m: { name: string }) => m.name === 'billing').navigation).toEqual([
      { to: '/invoices', permission: 'billing.read', order: 50 },
    ]);
    expect(r.me.permissions.filter((p: string) => p.startsWith('billing.'))).toEqual(['billing.read']);
    const rec = await t.data(`{ me { permissions } }`, {}, receptionist);
    expect(rec.me.permissions.filter((p: string) => p.startsWith('billing.')).sort()).toEqual([
      'billing.read',
      'billing.write',
    ]);
    const series = (await t.data(`{ invoiceSeries { prefix kind isDefault resetYearly } }`, {}, receptionist))
      .invoiceSeries;
    expect(series).toEqual([
      { prefix: 'RECT', kind: 'CREDIT_NOTE', isDefault: true, resetYearly: true },
      { prefix: 'FAC', kind: 'INVOICE', isDefault: true, resetYearly: true },
    ]);
  });

  it('prices lines exactly and keeps a draft unnumbered', async () => {
    const inv = await draft(receptionist, [
      line({ description: 'Filling', quantity: 3, unitPrice: '33.33', vatRate: '21', discount: '0.99' }),
      line({ description: 'Cleaning', quantity: 1, unitPrice: '45.50', vatRate: '0' }),
    ]);
    expect(inv).toMatchObject({ kind: 'INVOICE', number: null, status: 'DRAFT', nextStatuses: ['ISSUED', 'VOIDED'] });
    // 3 × 33.33 = 99.99 − 0.99 = 99.00 net; 21% = 20.79; + 45.50 at 0%.
    expect(inv.items).toEqual([
      {
        description: 'Filling',
        quantity: 3,
        unitPrice: '33.33',
        discount: '0.99',
        vatRate: '21.00',
        netAmount: '99.00',
        taxAmount: '20.79',
        total: '119.79',
      },
      {
        description: 'Cleaning',
        quantity: 1,
        unitPrice: '45.50',
        discount: '0.00',
        vatRate: '0.00',
        netAmount: '45.50',
        taxAmount: '0.00',
        total: '45.50',
      },
    ]);
    expect(inv).toMatchObject({
      subtotal: '145.49',
      totalDiscount: '0.99',
      totalTax: '20.79',
      total: '165.29',
      paid: '0.00',
      balance: '165.29',
    });
  });

  it('refuses bad input and writes nothing', async () => {
    const before = await count('invoices');
    for (const items of [
      [line({ unitPrice: '0.001' })],
      [line({ unitPrice: '-5.00' })],
      [line({ vatRate: '101' })],
      [line({ quantity: 0 })],
      [line({ discount: '100.01' })],
    ])
      expect(await code(CREATE, { input: { patientId, items } }, receptionist)).toBe('BAD_USER_INPUT');
    expect(
      await code(CREATE, { input: { patientId: '00000000-0000-4000-8000-000000000000', items: [line()] } }, admin),
    ).toBe('NOT_FOUND');
    expect(await count('invoices')).toBe(before);
  });

  it('refuses a day the calendar does not have (2026-02-31) as BAD_USER_INPUT, saying why', async () => {
    // GraphQL's Date scalar refuses it already; an agent tool's parameters reach the rule itself.
    const r = await t.data(
      `mutation($args: JSON!) { callAgentTool(name: "billing.list_invoices", args: $args) { status error errorCode } }`,
      { args: { issuedFrom: '2026-02-31' } },
      admin,
    );
    expect(r.callAgentTool.status).toBe('FAILED');
    expect(r.callAgentTool.errorCode).toBe('BAD_USER_INPUT');
    expect(r.callAgentTool.error).toMatch(/issuedFrom is not a calendar date: February 2026 has 28 days/);
  });

  it('takes as the professional only an active professional of the clinic, and writes nothing otherwise', async () => {
    const dentist = await t.userWithRole(admin, 'dentist');
    const clerk = await t.userWithRole(admin, 'receptionist');
    const elsewhere = await t.data(`mutation { createClinic(input: { name: "Clínica Otra" }) { id } }`, {}, admin);
    const otherDentist = await t.userWithRole(admin, 'dentist', elsewhere.createClinic.id);
    const create = (professionalId: string) =>
      t.gql(CREATE, { input: { patientId, professionalId, items: [line()] } }, receptionist);
    const before = await count('invoices');
    // A member who is no professional (a receptionist, the clinic's admin), another clinic's dentist, nobody.
    for (const userId of [clerk.userId, admin.userId, otherDentist.userId, '00000000-0000-4000-8000-000000000000']) {
      const refused = await create(userId);
      expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(refused.errors?.[0]?.message).toMatch(/not an active professional of this clinic/);
    }
    expect(await count('invoices')).toBe(before);
    const made = (await create(dentist.userId)).data?.createInvoice;
    expect(made).toMatchObject({ status: 'DRAFT' });
    expect(await count('invoices', { id: made.id, professional_id: dentist.userId })).toBe(1);
    // Deactivated, the same dentist is refused.
    await t.data(`mutation($u: ID!) { deactivateUser(userId: $u) { id } }`, { u: dentist.userId }, admin);
    expect((await create(dentist.userId)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await count('invoices')).toBe(before + 1);
  });

  it('issues with the next number, the patient as billing party, clinic-local dates and invoice.issued', async () => {
    const d = await draft(receptionist);
    const inv = (await t.data(ISSUE, { id: d.id }, receptionist)).issueInvoice;
    expect(inv.number).toMatch(new RegExp(`^FAC-${year()}-\\d{4}$`));
    expect(inv).toMatchObject({
      status: 'ISSUED',
      billingName: 'Ana García',
      billingEmail: 'ana@example.com',
      nextStatuses: ['PARTIAL', 'PAID', 'CANCELLED', 'VOIDED'],
    });
    const issue = new Date(`${inv.issueDate}T00:00:00Z`);
    expect(new Date(`${inv.dueDate}T00:00:00Z`).getTime() - issue.getTime()).toBe(30 * 86_400_000);
    expect(Math.abs(issue.getTime() - Date.now())).toBeLessThan(2 * 86_400_000);
    expect(await code(ISSUE, { id: d.id }, receptionist)).toBe('ALREADY_IN_STATE');
    const event = await t.platform.db
      .knex('core_event_outbox')
      .where({ type: 'invoice.issued' })
      .whereRaw(`payload->>'invoice_id' = ?`, [d.id])
      .first();
    expect(event.payload).toMatchObject({
      invoice_id: d.id,
      patient_id: patientId,
      invoice_number: inv.number,
      total: '100.00',
      issued_by: expect.any(String),
    });
    // An empty draft cannot be issued; nothing is numbered.
    const empty = await draft(receptionist, []);
    expect(await code(ISSUE, { id: empty.id }, receptionist)).toBe('BAD_USER_INPUT');
    expect((await t.data(GET, { id: empty.id }, receptionist)).invoice).toMatchObject({
      status: 'DRAFT',
      number: null,
    });
  });

  it('refunds a paid invoice, at most what is paid: PAID → PARTIAL → ISSUED, once per sourceId', async () => {
    const REFUND = `mutation($id: ID!, $amount: Decimal!, $sourceId: ID) {
      refundInvoicePayment(invoiceId: $id, amount: $amount, method: CASH, reason: "Treatment cancelled", sourceId: $sourceId) {
        status paid balance payments { kind amount reason } } }`;
    const inv = await issued(receptionist, [line({ unitPrice: '50.00' })]);
    expect(await code(REFUND, { id: inv.id, amount: '1.00' }, receptionist)).toBe('INVALID_TRANSITION');
    await t.data(PAY, { id: inv.id, amount: '50.00', method: 'CASH' }, receptionist);
    expect(await code(REFUND, { id: inv.id, amount: '50.01' }, receptionist)).toBe('CONFLICT');
    const sourceId = '00000000-0000-4000-8000-00000000f00d';
    const part = (await t.data(REFUND, { id: inv.id, amount: '20.00', sourceId }, receptionist)).refundInvoicePayment;
    expect(part).toMatchObject({ status: 'PARTIAL', paid: '30.00', balance: '20.00' });
    // The same sourceId again (a retry) records nothing more.
    const again = (await t.data(REFUND, { id: inv.id, amount: '20.00', sourceId }, receptionist)).refundInvoicePayment;
    expect(again).toMatchObject({ status: 'PARTIAL', paid: '30.00' });
    const rest = (await t.data(REFUND, { id: inv.id, amount: '30.00' }, receptionist)).refundInvoicePayment;
    expect(rest).toMatchObject({ status: 'ISSUED', paid: '0.00', balance: '50.00' });
    expect(rest.payments.map((p: { kind: string; amount: string }) => [p.kind, p.amount])).toEqual([
      ['PAYMENT', '50.00'],
      ['REFUND', '20.00'],
      ['REFUND', '30.00'],
    ]);
  });

  it('takes payments up to the balance: ISSUED → PARTIAL → PAID, with events', async () => {
    const inv = await issued(receptionist, [line({ unitPrice: '120.50' })]);
    for (const amount of ['0.001', '-1.00', '0', '120.51', 'abc'])
      expect(await code(PAY, { id: inv.id, amount, method: 'CASH' }, receptionist)).toBe('BAD_USER_INPUT');
    const part = (await t.data(PAY, { id: inv.id, amount: '20.25', method: 'CARD', reference: 'TPV-1' }, receptionist))
      .recordInvoicePayment;
    expect(part).toMatchObject({ status: 'PARTIAL', paid: '20.25', balance: '100.25' });
    const full = (await t.data(PAY, { id: inv.id, amount: '100.25', method: 'BANK_TRANSFER' }, receptionist))
      .recordInvoicePayment;
    // PAID takes no more payments; it may go back to PARTIAL or ISSUED by a refund (0.2.0).
    expect(full).toMatchObject({
      status: 'PAID',
      paid: '120.50',
      balance: '0.00',
      nextStatuses: ['PARTIAL', 'ISSUED'],
    });
    expect(full.payments).toEqual([
      { amount: '20.25', method: 'CARD', reference: 'TPV-1' },
      { amount: '100.25', method: 'BANK_TRANSFER', reference: null },
    ]);
    expect(await code(PAY, { id: inv.id, amount: '1.00', method: 'CASH' }, receptionist)).toBe('INVALID_TRANSITION');
    const events = await t.platform.db
      .knex('core_event_outbox')
      .whereIn('type', ['invoice.payment_recorded', 'invoice.paid'])
      .whereRaw(`payload->>'invoice_id' = ?`, [inv.id])
      .orderBy('id')
      .select('type', 'payload');
    expect(
      events.map((e: { type: string; payload: Record<string, unknown> }) => [
        e.type,
        e.payload.balance ?? e.payload.total,
      ]),
    ).toEqual([
      ['invoice.payment_recorded', '100.25'],
      ['invoice.payment_recorded', '0.00'],
      ['invoice.paid', '120.50'],
    ]);
    // A draft takes no payment.
    expect(await code(PAY, { id: (await draft(receptionist)).id, amount: '1.00', method: 'CASH' }, receptionist)).toBe(
      'INVALID_TRANSITION',
    );
    const history = (await t.data(GET, { id: inv.id }, receptionist)).invoice.history;
    expect(history.map((h: { action: string; toStatus: string }) => [h.action, h.toStatus])).toEqual([
      ['created', 'DRAFT'],
      ['issued', 'ISSUED'],
      ['payment_recorded', 'PARTIAL'],
      ['payment_recorded', 'PAID'],
    ]);
  });

  it('never lets parallel payments exceed the total, and the database refuses it on its own', async () => {
    const inv = await issued(receptionist, [line({ unitPrice: '100.00' })]);
    const results = await Promise.all(
      Array.from({ length: 8 }, () => t.gql(PAY, { id: inv.id, amount: '30.00', method: 'CASH' }, receptionist)),
    );
    const ok = results.filter((r) => !r.errors);
    const refused = results.filter((r) => r.errors).map((r) => r.errors?.[0]?.extensions?.code);
    expect(ok).toHaveLength(3);
    expect(refused).toHaveLength(5);
    for (const c of refused) expect(['BAD_USER_INPUT', 'CONFLICT']).toContain(c);
    const after = (await t.data(GET, { id: inv.id }, receptionist)).invoice;
    expect(after).toMatchObject({ status: 'PARTIAL', paid: '90.00', balance: '10.00' });
    expect(after.payments).toHaveLength(3);
    // The CHECK constraint itself: a direct overpaying update is refused by PostgreSQL.
    await expect(
      t.platform.db.knex('invoices').where({ id: inv.id }).update({ paid_amount: '100.01' }),
    ).rejects.toThrow(/invoices_paid_within_total/);
    await expect(
      t.platform.db.knex.raw(
        `insert into invoice_payments (id, clinic_id, invoice_id, amount, method, paid_at)
         values (gen_random_uuid(), ?, ?, 0, 'cash', now())`,
        [admin.clinicId, inv.id],
      ),
    ).rejects.toThrow(/check/);
    // The history is append-only.
    await expect(t.platform.db.knex('invoice_history').where({ invoice_id: inv.id }).del()).rejects.toThrow(
      /append-only/,
    );
  });

  it('numbers 50 parallel issues 1..50 with no gap and no duplicate', async () => {
    const clinicId = (await t.data(`mutation { createClinic(input: { name: "Clínica Números" }) { id } }`, {}, admin))
      .createClinic.id;
    const caller = { token: admin.token, clinicId };
    await eventually(async () =>
      (await t.data(`{ invoiceSeries { id } }`, {}, caller)).invoiceSeries.length === 2 ? true : null,
    );
    const patient = await newPatient(caller, 'Luis', 'Pérez');
    const drafts = [];
    for (let i = 0; i < 50; i++) drafts.push(await draft(caller, [line()], patient));
    const results = await Promise.all(drafts.map((d) => t.gql(ISSUE, { id: d.id }, caller)));
    expect(results.filter((r) => r.errors)).toEqual([]);
    const numbers = results.map((r) => r.data?.issueInvoice.number as string).sort();
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => `FAC-${year()}-${String(i + 1).padStart(4, '0')}`));
    const counter = await t.platform.db
      .knex('invoice_series_counters as c')
      .join('invoice_series as s', 's.id', 'c.series_id')
      .where({ 's.clinic_id': clinicId, 's.prefix': 'FAC' })
      .first('c.last_number');
    expect(counter.last_number).toBe(50);
  });

  it('voids a draft or an unpaid issued invoice, never one with payments', async () => {
    const d = await draft(receptionist);
    expect(await code(VOID, { id: d.id, reason: ' ' }, receptionist)).toBe('BAD_USER_INPUT');
    const v = (await t.data(VOID, { id: d.id, reason: 'Duplicate' }, receptionist)).voidInvoice;
    expect(v).toMatchObject({ status: 'VOIDED', number: null, voidReason: 'Duplicate', balance: '0.00' });
    expect(await code(VOID, { id: d.id, reason: 'Again' }, receptionist)).toBe('ALREADY_IN_STATE');
    expect(await code(ISSUE, { id: d.id }, receptionist)).toBe('INVALID_TRANSITION');

    const i = await issued(receptionist);
    const vi = (await t.data(VOID, { id: i.id, reason: 'Wrong patient' }, receptionist)).voidInvoice;
    expect(vi).toMatchObject({ status: 'VOIDED', number: i.number });

    const p = await issued(receptionist);
    await t.data(PAY, { id: p.id, amount: '10.00', method: 'CASH' }, receptionist);
    expect(await code(VOID, { id: p.id, reason: 'Oops' }, receptionist)).toBe('INVALID_TRANSITION');
  });

  it('credits an issued or part-paid invoice with a RECT credit note of negative totals; the original is CANCELLED', async () => {
    const inv = await issued(receptionist, [
      line({ quantity: 2, unitPrice: '50.00', vatRate: '21', discount: '10.00' }),
    ]);
    await t.data(PAY, { id: inv.id, amount: '8.90', method: 'CASH' }, receptionist);
    const note = (await t.data(CREDIT, { id: inv.id, reason: 'Treatment not done' }, receptionist)).createCreditNote;
    expect(note.number).toMatch(new RegExp(`^RECT-${year()}-\\d{4}$`));
    expect(note).toMatchObject({
      kind: 'CREDIT_NOTE',
      status: 'ISSUED',
      subtotal: '-100.00',
      totalDiscount: '-10.00',
      totalTax: '-18.90',
      total: '-108.90',
      balance: '0.00',
      billingName: 'Ana García',
      creditNoteFor: { id: inv.id, number: inv.number, status: 'CANCELLED' },
    });
    expect(note.items[0]).toMatchObject({ quantity: 2, unitPrice: '-50.00', netAmount: '-90.00', total: '-108.90' });
    expect((await t.data(GET, { id: inv.id }, receptionist)).invoice).toMatchObject({
      status: 'CANCELLED',
      balance: '0.00',
      creditNotes: [{ number: note.number }],
    });
    expect(await code(CREDIT, { id: inv.id, reason: 'again' }, receptionist)).toBe('ALREADY_IN_STATE');
    expect(await code(PAY, { id: note.id, amount: '1.00', method: 'CASH' }, receptionist)).toBe('BAD_USER_INPUT');
    // A paid invoice is final; a draft is voided, not credited.
    const paid = await issued(receptionist);
    await t.data(PAY, { id: paid.id, amount: '100.00', method: 'CASH' }, receptionist);
    expect(await code(CREDIT, { id: paid.id, reason: 'x' }, receptionist)).toBe('INVALID_TRANSITION');
    expect(await code(CREDIT, { id: (await draft(receptionist)).id, reason: 'x' }, receptionist)).toBe(
      'INVALID_TRANSITION',
    );
    const event = await t.platform.db.knex('core_event_outbox').where({ type: 'credit_note.issued' }).first();
    expect(event.payload).toMatchObject({ invoice_id: inv.id, credit_note_id: note.id, total: '-108.90' });
  });

  it('lists with filters, pages payments by date, and adds invoices to the patient (batched)', async () => {
    const other = await newPatient(receptionist, 'Eva', 'Sanz');
    const mine = await issued(receptionist, [line()], other);
    await t.data(PAY, { id: mine.id, amount: '40.00', method: 'INSURANCE' }, receptionist);
    const list = (
      await t.data(
        `query($p: ID) { invoices(patientId: $p, status: [PARTIAL]) { total items { id status } } }`,
        { p: other },
        hygienist,
      )
    ).invoices;
    expect(list).toEqual({ total: 1, items: [{ id: mine.id, status: 'PARTIAL' }] });
    // The global search finds an invoice by part of its number, any case; LIKE wildcards are literal.
    const find = async (search: string) =>
      (await t.data(`query($s: String) { invoices(search: $s) { total items { id } } }`, { s: search }, hygienist))
        .invoices;
    expect((await find(String(mine.number).toLowerCase())).items).toEqual([{ id: mine.id }]);
    expect(await find('_')).toEqual({ total: 0, items: [] });
    expect(await find('FAC-1999-')).toEqual({ total: 0, items: [] });
    expect(
      (await t.data(`{ invoices(kind: CREDIT_NOTE) { items { kind } } }`, {}, hygienist)).invoices.items.every(
        (i: { kind: string }) => i.kind === 'CREDIT_NOTE',
      ),
    ).toBe(true);
    expect(await code(`{ invoices(pageSize: 501) { total } }`, {}, hygienist)).toBe('BAD_USER_INPUT');
    expect(
      await code(`{ invoicePayments(from: "2026-02-01T00:00", to: "2026-01-01T00:00") { total } }`, {}, hygienist),
    ).toBe('BAD_USER_INPUT');
    // paidAt without an offset is clinic wall-clock time (Europe/Madrid: UTC+1 in January).
    const back = await issued(receptionist, [line()], other);
    await t.data(
      `mutation($id: ID!) { recordInvoicePayment(invoiceId: $id, amount: "5.00", method: CASH,
        paidAt: "2026-01-15T10:00") { id } }`,
      { id: back.id },
      receptionist,
    );
    const january = (
      await t.data(
        `{ invoicePayments(from: "2026-01-15T00:00", to: "2026-01-16T00:00") { items { amount paidAt } } }`,
        {},
        hygienist,
      )
    ).invoicePayments.items;
    expect(january).toEqual([{ amount: '5.00', paidAt: expect.stringMatching(/^2026-01-15T09:00:00(\.000)?Z$/) }]);
    expect(
      await code(
        `mutation($id: ID!) { recordInvoicePayment(invoiceId: $id, amount: "1.00", method: CASH, paidAt: "2999-01-01T10:00") { id } }`,
        { id: back.id },
        receptionist,
      ),
    ).toBe('BAD_USER_INPUT');
    const from = new Date(Date.now() - 60_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    const payments = (
      await t.data(
        `query($from: DateTime!, $to: DateTime!) { invoicePayments(from: $from, to: $to, pageSize: 500) {
          total items { amount method invoice { id number } } } }`,
        { from, to },
        hygienist,
      )
    ).invoicePayments;
    expect(payments.items).toContainEqual({
      amount: '40.00',
      method: 'INSURANCE',
      invoice: { id: mine.id, number: mine.number },
    });
    const patients = (
      await t.data(`{ patients(pageSize: 100) { items { id invoices { id number } } } }`, {}, hygienist)
    ).patients.items as { id: string; invoices: { id: string }[] }[];
    // Newest first.
    expect(patients.find((p) => p.id === other)?.invoices).toEqual([
      { id: back.id, number: back.number },
      { id: mine.id, number: mine.number },
    ]);
    expect(patients.find((p) => p.id === patientId)?.invoices.length).toBeGreaterThan(5);
  });

  it('lets a hygienist read but not write, and only billing.write may create or pay', async () => {
    const inv = await issued(receptionist);
    expect((await t.data(GET, { id: inv.id }, hygienist)).invoice.id).toBe(inv.id);
    expect(await code(CREATE, { input: { patientId, items: [line()] } }, hygienist)).toBe('FORBIDDEN');
    expect(await code(PAY, { id: inv.id, amount: '1.00', method: 'CASH' }, hygienist)).toBe('FORBIDDEN');
    expect(await code(VOID, { id: inv.id, reason: 'x' }, hygienist)).toBe('FORBIDDEN');
    expect(await code(GET, { id: inv.id }, {})).toBe('UNAUTHENTICATED');
  });

  it("keeps clinic B away from clinic A's invoices", async () => {
    const inv = await issued(receptionist);
    const clinicB = (await t.data(`mutation { createClinic(input: { name: "Clínica Sur" }) { id } }`, {}, admin))
      .createClinic.id;
    const adminB = { token: admin.token, clinicId: clinicB };
    const userB = await t.userWithRole(adminB, 'receptionist', clinicB);
    expect((await t.data(GET, { id: inv.id }, userB)).invoice).toBeNull();
    expect((await t.data(`{ invoices { total } }`, {}, userB)).invoices.total).toBe(0);
    expect(await code(PAY, { id: inv.id, amount: '1.00', method: 'CASH' }, userB)).toBe('NOT_FOUND');
    expect(await code(ISSUE, { id: inv.id }, userB)).toBe('NOT_FOUND');
    expect(await code(VOID, { id: inv.id, reason: 'x' }, userB)).toBe('NOT_FOUND');
    expect(await code(CREDIT, { id: inv.id, reason: 'x' }, userB)).toBe('NOT_FOUND');
    // A's patient does not exist for B.
    expect(await code(CREATE, { input: { patientId, items: [line()] } }, userB)).toBe('NOT_FOUND');
    // B numbers its own invoices from 1.
    await eventually(async () =>
      (await t.data(`{ invoiceSeries { id } }`, {}, userB)).invoiceSeries.length === 2 ? true : null,
    );
    const bPatient = await newPatient(userB, 'Bea', 'Ruiz');
    expect((await issued(userB, [line()], bPatient)).number).toBe(`FAC-${year()}-0001`);
    expect((await t.data(GET, { id: inv.id }, receptionist)).invoice.paid).toBe('0.00');
  });

  it('sums invoices and payments in the database by kind, status, month and professional, in the clinic zone', async () => {
    const TOTALS = `query($from: Date!, $to: Date!, $start: DateTime!, $end: DateTime!, $professionalId: ID) {
      invoiceTotals(issuedFrom: $from, issuedTo: $to, professionalId: $professionalId) {
        kind status month professional { id } count total totalTax balance }
      paymentTotals(from: $start, to: $end, professionalId: $professionalId) {
        method month professional { id } count amount } }`;
    // A clinic of its own in Madrid, so that the sums are exactly these invoices'.
    const clinic = (
      await t.data(
        `mutation { createClinic(input: { name: "Clínica Sumas", timezone: "Europe/Madrid" }) { id } }`,
        {},
        admin,
      )
    ).createClinic.id;
    const owner = { token: admin.token, clinicId: clinic };
    await eventually(async () =>
      (await t.data(`{ invoiceSeries { id } }`, {}, owner)).invoiceSeries.length === 2 ? true : null,
    );
    // Only an active professional may be an invoice's professional: the admin treats patients here too.
    await t.data(
      `mutation($u: ID!) { updateMembership(userId: $u, isProfessional: true) { id } }`,
      { u: admin.userId },
      owner,
    );
    const patient = await newPatient(owner, 'Tomas', 'Suma');
    const make = async (unitPrice: string, professionalId: string | null) => {
      const d = (
        await t.data(
          CREATE,
          { input: { patientId: patient, professionalId, items: [line({ unitPrice, vatRate: '21' })] } },
          owner,
        )
      ).createInvoice;
      return (await t.data(ISSUE, { id: d.id }, owner)).issueInvoice;
    };
    const a = await make('100.00', admin.userId); // 121.00
    const b = await make('10.00', admin.userId); // 12.10
    const c = await make('33.33', null); // 40.33
    await draft(owner, [line()], patient); // drafts have no issue date: never counted
    // 23:30 UTC on 31 January is already 1 February in Madrid.
    await t.data(PAY, { id: a.id, amount: '21.00', method: 'CARD' }, owner);
    await t.data(
      `mutation($id: ID!) { recordInvoicePayment(invoiceId: $id, amount: "12.10", method: CASH,
      paidAt: "2026-01-31T23:30:00Z") { id } }`,
      { id: b.id },
      owner,
    );
    await t.data(CREDIT, { id: c.id, reason: 'Wrong patient' }, owner);

    const today = a.issueDate as string;
    const month = today.slice(0, 7);
    const vars = {
      from: today,
      to: today,
      start: '2026-01-01T00:00',
      end: new Date(Date.now() + 60_000).toISOString(),
    };
    const all = await t.data(TOTALS, vars, owner);
    const me = { id: admin.userId };
    expect(all.invoiceTotals).toEqual(
      expect.arrayContaining([
        {
          kind: 'INVOICE',
          status: 'PARTIAL',
          month,
          professional: me,
          count: 1,
          total: '121.00',
          totalTax: '21.00',
          balance: '100.00',
        },
        {
          kind: 'INVOICE',
          status: 'PAID',
          month,
          professional: me,
          count: 1,
          total: '12.10',
          totalTax: '2.10',
          balance: '0.00',
        },
        {
          kind: 'INVOICE',
          status: 'CANCELLED',
          month,
          professional: null,
          count: 1,
          total: '40.33',
          totalTax: '7.00',
          balance: '0.00',
        },
        {
          kind: 'CREDIT_NOTE',
          status: 'ISSUED',
          month,
          professional: null,
          count: 1,
          total: '-40.33',
          totalTax: '-7.00',
          balance: '0.00',
        },
      ]),
    );
    expect(all.invoiceTotals).toHaveLength(4);
    expect(all.paymentTotals).toEqual(
      [
        { method: 'CASH', month: '2026-02', professional: me, count: 1, amount: '12.10' },
        { method: 'CARD', month, professional: me, count: 1, amount: '21.00' },
      ].sort((x, y) => x.month.localeCompare(y.month)),
    );

    const mine = await t.data(TOTALS, { ...vars, professionalId: admin.userId }, owner);
    expect(mine.invoiceTotals.map((r: { total: string }) => r.total).sort()).toEqual(['12.10', '121.00']);
    expect(mine.paymentTotals).toHaveLength(2);
    // The first clinic's sums are its own invoices only: as many as its list issued that day.
    const clinicA = (await t.data(TOTALS, vars, receptionist)).invoiceTotals as { count: number }[];
    const listedA = (
      await t.data(
        `query($d: Date!) { invoices(issuedFrom: $d, issuedTo: $d, pageSize: 500) { total } }`,
        { d: today },
        receptionist,
      )
    ).invoices.total;
    expect(clinicA.reduce((n, r) => n + r.count, 0)).toBe(listedA);
    // A day without invoices is empty; a reversed range is refused.
    expect((await t.data(TOTALS, { ...vars, from: '2020-01-01', to: '2020-01-31' }, owner)).invoiceTotals).toEqual([]);
    expect(await code(TOTALS, { ...vars, from: today, to: '2020-01-01' }, owner)).toBe('BAD_USER_INPUT');
    expect(await code(TOTALS, { ...vars, end: '2025-01-01T00:00' }, owner)).toBe('BAD_USER_INPUT');
  });

  it('gives agents read tools, WRITE tools for issuing and payments, and DESTRUCTIVE ones behind approval', async () => {
    const TOOL = `mutation($name: String!, $args: JSON!) { callAgentTool(name: $name, args: $args) {
      status result error approvalId } }`;
    const tool = async (caller: CallOptions, name: string, args: Record<string, unknown>) =>
      (await t.data(TOOL, { name: `billing.${name}`, args }, caller)).callAgentTool;
    const d = await draft(receptionist);
    const issuedByTool = await tool(receptionist, 'issue_invoice', { invoiceId: d.id });
    expect(issuedByTool).toMatchObject({ status: 'SUCCESS', result: { status: 'ISSUED', number: expect.any(String) } });
    const paid = await tool(receptionist, 'record_payment', { invoiceId: d.id, amount: '30.00', method: 'CARD' });
    expect(paid).toMatchObject({ status: 'SUCCESS', result: { status: 'PARTIAL', paid: '30.00', balance: '70.00' } });
    expect(
      (await tool(receptionist, 'record_payment', { invoiceId: d.id, amount: '0.001', method: 'CARD' })).status,
    ).toBe('FAILED');

    const got = await tool(hygienist, 'get_invoice', { invoiceId: d.id });
    expect(got).toMatchObject({ status: 'SUCCESS' });
    expect(got.result).toMatchObject({
      number: issuedByTool.result.number,
      balance: '70.00',
      items: [{ total: '100.00' }],
    });
    expect(got.result.payments).toEqual([expect.objectContaining({ amount: '30.00', method: 'CARD' })]);
    const list = await tool(hygienist, 'list_invoices', { status: ['PARTIAL'], pageSize: 100 });
    expect(list.result.invoices.map((i: { id: string }) => i.id)).toContain(d.id);
    // A hygienist (billing.read) cannot use the write tools.
    expect((await tool(hygienist, 'issue_invoice', { invoiceId: d.id })).status).not.toBe('SUCCESS');

    // Crediting is DESTRUCTIVE: it waits for a person's approval, then runs once.
    const asked = await tool(receptionist, 'create_credit_note', { invoiceId: d.id, reason: 'Not done' });
    expect(asked).toMatchObject({ status: 'PENDING_APPROVAL', approvalId: expect.any(String) });
    expect((await t.data(GET, { id: d.id }, receptionist)).invoice.status).toBe('PARTIAL');
    const approved = (
      await t.data(
        `mutation($id: ID!) { approveAgentRequest(id: $id) { status result } }`,
        { id: asked.approvalId },
        admin,
      )
    ).approveAgentRequest;
    expect(approved).toMatchObject({ status: 'SUCCESS', result: { kind: 'CREDIT_NOTE', total: '-100.00' } });
    expect((await t.data(GET, { id: d.id }, receptionist)).invoice.status).toBe('CANCELLED');
  });

  it('lets a clinic admin add a series and change the default; new numbers follow it', async () => {
    const SERIES = `mutation($input: CreateInvoiceSeriesInput!) { createInvoiceSeries(input: $input) {
      id prefix kind isDefault resetYearly } }`;
    const DEFAULT = `mutation($id: ID!) { setDefaultInvoiceSeries(id: $id) { id prefix isDefault } }`;
    const input = { prefix: 'fac-b', kind: 'INVOICE', isDefault: true };
    expect(await code(SERIES, { input }, receptionist)).toBe('FORBIDDEN');
    expect(await code(SERIES, { input: { ...input, prefix: 'FAC B' } }, admin)).toBe('BAD_USER_INPUT');
    const b = (await t.data(SERIES, { input }, admin)).createInvoiceSeries;
    expect(b).toMatchObject({ prefix: 'FAC-B', kind: 'INVOICE', isDefault: true, resetYearly: true });
    expect(await code(SERIES, { input: { prefix: 'FAC', kind: 'INVOICE' } }, admin)).toBe('CONFLICT');
    const series = (await t.data(`{ invoiceSeries { id prefix kind isDefault } }`, {}, receptionist)).invoiceSeries;
    expect(
      series
        .filter((s: { isDefault: boolean }) => s.isDefault)
        .map((s: { prefix: string }) => s.prefix)
        .sort(),
    ).toEqual(['FAC-B', 'RECT']);
    expect((await issued(receptionist)).number).toBe(`FAC-B-${year()}-0001`);
    const fac = series.find((s: { prefix: string }) => s.prefix === 'FAC');
    expect((await t.data(DEFAULT, { id: fac.id }, admin)).setDefaultInvoiceSeries).toMatchObject({ isDefault: true });
    expect(await code(DEFAULT, { id: fac.id }, admin)).toBe('ALREADY_IN_STATE');
    expect((await issued(receptionist)).number).toMatch(new RegExp(`^FAC-${year()}-\\d{4}$`));
  });
});
