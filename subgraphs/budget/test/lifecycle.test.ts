import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  moduleLifecycle,
  startTestPlatform,
  temporaryBackupDir,
  type ModuleLifecycle,
  type TemporaryBackupDir,
  type TestPlatform,
} from '@dentalpin/core/testing';

const TABLES = ['budget_history', 'budget_items', 'budget_number_counters', 'budgets'];
/** The module's migration history table goes with it. */
const OWN = [...TABLES, 'mikro_orm_migrations_budget'];

describe('budget lifecycle: uninstall, re-install', () => {
  let t: TestPlatform;
  let admin: { token: string; clinicId: string; userId: string };
  let lifecycle: ModuleLifecycle;
  let backups: TemporaryBackupDir;
  /** Every public table with its column count: what uninstalling must leave exactly as it was. */
  const schema = async () =>
    (
      await t.platform.db.knex.raw(
        `select table_name, count(*)::int as columns from information_schema.columns where table_schema = 'public'
         group by table_name order by table_name`,
      )
    ).rows as { table_name: string; columns: number }[];
  const ownTables = async () =>
    (await schema())
      .map((r) => r.table_name)
      .filter((n) => n.startsWith('budget') && n !== 'budget_migrations' && !n.startsWith('mikro_orm'));

  beforeAll(async () => {
    backups = temporaryBackupDir('budget');
    t = await startTestPlatform();
    admin = await t.setup();
    lifecycle = moduleLifecycle(t, admin);
    // Modules that depend on budget (billing, reports…) go first: the core refuses to remove a module others
    // depend on.
    await lifecycle.uninstallDependants('budget');
  });
  afterAll(async () => {
    await t.close();
    backups.remove();
  });

  it('uninstalls with a backup, dropping only its own tables and grants, and installs again', async () => {
    const patientId = (
      await t.data(`mutation { createPatient(input: { firstName: "Ana", lastName: "Gil" }) { id } }`, {}, admin)
    ).createPatient.id;
    await t.data(`mutation { restoreCatalogDefaults { items } }`, {}, admin);
    const item = (await t.data(`{ catalogItems(search: "cleaning") { items { id } } }`, {}, admin)).catalogItems
      .items[0].id;
    const created = await t.data(
      `mutation($input: CreateBudgetInput!) { createBudget(input: $input) { id number } }`,
      { input: { patientId, items: [{ catalogItemId: item }] } },
      admin,
    );
    expect(await ownTables()).toEqual(TABLES);
    const before = (await schema()).filter((r) => !OWN.includes(r.table_name));
    const patientsBefore = await t.platform.db.knex('patients').count('* as n').first();

    // Dependants (billing, reports) would have to go first; the core refuses catalog while budget is there.
    const refused = await t.gql(`mutation { uninstallModule(name: "catalog") { scheduled } }`, {}, admin);
    expect(refused.errors?.[0].extensions?.code).toBe('MODULE_OPERATION_REFUSED');
    const removal = await lifecycle.uninstall('budget');
    expect(removal.processed).toEqual([{ module: 'budget', operation: 'uninstall', status: 'completed', error: null }]);
    expect(removal.activeModules).not.toContain('budget');
    expect(await ownTables()).toEqual([]);
    // Nothing else changed: every other table with the same columns, the patients untouched.
    expect((await schema()).filter((r) => !OWN.includes(r.table_name))).toEqual(before);
    expect(await t.platform.db.knex('patients').count('* as n').first()).toEqual(patientsBefore);
    const perms = (await t.data(`{ me { permissions } }`, {}, admin)).me.permissions as string[];
    expect(perms.filter((p) => p.startsWith('budget.'))).toEqual([]);
    expect((await t.gql(`{ budgets { total } }`, {}, admin)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const ops = await t.data(`{ moduleOperations(name: "budget", limit: 20) { step status details } }`, {}, admin);
    const backup = ops.moduleOperations.find(
      (o: { step: string; status: string }) => o.step === 'backup' && o.status === 'completed',
    );
    expect(readFileSync(lifecycle.backupFile(backup.details.path), 'utf8')).toContain(created.createBudget.number);

    expect((await lifecycle.install('budget')).processed).toEqual([
      { module: 'budget', operation: 'install', status: 'completed', error: null },
    ]);
    expect(await ownTables()).toEqual(TABLES);
    // Fresh tables: numbering starts again, the module works.
    const again = await t.data(
      `mutation($input: CreateBudgetInput!) { createBudget(input: $input) { number status total } }`,
      { input: { patientId, items: [{ catalogItemId: item }] } },
      admin,
    );
    expect(again.createBudget).toMatchObject({ number: created.createBudget.number, status: 'DRAFT' });
  });
});
