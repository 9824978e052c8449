import { randomUUID } from 'node:crypto';
import { LockMode, parseInput, type EntityManager } from '@dentalpin/core';
import { RecallSettings } from '../entities.ts';
import { recallSettingsInput } from '../inputs.ts';
import { DEFAULT_REMINDER_LEAD_DAYS, REASON_INTERVAL_MONTHS, recallReason, type RecallReason } from '../status.ts';

/** A clinic's recall settings as used and shown: every reason's interval, and the reminder lead time. */
export interface RecallSettingsView {
  intervals: { reason: RecallReason; months: number }[];
  reminderLeadDays: number;
  /** Months per reason, for computing due dates. */
  months: Record<RecallReason, number>;
}

/** The clinic's settings: its row over the defaults (status.ts), reason by reason. */
export async function recallSettingsOf(em: EntityManager, clinicId: string): Promise<RecallSettingsView> {
  const row = await em.findOne(RecallSettings, { clinicId });
  const months = Object.fromEntries(
    recallReason.values.map((reason) => [reason, row?.intervals[reason] ?? REASON_INTERVAL_MONTHS[reason]]),
  ) as Record<RecallReason, number>;
  return {
    intervals: recallReason.values.map((reason) => ({ reason, months: months[reason] })),
    reminderLeadDays: row?.reminderLeadDays ?? DEFAULT_REMINDER_LEAD_DAYS,
    months,
  };
}

/** Changes the intervals given (others keep theirs) and the lead time when given; BAD_USER_INPUT writes nothing. */
export async function updateRecallSettings(
  em: EntityManager,
  clinicId: string,
  raw: unknown,
): Promise<RecallSettingsView> {
  const input = parseInput(recallSettingsInput, raw);
  await em.transactional(async (tx) => {
    // The clinic's row exists (with the defaults) before it is locked, so two first saves at once both land.
    await tx.getConnection().execute(
      `insert into recall_settings (id, clinic_id, intervals, reminder_lead_days, created_at, updated_at)
          values (?, ?, '{}', ?, now(), now()) on conflict (clinic_id) do nothing`,
      [randomUUID(), clinicId, DEFAULT_REMINDER_LEAD_DAYS],
      'run',
      tx.getTransactionContext(),
    );
    const row = await tx.findOneOrFail(
      RecallSettings,
      { clinicId },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
    const intervals = { ...row.intervals };
    for (const { reason, months } of input.intervals ?? []) intervals[reason] = months;
    row.intervals = intervals;
    if (input.reminderLeadDays !== undefined && input.reminderLeadDays !== null)
      row.reminderLeadDays = input.reminderLeadDays;
    await tx.flush();
  });
  return recallSettingsOf(em, clinicId);
}
