import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  moduleLifecycle,
  startTestPlatform,
  temporaryBackupDir,
  type CallOptions,
  type ModuleLifecycle,
  type TemporaryBackupDir,
  type TestPlatform,
} from '@dentalpin/core/testing';
import type { DemoContext } from '@dentalpin/core';
import catalog from '../src/index.ts';

const TABLES = [
  'catalog_categories',
  'catalog_category_templates',
  'catalog_item_role_prices',
  'catalog_item_sessions',
  'catalog_item_surface_prices',
  'catalog_item_templates',
  'catalog_items',
  'catalog_vat_presets',
  'catalog_vat_types',
];

describe('catalog lifecycle: install hook defaults, uninstall, re-install, restore', () => {
  let t: TestPlatform;
  let admin: { token: string; clinicId: string; userId: string };
  let adminB: CallOptions;
  let lifecycle: ModuleLifecycle;
  let backups: TemporaryBackupDir;
  const tables = () => lifecycle.tables((n) => n.startsWith('catalog') && n !== 'catalog_migrations');
  const count = async (table: string) => Number((await t.platform.db.knex(table).count('* as n').first())?.n);
  const itemCodes = async (caller: CallOptions) =>
    (
      await t.data(`{ catalogItems(active: null, pageSize: 100) { items { code category { code } } } }`, {}, caller)
    ).catalogItems.items
      .map((i: { code: string }) => i.code)
      .sort();

  beforeAll(async () => {
    backups = temporaryBackupDir('catalog');
    t = await startTestPlatform();
    admin = await t.setup();
    lifecycle = moduleLifecycle(t, admin);
    const clinicB = (await t.data(`mutation { createClinic(input: { name: "Clínica Sur" }) { id } }`, {}, admin))
      .createClinic.id;
    adminB = { token: admin.token, clinicId: clinicB };
    // Modules that depend on the catalog (budget, billing…) go first: the core refuses to remove a module
    // others depend on.
    await lifecycle.uninstallDependants('catalog');
  });
  afterAll(async () => {
    await t.close();
    backups.remove();
  });

  it('loads its seeds and gives every existing clinic its defaults when installed, without duplicates', async () => {
    expect((await lifecycle.uninstall('catalog')).processed).toEqual([
      { module: 'catalog', operation: 'uninstall', status: 'completed', error: null },
    ]);
    expect(await tables()).toEqual([]);
    expect(
      await t.platform.db.knex('core_external_id').where({ module_name: 'catalog' }).count('* as n').first(),
    ).toEqual({
      n: '0',
    });

    expect((await lifecycle.install('catalog')).processed).toEqual([
      { module: 'catalog', operation: 'install', status: 'completed', error: null },
    ]);
    expect(await tables()).toEqual(expect.arrayContaining(TABLES));
    expect([
      await count('catalog_vat_presets'),
      await count('catalog_category_templates'),
      await count('catalog_item_templates'),
    ]).toEqual([12, 10, 12]);
    // The install hook gave both clinics their catalog.
    const codesA = await itemCodes(admin);
    expect(codesA).toHaveLength(12);
    expect(await itemCodes(adminB)).toEqual(codesA);
    expect(await count('catalog_items')).toBe(24);
    expect(await count('catalog_vat_types')).toBe(8);
    // Running it again (as the clinic.created handler or an admin would) creates nothing.
    expect(
      (await t.data(`mutation { restoreCatalogDefaults { vatTypes categories items } }`, {}, admin))
        .restoreCatalogDefaults,
    ).toEqual({
      vatTypes: 0,
      categories: 0,
      items: 0,
    });
    expect(await count('catalog_items')).toBe(24);
  });

  it('uninstalls with a backup, re-installs, and the restore brings the clinic data back', async () => {
    const { catalogCategories } = await t.data(`{ catalogCategories { id code } }`, {}, admin);
    const implants = catalogCategories.find((c: { code: string }) => c.code === 'implants').id;
    await t.data(
      `mutation($c: ID!) { createCatalogItem(input: { code: "zygomatic", name: "Zygomatic implant", categoryId: $c,
         pricingStrategy: PER_TOOTH, price: "2500.00",
         sessions: [{ label: "Surgery", amount: "2000.00" }, { label: "Prosthesis", amount: "500.00" }] }) { id } }`,
      { c: implants },
      admin,
    );
    const before = Object.fromEntries(await Promise.all(TABLES.map(async (tb) => [tb, await count(tb)])));

    const removal = await lifecycle.uninstall('catalog');
    expect(removal.processed[0]).toMatchObject({ operation: 'uninstall', status: 'completed' });
    expect(removal.activeModules).not.toContain('catalog');
    expect(await tables()).toEqual([]);
    expect((await t.gql(`{ catalogItems { total } }`, {}, admin)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const perms = (await t.data(`{ me { permissions } }`, {}, admin)).me.permissions as string[];
    expect(perms.filter((p) => p.startsWith('catalog.'))).toEqual([]);
    const ops = await t.data(`{ moduleOperations(name: "catalog", limit: 20) { step status details } }`, {}, admin);
    const backup = ops.moduleOperations.find(
      (o: { step: string; status: string }) => o.step === 'backup' && o.status === 'completed',
    );
    expect(readFileSync(lifecycle.backupFile(backup.details.path), 'utf8')).toMatch(/Zygomatic implant/);

    expect((await lifecycle.install('catalog')).processed[0]).toMatchObject({
      operation: 'install',
      status: 'completed',
    });
    expect(await itemCodes(admin)).not.toContain('zygomatic');
    // Defaults come back with the same ids, so the backup's rows line up with them instead of clashing.
    await lifecycle.restore(backup.details.path);
    const after = Object.fromEntries(await Promise.all(TABLES.map(async (tb) => [tb, await count(tb)])));
    expect(after).toEqual(before);
    const { catalogItems } = await t.data(
      `{ catalogItems(search: "zygomatic") { items { code category { code } sessions { sequence amount } } } }`,
      {},
      admin,
    );
    expect(catalogItems.items).toEqual([
      {
        code: 'zygomatic',
        category: { code: 'implants' },
        sessions: [
          { sequence: 1, amount: '2000.00' },
          { sequence: 2, amount: '500.00' },
        ],
      },
    ]);
  });

  it('gives a demo clinic its catalog, with the VAT presets of the clinic country (ES when it has none)', async () => {
    // Clinics written straight to the table: no clinic.created event, so every default below is this test's own.
    const newClinic = async (name: string, country: string) => {
      const id = randomUUID();
      await t.platform.db.knex('clinics').insert({ id, name, settings: JSON.stringify({ country }) });
      await t.platform.db
        .knex('clinic_memberships')
        .insert({ id: randomUUID(), user_id: admin.userId, clinic_id: id, role: 'admin' });
      return id;
    };
    const runDemoHook = async (clinicId: string) => {
      const orm = await t.platform.kernel.orm('catalog');
      const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
      await orm.em
        .fork()
        .transactional((em) =>
          catalog.demo!({ moduleName: 'catalog', em, clinicId, users: {}, logger: silent } as unknown as DemoContext),
        );
    };
    const rates = async (clinicId: string) =>
      (await t.data(`{ catalogVatTypes { code rate isDefault } }`, {}, { token: admin.token, clinicId }))
        .catalogVatTypes;

    const portugal = await newClinic('Clínica Porto', 'pt');
    await runDemoHook(portugal);
    await runDemoHook(portugal);
    expect(await rates(portugal)).toEqual([
      { code: 'general', rate: '23.00', isDefault: false },
      { code: 'intermediate', rate: '13.00', isDefault: false },
      { code: 'reduced', rate: '6.00', isDefault: false },
      { code: 'exempt', rate: '0.00', isDefault: true },
    ]);
    const items = await itemCodes({ token: admin.token, clinicId: portugal });
    expect(items).toHaveLength(12);
    // Whitening uses the general rate of the clinic's own country.
    const whitening = await t.data(
      `{ catalogItems(search: "whitening") { items { vatType { rate } } } }`,
      {},
      { token: admin.token, clinicId: portugal },
    );
    expect(whitening.catalogItems.items).toEqual([{ vatType: { rate: '23.00' } }]);

    // Two runs at once (say the event and an admin) still create each record once.
    const twin = await newClinic('Clínica Gemela', 'ES');
    const both = await Promise.all(
      [0, 1].map(() =>
        t.data(
          `mutation { restoreCatalogDefaults { vatTypes categories items } }`,
          {},
          { token: admin.token, clinicId: twin },
        ),
      ),
    );
    expect(both.map((r) => r.restoreCatalogDefaults.items).sort()).toEqual([0, 12]);
    expect(await itemCodes({ token: admin.token, clinicId: twin })).toHaveLength(12);

    const germany = await newClinic('Praxis Berlin', 'DE');
    await runDemoHook(germany);
    expect((await rates(germany)).map((v: { rate: string }) => v.rate)).toEqual(['21.00', '10.00', '4.00', '0.00']);
  });
});
