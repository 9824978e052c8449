import {
  DomainError,
  inOrder,
  isUuid,
  groupedBy,
  notFound,
  parseInput,
  readInParallel,
  uuidArg,
  type EntityManager,
  type FilterQuery,
  type ServiceContext,
} from '@dentalpin/core';
import { Category, Item, RolePrice, Session, SurfacePrice, VatType } from '../entities.ts';
import {
  createCategoryInput,
  createItemInput,
  createVatTypeInput,
  listItemsInput,
  quoteInput,
  updateCategoryInput,
  updateItemInput,
  updateVatTypeInput,
} from '../inputs.ts';
import { ensureClinicDefaults, type ClinicDefaultsResult } from './defaults.ts';
import { assertPricing, pricingState, quote, type PricingField, type PricingState, type Quote } from './pricing.ts';

const escapeLike = (term: string) => term.replace(/[\\%_]/g, (c) => `\\${c}`);

/** An item with its price configuration, as the calculator and the API see it. */
export interface ItemPricing {
  surfacePrices: SurfacePrice[];
  rolePrices: RolePrice[];
  sessions: Session[];
}

/** The treatment catalog of one clinic. Every read and write is scoped to `clinicId`. */
export class CatalogService {
  constructor(private readonly ctx: ServiceContext) {}

  private get em(): EntityManager {
    return this.ctx.em;
  }

  private get clinicId(): string {
    return this.ctx.identity.clinicId;
  }

  /** Creates what the clinic lacks of the default VAT types, categories and items (restores deleted defaults). */
  restoreDefaults(): Promise<ClinicDefaultsResult> {
    return ensureClinicDefaults(this.em, this.clinicId);
  }

  // ---- VAT types ----------------------------------------------------------------------

  vatTypes(includeInactive = false) {
    return this.em.find(
      VatType,
      { clinicId: this.clinicId, ...(includeInactive ? {} : { isActive: true }) },
      { orderBy: { rate: 'desc', code: 'asc' } },
    );
  }

  vatTypesByIds(ids: readonly string[]) {
    return this.byIds((v) => this.em.find(VatType, { id: { $in: v }, clinicId: this.clinicId }), ids);
  }

  private async requireVatType(vatTypeId: string) {
    const vat = isUuid(vatTypeId) ? await this.em.findOne(VatType, { id: vatTypeId, clinicId: this.clinicId }) : null;
    if (!vat) throw notFound('VAT type', vatTypeId);
    return vat;
  }

  async createVatType(raw: unknown) {
    const input = parseInput(createVatTypeInput, raw);
    await this.assertFree('vat', input.code);
    return this.em.transactional(async (em) => {
      const hasDefault = (await em.count(VatType, { clinicId: this.clinicId, isDefault: true })) > 0;
      const makeDefault = Boolean(input.isDefault) || !hasDefault;
      if (makeDefault)
        await em.nativeUpdate(VatType, { clinicId: this.clinicId, isDefault: true }, { isDefault: false });
      const vat = em.create(VatType, {
        clinicId: this.clinicId,
        code: input.code,
        name: input.name,
        rate: input.rate,
        isDefault: makeDefault,
        isActive: true,
      });
      await em.flush();
      return vat;
    });
  }

  async updateVatType(vatTypeId: string, raw: unknown) {
    const input = parseInput(updateVatTypeInput, raw);
    const vat = await this.requireVatType(vatTypeId);
    return this.em.transactional(async (em) => {
      if (input.isActive === false && vat.isActive) {
        if (vat.isDefault || input.isDefault)
          throw new DomainError(
            'CONFLICT',
            'The default VAT type cannot be deactivated; make another one the default first.',
          );
        const used = await em.count(Item, { clinicId: this.clinicId, vatTypeId: vat.id, isActive: true });
        if (used)
          throw new DomainError(
            'CONFLICT',
            `${used} active catalog item(s) use this VAT type; give them another VAT type before deactivating it.`,
          );
      }
      if (input.isDefault && !vat.isDefault) {
        if (input.isActive === false || (!vat.isActive && input.isActive !== true))
          throw new DomainError('CONFLICT', 'An inactive VAT type cannot be the default; activate it as well.');
        await em.nativeUpdate(VatType, { clinicId: this.clinicId, isDefault: true }, { isDefault: false });
        vat.isDefault = true;
      }
      if (input.name !== undefined) vat.name = input.name;
      if (input.rate !== undefined) vat.rate = input.rate;
      if (input.isActive != null) vat.isActive = input.isActive;
      await em.flush();
      return vat;
    });
  }

