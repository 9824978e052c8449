import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestPlatform, type CallOptions, type TestPlatform } from '@dentalpin/core/testing';

const ITEM = `id code name pricingStrategy price isActive durationMinutes
  category { id code } vatType { code rate }
  surfacePrices { surfaces price } rolePrices { role price } sessions { sequence label amount }`;
const CREATE = `mutation($input: CreateCatalogItemInput!) { createCatalogItem(input: $input) { ${ITEM} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateCatalogItemInput!) { updateCatalogItem(id: $id, input: $input) { ${ITEM} } }`;
const QUOTE = `query($input: QuoteTreatmentInput!) { quoteTreatment(input: $input) {
  item { code } strategy unitPrice units quantity net vatRate vatAmount gross sessions { sequence label net } } }`;
const LIST = `query($search: String, $categoryId: ID, $active: Boolean, $page: Int, $pageSize: Int) {
  catalogItems(search: $search, categoryId: $categoryId, active: $active, page: $page, pageSize: $pageSize) {
    total page pageSize items { id code isActive } } }`;
const DEFAULTS = `mutation { restoreCatalogDefaults { vatTypes categories items } }`;

describe('catalog module', () => {
  let t: TestPlatform;
  let admin: { token: string; clinicId: string };
  let receptionist: CallOptions;
  let dentist: CallOptions;
  let vat: Record<string, string>;
  let category: Record<string, string>;
  const count = async (table: string, where: Record<string, unknown> = {}) =>
    Number((await t.platform.db.knex(table).where(where).count('* as n').first())?.n);

  beforeAll(async () => {
    t = await startTestPlatform();
    admin = await t.setup();
    receptionist = await t.userWithRole(admin, 'receptionist');
    dentist = await t.userWithRole(admin, 'dentist');
  });
  afterAll(() => t.close());

  it('is installed by default, with its navigation and the original grants', async () => {
    const r = await t.data(
      `{ activeModules { name navigation { to permission order } } me { permissions } }`,
      {},
      dentist,
    );
    const catalog = r.activeModules.find((m: { name: string }) => m.name === 'catalog');
    expect(catalog.navigation).toEqual([{ to: '/catalog', permission: 'catalog.read', order: 45 }]);
    expect(r.me.permissions.filter((p: string) => p.startsWith('catalog.'))).toEqual(['catalog.read']);
  });

  it('gives a clinic its default catalog once: running it again creates nothing', async () => {
    // Completes the clinic's catalog (whatever clinic.created may already have done; exact counts of a
    // first run are in lifecycle.test.ts), then a second run creates nothing.
    await t.data(DEFAULTS, {}, admin);
    expect([await count('catalog_items'), await count('catalog_vat_types'), await count('catalog_categories')]).toEqual(
      [12, 4, 10],
    );
    const counts = {
      vat: await count('catalog_vat_types'),
      categories: await count('catalog_categories'),
      items: await count('catalog_items'),
      sessions: await count('catalog_item_sessions'),
      tiers: await count('catalog_item_surface_prices'),
    };
    expect((await t.data(DEFAULTS, {}, admin)).restoreCatalogDefaults).toEqual({
      vatTypes: 0,
      categories: 0,
      items: 0,
    });
    expect({
      vat: await count('catalog_vat_types'),
      categories: await count('catalog_categories'),
      items: await count('catalog_items'),
      sessions: await count('catalog_item_sessions'),
      tiers: await count('catalog_item_surface_prices'),
    }).toEqual(counts);
    // Only an admin (catalog.admin) may do it.
    expect((await t.gql(DEFAULTS, {}, dentist)).errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const lists = await t.data(
      `{ catalogVatTypes { id code rate isDefault } catalogCategories { id code } }`,
      {},
      receptionist,
    );
    expect(
      lists.catalogVatTypes.map((v: { code: string; rate: string; isDefault: boolean }) => [
        v.code,
        v.rate,
        v.isDefault,
      ]),
    ).toEqual([
      ['general', '21.00', false],
      ['reduced', '10.00', false],
      ['super_reduced', '4.00', false],
      ['exempt', '0.00', true],
    ]);
    vat = Object.fromEntries(lists.catalogVatTypes.map((v: { code: string; id: string }) => [v.code, v.id]));
    category = Object.fromEntries(lists.catalogCategories.map((c: { code: string; id: string }) => [c.code, c.id]));
    const filling = (await t.data(LIST, { search: 'composite' }, receptionist)).catalogItems.items[0];
    const full = await t.data(`query($id: ID!) { catalogItem(id: $id) { ${ITEM} } }`, { id: filling.id }, receptionist);
    expect(full.catalogItem).toMatchObject({
      code: 'filling_composite',
      pricingStrategy: 'PER_SURFACE',
      price: '50.00',
      category: { code: 'restorative' },
      vatType: { code: 'exempt', rate: '0.00' },
      surfacePrices: [
        { surfaces: 1, price: '50.00' },
        { surfaces: 2, price: '65.00' },
        { surfaces: 3, price: '80.00' },
        { surfaces: 4, price: '95.00' },
        { surfaces: 5, price: '110.00' },
      ],
    });
  });

  it('gives every new clinic its catalog from clinic.created', async () => {
    const id = (await t.data(`mutation { createClinic(input: { name: "Clínica Este" }) { id } }`, {}, admin))
      .createClinic.id;
    const total = await eventually(async () => {
      const n = (await t.data(`{ catalogItems { total } }`, {}, { token: admin.token, clinicId: id })).catalogItems
        .total;
      return n === 12 ? n : null;
    });
    expect(total).toBe(12);
  });

  it('quotes exactly through the API: 3 × 33.33 with 21% VAT = 99.99 + 21.00 = 120.99', async () => {
    const created = await t.data(
      CREATE,
      {
        input: {
          code: 'whitening_kit',
          name: 'Home whitening kit',
          categoryId: category.aesthetics,
          vatTypeId: vat.general,
          pricingStrategy: 'FLAT',
          price: '33.33',
        },
      },
      admin,
    );
    expect(created.createCatalogItem).toMatchObject({
      code: 'whitening_kit',
      pricingStrategy: 'FLAT',
      price: '33.33',
      vatType: { code: 'general', rate: '21.00' },
      isActive: true,
    });
    const q = await t.data(QUOTE, { input: { itemId: created.createCatalogItem.id, quantity: 3 } }, receptionist);
    expect(q.quoteTreatment).toEqual({
      item: { code: 'whitening_kit' },
      strategy: 'FLAT',
      unitPrice: '33.33',
      units: 1,
      quantity: 3,
      net: '99.99',
      vatRate: '21.00',
      vatAmount: '21.00',
      gross: '120.99',
      sessions: [],
    });
  });

  it('quotes surface tiers, per-role prices and per-tooth sessions, and refuses what does not fit', async () => {
    const items = (await t.data(LIST, { pageSize: 100 }, receptionist)).catalogItems.items as {
      id: string;
      code: string;
    }[];
    const id = (c: string) => items.find((i) => i.code === c)!.id;
    const filling = await t.data(
      QUOTE,
      { input: { itemId: id('filling_composite'), surfaces: 3, teeth: [16, 26] } },
      dentist,
    );
    expect(filling.quoteTreatment).toMatchObject({ unitPrice: '80.00', units: 2, net: '160.00', gross: '160.00' });
    const perio = await t.data(QUOTE, { input: { itemId: id('periodontal_maintenance'), role: 'hygienist' } }, dentist);
    expect(perio.quoteTreatment).toMatchObject({ strategy: 'PER_ROLE', net: '70.00' });
    const implant = await t.data(QUOTE, { input: { itemId: id('implant'), teeth: [36] } }, dentist);
    expect(implant.quoteTreatment.sessions).toEqual([
      { sequence: 1, label: 'Implant placement', net: '900.00' },
      { sequence: 2, label: 'Healing check and abutment', net: '300.00' },
    ]);
    const noTeeth = await t.gql(QUOTE, { input: { itemId: id('implant') } }, dentist);
    expect(noTeeth.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: expect.stringMatching(/per tooth/),
    });
    const float = await t.gql(
      `{ quoteTreatment(input: { itemId: "${id('implant')}", teeth: [36], quantity: 1.5 }) { net } }`,
      {},
      dentist,
    );
    expect(float.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('validates items: contiguous tiers, sessions adding up, unique codes, decimal strings; nothing written on error', async () => {
    const before = await count('catalog_items');
    const sessionsBefore = await count('catalog_item_sessions');
    const base = { categoryId: category.restorative, name: 'Inlay' };
    const gap = await t.gql(
      CREATE,
      {
        input: {
          ...base,
          code: 'inlay',
          pricingStrategy: 'PER_SURFACE',
          surfacePrices: [
            { surfaces: 1, price: '200' },
            { surfaces: 3, price: '300' },
          ],
        },
      },
      admin,
    );
    expect(gap.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: 'surfacePrices must cover 1 to N surfaces without gaps (N at most 5); got 1, 3.',
    });
    const sessions = await t.gql(
      CREATE,
      {
        input: {
          ...base,
          code: 'bridge',
          pricingStrategy: 'FLAT',
          price: '900',
          sessions: [
            { label: 'Preparation', amount: '400' },
            { label: 'Cementation', amount: '400' },
          ],
        },
      },
      admin,
    );
    expect(sessions.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message:
        "The sessions add up to 800.00 but the item's price is 900.00; session amounts must add up to the price exactly.",
    });
    const dup = await t.gql(
      CREATE,
      { input: { ...base, code: 'whitening_kit', pricingStrategy: 'FLAT', price: '1' } },
      admin,
    );
    expect(dup.errors?.[0]).toMatchObject({
      extensions: { code: 'CONFLICT' },
      message: expect.stringMatching(/whitening_kit/),
    });
    const float = await t.gql(
      `mutation { createCatalogItem(input: { code: "x", name: "X", categoryId: "${category.restorative}", pricingStrategy: FLAT, price: 12.5 }) { id } }`,
      {},
      admin,
    );
    expect(float.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const negative = await t.gql(
      CREATE,
      { input: { ...base, code: 'neg', pricingStrategy: 'FLAT', price: '-1.00' } },
      admin,
    );
    expect(negative.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: expect.stringMatching(/^price must be an amount/),
    });
    const noPrice = await t.gql(CREATE, { input: { ...base, code: 'np', pricingStrategy: 'PER_TOOTH' } }, admin);
    expect(noPrice.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const roleOnFlat = await t.gql(
      CREATE,
      {
        input: {
          ...base,
          code: 'rf',
          pricingStrategy: 'FLAT',
          price: '1',
          rolePrices: [{ role: 'dentist', price: '2' }],
        },
      },
      admin,
    );
    expect(roleOnFlat.errors?.[0].message).toBe('rolePrices only apply to PER_ROLE pricing.');
    expect(await count('catalog_items')).toBe(before);
    expect(await count('catalog_item_sessions')).toBe(sessionsBefore);
  });

  it('updates items: a new price its sessions no longer add up to is a CONFLICT; price and sessions together are fine', async () => {
    const created = await t.data(
      CREATE,
      {
        input: {
          code: 'bridge3',
          name: 'Three-unit bridge',
          categoryId: category.prosthodontics,
          pricingStrategy: 'FLAT',
          price: '900.00',
          sessions: [
            { label: 'Preparation', amount: '450.00' },
            { label: 'Try-in', amount: '150.00' },
            { label: 'Cementation', amount: '300.00' },
          ],
        },
      },
      admin,
    );
    const id = created.createCatalogItem.id;
    expect(created.createCatalogItem.sessions.map((s: { sequence: number }) => s.sequence)).toEqual([1, 2, 3]);
    const priceOnly = await t.gql(UPDATE, { id, input: { price: '950.00' } }, admin);
    expect(priceOnly.errors?.[0]).toMatchObject({
      extensions: { code: 'CONFLICT' },
      message: expect.stringMatching(/add up to 900.00 but the item's price is 950.00/),
    });
    const both = await t.data(
      UPDATE,
      {
        id,
        input: {
          price: '950.00',
          sessions: [
            { label: 'Preparation', amount: '500' },
            { label: 'Cementation', amount: '450' },
          ],
        },
      },
      admin,
    );
    expect(both.updateCatalogItem).toMatchObject({
      price: '950.00',
      sessions: [
        { sequence: 1, label: 'Preparation', amount: '500.00' },
        { sequence: 2, label: 'Cementation', amount: '450.00' },
      ],
    });
    // Switching to per-surface pricing with sessions left over is a conflict; clearing them makes it fine.
    const surf = {
      pricingStrategy: 'PER_SURFACE',
      surfacePrices: [
        { surfaces: 1, price: '100' },
        { surfaces: 2, price: '150' },
      ],
    };
    expect((await t.gql(UPDATE, { id, input: surf }, admin)).errors?.[0].extensions?.code).toBe('CONFLICT');
    const switched = await t.data(UPDATE, { id, input: { ...surf, sessions: [] } }, admin);
    expect(switched.updateCatalogItem).toMatchObject({
      pricingStrategy: 'PER_SURFACE',
      price: '100.00',
      sessions: [],
      surfacePrices: [{ surfaces: 1 }, { surfaces: 2 }],
    });
    // Back to FLAT: the tiers go with the strategy.
    const flat = await t.data(
      UPDATE,
      { id, input: { pricingStrategy: 'FLAT', price: '990', name: 'Bridge (3 units)' } },
      admin,
    );
    expect(flat.updateCatalogItem).toMatchObject({
      pricingStrategy: 'FLAT',
      price: '990.00',
      surfacePrices: [],
      name: 'Bridge (3 units)',
    });
    expect(await count('catalog_item_surface_prices', { item_id: id })).toBe(0);
    // Read back in a new request: what the mutations returned is what was stored.
    const stored = await t.data(`query($id: ID!) { catalogItem(id: $id) { ${ITEM} } }`, { id }, receptionist);
    expect(stored.catalogItem).toEqual(flat.updateCatalogItem);
  });

  it('searches, filters by category and activity, paginates; items are deactivated, never deleted', async () => {
    const page1 = await t.data(LIST, { pageSize: 5 }, receptionist);
    expect(page1.catalogItems).toMatchObject({ total: 14, page: 1, pageSize: 5 });
    expect(page1.catalogItems.items).toHaveLength(5);
    const page3 = await t.data(LIST, { pageSize: 5, page: 3 }, receptionist);
    expect(page3.catalogItems.items).toHaveLength(4);
    expect(
      (await t.data(LIST, { search: 'ROOT molar' }, receptionist)).catalogItems.items.map(
        (i: { code: string }) => i.code,
      ),
    ).toEqual(['root_canal_molar']);
    const diag = await t.data(LIST, { categoryId: category.diagnostics }, receptionist);
    expect(diag.catalogItems.items.map((i: { code: string }) => i.code).sort()).toEqual([
      'first_visit',
      'xray_periapical',
    ]);

    const kit = (await t.data(LIST, { search: 'whitening_kit' }, receptionist)).catalogItems.items[0];
    const off = await t.data(
      `mutation($id: ID!) { deactivateCatalogItem(id: $id) { isActive } }`,
      { id: kit.id },
      admin,
    );
    expect(off.deactivateCatalogItem.isActive).toBe(false);
    expect((await t.data(LIST, { search: 'whitening_kit' }, receptionist)).catalogItems.total).toBe(0);
    expect(
      (await t.data(LIST, { active: false }, receptionist)).catalogItems.items.map((i: { code: string }) => i.code),
    ).toEqual(['whitening_kit']);
    expect((await t.data(LIST, { active: null, pageSize: 100 }, receptionist)).catalogItems.total).toBe(14);
    // Still there for whoever references it, and still priced.
    expect(
      (await t.data(`query($id: ID!) { catalogItem(id: $id) { code isActive } }`, { id: kit.id }, receptionist))
        .catalogItem,
    ).toEqual({ code: 'whitening_kit', isActive: false });
    expect((await t.data(QUOTE, { input: { itemId: kit.id } }, receptionist)).quoteTreatment.gross).toBe('40.33');
    const again = await t.gql(`mutation($id: ID!) { deactivateCatalogItem(id: $id) { id } }`, { id: kit.id }, admin);
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
    await t.data(`mutation($id: ID!) { reactivateCatalogItem(id: $id) { isActive } }`, { id: kit.id }, admin);
    const bad = await t.gql(LIST, { pageSize: 500 }, receptionist);
    expect(bad.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: 'pageSize must be between 1 and 100',
    });
  });

  it('keeps one default VAT type per clinic and refuses to deactivate the default or one in use', async () => {
    const created = await t.data(
      `mutation { createCatalogVatType(input: { code: "special", name: "Special 7.5%", rate: "7.5", isDefault: true }) { id rate isDefault } }`,
      {},
      admin,
    );
    expect(created.createCatalogVatType).toMatchObject({ rate: '7.50', isDefault: true });
    const defaults = (await t.data(`{ catalogVatTypes { code isDefault } }`, {}, admin)).catalogVatTypes.filter(
      (v: { isDefault: boolean }) => v.isDefault,
    );
    expect(defaults).toEqual([{ code: 'special', isDefault: true }]);
    const id = created.createCatalogVatType.id;
    const deactivateDefault = await t.gql(
      `mutation($id: ID!) { updateCatalogVatType(id: $id, input: { isActive: false }) { id } }`,
      { id },
      admin,
    );
    expect(deactivateDefault.errors?.[0]).toMatchObject({
      extensions: { code: 'CONFLICT' },
      message: expect.stringMatching(/default/),
    });
    const unsetDefault = await t.gql(
      `mutation($id: ID!) { updateCatalogVatType(id: $id, input: { isDefault: false }) { id } }`,
      { id },
      admin,
    );
    expect(unsetDefault.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    await t.data(
      `mutation($id: ID!) { updateCatalogVatType(id: $id, input: { isDefault: true }) { id } }`,
      { id: vat.exempt },
      admin,
    );
    const inUse = await t.gql(
      `mutation($id: ID!) { updateCatalogVatType(id: $id, input: { isActive: false }) { id } }`,
      { id: vat.general },
      admin,
    );
    expect(inUse.errors?.[0]).toMatchObject({
      extensions: { code: 'CONFLICT' },
      message: expect.stringMatching(/active catalog item/),
    });
    const off = await t.data(
      `mutation($id: ID!) { updateCatalogVatType(id: $id, input: { isActive: false }) { isActive } }`,
      { id },
      admin,
    );
    expect(off.updateCatalogVatType.isActive).toBe(false);
    const all = await t.data(`{ catalogVatTypes(includeInactive: true) { code isActive isDefault } }`, {}, admin);
    expect(all.catalogVatTypes.filter((v: { isDefault: boolean }) => v.isDefault)).toEqual([
      { code: 'exempt', isActive: true, isDefault: true },
    ]);
    expect(all.catalogVatTypes.find((v: { code: string }) => v.code === 'special')).toEqual({
      code: 'special',
      isActive: false,
      isDefault: false,
    });
    expect((await t.data(`{ catalogVatTypes { code } }`, {}, admin)).catalogVatTypes).toHaveLength(4);
    const badRate = await t.gql(
      `mutation { createCatalogVatType(input: { code: "big", name: "Big", rate: "101" }) { id } }`,
      {},
      admin,
    );
    expect(badRate.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: 'rate cannot be more than 100',
    });
    const inactiveVat = await t.gql(
      CREATE,
      {
        input: {
          code: 'iv',
          name: 'IV',
          categoryId: category.surgery,
          vatTypeId: id,
          pricingStrategy: 'FLAT',
          price: '1',
        },
      },
      admin,
    );
    expect(inactiveVat.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: expect.stringMatching(/inactive/),
    });
  });

  it('checks permissions per role: everyone reads and quotes, only admins write', async () => {
    const input = { code: 'p1', name: 'P1', categoryId: category.surgery, pricingStrategy: 'FLAT', price: '10' };
    for (const caller of [
      receptionist,
      dentist,
      await t.userWithRole(admin, 'hygienist'),
      await t.userWithRole(admin, 'assistant'),
    ]) {
      expect((await t.data(`{ catalogItems { total } }`, {}, caller)).catalogItems.total).toBeGreaterThan(0);
      const r = await t.gql(CREATE, { input }, caller);
      expect(r.errors?.[0]).toMatchObject({
        extensions: { code: 'FORBIDDEN' },
        message: expect.stringMatching(/catalog\.write/),
      });
      const c = await t.gql(`mutation { createCatalogCategory(input: { code: "c1", name: "C1" }) { id } }`, {}, caller);
      expect(c.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect((await t.gql(`{ catalogItems { total } }`)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const cat = await t.data(
      `mutation { createCatalogCategory(input: { code: "c1", name: "C1", displayOrder: 1 }) { id code isActive } }`,
      {},
      admin,
    );
    expect(cat.createCatalogCategory).toMatchObject({ code: 'c1', isActive: true });
    const dupCat = await t.gql(
      `mutation { createCatalogCategory(input: { code: "c1", name: "Again" }) { id } }`,
      {},
      admin,
    );
    expect(dupCat.errors?.[0].extensions?.code).toBe('CONFLICT');
    await t.data(
      `mutation($id: ID!) { updateCatalogCategory(id: $id, input: { isActive: false }) { isActive } }`,
      { id: cat.createCatalogCategory.id },
      admin,
    );
    const inInactive = await t.gql(CREATE, { input: { ...input, categoryId: cat.createCatalogCategory.id } }, admin);
    expect(inInactive.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: expect.stringMatching(/inactive/),
    });
  });

  it('isolates clinics: clinic B sees and touches nothing of clinic A', async () => {
    const clinicB = (await t.data(`mutation { createClinic(input: { name: "Clínica Sur" }) { id } }`, {}, admin))
      .createClinic.id;
    const adminB = { token: admin.token, clinicId: clinicB };
    const readerB = await t.userWithRole(adminB, 'receptionist', clinicB);
    await t.data(DEFAULTS, {}, adminB);
    const aItems = (await t.data(LIST, { active: null, pageSize: 100 }, admin)).catalogItems.items as {
      id: string;
      code: string;
    }[];
    const bItems = (await t.data(LIST, { active: null, pageSize: 100 }, readerB)).catalogItems.items as {
      id: string;
      code: string;
    }[];
    expect(bItems).toHaveLength(12);
    expect(bItems.map((i) => i.code)).not.toContain('whitening_kit');
    expect(bItems.some((b) => aItems.some((a) => a.id === b.id))).toBe(false);
    const kit = aItems.find((i) => i.code === 'whitening_kit')!;
    expect(
      (await t.data(`query($id: ID!) { catalogItem(id: $id) { id } }`, { id: kit.id }, readerB)).catalogItem,
    ).toBeNull();
    expect((await t.gql(QUOTE, { input: { itemId: kit.id } }, readerB)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await t.gql(UPDATE, { id: kit.id, input: { name: 'Stolen' } }, adminB)).errors?.[0].extensions?.code).toBe(
      'NOT_FOUND',
    );
    expect(
      (await t.gql(`mutation($id: ID!) { deactivateCatalogItem(id: $id) { id } }`, { id: kit.id }, adminB)).errors?.[0]
        .extensions?.code,
    ).toBe('NOT_FOUND');
    expect(
      (
        await t.gql(
          `mutation($id: ID!) { updateCatalogVatType(id: $id, input: { rate: "1" }) { id } }`,
          { id: vat.general },
          adminB,
        )
      ).errors?.[0].extensions?.code,
    ).toBe('NOT_FOUND');
    expect(
      (
        await t.gql(
          `mutation($id: ID!) { updateCatalogCategory(id: $id, input: { name: "x" }) { id } }`,
          { id: category.surgery },
          adminB,
        )
      ).errors?.[0].extensions?.code,
    ).toBe('NOT_FOUND');
    // A's category cannot be used from B; the same code is free in B.
    const foreign = await t.gql(
      CREATE,
      {
        input: {
          code: 'whitening_kit',
          name: 'Kit',
          categoryId: category.aesthetics,
          pricingStrategy: 'FLAT',
          price: '1',
        },
      },
      adminB,
    );
    expect(foreign.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: expect.stringMatching(/not a category of this clinic/),
    });
    const bCategory = (await t.data(`{ catalogCategories { id code } }`, {}, adminB)).catalogCategories.find(
      (c: { code: string }) => c.code === 'aesthetics',
    ).id;
    await t.data(
      CREATE,
      { input: { code: 'whitening_kit', name: 'Kit', categoryId: bCategory, pricingStrategy: 'FLAT', price: '1' } },
      adminB,
    );
    expect(
      (await t.data(`query($id: ID!) { catalogItem(id: $id) { name } }`, { id: kit.id }, admin)).catalogItem.name,
    ).toBe('Home whitening kit');
    // Entity references (how budget and billing resolve CatalogItem) are clinic-scoped too.
    const entities = `query($r: [_Any!]!) { _entities(representations: $r) { ... on CatalogItem { code } } }`;
    const refs = { r: [{ __typename: 'CatalogItem', id: kit.id }] };
    expect((await t.subgraphAs('catalog', admin)(entities, refs)).data).toEqual({
      _entities: [{ code: 'whitening_kit' }],
    });
    expect((await t.subgraphAs('catalog', readerB)(entities, refs)).data).toEqual({ _entities: [null] });
  });

  it('exposes agent tools with the same rules as the API', async () => {
    const call = `mutation($n: String!, $a: JSON!) { callAgentTool(name: $n, args: $a) { status result error } }`;
    const found = await t.data(call, { n: 'catalog.search_items', a: { query: 'implant' } }, dentist);
    expect(found.callAgentTool).toMatchObject({
      status: 'SUCCESS',
      result: { total: 1, items: [{ code: 'implant', pricingStrategy: 'PER_TOOTH', price: '1200.00' }] },
    });
    const itemId = found.callAgentTool.result.items[0].id;
    const got = await t.data(call, { n: 'catalog.get_item', a: { itemId } }, dentist);
    expect(got.callAgentTool.result).toMatchObject({
      category: { code: 'implants' },
      vatType: { code: 'exempt', rate: '0.00' },
      sessions: [{ sequence: 1 }, { sequence: 2 }],
    });
    const quoted = await t.data(call, { n: 'catalog.quote_treatment', a: { itemId, teeth: [36, 46] } }, receptionist);
    expect(quoted.callAgentTool).toMatchObject({
      status: 'SUCCESS',
      result: { strategy: 'PER_TOOTH', net: '2400.00', gross: '2400.00' },
    });
    const noTeeth = await t.data(call, { n: 'catalog.quote_treatment', a: { itemId } }, receptionist);
    expect(noTeeth.callAgentTool).toMatchObject({ status: 'FAILED', error: expect.stringMatching(/per tooth/) });
    const lists = await t.data(call, { n: 'catalog.list_categories', a: {} }, receptionist);
    const restorative = lists.callAgentTool.result.categories.find(
      (c: { code: string }) => c.code === 'restorative',
    ).id;
    const create = {
      n: 'catalog.create_item',
      a: {
        code: 'onlay',
        name: 'Onlay',
        categoryId: restorative,
        pricingStrategy: 'PER_SURFACE',
        surfacePrices: [
          { surfaces: 1, price: '250' },
          { surfaces: 2, price: '300' },
        ],
      },
    };
    expect((await t.data(call, create, receptionist)).callAgentTool.status).toBe('BLOCKED');
    const made = await t.data(call, create, admin);
    expect(made.callAgentTool).toMatchObject({
      error: null,
      status: 'SUCCESS',
      result: {
        code: 'onlay',
        price: '250.00',
        surfacePrices: [
          { surfaces: 1, price: '250.00' },
          { surfaces: 2, price: '300.00' },
        ],
      },
    });
    const gap = await t.data(
      call,
      {
        n: 'catalog.update_item',
        a: { itemId: made.callAgentTool.result.id, surfacePrices: [{ surfaces: 2, price: '1' }] },
      },
      admin,
    );
    expect(gap.callAgentTool).toMatchObject({ status: 'FAILED', error: expect.stringMatching(/without gaps/) });
    const off = await t.data(
      call,
      { n: 'catalog.deactivate_item', a: { itemId: made.callAgentTool.result.id } },
      admin,
    );
    expect(off.callAgentTool.result.isActive).toBe(false);
  });
});
