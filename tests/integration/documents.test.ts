import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText, startTestPlatform, type CallOptions, type TestPlatform } from '@dentalpin/core/testing';

/**
 * Budget and invoice PDFs (issue #17 "Documents"): generated on the server, downloaded beside /graphql with
 * the caller's bearer token, scoped to the caller's clinic and checked against the module's read permission.
 */
describe('budget and invoice PDFs', () => {
  let t: TestPlatform;
  let base: string;
  let admin: CallOptions & { clinicId: string };
  let receptionist: CallOptions;
  let budget: { id: string; number: string; total: string };
  let invoice: { id: string; number: string; total: string };

  const download = (path: string, caller: CallOptions | null) =>
    fetch(base + path, {
      headers: {
        ...(caller?.token ? { authorization: `Bearer ${caller.token}` } : {}),
        ...(caller?.clinicId ? { 'x-clinic-id': caller.clinicId } : {}),
      },
    });
  const text = async (res: Response) =>
    (await pdfText(new Uint8Array(await res.arrayBuffer()))).text.replace(/\s+/g, ' ');

  beforeAll(async () => {
    t = await startTestPlatform();
    base = t.url.replace(/\/graphql$/, '');
    admin = await t.setup();
    receptionist = await t.userWithRole(admin, 'receptionist');
    const patientId = (
      await t.data(
        `mutation { createPatient(input: { firstName: "Lucía", lastName: "Núñez", email: "lucia@example.test" }) { id } }`,
        {},
        admin,
      )
    ).createPatient.id;
    await t.eventsSettled();
    const [item] = (
      await t.data(`{ catalogItems(pageSize: 100) { items { id pricingStrategy } } }`, {}, admin)
    ).catalogItems.items.filter((i: { pricingStrategy: string }) => i.pricingStrategy === 'FLAT');
    budget = (
      await t.data(
        `mutation($input: CreateBudgetInput!) { createBudget(input: $input) { id number total } }`,
        { input: { patientId, items: [{ catalogItemId: item.id, quantity: 2, unitPrice: '123.45' }] } },
        receptionist,
      )
    ).createBudget;
    invoice = (
      await t.data(
        `mutation($input: CreateInvoiceInput!) { createInvoice(input: $input) { id } }`,
        {
          input: {
            patientId,
            items: [
              { description: 'Empaste composite', quantity: 1, unitPrice: '80.00', vatRate: '0' },
              { description: 'Blanqueamiento', quantity: 1, unitPrice: '200.00', vatRate: '21' },
            ],
          },
        },
        receptionist,
      )
    ).createInvoice;
    invoice = (await t.data(`mutation($id: ID!) { issueInvoice(id: $id) { id number total } }`, invoice, receptionist))
      .issueInvoice;
    // A platform, two users and four modules' worth of writes: minutes on a loaded 2-core machine.
  }, 600_000);
  afterAll(() => t?.close());

  it('downloads an issued invoice as a PDF with its number, lines, VAT breakdown and total in the clinic currency', async () => {
    const res = await download(`/billing/invoices/${invoice.id}/pdf?locale=es`, receptionist);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toContain(`attachment; filename="Factura-${invoice.number}.pdf"`);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const body = await text(res);
    expect(invoice.total).toBe('322.00');
    for (const expected of [
      invoice.number,
      'Lucía Núñez',
      'Empaste composite',
      'Desglose de IVA',
      '42,00 €',
      '322,00 €',
    ])
      expect(body, expected).toContain(expected);

    const english = await text(await download(`/billing/invoices/${invoice.id}/pdf?locale=en&inline=1`, receptionist));
    expect(english).toContain('VAT breakdown');
    expect(english).toContain('€322.00');
  });

  it('downloads a budget as a PDF with its number and total', async () => {
    const res = await download(`/budget/budgets/${budget.id}/pdf`, receptionist);
    expect(res.status).toBe(200);
    const body = await text(res);
    expect(body).toContain(budget.number);
    // The clinic's language (Spanish by default) and its currency.
    expect(body).toContain('Presupuesto');
    expect(body).toContain(`${budget.total.replace('.', ',')} €`);
  });

  it('refuses without a token (401), answers 404 for an unknown id and 400 for a malformed one', async () => {
    expect((await download(`/billing/invoices/${invoice.id}/pdf`, null)).status).toBe(401);
    expect((await download(`/budget/budgets/${budget.id}/pdf`, null)).status).toBe(401);
    const missing = await download(`/billing/invoices/00000000-0000-4000-8000-000000000000/pdf`, receptionist);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe(
      'NOT_FOUND',
    );
    expect((await download(`/budget/budgets/not-an-id/pdf`, receptionist)).status).toBe(400);
  });

  it("another clinic's caller cannot read this clinic's documents (404, as if they did not exist)", async () => {
    const other = (
      await t.data(
        `mutation { createClinic(input: { name: "Otra Clínica", timezone: "Europe/Madrid", currency: "EUR" }) { id } }`,
        {},
        admin,
      )
    ).createClinic.id as string;
    const elsewhere = { token: admin.token, clinicId: other };
    expect((await download(`/billing/invoices/${invoice.id}/pdf`, elsewhere)).status).toBe(404);
    expect((await download(`/budget/budgets/${budget.id}/pdf`, elsewhere)).status).toBe(404);
  });
});
