import { DomainError, defineStatusMachine } from '@dentalpin/core';

/**
 * THE budget workflow: every status change (API, agent tools, expiry job, web buttons) is checked
 * against this table. rejected, expired and cancelled are final. Only the expiry job moves a budget to
 * expired (no mutation does); it expires drafts too, as the original's daily job does.
 */
export const budgetStatus = defineStatusMachine({
  subject: 'budget',
  states: ['draft', 'sent', 'accepted', 'rejected', 'expired', 'cancelled'],
  transitions: {
    draft: ['sent', 'accepted', 'rejected', 'expired', 'cancelled'],
    sent: ['accepted', 'rejected', 'expired', 'cancelled'],
    accepted: ['cancelled'],
    rejected: [],
    expired: [],
    cancelled: [],
  },
});
export type BudgetStatus = (typeof budgetStatus.values)[number];

/** Statuses the expiry job looks at: those the table lets move to expired. */
export const EXPIRABLE: readonly BudgetStatus[] = budgetStatus.values.filter((s) => budgetStatus.can(s, 'expired'));
/** What people (API, tools, web) may do: every target but expired, which only the job reaches. */
export const MANUAL_TARGETS: readonly BudgetStatus[] = ['sent', 'accepted', 'rejected', 'cancelled'];
/** Lines and header can change only while the budget is a draft. */
export const EDITABLE: BudgetStatus = 'draft';
/** Statuses that need at least one line to be reached. */
export const NEEDS_ITEMS: readonly BudgetStatus[] = ['sent', 'accepted'];

/** The status changes a person may make from `from` (the web shows one button for each). */
export const manualTargetsFrom = (from: BudgetStatus): BudgetStatus[] =>
  budgetStatus.transitions[from].filter((s) => MANUAL_TARGETS.includes(s));
/** The same, as GraphQL names (agent tools, which GraphQL does not serialise). */
export const actionsFrom = (from: BudgetStatus) => manualTargetsFrom(from).map(budgetStatus.toGraphQL);

/** Throws the contract error for a refused change: the table first, then the rule that needs lines. */
export function assertBudgetTransition(from: BudgetStatus, to: BudgetStatus, itemCount: number): void {
  budgetStatus.assertTransition(from, to);
  if (NEEDS_ITEMS.includes(to) && itemCount === 0)
    throw new DomainError(
      'BAD_USER_INPUT',
      `Add at least one line before the budget can be ${budgetStatus.toGraphQL(to)}.`,
    );
}

/** Throws unless the budget's lines and header may still change. */
export function assertEditable(status: BudgetStatus): void {
  if (status !== EDITABLE)
    throw new DomainError(
      'INVALID_TRANSITION',
      `Only a DRAFT budget can be edited; this one is ${budgetStatus.toGraphQL(status)}. Duplicate it to make a new version.`,
      { status: budgetStatus.toGraphQL(status) },
    );
}
