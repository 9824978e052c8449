import { DateTime } from 'luxon';
import { addDays, localDate } from '@dentalpin/core';
import type { ScheduleOverride, ShiftMinutes } from '../entities.ts';
import type { AvailabilityState } from '../status.ts';

export interface AvailabilityRange {
  start: Date;
  end: Date;
  state: AvailabilityState;
  professionalId: string | null;
  reason: string | null;
}

/** Weekly shifts by ISO weekday (1–7). */
export type WeeklyHours = Map<number, ShiftMinutes[]>;

/** Whose hours, as availability needs them. `weekly` null: a professional without own hours follows the clinic. */
export interface Hours {
  weekly: WeeklyHours | null;
  overrides: readonly ScheduleOverride[];
}

const DAY = 1440;

/** The override of `kind` covering `date`; the newest wins when several do. */
const overrideOn = (overrides: readonly ScheduleOverride[], date: string, kind: ScheduleOverride['kind']) =>
  overrides
    .filter((o) => o.kind === kind && o.startDate <= date && o.endDate >= date)
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];

const covers = (shifts: readonly ShiftMinutes[], minute: number) =>
  shifts.some((s) => s.startMinute <= minute && minute < s.endMinute);

/** A local wall-clock minute of `date` as an instant; DST-correct (a day may have 23 or 25 hours). */
const instant = (date: string, minute: number, timezone: string): Date =>
  minute >= DAY
    ? DateTime.fromISO(addDays(date, 1), { zone: timezone }).toJSDate()
    : DateTime.fromISO(date, { zone: timezone })
        .set({ hour: Math.floor(minute / 60), minute: minute % 60 })
        .toJSDate();

interface Segment {
  startMinute: number;
  endMinute: number;
  state: AvailabilityState;
  reason: string | null;
}

/**
 * One clinic-local day, in the original's precedence (highest first): a professional's CLOSED override
 * (the whole day PROFESSIONAL_OFF); a professional's CUSTOM_HOURS replace their weekly hours; their weekly
 * hours trim the clinic's open time; a clinic CLOSED override (CLINIC_CLOSED all day); clinic CUSTOM_HOURS
 * replace its weekly hours; the clinic's weekly hours are the base.
 */
function daySegments(date: string, weekday: number, clinic: Hours, professional: Hours | null): Segment[] {
  if (professional) {
    const off = overrideOn(professional.overrides, date, 'closed');
    if (off) return [{ startMinute: 0, endMinute: DAY, state: 'professional_off', reason: off.reason ?? null }];
  }
  const clinicClosed = overrideOn(clinic.overrides, date, 'closed');
  const clinicCustom = clinicClosed ? undefined : overrideOn(clinic.overrides, date, 'custom_hours');
  const clinicShifts = clinicClosed ? [] : (clinicCustom?.shifts ?? clinic.weekly?.get(weekday) ?? []);
  const clinicReason = clinicClosed?.reason ?? clinicCustom?.reason ?? null;

  const profCustom = professional ? overrideOn(professional.overrides, date, 'custom_hours') : undefined;
  // A professional with weekly hours of their own is off on a weekday they left out (set… replaces the whole
  // week); only one without any (`weekly` null) works the clinic's hours.
  const profShifts = profCustom
    ? profCustom.shifts
    : professional?.weekly
      ? (professional.weekly.get(weekday) ?? [])
      : null;
  const profReason = profCustom?.reason ?? null;

  const bounds = [
    ...new Set([0, DAY, ...[...clinicShifts, ...(profShifts ?? [])].flatMap((s) => [s.startMinute, s.endMinute])]),
  ].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const [startMinute, endMinute] = [bounds[i], bounds[i + 1]];
    const [state, reason]: [AvailabilityState, string | null] = !covers(clinicShifts, startMinute)
      ? ['clinic_closed', clinicReason]
      : profShifts && !covers(profShifts, startMinute)
        ? ['professional_off', profReason]
        : ['open', null];
    const last = segments.at(-1);
    if (last && last.state === state && last.reason === reason) last.endMinute = endMinute;
    else segments.push({ startMinute, endMinute, state, reason });
  }
  return segments;
}

/**
 * The state of every moment of [from, to) in the clinic's time zone, as merged ranges. With `professional`,
 * that professional's availability inside the clinic's hours; without, the clinic's.
 */
export function computeAvailability(args: {
  from: Date;
  to: Date;
  timezone: string;
  clinic: Hours;
  professional?: { id: string; hours: Hours } | null;
}): AvailabilityRange[] {
  const { from, to, timezone, clinic } = args;
  const professionalId = args.professional?.id ?? null;
  const ranges: AvailabilityRange[] = [];
  const lastDate = localDate(new Date(to.getTime() - 1), timezone);
  for (let date = localDate(from, timezone); date <= lastDate; date = addDays(date, 1)) {
    const weekday = DateTime.fromISO(date, { zone: timezone }).weekday;
    for (const seg of daySegments(date, weekday, clinic, args.professional?.hours ?? null)) {
      const start = new Date(Math.max(instant(date, seg.startMinute, timezone).getTime(), from.getTime()));
      const end = new Date(Math.min(instant(date, seg.endMinute, timezone).getTime(), to.getTime()));
      if (end <= start) continue;
      const last = ranges.at(-1);
      if (last && last.state === seg.state && last.reason === seg.reason && last.end.getTime() === start.getTime())
        last.end = end;
      else ranges.push({ start, end, state: seg.state, professionalId, reason: seg.reason });
    }
  }
  return ranges;
}

/** Minutes of `ranges` in the OPEN state. */
export const openMinutes = (ranges: readonly AvailabilityRange[]) =>
  ranges.filter((r) => r.state === 'open').reduce((sum, r) => sum + (r.end.getTime() - r.start.getTime()) / 60_000, 0);
