import { z } from 'zod';
import { uuid, isoDate } from '@dentalpin/core';
import { overrideKind, overrideScope } from './status.ts';

/** A booking to check against a professional's hours: clinic wall-clock times or instants. */
export const bookingHoursInput = z.object({
  professionalId: uuid('professional id'),
  start: z.string(),
  end: z.string(),
});

export const scheduleSettingsInput = z.object({
  refuseBookingsOutsideHours: z.boolean(),
});

export const userId = uuid('user id');
export const professionalId = uuid('professional id');
export const overrideId = uuid('override id');

/** Widest window availability and analytics compute at once. */
export const MAX_RANGE_DAYS = 62;

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
/** "HH:MM" clinic-local → minutes from midnight; "24:00" is accepted as an end (the day's end). */
const clockTime = (allowMidnightEnd: boolean) =>
  z
    .string()
    .trim()
    .refine((s) => HH_MM.test(s) || (allowMidnightEnd && s === '24:00'), 'must be a time as HH:MM (e.g. 09:30)')
    .transform((s) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5)));

const shiftTimes = { start: clockTime(false), end: clockTime(true) };
const endAfterStart = (s: { start: number; end: number }) => s.end > s.start;
const endAfterStartError = { message: 'end must be after start', path: ['end'] };

/** Shifts may not overlap each other on the same day: a double-counted hour would inflate every rate. */
const noOverlap = <T extends { start: number; end: number }>(shifts: T[], dayOf: (s: T) => number) => {
  const sorted = [...shifts].sort((a, b) => dayOf(a) - dayOf(b) || a.start - b.start);
  return sorted.every((s, i) => i === 0 || dayOf(sorted[i - 1]) !== dayOf(s) || sorted[i - 1].end <= s.start);
};

export const weeklyShiftInput = z
  .object({
    weekday: z.number().int().min(1, 'must be 1 (Monday) to 7 (Sunday)').max(7, 'must be 1 (Monday) to 7 (Sunday)'),
    ...shiftTimes,
  })
  .refine(endAfterStart, endAfterStartError);
export const weeklyShiftsInput = z
  .array(weeklyShiftInput)
  .max(70, 'has more than 70 shifts')
  .refine((shifts) => noOverlap(shifts, (s) => s.weekday), 'overlap on the same weekday; merge them into one shift');

export const overrideShiftInput = z.object(shiftTimes).refine(endAfterStart, endAfterStartError);

export const addOverrideInput = z
  .object({
    scope: z.enum(overrideScope.values),
    userId: userId.nullish(),
    startDate: isoDate(),
    endDate: isoDate(),
    kind: z.enum(overrideKind.values),
    shifts: z
      .array(overrideShiftInput)
      .max(10, 'has more than 10 shifts')
      .refine((shifts) => noOverlap(shifts, () => 0), 'overlap; merge them into one shift')
      .nullish(),
    reason: z.string().trim().max(200, 'is longer than 200 characters').nullish(),
  })
  .superRefine((o, issue) => {
    if (o.endDate < o.startDate)
      issue.addIssue({ code: 'custom', path: ['endDate'], message: 'must not be before startDate' });
    if (o.scope === 'professional' && !o.userId)
      issue.addIssue({ code: 'custom', path: ['userId'], message: 'is required for a PROFESSIONAL override' });
    if (o.scope === 'clinic' && o.userId)
      issue.addIssue({ code: 'custom', path: ['userId'], message: 'must be empty for a CLINIC override' });
    if (o.kind === 'custom_hours' && !o.shifts?.length)
      issue.addIssue({ code: 'custom', path: ['shifts'], message: 'needs at least one shift for CUSTOM_HOURS' });
    if (o.kind === 'closed' && o.shifts?.length)
      issue.addIssue({ code: 'custom', path: ['shifts'], message: 'must be empty for CLOSED' });
    if (Date.parse(o.endDate) - Date.parse(o.startDate) > 366 * 86_400_000)
      issue.addIssue({ code: 'custom', path: ['endDate'], message: 'is more than a year after startDate' });
  });

export const listOverridesInput = z.object({
  from: isoDate().nullish(),
  to: isoDate().nullish(),
  userId: userId.nullish(),
});

export const findFreeSlotsInput = z.object({
  professionalId,
  durationMinutes: z.number().int().min(5, 'must be at least 5').max(600, 'must be at most 600'),
  from: z.union([z.string(), z.date()]).nullish(),
  days: z.number().int().min(1, 'must be 1 to 60').max(60, 'must be 1 to 60').default(14),
  limit: z.number().int().min(1, 'must be 1 to 20').max(20, 'must be 1 to 20').default(5),
});
