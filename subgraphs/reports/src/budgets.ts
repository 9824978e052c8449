import { cents, sumMoney } from '@dentalpin/core';
import { groupBy, ranked, rate } from './stats.ts';
import type { ReportRange } from './range.ts';

export const BUDGET_STATUSES = ['DRAFT', 'SENT', 'ACCEPTED', 'REJECTED', 'EXPIRED', 'CANCELLED'] as const;
/** Statuses a budget only reaches after being sent to the patient. */
const SENT_OR_BEYOND = new Set(['SENT', 'ACCEPTED', 'REJECTED', 'EXPIRED']);
const DAY_MS = 86_400_000;

/** What the report reads of each budget through the supergraph. */
export interface ReportBudget {
  id: string;
  status: string;
  total: string;
  createdAt: string;
  sentAt: string | null;
  acceptedAt: string | null;
  professional: { id: string } | null;
}

export const BUDGETS_QUERY = `query ReportsBudgets($from: DateTime!, $to: DateTime!, $page: Int!, $pageSize: Int!) {
  budgets(createdFrom: $from, createdTo: $to, page: $page, pageSize: $pageSize) {
    total
    items { id status total createdAt sentAt acceptedAt professional { id } }
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

/** Budgets that reached the patient: sent, or cancelled after being sent. */
const wasSent = (b: ReportBudget) => SENT_OR_BEYOND.has(b.status) || b.sentAt !== null;

function conversion(list: readonly ReportBudget[]): Conversion {
  const accepted = list.filter((b) => b.status === 'ACCEPTED');
  const sent = list.filter(wasSent).length;
  const days = accepted
    .filter((b) => b.acceptedAt)
    .map((b) => (Date.parse(b.acceptedAt!) - Date.parse(b.sentAt ?? b.createdAt)) / DAY_MS);
  return {
    count: list.length,
    amount: cents(sumMoney(list.map((b) => b.total))),
    sentCount: sent,
    acceptedCount: accepted.length,
    acceptedAmount: cents(sumMoney(accepted.map((b) => b.total))),
    acceptanceRate: rate(accepted.length, sent),
    averageDaysToAcceptance: days.length
      ? Math.round((days.reduce((s, d) => s + d, 0) / days.length) * 100) / 100
      : null,
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
export function budgetConversionReport(range: ReportRange, budgets: readonly ReportBudget[]): BudgetConversionReport {
  const byStatus = groupBy(budgets, (b) => b.status);
  return {
    from: range.from,
    to: range.to,
    timezone: range.timezone,
    ...conversion(budgets),
    byStatus: BUDGET_STATUSES.map((status) => {
      const list = byStatus.get(status) ?? [];
      return { status, count: list.length, amount: cents(sumMoney(list.map((b) => b.total))) };
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