  // ---- categories ---------------------------------------------------------------------

  categories(includeInactive = false) {
    return this.em.find(
      Category,
      { clinicId: this.clinicId, ...(includeInactive ? {} : { isActive: true }) },
      { orderBy: { displayOrder: 'asc', name: 'asc' } },
    );
  }

  categoriesByIds(ids: readonly string[]) {
    return this.byIds((v) => this.em.find(Category, { id: { $in: v }, clinicId: this.clinicId }), ids);
  }

  private async requireCategory(categoryId: string) {
    const category = isUuid(categoryId)
      ? await this.em.findOne(Category, { id: categoryId, clinicId: this.clinicId })
      : null;
    if (!category) throw notFound('Category', categoryId);
    return category;
  }

  async createCategory(raw: unknown) {
    const input = parseInput(createCategoryInput, raw);
    await this.assertFree('category', input.code);
    const category = this.em.create(Category, {
      clinicId: this.clinicId,
      code: input.code,
      name: input.name,
      description: input.description ?? null,
      displayOrder: input.displayOrder ?? 0,
      isActive: true,
    });
    await this.em.flush();
    return category;
  }

  async updateCategory(categoryId: string, raw: unknown) {
    const input = parseInput(updateCategoryInput, raw);
    const category = await this.requireCategory(categoryId);
    if (input.code !== undefined && input.code !== category.code) await this.assertFree('category', input.code);
    if (input.code !== undefined) category.code = input.code;
    if (input.name !== undefined) category.name = input.name;
    if (input.description !== undefined) category.description = input.description;
    if (input.displayOrder != null) category.displayOrder = input.displayOrder;
    if (input.isActive != null) category.isActive = input.isActive;
    await this.em.flush();
    return category;
  }

  // ---- items --------------------------------------------------------------------------

  async items(raw: unknown) {
    const input = parseInput(listItemsInput, raw);
    const terms = (input.search ?? '').split(/\s+/).filter(Boolean);
    const where: FilterQuery<Item> = {
      clinicId: this.clinicId,
      ...(input.active === null ? {} : { isActive: input.active }),
      ...(input.categoryId ? { categoryId: input.categoryId } : {}),
      $and: terms.map((term) => {
        const like = { $ilike: `%${escapeLike(term)}%` };
        return { $or: [{ code: like }, { name: like }] };
      }),
    };
    const [items, total] = await this.em.findAndCount(Item, where, {
      orderBy: { name: 'asc', id: 'asc' },
      limit: input.pageSize,
      offset: (input.page - 1) * input.pageSize,
    });
    return { items, total, page: input.page, pageSize: input.pageSize };
  }

  async item(itemIdValue: string): Promise<Item | null> {
    uuidArg('id', itemIdValue, 'item id');
    return this.em.findOne(Item, { id: itemIdValue, clinicId: this.clinicId });
  }

  /** Batch lookup for entity references: one query, results in the order of `ids`, null when not visible. */
  itemsByIds(ids: readonly string[]) {
    return this.byIds((v) => this.em.find(Item, { id: { $in: v }, clinicId: this.clinicId }), ids);
  }

  private async requireItem(itemIdValue: string) {
    const item = await this.item(itemIdValue);
    if (!item) throw notFound('Catalog item', itemIdValue);
    return item;
  }

  /** The price configuration of many items in three queries, in the order of `ids`. */
  async pricingOf(ids: readonly string[]): Promise<ItemPricing[]> {
    const itemIds = [...ids];
    const [tiers, roles, steps] = itemIds.length
      ? await readInParallel(this.em, [
          () => this.em.find(SurfacePrice, { itemId: { $in: itemIds } }, { orderBy: { surfaces: 'asc' } }),
          () => this.em.find(RolePrice, { itemId: { $in: itemIds } }, { orderBy: { role: 'asc' } }),
          () => this.em.find(Session, { itemId: { $in: itemIds } }, { orderBy: { sequence: 'asc' } }),
        ] as const)
      : [[], [], []];
    const [tiersOf, rolesOf, stepsOf] = [
      groupedBy(itemIds, tiers, (t) => t.itemId),
      groupedBy(itemIds, roles, (r) => r.itemId),
      groupedBy(itemIds, steps, (s) => s.itemId),
    ];
    return itemIds.map((_, i) => ({ surfacePrices: tiersOf[i], rolePrices: rolesOf[i], sessions: stepsOf[i] }));
  }

