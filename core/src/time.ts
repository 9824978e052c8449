import { DateTime } from 'luxon';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, notFound } from './errors.ts';
import { calendarDateProblem } from './validation.ts';

const OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;
const ISO_LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?$/;

/** The clinic's IANA time zone (the single source of local-time semantics). */
export async function clinicTimezone(em: EntityManager, clinicId: string): Promise<string> {
  const [row] = await em
    .getConnection()
    .execute<{ timezone: string }[]>(
      `select timezone from clinics where id = ?`,
      [clinicId],
      'all',
      em.getTransactionContext(),
    );
  if (!row) throw notFound('Clinic', clinicId);
  return DateTime.local().setZone(row.timezone).isValid ? row.timezone : 'Europe/Madrid';
}

/**
 * The clinic-timezone rule: a date-time with an offset (`…Z`, `…+02:00`) is taken as is; one without
 * (`2026-03-29T10:00`) is a wall-clock time in the clinic's zone. Throws BAD_USER_INPUT naming `field`.
 */
export function parseClinicDateTime(value: unknown, timezone: string, field: string): Date {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value;
  if (typeof value !== 'string') throw badInput(`${field} must be an ISO 8601 date-time.`);
  const trimmed = value.trim();
  const parsed = OFFSET.test(trimmed)
    ? DateTime.fromISO(trimmed, { setZone: true })
    : ISO_LOCAL.test(trimmed)
      ? DateTime.fromISO(trimmed, { zone: timezone })
      : null;
  if (!parsed?.isValid) throw badInput(`${field} "${value}" is not an ISO 8601 date-time (e.g. 2026-03-02T10:30).`);
  // A wall-clock time that does not exist in the zone (spring-forward gap) is shifted by luxon; refuse it instead.
  if (!OFFSET.test(trimmed) && parsed.toFormat("yyyy-MM-dd'T'HH:mm") !== trimmed.slice(0, 16))
    throw badInput(`${field} ${trimmed} does not exist in ${timezone} (the clocks change then).`);
  return parsed.toJSDate();
}

/**
 * An interval [from, to) given as two date-times under the clinic-timezone rule; BAD_USER_INPUT names the
 * arguments (`names`) when either is not a date-time or `to` is not after `from`.
 */
export function parseClinicInterval(
  from: unknown,
  to: unknown,
  timezone: string,
  names: [from: string, to: string] = ['from', 'to'],
): { from: Date; to: Date } {
  const start = parseClinicDateTime(from, timezone, names[0]);
  const end = parseClinicDateTime(to, timezone, names[1]);
  if (end <= start) throw badInput(`${names[1]} must be after ${names[0]}.`);
  return { from: start, to: end };
}

/** The instants that bound a local calendar day in `timezone`: [start, end). */
export function clinicDayRange(date: string, timezone: string): { from: Date; to: Date } {
  const problem = calendarDateProblem(date);
  if (problem) throw badInput(`"${date}" ${problem}.`);
  const day = DateTime.fromISO(date, { zone: timezone });
  return { from: day.startOf('day').toJSDate(), to: day.plus({ days: 1 }).startOf('day').toJSDate() };
}

const inZone = (instant: Date | string, timezone: string) =>
  (typeof instant === 'string' ? DateTime.fromISO(instant) : DateTime.fromJSDate(instant)).setZone(timezone);

/** The calendar date (YYYY-MM-DD) of an instant in `timezone`. */
export function localDate(instant: Date | string, timezone: string): string {
  return inZone(instant, timezone).toFormat('yyyy-MM-dd');
}

/** Wall-clock `YYYY-MM-DDTHH:mm` of an instant in `timezone` (what a person at the clinic reads). */
export function localDateTime(instant: Date | string, timezone: string): string {
  return inZone(instant, timezone).toFormat("yyyy-MM-dd'T'HH:mm");
}

/** ISO day of the week (1 = Monday … 7 = Sunday) of an instant in `timezone`. */
export function localWeekday(instant: Date | string, timezone: string): number {
  return inZone(instant, timezone).weekday;
}

/** The date `days` after `day` (YYYY-MM-DD): calendar arithmetic, so a clock change cannot shift it. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Today's date in `timezone` (or `plusDays` after it), e.g. for "due in 30 days" or "tomorrow's agenda". */
export function localToday(timezone: string, plusDays = 0, now = new Date()): string {
  return addDays(localDate(now, timezone), plusDays);
}
