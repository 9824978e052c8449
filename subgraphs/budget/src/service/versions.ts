import { randomUUID } from 'node:crypto';
import { DomainError, clinicTimezone, localToday, pgErrorCode, type EntityManager } from '@dentalpin/core';
import { Budget } from '../entities.ts';
import { DEFAULT_VALIDITY_DAYS } from '../inputs.ts';
import { reprice } from './pricing.ts';
import { budgetLines, createItems, pricedLinesOf, recordHistory } from './records.ts';

/**
 * Numbers and versions: PRES-YYYY-NNNN per clinic and year, and new DRAFT versions of a budget (same
 * number, version + 1) for duplicating and renegotiating.
 */

/** The clinic's next budget number of `year`, inside the creating transaction. */
export async function nextNumber(em: EntityManager, clinicId: string, year: number): Promise<string> {
  // The upsert takes the counter row's lock until the transaction ends: concurrent budgets queue here.
  const [row] = await em.getConnection().execute<{ last_number: number }[]>(
    `insert into budget_number_counters (clinic_id, year, last_number) values (?, ?, 1)
     on conflict (clinic_id, year) do update set last_number = budget_number_counters.last_number + 1
     returning last_number`,
    [clinicId, year],
    'all',
    em.getTransactionContext(),
  );
  return `PRES-${year}-${String(row.last_number).padStart(4, '0')}`;
}

/** A new DRAFT version of `source` (locked by the caller): same number, version + 1, same lines and prices. */
export async function newVersion(em: EntityManager, userId: string, source: Budget): Promise<Budget> {
  const { clinicId } = source;
  const [{ max }] = await em
    .getConnection()
    .execute<{ max: number }[]>(
      `select max(version) as max from budgets where clinic_id = ? and number = ?`,
      [clinicId, source.number],
      'all',
      em.getTransactionContext(),
    );
  const tz = await clinicTimezone(em, clinicId);
  const copy = em.create(Budget, {
    id: randomUUID(),
    clinicId,
    number: source.number,
    version: Number(max) + 1,
    parentBudgetId: source.id,
    status: 'draft',
    patientId: source.patientId,
    professionalId: source.professionalId ?? null,
    createdBy: userId,
    validFrom: localToday(tz),
    validUntil: localToday(tz, DEFAULT_VALIDITY_DAYS),
    globalDiscountType: source.globalDiscountType ?? null,
    globalDiscountValue: source.globalDiscountValue ?? null,
    subtotal: '0.00',
    totalDiscount: '0.00',
    totalTax: '0.00',
    total: '0.00',
    notes: source.notes ?? null,
  });
  const lines = pricedLinesOf(await budgetLines(em, source));
  try {
    await em.flush();
  } catch (e) {
    // Two new versions of one budget at once: the unique (clinic, number, version) keeps one.
    if (pgErrorCode(e) === '23505')
      throw new DomainError('CONFLICT', `Another version of ${source.number} was just created; try again.`);
    throw e;
  }
  reprice(copy, createItems(em, copy, lines, 1));
  recordHistory(em, copy, 'created', {
    changedBy: userId,
    to: 'draft',
    details: { duplicated_from: source.id, version: copy.version },
  });
  recordHistory(em, source, 'duplicated', {
    changedBy: userId,
    details: { new_budget_id: copy.id, version: copy.version },
  });
  await em.flush();
  return copy;
}
