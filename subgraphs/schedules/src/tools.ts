import { z } from 'zod';
import { defineTool, localDateTime, type Tool } from '@dentalpin/core';
import type { ScheduleOverride } from './entities.ts';
import { overrideKind, overrideScope, availabilityState } from './status.ts';
import { findFreeSlotsInput, overrideId, professionalId, userId } from './inputs.ts';
import { SchedulesService } from './service/index.ts';
import { shiftTimeView } from './service/hours.ts';

const shiftsParameter = z
  .array(z.strictObject({ weekday: z.number().int(), start: z.string(), end: z.string() }))
  .describe(
    'Every shift of the week: weekday 1 (Monday) to 7 (Sunday), start and end as HH:MM in the clinic time zone ' +
      '(end 24:00 = midnight). Shifts of one weekday may not overlap. Days without shifts are closed.',
  );

/** How an override looks to an agent: GraphQL names, times HH:MM. */
const overrideView = (o: ScheduleOverride) => ({
  id: o.id,
  scope: overrideScope.toGraphQL(o.scope),
  userId: o.userId,
  kind: overrideKind.toGraphQL(o.kind),
  startDate: o.startDate,
  endDate: o.endDate,
  shifts: o.shifts.map(shiftTimeView),
  reason: o.reason,
  removed: o.removedAt !== null,
});

const getClinicHours = defineTool({
  name: 'get_clinic_hours',
  description:
    "The clinic's weekly opening hours: [{ weekday (1 = Monday … 7 = Sunday), start, end }] as HH:MM in the " +
    'clinic time zone. Days absent are closed. Overrides (holidays, custom days) are not included: use ' +
    'get_availability for what applies on given dates. Read-only.',
  parameters: z.strictObject({}),
  permissions: ['schedules.clinic_hours.read'],
  category: 'READ',
  async handler(ctx) {
    return new SchedulesService(ctx).clinicHours();
  },
});

const setClinicHours = defineTool({
  name: 'set_clinic_hours',
  description:
    "Replace the clinic's whole weekly opening hours with the given shifts (a weekday left out becomes closed). " +
    'For a single holiday or a special day use add_schedule_override instead. Returns the new weekly hours.',
  parameters: z.strictObject({ shifts: shiftsParameter }),
  permissions: ['schedules.clinic_hours.write'],
  category: 'WRITE',
  graphqlMutations: ['setClinicHours'],
  async handler(ctx, params) {
    return new SchedulesService(ctx).setClinicHours(params.shifts);
  },
});

const setProfessionalHours = defineTool({
  name: 'set_professional_hours',
  description:
    "Replace one professional's weekly working hours (they only work inside the clinic's open hours too). " +
    'Without this permission for others, only your own hours. Returns the new weekly hours.',
  parameters: z.strictObject({
    userId: userId.describe('The professional (user id, a UUID).'),
    shifts: shiftsParameter,
  }),
  permissions: ['schedules.professional.own.write'],
  category: 'WRITE',
  graphqlMutations: ['setProfessionalHours'],
  async handler(ctx, params) {
    return new SchedulesService(ctx).setProfessionalHours(params.userId, params.shifts);
  },
});

const addScheduleOverride = defineTool({
  name: 'add_schedule_override',
  description:
    'Mark dates (inclusive, clinic-local YYYY-MM-DD) when the weekly hours do not apply: scope CLINIC (the whole ' +
    'clinic; needs clinic-hours write permission) or PROFESSIONAL (with userId); kind CLOSED (closed / off all ' +
    'day, no shifts) or CUSTOM_HOURS (shifts [{ start, end }] HH:MM replace the weekly hours on those dates). ' +
    'It does not move or cancel existing appointments. Returns the override with its id.',
  parameters: z.strictObject({
    scope: z.enum(['CLINIC', 'PROFESSIONAL']).transform(overrideScope.fromGraphQL),
    userId: userId.nullish().describe('The professional, for scope PROFESSIONAL.'),
    startDate: z.string().describe('First date, YYYY-MM-DD.'),
    endDate: z.string().describe('Last date (inclusive), YYYY-MM-DD.'),
    kind: z.enum(['CLOSED', 'CUSTOM_HOURS']).transform(overrideKind.fromGraphQL),
    shifts: z
      .array(z.strictObject({ start: z.string(), end: z.string() }))
      .nullish()
      .describe('For CUSTOM_HOURS: the hours of those dates, HH:MM.'),
    reason: z.string().nullish().describe('Why, shown on the calendar (up to 200 characters).'),
  }),
  permissions: ['schedules.professional.own.write'],
  category: 'WRITE',
  graphqlMutations: ['addScheduleOverride'],
  async handler(ctx, params) {
    return overrideView(await new SchedulesService(ctx).addOverride(params));
  },
});

