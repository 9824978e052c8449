import { authorize, WallClockDateTime, type RequestContext } from '@dentalpin/core';
import { enumResolvers, type Resolvers } from './generated/graphql.ts';
import { SchedulesService } from './service/index.ts';
import { shiftTimeView } from './service/hours.ts';

/** Anyone's professional hours with `professional.<action>`, else one's own (the service checks whose). */
/** The narrower `own` permission only for a caller who holds it without the full one; a refusal names the full one. */
const professionalPermission = (ctx: RequestContext, action: 'read' | 'write') =>
  !ctx.auth.can(`schedules.professional.${action}`) && ctx.auth.can(`schedules.professional.own.${action}`)
    ? `schedules.professional.own.${action}`
    : `schedules.professional.${action}`;

/** A clinic override needs clinic_hours.write, a professional's one the professional permission. */
const overridePermission = (ctx: RequestContext, scope: 'clinic' | 'professional') =>
  scope === 'clinic' ? 'schedules.clinic_hours.write' : professionalPermission(ctx, 'write');

export const resolvers: Resolvers = {
  ...enumResolvers,
  DateTime: WallClockDateTime,
  Query: {
    clinicHours: (_, __, ctx) => new SchedulesService(authorize(ctx, 'schedules.clinic_hours.read')).clinicHours(),
    professionalHours: (_, args, ctx) =>
      new SchedulesService(authorize(ctx, professionalPermission(ctx, 'read'))).professionalHours(args.userId),
    scheduleOverrides: (_, args, ctx) =>
      new SchedulesService(
        authorize(ctx, args.userId ? professionalPermission(ctx, 'read') : 'schedules.clinic_hours.read'),
      ).overrides(args),
    availability: (_, args, ctx) =>
      new SchedulesService(authorize(ctx, 'schedules.availability.read')).availability(
        args.from,
        args.to,
        args.professionalId,
      ),
    findFreeSlots: (_, args, ctx) =>
      new SchedulesService(authorize(ctx, 'schedules.availability.read')).findFreeSlots(args),
    scheduleSettings: (_, __, ctx) => new SchedulesService(authorize(ctx, 'schedules.clinic_hours.read')).settings(),
    bookingHoursCheck: (_, args, ctx) =>
      new SchedulesService(authorize(ctx, 'schedules.availability.read')).bookingHoursCheck(args),
    scheduleAnalytics: (_, args, ctx) =>
      new SchedulesService(authorize(ctx, 'schedules.analytics.read')).analytics(args.from, args.to),
  },
  Mutation: {
    setClinicHours: (_, args, ctx) =>
      new SchedulesService(authorize(ctx, 'schedules.clinic_hours.write')).setClinicHours(args.shifts),
    setProfessionalHours: (_, args, ctx) =>
      new SchedulesService(authorize(ctx, professionalPermission(ctx, 'write'))).setProfessionalHours(
        args.userId,
        args.shifts,
      ),
    addScheduleOverride: (_, args, ctx) =>
      new SchedulesService(authorize(ctx, overridePermission(ctx, args.input.scope))).addOverride(args.input),
    updateScheduleSettings: (_, args, ctx) =>
      new SchedulesService(authorize(ctx, 'schedules.clinic_hours.write')).updateSettings(args),
    removeScheduleOverride: (_, args, ctx) =>
      new SchedulesService(authorize(ctx, 'schedules.availability.read')).removeOverride(args.id),
  },
  ScheduleOverride: {
    shifts: (o) => o.shifts.map(shiftTimeView),
  },
};
