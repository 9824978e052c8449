import { DomainError } from '@dentalpin/core';

export const BUDGET_STATUSES = ['draft', 'sent', 'accepted', 'rejected', 'expired', 'cancelled'] as const;
export type BudgetStatus = (typeof BUDGET_STATUSES)[number];

/**
 * THE budget workflow: every status change (API, agent tools, expiry job, web buttons) is checked
 * against this table. rejected, expired and cancelled are final. Only the expiry job moves a budget to
 * expired (no mutation does); it expires drafts too, as the original's daily job does.
 */
export const TRANSITIONS: Readonly<Record<BudgetStatus, readonly BudgetStatus[]>> = {
  draft: ['sent', 'accepted', 'rejected', 'expired', 'cancelled'],
  sent: ['accepted', 'rejected', 'expired', 'cancelled'],
  accepted: ['cancelled'],
  rejected: [],
  expired: [],
  cancelled: [],
};

/** Statuses the expiry job looks at: those the table lets move to expired. */
export const EXPIRABLE: readonly BudgetStatus[] = BUDGET_STATUSES.filter((s) => TRANSITIONS[s].includes('expired'));
/** What people (API, tools, web) may do: every target but expired, which only the job reaches. */
export const MANUAL_TARGETS: readonly BudgetStatus[] = ['sent', 'accepted', 'rejected', 'cancelled'];
/** Lines and header can change only while the budget is a draft. */
export const EDITABLE: BudgetStatus = 'draft';
/** Statuses that need at least one line to be reached. */
export const NEEDS_ITEMS: readonly BudgetStatus[] = ['sent', 'accepted'];

export const toGraphQL = (s: BudgetStatus) => s.toUpperCase();
export const fromGraphQL = (s: string): BudgetStatus => {
  const status = s.toLowerCase() as BudgetStatus;
  if (!BUDGET_STATUSES.includes(status)) throw new DomainError('BAD_USER_INPUT', `"${s}" is not a budget status.`);
  return status;
};
export const isFinal = (s: BudgetStatus) => TRANSITIONS[s].length === 0;
/** The statuses `from` may move to, as the API shows them (the web offers only these). */
export const allowedFrom = (from: BudgetStatus) => TRANSITIONS[from].map(toGraphQL);
/** The status changes a person may make from `from` (the web shows one button for each). */
export const actionsFrom = (from: BudgetStatus) =>
  TRANSITIONS[from].filter((s) => MANUAL_TARGETS.includes(s)).map(toGraphQL);

/** Throws the contract error for a refused change; returns nothing when `from → to` is allowed. */
export function checkTransition(from: BudgetStatus, to: BudgetStatus, itemCount: number): void {
  if (from === to) throw new DomainError('ALREADY_IN_STATE', `The budget is already ${toGraphQL(to)}.`);
  if (!TRANSITIONS[from].includes(to))
    throw new DomainError(
      'INVALID_TRANSITION',
      `A budget cannot go from ${toGraphQL(from)} to ${toGraphQL(to)}${
        isFinal(from) ? ` (${toGraphQL(from)} is final)` : `; allowed: ${allowedFrom(from).join(', ')}`
      }.`,
      { from: toGraphQL(from), to: toGraphQL(to), allowed: allowedFrom(from) },
    );
  if (NEEDS_ITEMS.includes(to) && itemCount === 0)
    throw new DomainError('BAD_USER_INPUT', `Add at least one line before the budget can be ${toGraphQL(to)}.`);
}

/** Throws unless the budget's lines and header may still change. */
export function checkEditable(status: BudgetStatus): void {
  if (status !== EDITABLE)
    throw new DomainError(
      'INVALID_TRANSITION',
      `Only a DRAFT budget can be edited; this one is ${toGraphQL(status)}. Duplicate it to make a new version.`,
      { status: toGraphQL(status) },
    );
}
