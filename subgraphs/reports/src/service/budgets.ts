import { countOf, groupBy, ranked, rate, sumOf } from './stats.ts';
import type { ReportRange } from './range.ts';

export const BUDGET_STATUSES = ['DRAFT', 'SENT', 'ACCEPTED', 'REJECTED', 'EXPIRED', 'CANCELLED'] as const;
/** Statuses a budget only reaches after being sent to the patient. */
const SENT_OR_BEYOND = new Set(['SENT', 'ACCEPTED', 'REJECTED', 'EXPIRED']);

/** Budget's sums of the budgets created in the range (one row per status and professional). */
export interface BudgetTotals {
  status: string;
  professional: { id: string } | null;
  count: number;
  total: string;
  sentCount: number;
  acceptedAtCount: number;
  averageDaysToAcceptance: number | null;
}

/** The budget module adds up in the database; the report composes the sums. */
export const BUDGET_TOTALS_QUERY = `query ReportsBudgetTotals($from: DateTime!, $to: DateTime!, $professionalId: ID) {
  budgetTotals(createdFrom: $from, createdTo: $to, professionalId: $professionalId) {
    status professional { id } count total sentCount acceptedAtCount averageDaysToAcceptance
  }
}`;

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

export interface BudgetConversionReport extends Conversion {
  from: string;
  to: string;
  timezone: string;
  byStatus: { status: string; count: number; amount: string }[];
  byProfessional: ({ professionalId: string | null } & Conversion)[];
}

/**
 * Budgets created in the range: counts and totals by status, acceptance rate (accepted / sent or
 * beyond) and the average days from sending (or creation, if never sent) to acceptance.
 */
export function budgetConversionReport(range: ReportRange, budgets: readonly BudgetTotals[]): BudgetConversionReport {
  const byStatus = groupBy(budgets, (b) => b.status);
  return {
    from: range.from,
    to: range.to,
    timezone: range.timezone,
    ...conversion(budgets),
    byStatus: BUDGET_STATUSES.map((status) => {
      const rows = byStatus.get(status) ?? [];
      return { status, count: countOf(rows), amount: sumOf(rows, (r) => r.total) };
    }),
    byProfessional: ranked(
      [...groupBy(budgets, (b) => b.professional?.id ?? null)].map(([professionalId, list]) => ({
        professionalId,
        ...conversion(list),
      })),
      [(r) => r.count],
      (r) => r.professionalId,
    ),
  };
}