  async createItem(raw: unknown) {
    const input = parseInput(createItemInput, raw);
    await this.assertFree('item', input.code);
    await this.assertUsableCategory(input.categoryId);
    const vatTypeId = input.vatTypeId
      ? (await this.assertUsableVatType(input.vatTypeId)).id
      : await this.defaultVatTypeId();
    const pricing = pricingState(input.pricingStrategy, input.price, input);
    assertPricing(pricing, new Set<PricingField>(['price', 'surfacePrices', 'rolePrices', 'sessions']));
    return this.em.transactional(async (em) => {
      const item = em.create(Item, {
        clinicId: this.clinicId,
        code: input.code,
        name: input.name,
        description: input.description ?? null,
        categoryId: input.categoryId,
        vatTypeId,
        pricingStrategy: pricing.pricingStrategy,
        price: pricing.price,
        durationMinutes: input.durationMinutes ?? null,
        isActive: true,
      });
      await em.flush();
      await this.writePricing(em, item.id, pricing, new Set(['surfacePrices', 'rolePrices', 'sessions']));
      return item;
    });
  }

  async updateItem(itemIdValue: string, raw: unknown) {
    const input = parseInput(updateItemInput, raw);
    const item = await this.requireItem(itemIdValue);
    if (input.code !== undefined && input.code !== item.code) await this.assertFree('item', input.code);
    if (input.categoryId !== undefined && input.categoryId !== item.categoryId)
      await this.assertUsableCategory(input.categoryId);
    if (input.vatTypeId !== undefined && input.vatTypeId !== item.vatTypeId)
      await this.assertUsableVatType(input.vatTypeId);

    const [current] = await this.pricingOf([item.id]);
    const nextStrategy = input.pricingStrategy ?? item.pricingStrategy;
    const strategyChanged = nextStrategy !== item.pricingStrategy;
    // Tiers and role prices belong to their strategy: switching strategy drops the ones that no longer apply.
    const state = pricingState(nextStrategy, input.price ?? (strategyChanged ? null : item.price), {
      surfacePrices:
        input.surfacePrices !== undefined
          ? input.surfacePrices
          : nextStrategy === 'per_surface'
            ? current.surfacePrices
            : [],
      rolePrices:
        input.rolePrices !== undefined ? input.rolePrices : nextStrategy === 'per_role' ? current.rolePrices : [],
      sessions: input.sessions !== undefined ? input.sessions : current.sessions,
    });
    const given = new Set(
      Object.entries(input)
        .filter(([, v]) => v !== undefined)
        .map(([k]) => k as PricingField),
    );
    if (strategyChanged) given.add('price');
    assertPricing(state, given);

    return this.em.transactional(async (em) => {
      if (input.code !== undefined) item.code = input.code;
      if (input.name !== undefined) item.name = input.name;
      if (input.description !== undefined) item.description = input.description;
      if (input.categoryId !== undefined) item.categoryId = input.categoryId;
      if (input.vatTypeId !== undefined) item.vatTypeId = input.vatTypeId;
      if (input.durationMinutes !== undefined) item.durationMinutes = input.durationMinutes;
      item.pricingStrategy = state.pricingStrategy;
      item.price = state.price;
      await em.flush();
      const replace = new Set<PricingField>(['surfacePrices', 'rolePrices']);
      if (input.sessions !== undefined) replace.add('sessions');
      await this.writePricing(em, item.id, state, replace);
      return item;
    });
  }

