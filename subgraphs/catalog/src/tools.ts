import { z } from 'zod';
import { defineTool, enumNames, notFound, type Tool } from '@dentalpin/core';
import type { Category, Item, VatType } from './entities.ts';
import { enumResolvers } from './generated/graphql.ts';
import { createItemInput, itemId, listItemsInput, quoteInput, updateItemInput } from './inputs.ts';
import { CatalogService, type ItemPricing } from './service/index.ts';

/** Agents name strategies as the API does (PER_TOOTH); the service takes the stored value (per_tooth). */
const strategies = enumNames(enumResolvers.CatalogPricingStrategy);
const strategyParameter = z.enum(strategies.names).transform(strategies.stored);

/** How an item looks to an agent: the GraphQL shape (strategy in capitals, amounts as decimal strings). */
const summary = (item: Item) => ({
  id: item.id,
  code: item.code,
  name: item.name,
  categoryId: item.categoryId,
  pricingStrategy: strategies.name(item.pricingStrategy),
  price: item.price,
  isActive: item.isActive,
});

async function detail(s: CatalogService, item: Item) {
  // Tools run inside a transaction (one connection): the reads go one after the other.
  const [pricing] = await s.pricingOf([item.id]);
  const [category] = await s.categoriesByIds([item.categoryId]);
  const [vat] = await s.vatTypesByIds([item.vatTypeId]);
  return {
    ...summary(item),
    description: item.description,
    category: category && { id: category.id, code: category.code, name: category.name },
    vatType: vat && { id: vat.id, code: vat.code, name: vat.name, rate: vat.rate },
    ...pricingView(pricing),
    durationMinutes: item.durationMinutes,
  };
}

const pricingView = (p: ItemPricing) => ({
  surfacePrices: p.surfacePrices.map((t) => ({ surfaces: t.surfaces, price: t.price })),
  rolePrices: p.rolePrices.map((r) => ({ role: r.role, price: r.price })),
  sessions: p.sessions.map((x) => ({ sequence: x.sequence, label: x.label, amount: x.amount })),
});

const categoryView = (c: Category) => ({ id: c.id, code: c.code, name: c.name, isActive: c.isActive });
const vatView = (v: VatType) => ({ id: v.id, code: v.code, name: v.name, rate: v.rate, isDefault: v.isDefault });

const PRICING_HELP =
  'Pricing strategies: FLAT (price for the whole treatment), PER_TOOTH (price × teeth), PER_SURFACE (surfacePrices: ' +
  'a price for 1, 2, … up to 5 surfaces, contiguous from 1; price may be left out, it is the 1-surface price), ' +
  'PER_ROLE (rolePrices: a price per professional role; price is for roles without one). sessions (FLAT or ' +
  'PER_TOOTH only) split the price into ordered visits whose amounts must add up to the price exactly. ' +
  'Amounts are decimal strings such as "120.50".';

const searchItems = defineTool({
  name: 'search_items',
  description:
    'Search the treatment catalog of the current clinic by code or name (every word must match), optionally within ' +
    'one category. Returns { total, page, pageSize, items: [{ id, code, name, categoryId, pricingStrategy, price, ' +
    'isActive }] }; prices are decimal strings without VAT. Only active items unless active is false (inactive only) ' +
    'or null (all). Use get_item for the full price configuration and quote_treatment for a price with VAT.',
  parameters: z.strictObject({
    query: listItemsInput.shape.search.describe('Words to match against the item code and name.'),
    categoryId: listItemsInput.shape.categoryId.describe('Only items of this category (ids from list_categories).'),
    active: listItemsInput.shape.active.describe('true: active items (default); false: inactive; null: all.'),
    page: listItemsInput.shape.page.describe('Page number, from 1.'),
    pageSize: listItemsInput.shape.pageSize.describe('Results per page, 1-100 (default 20).'),
  }),
  permissions: ['catalog.read'],
  category: 'READ',
  async handler(ctx, params) {
    const page = await new CatalogService(ctx).items({ ...params, search: params.query });
    return { ...page, items: page.items.map(summary) };
  },
});

