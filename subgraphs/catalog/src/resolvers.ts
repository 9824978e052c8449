import type { ModuleResolvers, RequestContext } from '@dentalpin/core';
import type { Category, Item, VatType } from './entities.ts';
import { CatalogService, type ItemPricing } from './service.ts';
import { ensureClinicDefaults } from './defaults.ts';

type Permission = 'catalog.read' | 'catalog.write' | 'catalog.admin';
const service = (ctx: RequestContext, permission: Permission) =>
  new CatalogService(ctx.em, ctx.auth.require(permission).clinicId);

/** One query per request for any number of items' tiers, role prices and sessions. */
const pricing = (item: Item, ctx: RequestContext) =>
  ctx
    .loader<string, ItemPricing>('catalog.pricing', (ids) => service(ctx, 'catalog.read').pricingOf(ids))
    .load(item.id);

export const resolvers: ModuleResolvers = {
  Query: {
    catalogVatTypes: (_: unknown, args: { includeInactive: boolean }, ctx: RequestContext) =>
      service(ctx, 'catalog.read').vatTypes(args.includeInactive),
    catalogCategories: (_: unknown, args: { includeInactive: boolean }, ctx: RequestContext) =>
      service(ctx, 'catalog.read').categories(args.includeInactive),
    catalogItems: (_: unknown, args: Record<string, unknown>, ctx: RequestContext) =>
      service(ctx, 'catalog.read').items(args),
    catalogItem: (_: unknown, args: { id: string }, ctx: RequestContext) => service(ctx, 'catalog.read').item(args.id),
    quoteTreatment: (_: unknown, args: { input: unknown }, ctx: RequestContext) =>
      service(ctx, 'catalog.read').quote(args.input),
  },
  Mutation: {
    createCatalogVatType: (_: unknown, args: { input: unknown }, ctx: RequestContext) =>
      service(ctx, 'catalog.admin').createVatType(args.input),
    updateCatalogVatType: (_: unknown, args: { id: string; input: unknown }, ctx: RequestContext) =>
      service(ctx, 'catalog.admin').updateVatType(args.id, args.input),
    createCatalogCategory: (_: unknown, args: { input: unknown }, ctx: RequestContext) =>
      service(ctx, 'catalog.admin').createCategory(args.input),
    updateCatalogCategory: (_: unknown, args: { id: string; input: unknown }, ctx: RequestContext) =>
      service(ctx, 'catalog.admin').updateCategory(args.id, args.input),
    createCatalogItem: (_: unknown, args: { input: unknown }, ctx: RequestContext) =>
      service(ctx, 'catalog.write').createItem(args.input),
    updateCatalogItem: (_: unknown, args: { id: string; input: unknown }, ctx: RequestContext) =>
      service(ctx, 'catalog.write').updateItem(args.id, args.input),
    deactivateCatalogItem: (_: unknown, args: { id: string }, ctx: RequestContext) =>
      service(ctx, 'catalog.write').setItemActive(args.id, false),
    reactivateCatalogItem: (_: unknown, args: { id: string }, ctx: RequestContext) =>
      service(ctx, 'catalog.write').setItemActive(args.id, true),
    restoreCatalogDefaults: (_: unknown, __: unknown, ctx: RequestContext) =>
      ensureClinicDefaults(ctx.em, ctx.auth.require('catalog.admin').clinicId),
  },
  CatalogItem: {
    pricingStrategy: (item: Item) => item.pricingStrategy.toUpperCase(),
    category: (item: Item, _: unknown, ctx: RequestContext) =>
      ctx
        .loader<string, Category | null>('catalog.categories', (ids) =>
          service(ctx, 'catalog.read').categoriesByIds(ids),
        )
        .load(item.categoryId),
    vatType: (item: Item, _: unknown, ctx: RequestContext) =>
      ctx
        .loader<string, VatType | null>('catalog.vatTypes', (ids) => service(ctx, 'catalog.read').vatTypesByIds(ids))
        .load(item.vatTypeId),
    surfacePrices: async (item: Item, _: unknown, ctx: RequestContext) => (await pricing(item, ctx)).surfacePrices,
    rolePrices: async (item: Item, _: unknown, ctx: RequestContext) => (await pricing(item, ctx)).rolePrices,
    sessions: async (item: Item, _: unknown, ctx: RequestContext) => (await pricing(item, ctx)).sessions,
    __resolveReference: (ref: { id: string }, ctx: RequestContext) =>
      ctx
        .loader<string, Item | null>('catalog.items', (ids) => service(ctx, 'catalog.read').itemsByIds(ids))
        .load(ref.id),
  },
  CatalogCategory: {
    __resolveReference: (ref: { id: string }, ctx: RequestContext) =>
      ctx
        .loader<string, Category | null>('catalog.categories', (ids) =>
          service(ctx, 'catalog.read').categoriesByIds(ids),
        )
        .load(ref.id),
  },
  CatalogVatType: {
    __resolveReference: (ref: { id: string }, ctx: RequestContext) =>
      ctx
        .loader<string, VatType | null>('catalog.vatTypes', (ids) => service(ctx, 'catalog.read').vatTypesByIds(ids))
        .load(ref.id),
  },
  TreatmentQuote: {
    strategy: (q: { strategy: string }) => q.strategy.toUpperCase(),
  },
};
