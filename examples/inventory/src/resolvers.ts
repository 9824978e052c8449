import { authorize, pageSizeArgument, type RequestContext } from '@dentalpin/core';
import type { InventoryCategory, InventoryItem, StockMovement } from './entities.ts';
import { enumResolvers, type Resolvers } from './generated/graphql.ts';
import { InventoryService, isLowStock } from './service.ts';

/** An item's category always exists (categories are seeded and never deleted while items use them). */
async function categoryOf(item: InventoryItem, ctx: RequestContext): Promise<InventoryCategory> {
  const category = await ctx
    .loader<string, InventoryCategory | null>('inventory.categories', (ids) =>
      new InventoryService(authorize(ctx, 'inventory.items.read')).categoriesByIds(ids),
    )
    .load(item.categoryId);
  if (!category) throw new Error(`The category of inventory item ${item.id} is missing.`);
  return category;
}

export const resolvers: Resolvers = {
  // GraphQL's PURCHASE… are the stored purchase…: resolvers never convert case.
  ...enumResolvers,
  Query: {
    inventoryCategories: (_, __, ctx) => new InventoryService(authorize(ctx, 'inventory.items.read')).categories(),
    inventoryItems: (_, args, ctx) =>
      new InventoryService(authorize(ctx, 'inventory.items.read')).items(args.search, args.lowStockOnly ?? false),
  },
  Mutation: {
    createInventoryItem: (_, args, ctx) =>
      new InventoryService(authorize(ctx, 'inventory.items.write')).createItem(args.input),
    recordStockMovement: (_, args, ctx) =>
      new InventoryService(authorize(ctx, 'inventory.stock.write')).recordMovement(args.input),
  },
  InventoryItem: {
    lowStock: (item) => isLowStock(item),
    category: (item, _, ctx) => categoryOf(item, ctx),
    consumption: (item, _, ctx) =>
      ctx
        .loader<string, { treatmentType: string; quantity: string }[]>('inventory.consumption', (ids) =>
          new InventoryService(authorize(ctx, 'inventory.items.read')).rulesFor(ids),
        )
        .load(item.id),
    movements: (item, args, ctx) => {
      const first = pageSizeArgument('first', args.first, 20, 200);
      return ctx
        .loader<string, StockMovement[]>(`inventory.movements.${first}`, (ids) =>
          new InventoryService(authorize(ctx, 'inventory.items.read')).movements(ids, first),
        )
        .load(item.id);
    },
  },
};
