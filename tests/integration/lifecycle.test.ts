import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findRootDir } from '../../core/src/config.ts';
import { restoreBackup } from '../../core/src/modules/backup.ts';
import { startTestPlatform, type TestPlatform } from '@dentalpin/core/testing';

const root = findRootDir();
const INVENTORY = join(root, 'examples/inventory');

/** Tables of the public schema, and the row count of each. */
async function snapshot(t: TestPlatform) {
  await t.eventsSettled();
  const tables: string[] = await t.platform.db
    .knex('information_schema.tables')
    .where({ table_schema: 'public' })
    .orderBy('table_name')
    .pluck('table_name');
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = Number((await t.platform.db.knex(table).count('* as n').first())?.n);
  return { tables, counts };
}

// The module system's and the event bus's own records change with every operation.
const BOOKKEEPING = [
  'core_module',
  'core_module_operation_log',
  'core_external_id',
  'core_event_outbox',
  'core_event_delivery',
];
const withoutBookkeeping = (counts: Record<string, number>) =>
  Object.fromEntries(Object.entries(counts).filter(([t]) => !BOOKKEEPING.includes(t)));

describe.each(['pg_dump', 'sql'])('inventory lifecycle on a running server (backup via %s)', (method) => {
  let t: TestPlatform;
  let admin: { token: string; clinicId: string };
  let dentist: { token: string };
  let backupDir: string;
  const restart = async () =>
    (
      await t.data(
        `mutation { restartModules { processed { module operation status error } activeModules compositionErrors } }`,
        {},
        admin,
      )
    ).restartModules;

  beforeAll(async () => {
    backupDir = mkdtempSync(join(tmpdir(), 'dp-backups-'));
    process.env.DENTALPIN_BACKUP_DIR = backupDir;
    if (method === 'sql') process.env.DENTALPIN_BACKUP_METHOD = 'sql';
    else delete process.env.DENTALPIN_BACKUP_METHOD;
    t = await startTestPlatform({ moduleDirs: [INVENTORY] });
    admin = await t.setup();
    dentist = await t.userWithRole(admin, 'dentist');
    for (const name of ['Ana', 'Luis', 'Eva'])
      await t.data(
        `mutation($n: String!) { createPatient(input: { firstName: $n, lastName: "Otero" }) { id } }`,
        { n: name },
        admin,
      );
  });
  afterAll(async () => {
    await t.close();
    rmSync(backupDir, { recursive: true, force: true });
    delete process.env.DENTALPIN_BACKUP_DIR;
    delete process.env.DENTALPIN_BACKUP_METHOD;
  });

  it('installs, exercises, uninstalls, re-installs and restores without touching any other data', async () => {
    const before = await snapshot(t);

    await t.data(`mutation { installModule(name: "inventory") { scheduled } }`, {}, admin);
    expect((await restart()).processed).toEqual([
      { module: 'inventory', operation: 'install', status: 'completed', error: null },
    ]);
    const item = await t.data(
      `mutation { createInventoryItem(input: { name: "Composite A2", categoryCode: "consumables", unit: "syringe", initialStock: "8" }) { id } }`,
      {},
      admin,
    );
    await t.data(
      `mutation($id: ID!) { recordStockMovement(input: { itemId: $id, quantity: "-3", reason: CONSUMPTION }) { stockQuantity } }`,
      { id: item.createInventoryItem.id },
      admin,
    );
    const nav = async () => await t.data(`{ activeModules { name } me { permissions } }`, {}, admin);
    expect((await nav()).activeModules.map((m: { name: string }) => m.name)).toContain('inventory');
    const during = await snapshot(t);
    expect(during.tables).toEqual(
      expect.arrayContaining([
        'inventory_items',
        'inventory_stock_movements',
        'inventory_categories',
        'mikro_orm_migrations_inventory',
      ]),
    );

    // Uninstall: fields, navigation, permissions and tables go; nothing else changes.
    const refusedWithoutAdmin = await t.gql(
      `mutation { uninstallModule(name: "inventory") { scheduled } }`,
      {},
      dentist,
    );
    expect(refusedWithoutAdmin.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    await t.data(`mutation { uninstallModule(name: "inventory") { scheduled } }`, {}, admin);
    const removal = await restart();
    expect(removal.processed).toEqual([
      { module: 'inventory', operation: 'uninstall', status: 'completed', error: null },
    ]);
    expect(removal.activeModules).not.toContain('inventory');
    const gone = await t.gql(`{ inventoryItems { id } }`, {}, admin);
    expect(gone.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const after = await nav();
    expect(after.activeModules.map((m: { name: string }) => m.name)).not.toContain('inventory');
    expect(after.me.permissions.filter((p: string) => p.startsWith('inventory.'))).toEqual([]);
    const afterUninstall = await snapshot(t);
    expect(afterUninstall.tables).toEqual(before.tables);
    expect(withoutBookkeeping(afterUninstall.counts)).toEqual(withoutBookkeeping(before.counts));
    expect(afterUninstall.counts.core_external_id).toBe(before.counts.core_external_id);

    // The backup holds the rows that were dropped.
    const ops = await t.data(`{ moduleOperations(name: "inventory", limit: 20) { step status details } }`, {}, admin);
    const backup = ops.moduleOperations.find(
      (o: { step: string; status: string }) => o.step === 'backup' && o.status === 'completed',
    );
    expect(backup.details).toMatchObject({
      method,
      rows: 4 + 1 + 2,
      tables: ['inventory_categories', 'inventory_items', 'inventory_stock_movements', 'inventory_consumption_rules'],
    });
    expect(existsSync(backup.details.path)).toBe(true);
    expect(readFileSync(backup.details.path, 'utf8')).toMatch(/Composite A2/);

    // Re-install brings tables and seeds back, empty of clinic data; restore brings the rows back.
    await t.data(`mutation { installModule(name: "inventory") { scheduled } }`, {}, admin);
    expect((await restart()).processed[0].status).toBe('completed');
    expect(await t.data(`{ inventoryItems { id } inventoryCategories { code } }`, {}, admin)).toMatchObject({
      inventoryItems: [],
    });
    await restoreBackup(t.platform.db, backup.details.path);
    const restored = await t.data(
      `{ inventoryItems { name stockQuantity category { code } movements { quantity } } }`,
      {},
      admin,
    );
    expect(restored.inventoryItems).toEqual([
      {
        name: 'Composite A2',
        stockQuantity: '5.000',
        category: { code: 'consumables' },
        movements: [{ quantity: '-3.000' }, { quantity: '8.000' }],
      },
    ]);
    const final = await snapshot(t);
    expect(withoutBookkeeping(final.counts)).toEqual(withoutBookkeeping(during.counts));
  });

  it('refuses to uninstall patients (not removable, with its reason) and modules others depend on', async () => {
    const r = await t.gql(`mutation { uninstallModule(name: "patients") { scheduled } }`, {}, admin);
    expect(r.errors?.[0]).toMatchObject({
      extensions: { code: 'MODULE_OPERATION_REFUSED' },
      message: expect.stringMatching(/never hard-deleted/),
    });
    const info = (await t.data(`{ moduleInfo(name: "patients") { state removable nonRemovableReason } }`, {}, admin))
      .moduleInfo;
    // The manifest's reason, for the admin page to show before anyone asks.
    expect(info).toMatchObject({ state: 'installed', removable: false });
    expect(r.errors?.[0].message).toContain(info.nonRemovableReason);
    expect((await t.data(`{ moduleInfo(name: "inventory") { nonRemovableReason } }`, {}, admin)).moduleInfo).toEqual({
      nonRemovableReason: null,
    });
  });

  it('disables and enables without touching data', async () => {
    const rowsBefore = (await snapshot(t)).counts;
    await t.data(`mutation { disableModule(name: "inventory") { scheduled } }`, {}, admin);
    const off = await restart();
    expect(off.activeModules).not.toContain('inventory');
    expect((await t.gql(`{ inventoryItems { id } }`, {}, admin)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await snapshot(t)).counts).toMatchObject(withoutBookkeeping(rowsBefore));
    await t.data(`mutation { enableModule(name: "inventory") { scheduled } }`, {}, admin);
    expect((await restart()).activeModules).toContain('inventory');
    expect((await t.data(`{ inventoryItems { name } }`, {}, admin)).inventoryItems).toEqual([{ name: 'Composite A2' }]);
  });
});
