import { z } from 'zod';
import { defineTool, enumNames, type Tool } from '@dentalpin/core';
import type { InventoryItem } from './entities.ts';
import { enumResolvers } from './generated/graphql.ts';
import { createItemInput, movementInput } from './inputs.ts';
import { InventoryService, isLowStock } from './service.ts';

/** Agents name reasons as the API does (PURCHASE); the service takes the stored value (purchase). */
const reasons = enumNames(enumResolvers.StockMovementReason);

/** How an item looks to an agent: quantities as exact decimal strings. */
const view = (item: InventoryItem) => ({
  id: item.id,
  name: item.name,
  unit: item.unit,
  stockQuantity: item.stockQuantity,
  minimumStock: item.minimumStock,
  lowStock: isLowStock(item),
});

const listItems = defineTool({
  name: 'list_items',
  description:
    'List the stock items (consumables, instruments, implants, medication) of the current clinic, alphabetically. ' +
    'Returns [{ id, name, unit, stockQuantity, minimumStock, lowStock }]; quantities are decimal strings such as "4.500". ' +
    'Set lowStockOnly to get only items at or below their minimum stock (what needs reordering).',
  parameters: z.strictObject({
    search: z.string().max(200).optional().describe('Part of the item name to look for.'),
    lowStockOnly: z.boolean().default(false).describe('Only items at or below their minimum stock.'),
  }),
  permissions: ['inventory.items.read'],
  category: 'READ',
  async handler(ctx, params) {
    return (await new InventoryService(ctx).items(params.search, params.lowStockOnly)).map(view);
  },
});

const createItem = defineTool({
  name: 'create_item',
  description:
    'Create a stock item in the current clinic. categoryCode is one of consumables, instruments, implants, medication. ' +
    'Quantities are decimal strings ("12.5"); initialStock is recorded as a purchase. Names are unique per clinic.',
  parameters: z.strictObject({
    name: createItemInput.shape.name.describe('Item name, e.g. "Nitrile gloves (M)".'),
    categoryCode: createItemInput.shape.categoryCode.describe('consumables | instruments | implants | medication'),
    unit: createItemInput.shape.unit.describe('Counting unit, e.g. "box", "syringe", "unit".'),
    sku: createItemInput.shape.sku.describe('Supplier reference, optional.'),
    minimumStock: createItemInput.shape.minimumStock.describe('Reorder threshold as a decimal string.'),
    initialStock: createItemInput.shape.initialStock.describe('Stock on hand now, as a decimal string.'),
  }),
  permissions: ['inventory.items.write'],
  category: 'WRITE',
  graphqlMutations: ['createInventoryItem'],
  async handler(ctx, params) {
    return view(await new InventoryService(ctx).createItem(params));
  },
});

const recordStockMovement = defineTool({
  name: 'record_stock_movement',
  description:
    'Record a stock movement for an item of the current clinic: a positive quantity adds stock (PURCHASE, ADJUSTMENT), ' +
    'a negative one takes it out (CONSUMPTION, WASTE, ADJUSTMENT). Refused when it would leave the stock below zero. ' +
    'Returns the item with its new stockQuantity.',
  parameters: z.strictObject({
    itemId: movementInput.shape.itemId.describe('The item id (from list_items).'),
    quantity: movementInput.shape.quantity.describe('Signed decimal string, e.g. "-2" or "10.5".'),
    reason: z.enum(reasons.names).transform(reasons.stored).describe('PURCHASE | CONSUMPTION | ADJUSTMENT | WASTE'),
    note: movementInput.shape.note.describe('Why, in a few words (optional).'),
  }),
  permissions: ['inventory.stock.write'],
  category: 'WRITE',
  graphqlMutations: ['recordStockMovement'],
  async handler(ctx, params) {
    return view(await new InventoryService(ctx).recordMovement(params));
  },
});

export const tools: Tool[] = [listItems, createItem, recordStockMovement] as Tool[];
