import { defineEntity, type InferEntity, uuidPrimaryKey } from '@dentalpin/core';
import { movementReason } from './status.ts';

/** Shared categories, seeded from data/categories.yaml. */
export const InventoryCategory = defineEntity({
  name: 'InventoryCategory',
  tableName: 'inventory_categories',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    code: p.string().length(50).unique(),
    name: p.string().length(100),
  }),
});
export type InventoryCategory = InferEntity<typeof InventoryCategory>;

export const InventoryItem = defineEntity({
  name: 'InventoryItem',
  tableName: 'inventory_items',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    clinicId: p.uuid(),
    categoryId: p.uuid(),
    name: p.string().length(200),
    sku: p.string().length(64).nullable(),
    unit: p.string().length(20),
    stockQuantity: p.decimal('string').precision(12).scale(3),
    minimumStock: p.decimal('string').precision(12).scale(3),
    createdAt: p
      .datetime()
      .columnType('timestamptz')
      .onCreate(() => new Date()),
  }),
});
export type InventoryItem = InferEntity<typeof InventoryItem>;

export const StockMovement = defineEntity({
  name: 'StockMovement',
  tableName: 'inventory_stock_movements',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    clinicId: p.uuid(),
    itemId: p.uuid(),
    quantity: p.decimal('string').precision(12).scale(3),
    reason: p.enum([...movementReason.values]),
    note: p.text().nullable(),
    appointmentId: p.uuid().nullable(),
    createdBy: p.uuid().nullable(),
    createdAt: p
      .datetime()
      .columnType('timestamptz')
      .onCreate(() => new Date()),
  }),
});
export type StockMovement = InferEntity<typeof StockMovement>;
