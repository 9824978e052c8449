import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  moduleLifecycle,
  startTestPlatform,
  temporaryBackupDir,
  type CallOptions,
  type ModuleLifecycle,
  type TemporaryBackupDir,
  type TestPlatform,
} from '@dentalpin/core/testing';

const TABLES = [
  'invoice_history',
  'invoice_items',
  'invoice_payments',
  'invoice_series',
  'invoice_series_counters',
  'invoices',
];

describe('billing lifecycle: uninstall and re-install', () => {
  let t: TestPlatform;
  let admin: { token: string; clinicId: string; userId: string };
  let adminB: CallOptions;
  let lifecycle: ModuleLifecycle;
  let backups: TemporaryBackupDir;
  const billingTables = () => lifecycle.tables((n) => TABLES.includes(n));
  const otherTables = () => lifecycle.tables((n) => !TABLES.includes(n) && n !== 'mikro_orm_migrations_billing');
  const series = async (caller: CallOptions) =>
    (await t.data(`{ invoiceSeries { prefix kind isDefault } }`, {}, caller)).invoiceSeries;

  beforeAll(async () => {
    backups = temporaryBackupDir('billing');
    t = await startTestPlatform();
    admin = await t.setup();
    lifecycle = moduleLifecycle(t, admin);
    const clinicB = (await t.data(`mutation { createClinic(input: { name: "Clínica Sur" }) { id } }`, {}, admin))
      .createClinic.id;
    adminB = { token: admin.token, clinicId: clinicB };
    await t.eventsSettled();
    // Modules that depend on billing (reports…) go first: the core refuses to remove a module others depend on.
    await lifecycle.uninstallDependants('billing');
  });
  afterAll(async () => {
    await t.close();
    backups.remove();
  });

  it('drops only its own tables on uninstall and brings them back, with every clinic’s default series, on install', async () => {
    expect(await billingTables()).toEqual(TABLES);
    const patientId = (
      await t.data(`mutation { createPatient(input: { firstName: "Ana", lastName: "Ruiz" }) { id } }`, {}, admin)
    ).createPatient.id;
    const inv = (
      await t.data(
        `mutation($p: ID!) { createInvoice(input: { patientId: $p, items: [{ description: "Cleaning", quantity: 1,
          unitPrice: "40.00", vatRate: "0" }] }) { id } }`,
        { p: patientId },
        admin,
      )
    ).createInvoice;
    await t.data(`mutation($id: ID!) { issueInvoice(id: $id) { number } }`, { id: inv.id }, admin);
    const others = await otherTables();

    expect((await lifecycle.uninstall('billing')).processed).toEqual([
      { module: 'billing', operation: 'uninstall', status: 'completed', error: null },
    ]);
    expect(await billingTables()).toEqual([]);
    expect(await otherTables()).toEqual(others);
    expect((await t.gql(`{ invoices { total } }`, {}, admin)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // The patient is still there, without the billing field.
    expect((await t.data(`query($id: ID!) { patient(id: $id) { id } }`, { id: patientId }, admin)).patient.id).toBe(
      patientId,
    );

    expect((await lifecycle.install('billing')).processed).toEqual([
      { module: 'billing', operation: 'install', status: 'completed', error: null },
    ]);
    expect(await billingTables()).toEqual(TABLES);
    expect(await otherTables()).toEqual(others);
    const expected = [
      { prefix: 'RECT', kind: 'CREDIT_NOTE', isDefault: true },
      { prefix: 'FAC', kind: 'INVOICE', isDefault: true },
    ];
    expect(await series(admin)).toEqual(expected);
    expect(await series(adminB)).toEqual(expected);
    expect((await t.data(`{ invoices { total } }`, {}, admin)).invoices.total).toBe(0);
    // Running the defaults again (a redelivered clinic.created) creates nothing.
    expect(Number((await t.platform.db.knex('invoice_series').count('* as n').first())?.n)).toBe(4);
  });
});
