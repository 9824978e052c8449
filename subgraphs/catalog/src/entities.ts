import { defineEntity, type InferEntity, timestamps, uuidPrimaryKey } from '@dentalpin/core';

/** Money columns are numeric(10,2) read as strings: exact, never floats. */

export const VatType = defineEntity({
  name: 'CatalogVatType',
  tableName: 'catalog_vat_types',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    clinicId: p.uuid(),
    code: p.string().length(30),
    name: p.string().length(100),
    /** A percentage with two decimals: "21.00". */
    rate: p.decimal('string').precision(5).scale(2),
    isDefault: p.boolean(),
    isActive: p.boolean(),
    ...timestamps(p),
  }),
});
export type VatType = InferEntity<typeof VatType>;

export const Category = defineEntity({
  name: 'CatalogCategory',
  tableName: 'catalog_categories',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    clinicId: p.uuid(),
    code: p.string().length(50),
    name: p.string().length(100),
    description: p.text().nullable(),
    displayOrder: p.integer(),
    isActive: p.boolean(),
    ...timestamps(p),
  }),
});
export type Category = InferEntity<typeof Category>;

export const PRICING_STRATEGIES = ['flat', 'per_tooth', 'per_surface', 'per_role'] as const;
export type PricingStrategy = (typeof PRICING_STRATEGIES)[number];

export const Item = defineEntity({
  name: 'CatalogItem',
  tableName: 'catalog_items',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    clinicId: p.uuid(),
    code: p.string().length(50),
    name: p.string().length(200),
    description: p.text().nullable(),
    categoryId: p.uuid(),
    vatTypeId: p.uuid(),
    pricingStrategy: p.enum([...PRICING_STRATEGIES]),
    /** FLAT/PER_TOOTH: the price; PER_ROLE: the price for roles without their own; PER_SURFACE: the 1-surface price. */
    price: p.decimal('string').precision(10).scale(2),
    durationMinutes: p.integer().nullable(),
    isActive: p.boolean(),
    ...timestamps(p),
  }),
});
export type Item = InferEntity<typeof Item>;

export const SurfacePrice = defineEntity({
  name: 'CatalogItemSurfacePrice',
  tableName: 'catalog_item_surface_prices',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    itemId: p.uuid(),
    surfaces: p.smallint(),
    price: p.decimal('string').precision(10).scale(2),
  }),
});
export type SurfacePrice = InferEntity<typeof SurfacePrice>;

export const RolePrice = defineEntity({
  name: 'CatalogItemRolePrice',
  tableName: 'catalog_item_role_prices',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    itemId: p.uuid(),
    role: p.string().length(20),
    price: p.decimal('string').precision(10).scale(2),
  }),
});
export type RolePrice = InferEntity<typeof RolePrice>;

export const Session = defineEntity({
  name: 'CatalogItemSession',
  tableName: 'catalog_item_sessions',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    itemId: p.uuid(),
    sequence: p.smallint(),
    label: p.string().length(200),
    amount: p.decimal('string').precision(10).scale(2),
  }),
});
export type Session = InferEntity<typeof Session>;

export const entities = [VatType, Category, Item, SurfacePrice, RolePrice, Session];
