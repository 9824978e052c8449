import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestPlatform, type CallOptions, type TestPlatform } from '@dentalpin/core/testing';

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
  let backupDir: string;
  const restart = async () =>
    (
      await t.data(
        `mutation { restartModules { processed { module operation status error } activeModules } }`,
        {},
        admin,
      )
    ).restartModules;
  const allTables = async () =>
    (await t.platform.db
      .knex('information_schema.tables')
      .where({ table_schema: 'public' })
      .orderBy('table_name')
      .pluck('table_name')) as string[];
  const billingTables = async () => (await allTables()).filter((n) => TABLES.includes(n));
  const otherTables = async () =>
    (await allTables()).filter((n) => !TABLES.includes(n) && n !== 'mikro_orm_migrations_billing');
  const series = async (caller: CallOptions) =>
    (await t.data(`{ invoiceSeries { prefix kind isDefault } }`, {}, caller)).invoiceSeries;

  beforeAll(async () => {
    backupDir = mkdtempSync(join(tmpdir(), 'dp-billing-backups-'));
    process.env.DENTALPIN_BACKUP_DIR = backupDir;
    t = await startTestPlatform();
    admin = await t.setup();
    const clinicB = (await t.data(`mutation { createClinic(input: { name: "Clínica Sur" }) { id } }`, {}, admin))
      .createClinic.id;
    adminB = { token: admin.token, clinicId: clinicB };
    await t.eventsSettled();
    // Modules that depend on billing (reports…) go first: the core refuses to remove a module others depend on.
    const { modules } = await t.data(`{ modules { name depends state } }`, {}, admin);
    const dependants = (modules as { name: string; depends: string[]; state: string }[])
      .filter((m) => m.state === 'installed' && m.depends.includes('billing'))
      .map((m) => m.name);
    for (const name of dependants)
      await t.data(`mutation($n: String!) { uninstallModule(name: $n) { scheduled } }`, { n: name }, admin);
    if (dependants.length) await restart();
  });
  afterAll(async () => {
    await t.close();
    rmSync(backupDir, { recursive: true, force: true });
    delete process.env.DENTALPIN_BACKUP_DIR;
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

    await t.data(`mutation { uninstallModule(name: "billing") { scheduled } }`, {}, admin);
    expect((await restart()).processed).toEqual([
      { module: 'billing', operation: 'uninstall', status: 'completed', error: null },
    ]);
    expect(await billingTables()).toEqual([]);
    expect(await otherTables()).toEqual(others);
    expect((await t.gql(`{ invoices { total } }`, {}, admin)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // The patient is still there, without the billing field.
    expect((await t.data(`query($id: ID!) { patient(id: $id) { id } }`, { id: patientId }, admin)).patient.id).toBe(
      patientId,
    );

    await t.data(`mutation { installModule(name: "billing") { scheduled } }`, {}, admin);
    expect((await restart()).processed).toEqual([
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
