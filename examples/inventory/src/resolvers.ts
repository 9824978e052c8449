import type { ModuleResolvers, RequestContext } from '@dentalpin/core';
import { InventoryService, type ItemRow, type MovementRow } from './service.ts';

const service = (ctx: RequestContext, permission: 'inventory.items.read' | 'inventory.items.write') =>
  new InventoryService(ctx.em, ctx.auth.require(permission));

export const resolvers: ModuleResolvers = {
  Query: {
    inventoryItems: (_: unknown, args: { lowStockOnly: boolean }, ctx: RequestContext) =>
      service(ctx, 'inventory.items.read').items(!!args.lowStockOnly),
  },
  Mutation: {
    createInventoryItem: (_: unknown, args: { input: unknown }, ctx: RequestContext) =>
      service(ctx, 'inventory.items.write').createItem(args.input),
    recordStockMovement: (_: unknown, args: { input: unknown }, ctx: RequestContext) =>
      service(ctx, 'inventory.items.write').recordMovement(args.input),
  },
  InventoryItem: {
    __resolveReference: async (ref: { id: string }, ctx: RequestContext) =>
      (await service(ctx, 'inventory.items.read').items(false)).find((i) => i.id === ref.id) ?? null,
    minQuantity: (i: ItemRow) => i.min_quantity,
    lowStock: (i: ItemRow) => Number(i.quantity) <= Number(i.min_quantity),
    consumption: async (i: ItemRow, _: unknown, ctx: RequestContext) =>
      (
        await ctx
          .loader<string, { treatment_type: string; quantity: string }[]>('inventory.rules', (ids) =>
            service(ctx, 'inventory.items.read').rulesFor(ids),
          )
          .load(i.id)
      ).map((r) => ({ treatmentType: r.treatment_type, quantity: r.quantity })),
    movements: (i: ItemRow, args: { first: number }, ctx: RequestContext) =>
      ctx
        .loader<string, MovementRow[]>(`inventory.movements:${args.first}`, (ids) =>
          service(ctx, 'inventory.items.read').movementsFor(ids, args.first),
        )
        .load(i.id),
  },
  StockMovement: {
    itemId: (m: MovementRow) => m.item_id,
    reason: (m: MovementRow) => m.reason.toUpperCase(),
    appointmentId: (m: MovementRow) => m.appointment_id,
    createdAt: (m: MovementRow) => m.created_at,
  },
};
