import { randomUUID } from 'node:crypto';
import { LockMode, notFound, uuidArg, type EntityManager } from '@dentalpin/core';
import { Budget, BudgetHistory, BudgetItem, type HistoryAction } from '../entities.ts';
import type { BudgetStatus } from '../status.ts';
import type { PricedLine } from './pricing.ts';

/**
 * A budget's rows inside a write's transaction, shared by every concern of the service: the locked
 * budget, its lines, new lines and the append-only history. Every row is scoped to `clinicId`.
 */

/** Locks the budget row: concurrent changes of one budget apply one after the other. */
export async function lockBudget(em: EntityManager, clinicId: string, budgetId: string): Promise<Budget> {
  uuidArg('id', budgetId, 'budget id');
  const budget = await em.findOne(
    Budget,
    { id: budgetId, clinicId, deletedAt: null },
    { lockMode: LockMode.PESSIMISTIC_WRITE },
  );
  if (!budget) throw notFound('Budget', budgetId);
  return budget;
}

export function budgetLines(em: EntityManager, budget: Budget): Promise<BudgetItem[]> {
  return em.find(BudgetItem, { budgetId: budget.id, clinicId: budget.clinicId }, { orderBy: { displayOrder: 'asc' } });
}

/** New lines of `budget`, numbered from `firstOrder`; their amounts are set by `reprice`. */
export function createItems(em: EntityManager, budget: Budget, lines: PricedLine[], firstOrder: number): BudgetItem[] {
  return lines.map((line, i) =>
    em.create(BudgetItem, {
      // Set now, not at flush: history details name the new line before it is written.
      id: randomUUID(),
      clinicId: budget.clinicId,
      budgetId: budget.id,
      ...line,
      lineSubtotal: '0.00',
      lineDiscount: '0.00',
      netAmount: '0.00',
      taxAmount: '0.00',
      total: '0.00',
      displayOrder: firstOrder + i,
    }),
  );
}

/** The lines of `budget` as priced, to copy into a new version with the same prices. */
export const pricedLinesOf = (items: BudgetItem[]): PricedLine[] =>
  items.map((i) => ({
    catalogItemId: i.catalogItemId,
    description: i.description,
    quantity: i.quantity,
    unitPrice: i.unitPrice,
    discountType: (i.discountType ?? null) as PricedLine['discountType'],
    discountValue: i.discountValue ?? null,
    vatRate: i.vatRate,
    teeth: i.teeth,
    surfaces: i.surfaces ?? null,
  }));

export interface HistoryEntry {
  /** Who changed it; null for the expiry job. */
  changedBy: string | null;
  from?: BudgetStatus;
  to?: BudgetStatus;
  note?: string | null;
  details?: Record<string, unknown>;
  at?: Date;
}

export function recordHistory(em: EntityManager, budget: Budget, action: HistoryAction, entry: HistoryEntry): void {
  em.create(BudgetHistory, {
    clinicId: budget.clinicId,
    budgetId: budget.id,
    action,
    fromStatus: entry.from ?? null,
    toStatus: entry.to ?? null,
    changedBy: entry.changedBy,
    changedAt: entry.at ?? new Date(),
    note: entry.note ?? null,
    details: entry.details ?? {},
  });
}

/** What every budget event's payload starts with. */
export const eventBase = (b: Budget) => ({
  clinic_id: b.clinicId,
  budget_id: b.id,
  patient_id: b.patientId,
  budget_number: b.number,
  budget_version: b.version,
});
