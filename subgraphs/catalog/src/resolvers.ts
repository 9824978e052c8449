import { authorize, type RequestContext } from '@dentalpin/core';
import type { Category, Item, VatType } from './entities.ts';
import { enumResolvers, type Resolvers } from './generated/graphql.ts';
import { CatalogService, type ItemPricing } from './service/index.ts';

/** One query per request for any number of items' tiers, role prices and sessions. */
const pricing = (item: Item, ctx: RequestContext) =>
  ctx
    .loader<string, ItemPricing>('catalog.pricing', (ids) =>
      new CatalogService(authorize(ctx, 'catalog.read')).pricingOf(ids),
    )
    .load(item.id);

const itemById = (id: string, ctx: RequestContext) =>
  ctx
    .loader<string, Item | null>('catalog.items', (ids) =>
      new CatalogService(authorize(ctx, 'catalog.read')).itemsByIds(ids),
    )
    .load(id);
const categoryById = (id: string, ctx: RequestContext) =>
  ctx
    .loader<string, Category | null>('catalog.categories', (ids) =>
      new CatalogService(authorize(ctx, 'catalog.read')).categoriesByIds(ids),
    )
    .load(id);
const vatTypeById = (id: string, ctx: RequestContext) =>
  ctx
    .loader<string, VatType | null>('catalog.vatTypes', (ids) =>
      new CatalogService(authorize(ctx, 'catalog.read')).vatTypesByIds(ids),
    )
    .load(id);

/** An item's category and VAT type always exist in its clinic (the service checks both on every write). */
const present = async <T>(row: Promise<T | null>, what: string): Promise<T> => {
  const found = await row;
  if (!found) throw new Error(`The item's ${what} is missing.`);
  return found;
};

export const resolvers: Resolvers = {
  ...enumResolvers,
  Query: {
    catalogVatTypes: (_, args, ctx) =>
      new CatalogService(authorize(ctx, 'catalog.read')).vatTypes(args.includeInactive),
    catalogCategories: (_, args, ctx) =>
      new CatalogService(authorize(ctx, 'catalog.read')).categories(args.includeInactive),
    catalogItems: (_, args, ctx) => new CatalogService(authorize(ctx, 'catalog.read')).items(args),
    catalogItem: (_, args, ctx) => new CatalogService(authorize(ctx, 'catalog.read')).item(args.id),
    quoteTreatment: (_, args, ctx) => new CatalogService(authorize(ctx, 'catalog.read')).quote(args.input),
  },
  Mutation: {
    createCatalogVatType: (_, args, ctx) =>
      new CatalogService(authorize(ctx, 'catalog.admin')).createVatType(args.input),
    updateCatalogVatType: (_, args, ctx) =>
      new CatalogService(authorize(ctx, 'catalog.admin')).updateVatType(args.id, args.input),
    createCatalogCategory: (_, args, ctx) =>
      new CatalogService(authorize(ctx, 'catalog.admin')).createCategory(args.input),
    updateCatalogCategory: (_, args, ctx) =>
      new CatalogService(authorize(ctx, 'catalog.admin')).updateCategory(args.id, args.input),
    createCatalogItem: (_, args, ctx) => new CatalogService(authorize(ctx, 'catalog.write')).createItem(args.input),
    updateCatalogItem: (_, args, ctx) =>
      new CatalogService(authorize(ctx, 'catalog.write')).updateItem(args.id, args.input),
    deactivateCatalogItem: (_, args, ctx) =>
      new CatalogService(authorize(ctx, 'catalog.write')).setItemActive(args.id, false),
    reactivateCatalogItem: (_, args, ctx) =>
      new CatalogService(authorize(ctx, 'catalog.write')).setItemActive(args.id, true),
    restoreCatalogDefaults: (_, __, ctx) => new CatalogService(authorize(ctx, 'catalog.admin')).restoreDefaults(),
  },
  CatalogItem: {
    category: (item, _, ctx) => present(categoryById(item.categoryId, ctx), 'category'),
    vatType: (item, _, ctx) => present(vatTypeById(item.vatTypeId, ctx), 'VAT type'),
    surfacePrices: async (item, _, ctx) => (await pricing(item, ctx)).surfacePrices,
    rolePrices: async (item, _, ctx) => (await pricing(item, ctx)).rolePrices,
    sessions: async (item, _, ctx) => (await pricing(item, ctx)).sessions,
    __resolveReference: (ref, ctx) => itemById(ref.id, ctx),
  },
  CatalogCategory: {
    __resolveReference: (ref, ctx) => categoryById(ref.id, ctx),
  },
  CatalogVatType: {
    __resolveReference: (ref, ctx) => vatTypeById(ref.id, ctx),
  },
};
