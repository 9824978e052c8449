import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type CallOptions, type TestPlatform } from '@dentalpin/core/testing';

const FROM_BUDGET = `mutation($id: ID!) { createInvoiceFromBudget(budgetId: $id) {
  id status budgetId number subtotal totalDiscount totalTax total patient { id }
  items { description quantity unitPrice discount vatRate netAmount taxAmount total } } }`;
const BUDGET = `id number status subtotal totalDiscount totalTax total
  items { catalogItemId description quantity unitPrice lineDiscount netAmount vatRate taxAmount total }`;

describe('billing: invoicing an accepted budget', () => {
  let t: TestPlatform;
  let admin: { token: string; clinicId: string; userId: string };
  let receptionist: CallOptions;
  let patientId: string;
  let flatItems: { id: string }[];
  const code = async (q: string, v: Record<string, unknown>, caller: CallOptions) =>
    (await t.gql(q, v, caller)).errors?.[0]?.extensions?.code;
  const budget = async (status: 'DRAFT' | 'SENT' | 'ACCEPTED') => {
    const created = (
      await t.data(
        `mutation($input: CreateBudgetInput!) { createBudget(input: $input) { ${BUDGET} } }`,
        {
          input: {
            patientId,
            globalDiscountType: 'ABSOLUTE',
            globalDiscountValue: '10.00',
            items: [
              { catalogItemId: flatItems[0].id, quantity: 3, unitPrice: '33.33' },
              {
                catalogItemId: flatItems[1].id,
                quantity: 1,
                unitPrice: '45.55',
                discountType: 'PERCENTAGE',
                discountValue: '7.5',
              },
            ],
          },
        },
        receptionist,
      )
    ).createBudget;
    if (status === 'DRAFT') return created;
    await t.data(`mutation($id: ID!) { sendBudget(id: $id) { id } }`, { id: created.id }, receptionist);
    if (status === 'SENT') return { ...created, status };
    return (
      await t.data(`mutation($id: ID!) { acceptBudget(id: $id) { ${BUDGET} } }`, { id: created.id }, receptionist)
    ).acceptBudget;
  };

  beforeAll(async () => {
    t = await startTestPlatform();
    admin = await t.setup();
    receptionist = await t.userWithRole(admin, 'receptionist');
    patientId = (
      await t.data(`mutation { createPatient(input: { firstName: "Ana", lastName: "García" }) { id } }`, {}, admin)
    ).createPatient.id;
    await t.eventsSettled();
    flatItems = (
      await t.data(`{ catalogItems(pageSize: 100) { items { id pricingStrategy } } }`, {}, admin)
    ).catalogItems.items.filter((i: { pricingStrategy: string }) => i.pricingStrategy === 'FLAT');
    expect(flatItems.length).toBeGreaterThanOrEqual(2);
  });
  afterAll(() => t.close());

  it('copies the lines so the invoice adds up to the budget to the cent', async () => {
    const b = await budget('ACCEPTED');
    expect(b.status).toBe('ACCEPTED');
    const inv = (await t.data(FROM_BUDGET, { id: b.id }, receptionist)).createInvoiceFromBudget;
    expect(inv).toMatchObject({
      status: 'DRAFT',
      budgetId: b.id,
      number: null,
      patient: { id: patientId },
      total: b.total,
      totalTax: b.totalTax,
    });
    expect(inv.items).toEqual(
      b.items.map((i: Record<string, string | number>) => ({
        description: i.description,
        quantity: i.quantity,
        unitPrice: i.unitPrice,
        discount: i.lineDiscount,
        vatRate: i.vatRate,
        netAmount: i.netAmount,
        taxAmount: i.taxAmount,
        total: i.total,
      })),
    );
    expect([inv.subtotal, inv.totalDiscount]).toEqual([b.subtotal, b.totalDiscount]);
    // Issuing numbers it; it can be paid in full to PAID.
    const issued = (
      await t.data(`mutation($id: ID!) { issueInvoice(id: $id) { number total } }`, { id: inv.id }, receptionist)
    ).issueInvoice;
    expect(issued.total).toBe(b.total);
    // A second invoice for the same budget is refused while the first is not voided, with a reason the web words.
    const second = await t.gql(FROM_BUDGET, { id: b.id }, receptionist);
    expect(second.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'BUDGET_INVOICED',
      budgetNumber: b.number,
      invoiceNumber: issued.number,
    });
    // The budget shows its invoice (what the web's "invoice from budget" picker marks as taken)…
    const BUDGET_INVOICE = `query($id: ID!) { budget(id: $id) { invoice { id number } } }`;
    expect((await t.data(BUDGET_INVOICE, { id: b.id }, receptionist)).budget.invoice).toEqual({
      id: inv.id,
      number: issued.number,
    });
    await t.data(
      `mutation($id: ID!) { voidInvoice(id: $id, reason: "Wrong details") { id } }`,
      { id: inv.id },
      receptionist,
    );
    // …and no longer once it is voided.
    expect((await t.data(BUDGET_INVOICE, { id: b.id }, receptionist)).budget.invoice).toBeNull();
    const again = (await t.data(FROM_BUDGET, { id: b.id }, receptionist)).createInvoiceFromBudget;
    expect(again.total).toBe(b.total);
  });

  it('refuses a budget that is not ACCEPTED, an unknown one, and parallel duplicates', async () => {
    expect(await code(FROM_BUDGET, { id: (await budget('DRAFT')).id }, receptionist)).toBe('INVALID_TRANSITION');
    expect(await code(FROM_BUDGET, { id: (await budget('SENT')).id }, receptionist)).toBe('INVALID_TRANSITION');
    expect(await code(FROM_BUDGET, { id: '00000000-0000-4000-8000-000000000000' }, receptionist)).toBe('NOT_FOUND');
    const b = await budget('ACCEPTED');
    const results = await Promise.all(Array.from({ length: 5 }, () => t.gql(FROM_BUDGET, { id: b.id }, receptionist)));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors).map((r) => r.errors?.[0]?.extensions?.code)).toEqual(
      Array(4).fill('CONFLICT'),
    );
    expect(Number((await t.platform.db.knex('invoices').where({ budget_id: b.id }).count('* as n').first())?.n)).toBe(
      1,
    );
  });

  it('lets an agent invoice an accepted budget with create_invoice_from_budget', async () => {
    const b = await budget('ACCEPTED');
    const r = (
      await t.data(
        `mutation($args: JSON!) { callAgentTool(name: "billing.create_invoice_from_budget", args: $args) {
          status result error } }`,
        { args: { budgetId: b.id } },
        receptionist,
      )
    ).callAgentTool;
    expect(r).toMatchObject({ status: 'SUCCESS', result: { status: 'DRAFT', budgetId: b.id, total: b.total } });
  });

  it("does not let clinic B invoice clinic A's budget", async () => {
    const b = await budget('ACCEPTED');
    const clinicB = (await t.data(`mutation { createClinic(input: { name: "Clínica Sur" }) { id } }`, {}, admin))
      .createClinic.id;
    const userB = await t.userWithRole({ token: admin.token, clinicId: clinicB }, 'receptionist', clinicB);
    expect(await code(FROM_BUDGET, { id: b.id }, userB)).toBe('NOT_FOUND');
  });
});