const getItem = defineTool({
  name: 'get_item',
  description:
    'Get one treatment item of the current clinic by id: code, name, category, VAT type and rate, pricing strategy, ' +
    'price, surface tiers, per-role prices and session template. Fails with NOT_FOUND when the clinic has no such item.',
  parameters: z.strictObject({ itemId: itemId.describe('The catalog item id (a UUID, from search_items).') }),
  permissions: ['catalog.read'],
  category: 'READ',
  async handler(ctx, params) {
    const s = new CatalogService(ctx);
    const item = await s.item(params.itemId);
    if (!item) throw notFound('Catalog item', params.itemId);
    return detail(s, item);
  },
});

const quoteTreatment = defineTool({
  name: 'quote_treatment',
  description:
    'Price one treatment line of the current clinic exactly: returns { unitPrice, units, quantity, net, vatRate, ' +
    'vatAmount, gross, sessions } as decimal strings, rounded half-up to the cent. PER_TOOTH items need teeth; ' +
    'PER_SURFACE items need surfaces (1-5); PER_ROLE items need the professional role. Read-only: it records nothing.',
  parameters: z.strictObject({
    itemId: quoteInput.shape.itemId.describe('The catalog item id.'),
    teeth: quoteInput.shape.teeth.describe('FDI tooth numbers (11-48, primary 51-85), each once.'),
    surfaces: quoteInput.shape.surfaces.describe('Surfaces treated per tooth, 1-5 (PER_SURFACE items).'),
    role: quoteInput.shape.role.describe('Professional role for PER_ROLE items: dentist, hygienist, …'),
    quantity: quoteInput.shape.quantity.describe('How many times the treatment is done (default 1).'),
  }),
  permissions: ['catalog.read'],
  category: 'READ',
  async handler(ctx, params) {
    const { item, ...result } = await new CatalogService(ctx).quote(params);
    return { itemId: item.id, code: item.code, name: item.name, ...result, strategy: strategies.name(result.strategy) };
  },
});

const listCategories = defineTool({
  name: 'list_categories',
  description:
    'List the treatment categories and the VAT types of the current clinic (active ones): { categories: [{ id, code, ' +
    'name }], vatTypes: [{ id, code, name, rate, isDefault }] }. Use their ids to create or move catalog items.',
  parameters: z.strictObject({}),
  permissions: ['catalog.read'],
  category: 'READ',
  async handler(ctx) {
    const s = new CatalogService(ctx);
    return { categories: (await s.categories()).map(categoryView), vatTypes: (await s.vatTypes()).map(vatView) };
  },
});

const createItem = defineTool({
  name: 'create_item',
  description:
    'Create a treatment item in the current clinic catalog. code is unique in the clinic (CONFLICT otherwise). ' +
    'vatTypeId defaults to the clinic default VAT type. ' +
    PRICING_HELP +
    ' Returns the created item.',
  parameters: z.strictObject({
    code: createItemInput.shape.code.describe('Short unique code, e.g. "filling_2s".'),
    name: createItemInput.shape.name.describe('Name shown in budgets and invoices.'),
    description: createItemInput.shape.description.describe('Optional longer description.'),
    categoryId: createItemInput.shape.categoryId.describe('Category id (from list_categories).'),
    vatTypeId: createItemInput.shape.vatTypeId.describe(
      'VAT type id (from list_categories); default the clinic default.',
    ),
    pricingStrategy: strategyParameter.describe('FLAT | PER_TOOTH | PER_SURFACE | PER_ROLE'),
    price: createItemInput.shape.price.describe('Price without VAT, decimal string.'),
    surfacePrices: createItemInput.shape.surfacePrices.describe('PER_SURFACE: [{ surfaces: 1, price: "50.00" }, …].'),
    rolePrices: createItemInput.shape.rolePrices.describe('PER_ROLE: [{ role: "dentist", price: "90.00" }, …].'),
    sessions: createItemInput.shape.sessions.describe('Optional visits: [{ label, amount }, …] adding up to price.'),
    durationMinutes: createItemInput.shape.durationMinutes.describe('Usual chair time in minutes.'),
  }),
  permissions: ['catalog.write'],
  category: 'WRITE',
  graphqlMutations: ['createCatalogItem'],
  async handler(ctx, params) {
    const s = new CatalogService(ctx);
    return detail(s, await s.createItem(params));
  },
});

