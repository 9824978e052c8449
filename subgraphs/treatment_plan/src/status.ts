import { defineStatusMachine, graphqlEnum } from '@dentalpin/core';

/**
 * A plan's life: the one table the API, the tools, the budget-event handlers and the web's buttons use.
 * Confirming (draft → pending) creates its budget; the budget's answer moves it on (accepted → active,
 * rejected/expired/cancelled → closed); completing its last item completes it; a closed plan is reactivated
 * as a draft.
 */
export const planStatus = defineStatusMachine({
  subject: 'treatment plan',
  states: ['draft', 'pending', 'active', 'completed', 'archived', 'closed'],
  transitions: {
    draft: ['pending', 'closed'],
    pending: ['active', 'draft', 'closed'],
    active: ['completed', 'closed'],
    completed: ['archived'],
    closed: ['draft'],
    archived: [],
  },
});
export type PlanStatus = (typeof planStatus.values)[number];

/** Statuses in which a plan may still be edited (items added, sessions changed or booked). */
export const EDITABLE_STATUSES: readonly PlanStatus[] = ['draft', 'pending', 'active'];

export const closureReason = graphqlEnum(
  ['rejected_by_patient', 'expired', 'cancelled_by_clinic', 'patient_abandoned', 'other'],
  'a plan closure reason',
);
export type ClosureReason = (typeof closureReason.values)[number];

/** The status of a plan item and of each of its sessions (visits): one vocabulary for both. */
export const itemStatus = graphqlEnum(['pending', 'completed', 'cancelled'], 'a plan item or session status');
export type ItemStatus = (typeof itemStatus.values)[number];

/** How many sessions one item may take. */
export const MAX_SESSIONS = 20;

/**
 * Days after its budget's validUntil that a PENDING plan whose budget EXPIRED stays in the pipeline (reception
 * may still resend the quote) before the daily job closes it with reason EXPIRED.
 */
export const EXPIRED_PLAN_GRACE_DAYS = 30;

/** Budget statuses (GraphQL names) that lock the plan against edits. */
export const LOCKING_BUDGET_STATUSES: readonly string[] = ['SENT', 'ACCEPTED'];

/** Where a plan may go from `from` (stored values; GraphQL shows them through the enum mapping). */
export const allowedTransitions = (from: PlanStatus): readonly PlanStatus[] => planStatus.transitions[from];
