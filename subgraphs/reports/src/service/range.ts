import type { z } from 'zod';
import { badInput, clinicDayRange, parseInput } from '@dentalpin/core';
import type { ReportInput } from '../inputs.ts';

/** The widest report: a year (from 2026-01-01, `to` may be 2027-01-01 at the latest). */
export const MAX_RANGE_DAYS = 365;
const DAY_MS = 86_400_000;

/** A validated report range: clinic-local days `from`..`to` (both included) and the instants bounding them. */
export interface ReportRange {
  from: string;
  to: string;
  timezone: string;
  /** Start of `from` in the clinic's zone. */
  start: Date;
  /** Start of the day after `to` in the clinic's zone (exclusive). */
  end: Date;
}

/**
 * Checks a range of clinic-local days: `to` not before `from`, at most MAX_RANGE_DAYS apart.
 * Every failure is BAD_USER_INPUT with a message naming the fix.
 */
export function reportRange(from: string, to: string, timezone: string): ReportRange {
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS;
  if (Number.isNaN(days)) throw badInput(`"${from}" to "${to}" is not a range of dates (YYYY-MM-DD).`);
  if (days < 0)
    throw badInput(`The report range ends (${to}) before it starts (${from}): "to" must be on or after "from".`);
  if (days > MAX_RANGE_DAYS)
    throw badInput(
      `The report range ${from} to ${to} spans ${days} days; a report covers at most ${MAX_RANGE_DAYS} days. Split it into shorter ranges.`,
    );
  return { from, to, timezone, start: clinicDayRange(from, timezone).from, end: clinicDayRange(to, timezone).to };
}

/** Parses a report's arguments and its range in one go. */
export function parseReportArgs<T extends ReportInput>(
  schema: z.ZodType<T>,
  raw: unknown,
  timezone: string,
): { input: T; range: ReportRange } {
  const input = parseInput(schema, raw);
  return { input, range: reportRange(input.from, input.to, timezone) };
}

/** Consecutive windows of at most `days` days covering [start, end). */
export function windows(start: Date, end: Date, days: number): { from: Date; to: Date }[] {
  const out: { from: Date; to: Date }[] = [];
  for (let t = start.getTime(); t < end.getTime(); t += days * DAY_MS)
    out.push({ from: new Date(t), to: new Date(Math.min(t + days * DAY_MS, end.getTime())) });
  return out;
}

/** Every month ("2026-03") touched by the days `from`..`to`, in order. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    months.push(key);
    if (key >= last) return months;
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
}
