import { DomainError, LockMode, clinicTimezone, localToday, publish, type EntityManager } from '@dentalpin/core';
import { Budget, type BudgetItem } from '../entities.ts';
import type { AcceptedVia } from '../inputs.ts';
import { EXPIRABLE, assertBudgetTransition, budgetStatus, type BudgetStatus } from '../status.ts';
import { budgetLines, eventBase, recordHistory } from './records.ts';

/**
 * Status changes, each checked against the one table in ../status.ts: who moves a budget (send, accept,
 * reject, cancel) and the expiry job. A change, its history row and its `budget.<status>` event commit together.
 */

/** What a change sets on the budget besides its status; returns the event's own payload fields. */
export type StatusChange = (budget: Budget, items: BudgetItem[], now: Date) => Record<string, unknown>;

/** Moves a locked budget to `to` (checked against the table), with its history row and event. */
export async function moveStatus(
  em: EntityManager,
  changedBy: string,
  budget: Budget,
  to: BudgetStatus,
  apply: StatusChange,
  note: string | null,
): Promise<void> {
  const from = budget.status;
  const items = await budgetLines(em, budget);
  assertBudgetTransition(from, to, items.length);
  if (to === 'sent' || to === 'accepted') {
    const today = localToday(await clinicTimezone(em, budget.clinicId));
    if (budget.validUntil < today)
      throw new DomainError(
        'INVALID_TRANSITION',
        `This budget was valid until ${budget.validUntil}; ${
          from === 'draft' ? 'change validUntil first' : 'duplicate it to make a new version'
        }.`,
      );
  }
  const now = new Date();
  budget.status = to;
  const payload = apply(budget, items, now);
  recordHistory(em, budget, 'status_changed', { changedBy, from, to, note });
  await em.flush();
  await publish(em, `budget.${to}`, { ...eventBase(budget), ...payload });
}

export const sending =
  (userId: string): StatusChange =>
  (b, _items, now) => {
    b.sentAt = now;
    b.sentBy = userId;
    return { total: b.total, valid_until: b.validUntil, sent_by: userId };
  };

export const accepting =
  (userId: string, via: AcceptedVia): StatusChange =>
  (b, items, now) => {
    b.acceptedAt = now;
    b.acceptedBy = userId;
    b.acceptedVia = via;
    return {
      total: b.total,
      accepted_by: userId,
      accepted_via: via,
      items: items.map((i) => ({
        budget_item_id: i.id,
        catalog_item_id: i.catalogItemId,
        quantity: i.quantity,
        net_amount: i.netAmount,
      })),
    };
  };

export const rejecting =
  (userId: string, why: string | null, note: string | null): StatusChange =>
  (b, _items, now) => {
    b.rejectedAt = now;
    b.rejectedBy = userId;
    b.rejectionReason = why;
    b.rejectionNote = note;
    return { reason: why, note, rejected_by: userId };
  };

export const cancelling =
  (userId: string, why: string | null): StatusChange =>
  (b, _items, now) => {
    b.cancelledAt = now;
    b.cancelledBy = userId;
    b.cancellationReason = why;
    return { reason: why, cancelled_by: userId };
  };

/** Clinics with DRAFT or SENT budgets: where the expiry job looks. */
export async function clinicsWithExpirableBudgets(em: EntityManager): Promise<string[]> {
  const rows = await em
    .getConnection()
    .execute<{ clinic_id: string }[]>(
      `select distinct clinic_id from budgets where status in (${EXPIRABLE.map(() => '?').join(', ')}) and deleted_at is null`,
      [...EXPIRABLE],
    );
  return rows.map((r) => r.clinic_id);
}

/**
 * One clinic's part of the expiry job, inside the caller's transaction: DRAFT and SENT budgets whose
 * validUntil is before today (in the clinic's time zone) become EXPIRED, with history (changed by nobody)
 * and a `budget.expired` event. Returns how many expired.
 */
export async function expireOverdueBudgets(em: EntityManager, clinicId: string, now: Date): Promise<number> {
  const today = localToday(await clinicTimezone(em, clinicId), 0, now);
  const due = await em.find(
    Budget,
    { clinicId, status: { $in: [...EXPIRABLE] }, validUntil: { $lt: today }, deletedAt: null },
    { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { validUntil: 'asc' } },
  );
  for (const budget of due) {
    const from = budget.status;
    budgetStatus.assertTransition(from, 'expired');
    budget.status = 'expired';
    budget.expiredAt = now;
    recordHistory(em, budget, 'status_changed', {
      changedBy: null,
      from,
      to: 'expired',
      note: `validUntil ${budget.validUntil} passed`,
      at: now,
    });
  }
  await em.flush();
  for (const budget of due)
    await publish(em, 'budget.expired', { ...eventBase(budget), valid_until: budget.validUntil });
  return due.length;
}
