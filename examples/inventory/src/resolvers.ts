import { pageSizeArgument, type ModuleResolvers, type RequestContext } from '@dentalpin/core';
import type { InventoryCategory, InventoryItem, StockMovement } from './entities.ts';
import { InventoryService, isLowStock } from './service.ts';

const service = (ctx: RequestContext, permission: string) => new InventoryService(ctx.em, ctx.auth.require(permission));

export const resolvers: ModuleResolvers = {
  Query: {
    inventoryCategories: (_: unknown, __: unknown, ctx: RequestContext) =>
      service(ctx, 'inventory.items.read').categories(),
    inventoryItems: (_: unknown, args: { search?: string; lowStockOnly: boolean }, ctx: RequestContext) =>
      service(ctx, 'inventory.items.read').items(args.search, args.lowStockOnly),
  },
  Mutation: {
    createInventoryItem: (_: unknown, args: { input: unknown }, ctx: RequestContext) =>
      service(ctx, 'inventory.items.write').createItem(args.input),
    recordStockMovement: (_: unknown, args: { input: unknown }, ctx: RequestContext) =>
      service(ctx, 'inventory.stock.write').recordMovement(args.input),
  },
  InventoryItem: {
    lowStock: (item: InventoryItem) => isLowStock(item),
    category: (item: InventoryItem, _: unknown, ctx: RequestContext) =>
      ctx
        .loader<string, InventoryCategory | undefined>('inventory.categories', async (ids) => {
          const rows = await service(ctx, 'inventory.items.read').categoriesByIds(ids);
          return ids.map((id) => rows.find((r) => r.id === id));
        })
        .load(item.categoryId),
    consumption: (item: InventoryItem, _: unknown, ctx: RequestContext) =>
      ctx
        .loader<string, { treatmentType: string; quantity: string }[]>('inventory.consumption', (ids) =>
          service(ctx, 'inventory.items.read').rulesFor(ids),
        )
        .load(item.id),
    movements: (item: InventoryItem, args: { first: number }, ctx: RequestContext) => {
      const first = pageSizeArgument('first', args.first, 20, 200);
      return ctx
        .loader<string, StockMovement[]>(`inventory.movements.${first}`, (ids) =>
          service(ctx, 'inventory.items.read').movements(ids, first),
        )
        .load(item.id);
    },
  },
  StockMovement: {
    reason: (m: StockMovement) => m.reason.toUpperCase(),
  },
};