  /** Items are never deleted (budgets and invoices point at them): they are deactivated. */
  async setItemActive(itemIdValue: string, active: boolean) {
    const item = await this.requireItem(itemIdValue);
    if (item.isActive === active)
      throw new DomainError('CONFLICT', `This item is already ${active ? 'active' : 'inactive'}.`);
    if (active) {
      await this.assertUsableCategory(item.categoryId);
      await this.assertUsableVatType(item.vatTypeId);
    }
    item.isActive = active;
    await this.em.flush();
    return item;
  }

  // ---- pricing ------------------------------------------------------------------------

  /** Prices one treatment line of an item of this clinic (inactive items are still priced: old budgets re-quote). */
  async quote(raw: unknown): Promise<Quote & { item: Item }> {
    const input = parseInput(quoteInput, raw);
    const item = await this.requireItem(input.itemId);
    const vat = await this.em.findOneOrFail(VatType, { id: item.vatTypeId, clinicId: this.clinicId });
    const [pricing] = await this.pricingOf([item.id]);
    const result = quote(
      {
        pricingStrategy: item.pricingStrategy,
        price: item.price,
        vatRate: vat.rate,
        surfacePrices: pricing.surfacePrices,
        rolePrices: pricing.rolePrices,
        sessions: pricing.sessions,
      },
      input,
    );
    return { ...result, item };
  }

  // ---- helpers ------------------------------------------------------------------------

  private async writePricing(em: EntityManager, itemIdValue: string, state: PricingState, replace: Set<PricingField>) {
    if (replace.has('surfacePrices')) {
      await em.nativeDelete(SurfacePrice, { itemId: itemIdValue });
      for (const t of state.surfacePrices) em.create(SurfacePrice, { itemId: itemIdValue, ...t });
    }
    if (replace.has('rolePrices')) {
      await em.nativeDelete(RolePrice, { itemId: itemIdValue });
      for (const r of state.rolePrices) em.create(RolePrice, { itemId: itemIdValue, ...r });
    }
    if (replace.has('sessions')) {
      await em.nativeDelete(Session, { itemId: itemIdValue });
      state.sessions.forEach((s, i) => em.create(Session, { itemId: itemIdValue, sequence: i + 1, ...s }));
    }
    await em.flush();
  }

  private async assertFree(kind: 'vat' | 'category' | 'item', value: string) {
    const where = { clinicId: this.clinicId, code: value };
    const [taken, what] =
      kind === 'vat'
        ? [await this.em.count(VatType, where), 'A VAT type']
        : kind === 'category'
          ? [await this.em.count(Category, where), 'A category']
          : [await this.em.count(Item, where), 'An item'];
    if (taken) throw new DomainError('CONFLICT', `${what} with code "${value}" already exists in this clinic.`);
  }

  private async assertUsableCategory(categoryId: string) {
    const category = await this.em.findOne(Category, { id: categoryId, clinicId: this.clinicId });
    if (!category)
      throw new DomainError('BAD_USER_INPUT', `categoryId ${categoryId} is not a category of this clinic.`);
    if (!category.isActive)
      throw new DomainError(
        'BAD_USER_INPUT',
        `The category "${category.name}" is inactive; activate it or pick another.`,
      );
    return category;
  }

  private async assertUsableVatType(vatTypeId: string) {
    const vat = await this.em.findOne(VatType, { id: vatTypeId, clinicId: this.clinicId });
    if (!vat) throw new DomainError('BAD_USER_INPUT', `vatTypeId ${vatTypeId} is not a VAT type of this clinic.`);
    if (!vat.isActive)
      throw new DomainError('BAD_USER_INPUT', `The VAT type "${vat.name}" is inactive; activate it or pick another.`);
    return vat;
  }

  private async defaultVatTypeId() {
    const vat = await this.em.findOne(VatType, { clinicId: this.clinicId, isDefault: true });
    if (!vat)
      throw new DomainError(
        'BAD_USER_INPUT',
        'This clinic has no default VAT type: give vatTypeId, or create the catalog defaults first.',
      );
    return vat.id;
  }

  /** Rows of this clinic by id, in the order of `ids`; null where not visible. */
  private async byIds<T extends { id: string }>(
    find: (valid: string[]) => Promise<T[]>,
    ids: readonly string[],
  ): Promise<(T | null)[]> {
    const valid = ids.filter(isUuid);
    return inOrder(ids, valid.length ? await find(valid) : [], (r) => r.id);
  }
}