const removeScheduleOverride = defineTool({
  name: 'remove_schedule_override',
  description:
    'Take an override (a closure or custom hours) out of the schedule, so the weekly hours apply again on its ' +
    'dates. The record is kept. Fails with NOT_FOUND for an unknown or already removed override.',
  parameters: z.strictObject({ overrideId: overrideId.describe('The override id (a UUID).') }),
  permissions: ['schedules.professional.own.write'],
  category: 'WRITE',
  graphqlMutations: ['removeScheduleOverride'],
  async handler(ctx, params) {
    return overrideView(await new SchedulesService(ctx).removeOverride(params.overrideId));
  },
});

const getAvailability = defineTool({
  name: 'get_availability',
  description:
    'What applies on a date range (at most 62 days): ranges { start, end, state OPEN | CLINIC_CLOSED | ' +
    'PROFESSIONAL_OFF, reason } with weekly hours and overrides applied, for the clinic or one professional. ' +
    'Times without an offset are clinic-local (e.g. 2026-03-02T00:00). It does not look at appointments: use ' +
    'find_free_slots for bookable times. Read-only.',
  parameters: z.strictObject({
    from: z.string().describe('Start, ISO 8601 date-time.'),
    to: z.string().describe('End (exclusive), ISO 8601 date-time.'),
    professionalId: professionalId.nullish().describe('Only this professional (user id).'),
  }),
  permissions: ['schedules.availability.read'],
  category: 'READ',
  async handler(ctx, params) {
    const service = new SchedulesService(ctx);
    const tz = await service.timezone();
    return (await service.availability(params.from, params.to, params.professionalId)).map((r) => ({
      start: localDateTime(r.start, tz),
      end: localDateTime(r.end, tz),
      state: availabilityState.toGraphQL(r.state),
      reason: r.reason,
    }));
  },
});

const findFreeSlots = defineTool({
  name: 'find_free_slots',
  description:
    "The first free windows in a professional's working hours not taken by a live appointment: [{ start, end, " +
    'freeUntil }] clinic-local, where [start, end) fits durationMinutes. Looks `days` days ahead (1–60, default ' +
    '14) from `from` (default now), up to `limit` windows (1–20, default 5). It does not book: use ' +
    'agenda.book_appointment with a start it returned. Read-only.',
  parameters: z.strictObject({
    professionalId: findFreeSlotsInput.shape.professionalId.describe('The professional (user id, a UUID).'),
    durationMinutes: findFreeSlotsInput.shape.durationMinutes.describe('Length of the appointment, 5–600 minutes.'),
    from: z.string().nullish().describe('Search from this ISO 8601 date-time (default now).'),
    days: findFreeSlotsInput.shape.days.describe('How many days ahead to look, 1–60.'),
    limit: findFreeSlotsInput.shape.limit.describe('How many windows, 1–20.'),
  }),
  permissions: ['schedules.availability.read'],
  category: 'READ',
  async handler(ctx, params) {
    const service = new SchedulesService(ctx);
    const tz = await service.timezone();
    return (await service.findFreeSlots(params)).map((s) => ({
      start: localDateTime(s.start, tz),
      end: localDateTime(s.end, tz),
      freeUntil: localDateTime(s.freeUntil, tz),
    }));
  },
});

export const tools: Tool[] = [
  getClinicHours,
  setClinicHours,
  setProfessionalHours,
  addScheduleOverride,
  removeScheduleOverride,
  getAvailability,
  findFreeSlots,
] as Tool[];

export const toolExemptions = {
  updateScheduleSettings:
    "Whether the agenda refuses bookings outside a professional's hours is a clinic policy an admin sets on the settings page.",
};
