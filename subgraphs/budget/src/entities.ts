import { defineEntity, type InferEntity, timestamps, uuidPrimaryKey } from '@dentalpin/core';
import { budgetStatus } from './status.ts';

/** Money columns are numeric(12,2) read as strings: exact, never floats. Dates are YYYY-MM-DD strings. */

const money = (p: typeof defineEntity.properties) => p.decimal('string').precision(12).scale(2);

export const Budget = defineEntity({
  name: 'Budget',
  tableName: 'budgets',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    clinicId: p.uuid(),
    /** PRES-YYYY-NNNN, per clinic and year; versions of one budget share it. */
    number: p.string().length(20),
    version: p.integer(),
    parentBudgetId: p.uuid().nullable(),
    status: p.enum([...budgetStatus.values]),
    patientId: p.uuid(),
    professionalId: p.uuid().nullable(),
    createdBy: p.uuid().nullable(),
    validFrom: p.date(),
    validUntil: p.date(),
    globalDiscountType: p.string().length(20).nullable(),
    globalDiscountValue: money(p).nullable(),
    subtotal: money(p),
    totalDiscount: money(p),
    totalTax: money(p),
    total: money(p),
    notes: p.text().nullable(),
    sentAt: p.datetime().columnType('timestamptz').nullable(),
    sentBy: p.uuid().nullable(),
    acceptedAt: p.datetime().columnType('timestamptz').nullable(),
    acceptedBy: p.uuid().nullable(),
    acceptedVia: p.string().length(20).nullable(),
    rejectedAt: p.datetime().columnType('timestamptz').nullable(),
    rejectedBy: p.uuid().nullable(),
    rejectionReason: p.text().nullable(),
    rejectionNote: p.text().nullable(),
    expiredAt: p.datetime().columnType('timestamptz').nullable(),
    cancelledAt: p.datetime().columnType('timestamptz').nullable(),
    cancelledBy: p.uuid().nullable(),
    cancellationReason: p.text().nullable(),
    /** Never set by the API: budgets are cancelled, not deleted (kept for a future archive). */
    deletedAt: p.datetime().columnType('timestamptz').nullable(),
    ...timestamps(p),
  }),
});
export type Budget = InferEntity<typeof Budget>;

export const BudgetItem = defineEntity({
  name: 'BudgetItem',
  tableName: 'budget_items',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    clinicId: p.uuid(),
    budgetId: p.uuid(),
    catalogItemId: p.uuid(),
    description: p.string().length(500),
    quantity: p.integer(),
    unitPrice: money(p),
    discountType: p.string().length(20).nullable(),
    discountValue: money(p).nullable(),
    vatRate: p.decimal('string').precision(5).scale(2),
    teeth: p.json<number[]>(),
    surfaces: p.smallint().nullable(),
    lineSubtotal: money(p),
    lineDiscount: money(p),
    netAmount: money(p),
    taxAmount: money(p),
    total: money(p),
    displayOrder: p.integer(),
    ...timestamps(p),
  }),
});
export type BudgetItem = InferEntity<typeof BudgetItem>;

export const HISTORY_ACTIONS = [
  'created',
  'updated',
  'item_added',
  'item_updated',
  'item_removed',
  'status_changed',
  'duplicated',
] as const;
export type HistoryAction = (typeof HISTORY_ACTIONS)[number];

/** Append-only (the database refuses updates and deletes): every change of a budget. */
export const BudgetHistory = defineEntity({
  name: 'BudgetHistory',
  tableName: 'budget_history',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    clinicId: p.uuid(),
    budgetId: p.uuid(),
    action: p.enum([...HISTORY_ACTIONS]),
    fromStatus: p.string().length(20).nullable(),
    toStatus: p.string().length(20).nullable(),
    changedBy: p.uuid().nullable(),
    changedAt: p.datetime().columnType('timestamptz'),
    note: p.text().nullable(),
    details: p.json<Record<string, unknown>>(),
  }),
});
export type BudgetHistory = InferEntity<typeof BudgetHistory>;

export const entities = [Budget, BudgetItem, BudgetHistory];
