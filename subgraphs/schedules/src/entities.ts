import { defineEntity, type InferEntity, timestamps, uuidPrimaryKey } from '@dentalpin/core';
import { overrideKind, overrideScope } from './status.ts';

/**
 * A weekly template: the clinic's (userId null) or one professional's. Its existence means the hours were
 * set; a clinic without one works the default hours, a professional without one follows the clinic.
 */
export const ScheduleTemplate = defineEntity({
  name: 'ScheduleTemplate',
  tableName: 'schedule_templates',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    clinicId: p.uuid(),
    userId: p.uuid().nullable(),
    ...timestamps(p),
  }),
});
export type ScheduleTemplate = InferEntity<typeof ScheduleTemplate>;

/** One working stretch of a weekday (ISO 1 = Monday … 7 = Sunday), minutes from local midnight. */
export const WeeklyShiftRow = defineEntity({
  name: 'WeeklyShiftRow',
  tableName: 'schedule_weekly_shifts',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    clinicId: p.uuid(),
    templateId: p.uuid().index(),
    weekday: p.smallint(),
    startMinute: p.smallint(),
    endMinute: p.smallint(),
  }),
});
export type WeeklyShiftRow = InferEntity<typeof WeeklyShiftRow>;

/** Minutes from local midnight, [startMinute, endMinute). */
export interface ShiftMinutes {
  startMinute: number;
  endMinute: number;
}

/**
 * Dates (inclusive, clinic-local) when the weekly hours do not apply. Removing one sets `removedAt`:
 * the record of past closures stays.
 */
export const ScheduleOverride = defineEntity({
  name: 'ScheduleOverride',
  tableName: 'schedule_overrides',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    clinicId: p.uuid(),
    scope: p.enum([...overrideScope.values]),
    userId: p.uuid().nullable(),
    kind: p.enum([...overrideKind.values]),
    startDate: p.date(),
    endDate: p.date(),
    shifts: p.json<ShiftMinutes[]>(),
    reason: p.string().length(200).nullable(),
    createdBy: p.uuid().nullable(),
    removedAt: p.datetime().nullable(),
    ...timestamps(p),
  }),
});
export type ScheduleOverride = InferEntity<typeof ScheduleOverride>;

/** The clinic's scheduling policy (one row per clinic; none = the defaults). */
export const ScheduleSettings = defineEntity({
  name: 'ScheduleSettings',
  tableName: 'schedule_settings',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    clinicId: p.uuid(),
    /** The agenda refuses bookings and moves outside the professional's availability. */
    refuseOutsideHours: p.boolean(),
    ...timestamps(p),
  }),
});
export type ScheduleSettings = InferEntity<typeof ScheduleSettings>;

export const ENTITIES = [ScheduleTemplate, WeeklyShiftRow, ScheduleOverride, ScheduleSettings];
