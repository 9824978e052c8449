import { DomainError, pgErrorCode, type EntityManager } from '@dentalpin/core';
import { ScheduleTemplate, WeeklyShiftRow, type ShiftMinutes } from '../entities.ts';
import type { WeeklyHours } from './availability.ts';

/** How a shift reads in the API: ISO weekday and clinic-local "HH:MM". */
export interface WeeklyShiftView {
  weekday: number;
  start: string;
  end: string;
}
export interface ShiftTimeView {
  start: string;
  end: string;
}

const hhmm = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
export const shiftTimeView = (s: ShiftMinutes): ShiftTimeView => ({
  start: hhmm(s.startMinute),
  end: hhmm(s.endMinute),
});

/** A new clinic's hours: Monday to Friday 09:00–14:00 and 16:00–20:00 (never 24/7). */
export const DEFAULT_CLINIC_HOURS: readonly (ShiftMinutes & { weekday: number })[] = [1, 2, 3, 4, 5].flatMap(
  (weekday) => [
    { weekday, startMinute: 9 * 60, endMinute: 14 * 60 },
    { weekday, startMinute: 16 * 60, endMinute: 20 * 60 },
  ],
);

export const weeklyView = (hours: WeeklyHours): WeeklyShiftView[] =>
  [...hours.entries()]
    .sort(([a], [b]) => a - b)
    .flatMap(([weekday, shifts]) => shifts.map((s) => ({ weekday, ...shiftTimeView(s) })));

const byWeekday = (rows: readonly (ShiftMinutes & { weekday: number })[]): WeeklyHours => {
  const hours: WeeklyHours = new Map();
  for (const r of [...rows].sort((a, b) => a.weekday - b.weekday || a.startMinute - b.startMinute))
    hours.set(r.weekday, [...(hours.get(r.weekday) ?? []), { startMinute: r.startMinute, endMinute: r.endMinute }]);
  return hours;
};

/**
 * Weekly hours of the clinic (`userId` null) and of the given professionals, one query each. A clinic without
 * a template works the default hours; a professional without one is absent from the map (follows the clinic).
 */
export async function loadWeeklyHours(
  em: EntityManager,
  clinicId: string,
  userIds: readonly string[] = [],
): Promise<{ clinic: WeeklyHours; professionals: Map<string, WeeklyHours> }> {
  const templates = await em.find(ScheduleTemplate, {
    clinicId,
    $or: [{ userId: null }, ...(userIds.length ? [{ userId: { $in: [...userIds] } }] : [])],
  });
  const shifts = templates.length
    ? await em.find(WeeklyShiftRow, { clinicId, templateId: { $in: templates.map((t) => t.id) } })
    : [];
  const of = (templateId: string) => byWeekday(shifts.filter((s) => s.templateId === templateId));
  const clinicTemplate = templates.find((t) => t.userId === null);
  return {
    clinic: clinicTemplate ? of(clinicTemplate.id) : byWeekday(DEFAULT_CLINIC_HOURS),
    professionals: new Map(templates.filter((t) => t.userId !== null).map((t) => [t.userId as string, of(t.id)])),
  };
}

/** Replaces a template's weekly shifts (creating the template on first use). */
export async function replaceWeeklyShifts(
  em: EntityManager,
  clinicId: string,
  userId: string | null,
  shifts: readonly (ShiftMinutes & { weekday: number })[],
): Promise<void> {
  const template =
    (await em.findOne(ScheduleTemplate, { clinicId, userId })) ?? em.create(ScheduleTemplate, { clinicId, userId });
  template.updatedAt = new Date();
  try {
    await em.flush();
  } catch (e) {
    // Two first saves of the same hours at once: the unique owner index lets one through.
    if (pgErrorCode(e) === '23505')
      throw new DomainError('CONFLICT', 'These hours were just saved by someone else; reload and try again.');
    throw e;
  }
  await em.nativeDelete(WeeklyShiftRow, { clinicId, templateId: template.id });
  for (const s of shifts) em.create(WeeklyShiftRow, { clinicId, templateId: template.id, ...s });
  await em.flush();
}

/**
 * Gives a clinic the default hours unless it has hours already; idempotent, safe under concurrency (the
 * unique owner index decides), so `clinic.created` and a redelivered event may both call it.
 */
export async function ensureDefaultHours(em: EntityManager, clinicId: string): Promise<void> {
  const tx = em.getTransactionContext();
  const created = await em.getConnection().execute<{ id: string }[]>(
    `insert into schedule_templates (id, clinic_id, user_id, created_at, updated_at)
       values (gen_random_uuid(), ?, null, now(), now()) on conflict do nothing returning id`,
    [clinicId],
    'all',
    tx,
  );
  if (!created.length) return;
  for (const s of DEFAULT_CLINIC_HOURS)
    await em.getConnection().execute(
      `insert into schedule_weekly_shifts (id, clinic_id, template_id, weekday, start_minute, end_minute)
         values (gen_random_uuid(), ?, ?, ?, ?, ?)`,
      [clinicId, created[0].id, s.weekday, s.startMinute, s.endMinute],
      'run',
      tx,
    );
}
