import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findRootDir } from '../../core/src/config.ts';
import {
  moduleLifecycle,
  startTestPlatform,
  temporaryBackupDir,
  type ModuleLifecycle,
  type TemporaryBackupDir,
  type TestPlatform,
} from '@dentalpin/core/testing';

const root = findRootDir();
const INVENTORY = join(root, 'examples/inventory');

/** Tables of the public schema, and the row count of each. */
async function snapshot(t: TestPlatform, lifecycle: ModuleLifecycle) {
  await t.eventsSettled();
  const tables = await lifecycle.tables();
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = Number((await t.platform.db.knex(table).count('* as n').first())?.n);
  return { tables, counts };
}

// The module system's and the event bus's own records change with every operation (and each set of active
// modules has its composed supergraph kept in core_supergraph).
const BOOKKEEPING = [
  'core_module',
  'core_supergraph',
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
  let lifecycle: ModuleLifecycle;
  let backups: TemporaryBackupDir;

  beforeAll(async () => {
    backups = temporaryBackupDir('lifecycle');
    if (method === 'sql') process.env.DENTALPIN_BACKUP_METHOD = 'sql';
    else delete process.env.DENTALPIN_BACKUP_METHOD;
    t = await startTestPlatform({ moduleDirs: [INVENTORY] });
    admin = await t.setup();
    lifecycle = moduleLifecycle(t, admin);
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
    backups.remove();
    delete process.env.DENTALPIN_BACKUP_METHOD;
  });

  it('installs, exercises, uninstalls, re-installs and restores without touching any other data', async () => {
    const before = await snapshot(t, lifecycle);

    expect((await lifecycle.install('inventory')).processed).toEqual([
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
    const during = await snapshot(t, lifecycle);
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
    const removal = await lifecycle.uninstall('inventory');
    expect(removal.processed).toEqual([
      { module: 'inventory', operation: 'uninstall', status: 'completed', error: null },
    ]);
    expect(removal.activeModules).not.toContain('inventory');
    const gone = await t.gql(`{ inventoryItems { id } }`, {}, admin);
    expect(gone.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const after = await nav();
    expect(after.activeModules.map((m: { name: string }) => m.name)).not.toContain('inventory');
    expect(after.me.permissions.filter((p: string) => p.startsWith('inventory.'))).toEqual([]);
    const afterUninstall = await snapshot(t, lifecycle);
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
    // The API names the file, never the server's path to it (operators read that in the log and the CLI).
    expect(backup.details.path).toMatch(/^inventory-[\w-]+\.sql$/);
    const backupFile = join(backups.dir, backup.details.path);
    expect(existsSync(backupFile)).toBe(true);
    expect(readFileSync(backupFile, 'utf8')).toMatch(/Composite A2/);

    // Re-install brings tables and seeds back, empty of clinic data; restore brings the rows back.
    expect((await lifecycle.install('inventory')).processed[0].status).toBe('completed');
    expect(await t.data(`{ inventoryItems { id } inventoryCategories { code } }`, {}, admin)).toMatchObject({
      inventoryItems: [],
    });
    await lifecycle.restore(backupFile);
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
    const final = await snapshot(t, lifecycle);
    expect(withoutBookkeeping(final.counts)).toEqual(withoutBookkeeping(during.counts));
  });

  it('refuses to uninstall patients (not removable, with its reason) and modules others depend on', async () => {
    const r = await t.gql(`mutation { uninstallModule(name: "patients") { scheduled } }`, {}, admin);
    expect(r.errors?.[0]).toMatchObject({
      // What a client words the refusal from, and that force overrides it.
      extensions: {
        code: 'MODULE_OPERATION_REFUSED',
        reason: 'MODULE_NOT_REMOVABLE',
        module: 'patients',
        why: expect.stringMatching(/never hard-deleted/),
        forceable: true,
      },
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
    const rowsBefore = (await snapshot(t, lifecycle)).counts;
    await t.data(`mutation { disableModule(name: "inventory") { scheduled } }`, {}, admin);
    const off = await lifecycle.restart();
    expect(off.activeModules).not.toContain('inventory');
    expect((await t.gql(`{ inventoryItems { id } }`, {}, admin)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await snapshot(t, lifecycle)).counts).toMatchObject(withoutBookkeeping(rowsBefore));
    await t.data(`mutation { enableModule(name: "inventory") { scheduled } }`, {}, admin);
    expect((await lifecycle.restart()).activeModules).toContain('inventory');
    expect((await t.data(`{ inventoryItems { name } }`, {}, admin)).inventoryItems).toEqual([{ name: 'Composite A2' }]);
  });
});
