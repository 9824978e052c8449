import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import {
  moduleLifecycle,
  startTestPlatform,
  type CallOptions,
  type ModuleLifecycle,
  type TestPlatform,
} from '@dentalpin/core/testing';
import { addDays, localToday } from '@dentalpin/core';

const PREVIEW = `query($from: Date!, $to: Date!) { accountingExportPreview(from: $from, to: $to) {
  invoiceCount creditNoteCount net tax total collectionCount collected refundCount refunded
  sampleInvoices { number kind issueDate customer net vatRate tax total status }
  sampleCollections { paidOn invoiceNumber kind amount method reference } } }`;

describe('accounting_export', () => {
  let t: TestPlatform;
  let admin: { token: string; clinicId: string; userId: string };
  let lifecycle: ModuleLifecycle;
  let today: string;
  const download = (query: string, caller: CallOptions = admin) =>
    fetch(`${t.url.replace(/\/graphql$/, '')}/accounting-export/export.zip?${query}`, {
      headers: {
        ...(caller.token ? { authorization: `Bearer ${caller.token}` } : {}),
        ...(caller.clinicId ? { 'x-clinic-id': caller.clinicId } : {}),
      },
    });
  const files = async (res: Response) => {
    const zip = unzipSync(new Uint8Array(await res.arrayBuffer()));
    return Object.fromEntries(Object.entries(zip).map(([name, bytes]) => [name, bytes]));
  };
  const invoice = async (
    patientId: string,
    lines: { unitPrice: string; vatRate: string }[],
    caller: CallOptions = admin,
  ) => {
    const { createInvoice } = await t.data(
      `mutation($input: CreateInvoiceInput!) { createInvoice(input: $input) { id } }`,
      {
        input: {
          patientId,
          billingTaxId: '12345678Z',
          items: lines.map((l, i) => ({ description: `Line ${i}`, quantity: 1, ...l })),
        },
      },
      caller,
    );
    const { issueInvoice } = await t.data(
      `mutation($id: ID!) { issueInvoice(id: $id) { id number } }`,
      { id: createInvoice.id },
      caller,
    );
    return issueInvoice as { id: string; number: string };
  };
  const pay = (invoiceId: string, amount: string, paidAt: string, reference: string | null = null) =>
    t.data(
      `mutation($id: ID!, $amount: Decimal!, $paidAt: DateTime, $ref: String) {
        recordInvoicePayment(invoiceId: $id, amount: $amount, method: CARD, paidAt: $paidAt, reference: $ref) { id } }`,
      { id: invoiceId, amount, paidAt, ref: reference },
      admin,
    );

  let first: { id: string; number: string };
  let second: { id: string; number: string };

  beforeAll(async () => {
    t = await startTestPlatform();
    admin = await t.setup();
    lifecycle = moduleLifecycle(t, admin);
    expect((await lifecycle.install('accounting_export')).processed).toEqual([
      { module: 'accounting_export', operation: 'install', status: 'completed', error: null },
    ]);
    today = localToday('Europe/Madrid');
    const patientId = (
      await t.data(
        `mutation { createPatient(input: { firstName: "Íñigo", lastName: "Muñoz; \\"Jr\\"" }) { id } }`,
        {},
        admin,
      )
    ).createPatient.id;
    first = await invoice(patientId, [{ unitPrice: '100.00', vatRate: '21' }]);
    second = await invoice(patientId, [
      { unitPrice: '50.00', vatRate: '21' },
      { unitPrice: '10.50', vatRate: '10' },
    ]);
    // A draft is never exported.
    await t.data(
      `mutation($input: CreateInvoiceInput!) { createInvoice(input: $input) { id } }`,
      { input: { patientId, items: [{ description: 'Draft', quantity: 1, unitPrice: '9.00', vatRate: '21' }] } },
      admin,
    );
    // Yesterday 23:59 clinic time is outside a range starting today; today 00:00 is inside.
    await pay(first.id, '21.00', `${addDays(today, -1)}T23:59:00`, 'before range');
    await pay(first.id, '100.00', `${today}T00:00:00`, 'TPV-1');
    await pay(second.id, '10.25', new Date().toISOString());
    // A real refund through billing: money given back, not collected.
    await t.data(
      `mutation($id: ID!) { refundInvoicePayment(invoiceId: $id, amount: "4.00", method: CASH, reason: "Overcharge") { id } }`,
      { id: second.id },
      admin,
    );
  });
  afterAll(() => t.close());

  it('previews the invoices and collections of a clinic-local range', async () => {
    const { accountingExportPreview: p } = await t.data(PREVIEW, { from: today, to: today }, admin);
    expect(p).toMatchObject({
      invoiceCount: 2,
      creditNoteCount: 0,
      net: '160.50',
      tax: '32.55',
      total: '193.05',
      collectionCount: 3,
      collected: '106.25',
      refundCount: 1,
      refunded: '-4.00',
    });
    expect(p.sampleInvoices.map((i: { number: string }) => i.number)).toEqual([first.number, second.number]);
    expect(p.sampleInvoices[0]).toMatchObject({ vatRate: '21.00', net: '100.00', tax: '21.00', status: 'PAID' });
    expect(p.sampleInvoices[1].vatRate).toBeNull();
    expect(p.sampleCollections[0]).toMatchObject({
      paidOn: today,
      invoiceNumber: first.number,
      kind: 'PAYMENT',
      amount: '100.00',
      reference: 'TPV-1',
    });
    expect(p.sampleCollections[2]).toMatchObject({
      paidOn: today,
      invoiceNumber: second.number,
      kind: 'REFUND',
      amount: '-4.00',
      method: 'CASH',
    });
    // The day before holds the early payment only.
    const before = (await t.data(PREVIEW, { from: addDays(today, -1), to: addDays(today, -1) }, admin))
      .accountingExportPreview;
    expect(before).toMatchObject({ invoiceCount: 0, collectionCount: 1, collected: '21.00', refundCount: 0 });
  });

  it('downloads a ZIP of UTF-8 CSVs with a BOM, in the Spanish convention', async () => {
    // (TextDecoder drops the BOM; the bytes are checked below.)
    const res = await download(`from=${today}&to=${today}&locale=es`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="accounting_${today}_${today}.zip"`);
    const zip = await files(res);
    expect(Object.keys(zip).sort()).toEqual(['collections.csv', 'invoices.csv']);
    expect([...zip['invoices.csv']!.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = strFromU8(zip['invoices.csv']!).trimEnd().split('\r\n');
    const esDate = `${today.slice(8, 10)}/${today.slice(5, 7)}/${today.slice(0, 4)}`;
    expect(lines).toEqual([
      'numero;tipo;fecha_emision;cliente;nif;base;tipo_iva;cuota_iva;total;estado',
      `${first.number};INVOICE;${esDate};"Íñigo Muñoz; ""Jr""";12345678Z;100,00;21,00;21,00;121,00;PAID`,
      `${second.number};INVOICE;${esDate};"Íñigo Muñoz; ""Jr""";12345678Z;60,50;varios;11,55;72,05;PARTIAL`,
    ]);
    const collections = strFromU8(zip['collections.csv']!).trimEnd().split('\r\n');
    expect(collections[0]).toBe('fecha_pago;factura;tipo;importe;forma_pago;referencia');
    expect(collections.slice(1)).toEqual([
      `${esDate};${first.number};PAYMENT;100,00;CARD;TPV-1`,
      `${esDate};${second.number};PAYMENT;10,25;CARD;`,
      `${esDate};${second.number};REFUND;-4,00;CASH;`,
    ]);
  });

  it('uses the English convention on request', async () => {
    const zip = await files(await download(`from=${today}&to=${today}&locale=en`));
    const lines = strFromU8(zip['invoices.csv']!).trimEnd().split('\r\n');
    expect(lines[0]).toBe('number,kind,issue_date,customer,tax_id,net,vat_rate,vat,total,status');
    expect(lines[2]).toBe(
      `${second.number},INVOICE,${today},"Íñigo Muñoz; ""Jr""",12345678Z,60.50,mixed,11.55,72.05,PARTIAL`,
    );
    const collections = strFromU8(zip['collections.csv']!).trimEnd().split('\r\n');
    expect(collections[0]).toBe('paid_on,invoice,kind,amount,method,reference');
    // A numeric cell keeps its minus sign (only text cells are guarded against formulas).
    expect(collections[3]).toBe(`${today},${second.number},REFUND,-4.00,CASH,`);
  });

  it('signs a short-lived download link for the page, refusing forged or bad ones', async () => {
    const LINK = `query($from: Date!, $to: Date!) { accountingExportLink(from: $from, to: $to, locale: EN) { url expiresAt } }`;
    const { url, expiresAt } = (await t.data(LINK, { from: today, to: today }, admin)).accountingExportLink;
    expect(new Date(expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(120_000);
    const base = t.url.replace(/\/graphql$/, '');
    const res = await fetch(`${base}${url}`);
    expect(res.status).toBe(200);
    const zip = await files(res);
    expect(strFromU8(zip['invoices.csv']!).split('\r\n')[0]).toBe(
      'number,kind,issue_date,customer,tax_id,net,vat_rate,vat,total,status',
    );
    const forged = url.replace(/to=[^&]+/, `to=${addDays(today, 1)}`);
    expect((await fetch(`${base}${forged}`)).status).toBe(403);
    const bad = await t.gql(LINK, { from: today, to: addDays(today, 400) }, admin);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('includes credit notes as negative rows', async () => {
    await t
      .data(`mutation($id: ID!) { createCreditNote(invoiceId: $id, reason: "Error") { id } }`, { id: second.id }, admin)
      .catch(() => null);
    const p = (await t.data(PREVIEW, { from: today, to: today }, admin)).accountingExportPreview;
    // A PARTIAL invoice may be credited: the original is then CANCELLED and a negative credit note appears.
    expect(p.creditNoteCount).toBe(1);
    const note = p.sampleInvoices.find((i: { kind: string }) => i.kind === 'CREDIT_NOTE');
    expect(note.total).toBe('-72.05');
    expect(p.sampleInvoices.find((i: { number: string }) => i.number === second.number).status).toBe('CANCELLED');
  });

  it('refuses a bad range with a message a person can act on; nothing is produced', async () => {
    const long = await t.gql(PREVIEW, { from: '2025-01-01', to: '2026-01-02' }, admin);
    expect(long.errors?.[0]).toMatchObject({
      message: 'The range covers 367 days; one export covers at most 366 days (a year). Split it into shorter periods.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const reversed = await download(`from=${today}&to=${addDays(today, -3)}`);
    expect(reversed.status).toBe(400);
    expect((await reversed.json()).errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect((await download(`from=2026-02-30&to=2026-03-01`)).status).toBe(400);
    expect((await download(`from=${today}&to=${today}&locale=fr`)).status).toBe(400);
  });

  it('is for admins only by default, and scoped to the caller’s clinic', async () => {
    const receptionist = await t.userWithRole(admin, 'receptionist');
    expect((await t.gql(PREVIEW, { from: today, to: today }, receptionist)).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect((await download(`from=${today}&to=${today}`, receptionist)).status).toBe(403);
    expect((await download(`from=${today}&to=${today}`, {})).status).toBe(401);
    const clinicB = (await t.data('mutation { createClinic(input: { name: "B" }) { id } }', {}, admin)).createClinic.id;
    const p = (await t.data(PREVIEW, { from: today, to: today }, { token: admin.token, clinicId: clinicB }))
      .accountingExportPreview;
    expect(p).toMatchObject({ invoiceCount: 0, collectionCount: 0, total: '0.00' });
  });

  it('goes away when uninstalled, leaving billing untouched', async () => {
    const tables = await lifecycle.tables();
    expect((await lifecycle.uninstall('accounting_export')).processed).toEqual([
      { module: 'accounting_export', operation: 'uninstall', status: 'completed', error: null },
    ]);
    expect((await download(`from=${today}&to=${today}`)).status).toBe(404);
    expect((await t.gql(PREVIEW, { from: today, to: today }, admin)).errors?.[0]).toBeDefined();
    expect((await lifecycle.tables()).filter((n) => n !== 'mikro_orm_migrations_accounting_export')).toEqual(
      tables.filter((n) => n !== 'mikro_orm_migrations_accounting_export'),
    );
    expect(
      (await t.data(`query($id: ID!) { invoice(id: $id) { number } }`, { id: first.id }, admin)).invoice.number,
    ).toBe(first.number);
  });
});