const updateItem = defineTool({
  name: 'update_item',
  description:
    'Change some fields of a treatment item of the current clinic; fields left out keep their value. surfacePrices, ' +
    'rolePrices and sessions, when given, replace the old ones (an empty list clears them). Changing the price of an ' +
    'item with sessions needs new sessions adding up to it (CONFLICT otherwise). ' +
    PRICING_HELP +
    ' Returns the updated item.',
  parameters: z.strictObject({
    itemId: itemId.describe('The catalog item id.'),
    code: updateItemInput.shape.code.describe('New unique code.'),
    name: updateItemInput.shape.name.describe('New name.'),
    description: updateItemInput.shape.description.describe('New description; an empty string clears it.'),
    categoryId: updateItemInput.shape.categoryId.describe('New category id (from list_categories).'),
    vatTypeId: updateItemInput.shape.vatTypeId.describe('New VAT type id (from list_categories).'),
    pricingStrategy: strategyParameter.optional().describe('FLAT | PER_TOOTH | PER_SURFACE | PER_ROLE'),
    price: updateItemInput.shape.price.describe('New price without VAT, decimal string.'),
    surfacePrices: updateItemInput.shape.surfacePrices.describe('Replaces the surface tiers (PER_SURFACE).'),
    rolePrices: updateItemInput.shape.rolePrices.describe('Replaces the per-role prices (PER_ROLE).'),
    sessions: updateItemInput.shape.sessions.describe('Replaces the session template; [] clears it.'),
    durationMinutes: updateItemInput.shape.durationMinutes.describe('Usual chair time in minutes.'),
  }),
  permissions: ['catalog.write'],
  category: 'WRITE',
  graphqlMutations: ['updateCatalogItem'],
  async handler(ctx, params) {
    const { itemId: id, ...changes } = params;
    const s = new CatalogService(ctx);
    return detail(s, await s.updateItem(id, changes));
  },
});

const deactivateItem = defineTool({
  name: 'deactivate_item',
  description:
    'Deactivate a treatment item of the current clinic: it leaves the catalog lists but stays valid wherever budgets ' +
    'or invoices use it (items are never deleted). Undo with reactivate_item.',
  parameters: z.strictObject({ itemId: itemId.describe('The catalog item id.') }),
  permissions: ['catalog.write'],
  category: 'WRITE',
  graphqlMutations: ['deactivateCatalogItem'],
  async handler(ctx, params) {
    return summary(await new CatalogService(ctx).setItemActive(params.itemId, false));
  },
});

const reactivateItem = defineTool({
  name: 'reactivate_item',
  description: 'Reactivate an inactive treatment item of the current clinic so it appears in the catalog again.',
  parameters: z.strictObject({ itemId: itemId.describe('The catalog item id.') }),
  permissions: ['catalog.write'],
  category: 'WRITE',
  graphqlMutations: ['reactivateCatalogItem'],
  async handler(ctx, params) {
    return summary(await new CatalogService(ctx).setItemActive(params.itemId, true));
  },
});

export const tools: Tool[] = [
  searchItems,
  getItem,
  quoteTreatment,
  listCategories,
  createItem,
  updateItem,
  deactivateItem,
  reactivateItem,
] as Tool[];

const ADMIN_ONLY =
  'Clinic configuration under catalog.admin (tax rates and the catalog structure) stays a human decision of the ' +
  'clinic admin in settings; agents price and edit items, not the clinic tax setup.';
export const toolExemptions = {
  createCatalogVatType: ADMIN_ONLY,
  updateCatalogVatType: ADMIN_ONLY,
  createCatalogCategory: ADMIN_ONLY,
  updateCatalogCategory: ADMIN_ONLY,
  restoreCatalogDefaults: ADMIN_ONLY,
};
