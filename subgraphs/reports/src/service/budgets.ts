import { groupedBy } from '@dentalpin/core';
import type { BudgetStatus, ReportsBudgetTotalsQuery } from '../generated/operations.ts';
import { countOf, keysOf, ranked, rate, sumOf } from './stats.ts';
import type { ReportRange } from './range.ts';

export const BUDGET_STATUSES: readonly BudgetStatus[] = [
  'DRAFT',
  'SENT',
  'ACCEPTED',
  'REJECTED',
  'EXPIRED',
  'CANCELLED',
];
/** Statuses a budget only reaches after being sent to the patient. */
const SENT_OR_BEYOND = new Set<BudgetStatus>(['SENT', 'ACCEPTED', 'REJECTED', 'EXPIRED']);

/**
 * Budget's sums of the budgets created in the range (one row per status and professional); the budget
 * module adds up in the database, the report composes the sums.
 */
export type BudgetTotals = ReportsBudgetTotalsQuery['budgetTotals'][number];

interface Conversion {
  count: number;
  amount: string;
  sentCount: number;
  acceptedCount: number;
  acceptedAmount: string;
  acceptanceRate: number | null;
  averageDaysToAcceptance: number | null;
}

/** Budgets that reached the patient: sent or beyond, or cancelled (or still draft) with a sentAt. */
const sentOf = (rows: readonly BudgetTotals[]) =>
  rows.reduce((n, r) => n + (SENT_OR_BEYOND.has(r.status) ? r.count : r.sentCount), 0);

function conversion(rows: readonly BudgetTotals[]): Conversion {
  const accepted = rows.filter((r) => r.status === 'ACCEPTED');
  const sent = sentOf(rows);
  const acceptedCount = countOf(accepted);
  // The groups' averages, weighted by how many budgets each has with an acceptance date.
  const dated = accepted.filter((r) => r.acceptedAtCount && r.averageDaysToAcceptance !== null);
  const datedCount = dated.reduce((n, r) => n + r.acceptedAtCount, 0);
  const days = dated.reduce((sum, r) => sum + r.averageDaysToAcceptance! * r.acceptedAtCount, 0);
  return {
    count: countOf(rows),
    amount: sumOf(rows, (r) => r.total),
    sentCount: sent,
    acceptedCount,
    acceptedAmount: sumOf(accepted, (r) => r.total),
    acceptanceRate: rate(acceptedCount, sent),
    averageDaysToAcceptance: datedCount ? Math.round((days / datedCount) * 100) / 100 : null,
  };
}

/** A row of the breakdown by professional (the resolver turns the id into a User reference). */
export interface BudgetProfessionalRow extends Conversion {
  professionalId: string | null;
}

export interface BudgetConversionReport extends Conversion {
  from: string;
  to: string;
  timezone: string;
  byStatus: { status: string; count: number; amount: string }[];
  byProfessional: BudgetProfessionalRow[];
}

/**
 * Budgets created in the range: counts and totals by status, acceptance rate (accepted / sent or
 * beyond) and the average days from sending (or creation, if never sent) to acceptance.
 */
export function budgetConversionReport(range: ReportRange, budgets: readonly BudgetTotals[]): BudgetConversionReport {
  const byStatus = groupedBy(BUDGET_STATUSES, budgets, (b) => b.status);
  const professionalOf = (b: BudgetTotals) => b.professional?.id ?? null;
  const professionals = keysOf(budgets, professionalOf);
  const byProfessional = groupedBy(professionals, budgets, professionalOf);
  return {
    from: range.from,
    to: range.to,
    timezone: range.timezone,
    ...conversion(budgets),
    byStatus: BUDGET_STATUSES.map((status, i) => ({
      status,
      count: countOf(byStatus[i]),
      amount: sumOf(byStatus[i], (r) => r.total),
    })),
    byProfessional: ranked(
      professionals.map((professionalId, i) => ({ professionalId, ...conversion(byProfessional[i]) })),
      [(r) => r.count],
      (r) => r.professionalId,
    ),
  };
}
