import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import { eventually, startTestPlatform, type CallOptions, type TestPlatform } from '@dentalpin/core/testing';

const BILLING = `query($from: Date!, $to: Date!, $professionalId: ID) {
  billingReport(from: $from, to: $to, professionalId: $professionalId) {
    invoiceCount invoiced tax creditNotes { count amount } netInvoiced collected outstanding voidedCount
    byPaymentMethod { method count amount }
    byProfessional { professional { id fullName } invoiceCount invoiced collected }
    byMonth { month invoiced credited collected }
  } }`;
const BUDGETS = `query($from: Date!, $to: Date!, $professionalId: ID) {
  budgetConversionReport(from: $from, to: $to, professionalId: $professionalId) {
    count amount sentCount acceptedCount acceptedAmount acceptanceRate averageDaysToAcceptance
    byStatus { status count amount }
    byProfessional { professional { id } count acceptedCount acceptanceRate }
  } }`;
const MARCH = { from: '2026-03-01', to: '2026-03-31' };

/** The billing and budget reports over the real budget and billing modules (dates pinned by SQL as test setup). */
describe('billing and budget conversion reports', () => {
  let t: TestPlatform;
  let admin: CallOptions & { userId: string };
  let dentist: CallOptions & { userId: string };
  let receptionist: CallOptions;
  let hygienist: CallOptions;
  let bAdmin: CallOptions;
  let patientId: string;
  let budgetTotals: string[];
  const sql = (query: string, params: unknown[] = []) => t.platform.db.knex.raw(query, params as never);
  const codeOf = async (query: string, variables: Record<string, unknown>, caller: CallOptions) =>
    (await t.gql(query, variables, caller)).errors?.[0]?.extensions?.code;

  async function budget(unitPrice: string, steps: string[], professionalId: string | null) {
    const catalogItemId = await eventually(
      async () => (await t.data(`{ catalogItems(pageSize: 1) { items { id } } }`, {}, admin)).catalogItems.items[0]?.id,
    );
    const created = (
      await t.data(
        `mutation($input: CreateBudgetInput!) { createBudget(input: $input) { id total } }`,
        { input: { patientId, professionalId, items: [{ catalogItemId, quantity: 1, unitPrice }] } },
        admin,
      )
    ).createBudget;
    for (const op of steps) await t.data(`mutation($id: ID!) { ${op}(id: $id) { id } }`, { id: created.id }, admin);
    return created as { id: string; total: string };
  }
  const invoice = async (lines: { unitPrice: string; vatRate: string }[], professionalId: string | null) => {
    const { id } = (
      await t.data(
        `mutation($input: CreateInvoiceInput!) { createInvoice(input: $input) { id } }`,
        {
          input: {
            patientId,
            professionalId,
            items: lines.map((l) => ({ description: 'Treatment', quantity: 1, ...l })),
          },
        },
        admin,
      )
    ).createInvoice;
    await t.data(`mutation($id: ID!) { issueInvoice(id: $id) { id } }`, { id }, admin);
    return id as string;
  };
  const pay = (id: string, amount: string, method: string, paidAt: string) =>
    t.data(
      `mutation($id: ID!, $amount: Decimal!, $method: PaymentMethod!, $paidAt: DateTime) {
        recordInvoicePayment(invoiceId: $id, amount: $amount, method: $method, paidAt: $paidAt) { id } }`,
      { id, amount, method, paidAt },
      admin,
    );

  beforeAll(async () => {
    t = await startTestPlatform();
    admin = await t.setup();
    dentist = await t.userWithRole(admin, 'dentist');
    receptionist = await t.userWithRole(admin, 'receptionist');
    hygienist = await t.userWithRole(admin, 'hygienist');
    const clinicB = (await t.data(`mutation { createClinic(input: { name: "Clínica Sur" }) { id } }`, {}, admin))
      .createClinic.id;
    bAdmin = { token: (await t.userWithRole(admin, 'admin', clinicB)).token, clinicId: clinicB };
    patientId = (
      await t.data(`mutation { createPatient(input: { firstName: "Ana", lastName: "Ruiz" }) { id } }`, {}, admin)
    ).createPatient.id;

    // Budgets, created (and sent, accepted) on pinned days of March 2026 (clinic: Europe/Madrid, UTC+1).
    const accepted = await budget('100.10', ['sendBudget', 'acceptBudget'], dentist.userId);
    const rejected = await budget('50.00', ['sendBudget', 'rejectBudget'], dentist.userId);
    const draft = await budget('10.00', [], null);
    const april = await budget('999.00', [], dentist.userId);
    budgetTotals = [accepted.total, rejected.total, draft.total];
    const pin = (id: string, created: string, sent: string | null, acceptedAt: string | null) =>
      sql(`update budgets set created_at = ?, sent_at = ?, accepted_at = ? where id = ?`, [
        created,
        sent,
        acceptedAt,
        id,
      ]);
    await pin(accepted.id, '2026-03-02T10:00:00Z', '2026-03-03T10:00:00Z', '2026-03-05T22:00:00Z');
    await pin(rejected.id, '2026-03-10T10:00:00Z', '2026-03-11T10:00:00Z', null);
    await pin(draft.id, '2026-03-31T22:30:00Z', null, null); // 1 April in Madrid: outside March
    await pin(april.id, '2026-02-28T23:30:00Z', null, null); // 1 March in Madrid: inside

    // Invoices issued on pinned days; payments dated by the API.
    const paid = await invoice([{ unitPrice: '100.00', vatRate: '21' }], dentist.userId); // 121.00
    const credited = await invoice([{ unitPrice: '45.50', vatRate: '0' }], null);
    const voided = await invoice([{ unitPrice: '7.00', vatRate: '0' }], dentist.userId);
    await pay(paid, '50.00', 'CARD', '2026-03-06T10:00:00Z');
    await pay(paid, '0.10', 'CASH', '2026-03-31T22:30:00Z'); // 1 April in Madrid
    await pay(paid, '20.90', 'CASH', '2026-04-02T10:00:00Z');
    await t.data(`mutation($id: ID!) { voidInvoice(id: $id, reason: "typo") { id } }`, { id: voided }, admin);
    const note = (
      await t.data(
        `mutation($id: ID!) { createCreditNote(invoiceId: $id, reason: "treatment not done") { id } }`,
        { id: credited },
        admin,
      )
    ).createCreditNote.id;
    await sql(`update invoices set issue_date = '2026-03-05' where id in (?, ?, ?)`, [paid, credited, voided]);
    await sql(`update invoices set issue_date = '2026-03-20' where id = ?`, [note]);
  });
  afterAll(() => t.close());

  it('sums invoices, credit notes and payments of the range to the cent, by method, professional and month', async () => {
    const r = (await t.data(BILLING, MARCH, receptionist)).billingReport;
    expect(r).toMatchObject({
      invoiceCount: 2,
      invoiced: '166.50',
      tax: '21.00',
      creditNotes: { count: 1, amount: '-45.50' },
      netInvoiced: '121.00',
      collected: '50.00',
      // What March's invoices owe today: 121.00 − 71.00 paid (April's payments included).
      outstanding: '50.00',
      voidedCount: 1,
      byPaymentMethod: [{ method: 'CARD', count: 1, amount: '50.00' }],
      byMonth: [{ month: '2026-03', invoiced: '166.50', credited: '-45.50', collected: '50.00' }],
    });
    expect(r.byProfessional).toEqual([
      {
        professional: { id: dentist.userId, fullName: 'dentist Tester' },
        invoiceCount: 1,
        invoiced: '121.00',
        collected: '50.00',
      },
      { professional: null, invoiceCount: 1, invoiced: '45.50', collected: '0.00' },
    ]);
    const april = (await t.data(BILLING, { from: '2026-04-01', to: '2026-04-30' }, admin)).billingReport;
    expect(april).toMatchObject({
      invoiceCount: 0,
      invoiced: '0.00',
      collected: '21.00',
      byPaymentMethod: [{ method: 'CASH', count: 2, amount: '21.00' }],
    });
    const mine = (await t.data(BILLING, { ...MARCH, professionalId: dentist.userId }, admin)).billingReport;
    expect([mine.invoiceCount, mine.invoiced, mine.collected, mine.creditNotes.count]).toEqual([
      1,
      '121.00',
      '50.00',
      0,
    ]);
  });

  it('rates budget acceptance over the budgets created in the range that reached the patient', async () => {
    const r = (await t.data(BUDGETS, MARCH, dentist)).budgetConversionReport;
    const [accepted, rejected] = budgetTotals.map((x) => new Decimal(x));
    expect(r).toMatchObject({
      count: 3,
      amount: accepted!.plus(rejected!).plus(999).toFixed(2),
      sentCount: 2,
      acceptedCount: 1,
      acceptedAmount: accepted!.toFixed(2),
      acceptanceRate: 0.5,
      averageDaysToAcceptance: 2.5,
    });
    expect(r.byStatus.map((s: { status: string; count: number }) => [s.status, s.count])).toEqual([
      ['DRAFT', 1],
      ['SENT', 0],
      ['ACCEPTED', 1],
      ['REJECTED', 1],
      ['EXPIRED', 0],
      ['CANCELLED', 0],
    ]);
    expect(r.byProfessional).toEqual([
      { professional: { id: dentist.userId }, count: 3, acceptedCount: 1, acceptanceRate: 0.5 },
    ]);
    const april = (await t.data(BUDGETS, { from: '2026-04-01', to: '2026-04-30' }, dentist)).budgetConversionReport;
    expect([april.count, april.acceptanceRate, april.averageDaysToAcceptance]).toEqual([1, null, null]);
  });

  it('keeps each report to its grant, and each clinic to its own books', async () => {
    expect(await codeOf(BILLING, MARCH, hygienist)).toBe('FORBIDDEN');
    expect(await codeOf(BUDGETS, MARCH, receptionist)).toBe('FORBIDDEN');
    expect(await codeOf(BILLING, { from: '2026-01-01', to: '2027-01-02' }, admin)).toBe('BAD_USER_INPUT');
    const b = (await t.data(BILLING, MARCH, bAdmin)).billingReport;
    expect([b.invoiceCount, b.invoiced, b.collected, b.byProfessional]).toEqual([0, '0.00', '0.00', []]);
    expect((await t.data(BUDGETS, MARCH, bAdmin)).budgetConversionReport.count).toBe(0);
  });

  it('answers agents with billing_report and budget_conversion_report', async () => {
    const CALL = `mutation($name: String!, $args: JSON!) { callAgentTool(name: $name, args: $args) { status result errorCode } }`;
    const billing = (await t.data(CALL, { name: 'reports.billing_report', args: MARCH }, receptionist)).callAgentTool;
    expect(billing).toMatchObject({ status: 'SUCCESS', result: { invoiced: '166.50', netInvoiced: '121.00' } });
    const budgets = (await t.data(CALL, { name: 'reports.budget_conversion_report', args: MARCH }, dentist))
      .callAgentTool;
    expect(budgets).toMatchObject({ status: 'SUCCESS', result: { count: 3, acceptanceRate: 0.5 } });
    const refused = (await t.data(CALL, { name: 'reports.budget_conversion_report', args: MARCH }, receptionist))
      .callAgentTool;
    expect(refused.status).not.toBe('SUCCESS');
  });
});
