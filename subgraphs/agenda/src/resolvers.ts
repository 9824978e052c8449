import { WallClockDateTime, type ModuleResolvers, type RequestContext } from '@dentalpin/core';
import type { Appointment, AppointmentCabinetEvent, AppointmentStatusEvent, Cabinet } from './entities/index.ts';
import { allowedFrom, toGraphQL, type AppointmentStatus } from './lifecycle.ts';
import { AgendaService } from './service.ts';

type Permission =
  'agenda.appointments.read' | 'agenda.appointments.write' | 'agenda.cabinets.read' | 'agenda.cabinets.write';
const service = (ctx: RequestContext, permission: Permission) =>
  new AgendaService(ctx.em, ctx.auth.require(permission));

const cabinetLoader = (ctx: RequestContext) =>
  ctx.loader<string, Cabinet | null>('agenda.cabinet', (ids) =>
    service(ctx, 'agenda.appointments.read').cabinetsByIds(ids),
  );
const userRef = (id: string | null | undefined) => (id ? { __typename: 'User', id } : null);

export const resolvers: ModuleResolvers = {
  DateTime: WallClockDateTime,
  Query: {
    appointments: (_: unknown, args: Record<string, unknown>, ctx: RequestContext) =>
      service(ctx, 'agenda.appointments.read').list(args),
    appointment: (_: unknown, args: { id: string }, ctx: RequestContext) =>
      service(ctx, 'agenda.appointments.read').get(args.id),
    cabinets: (_: unknown, __: unknown, ctx: RequestContext) => service(ctx, 'agenda.cabinets.read').cabinets(),
    agendaDay: (_: unknown, args: { date: string }, ctx: RequestContext) =>
      service(ctx, 'agenda.appointments.read').day(args.date),
    professionals: async (_: unknown, __: unknown, ctx: RequestContext) =>
      (await service(ctx, 'agenda.appointments.read').professionalIds()).map(userRef),
  },
  Mutation: {
    createCabinet: (_: unknown, args: { input: unknown }, ctx: RequestContext) =>
      service(ctx, 'agenda.cabinets.write').createCabinet(args.input),
    scheduleAppointment: (_: unknown, args: { input: unknown }, ctx: RequestContext) =>
      service(ctx, 'agenda.appointments.write').schedule(args.input),
    transitionAppointment: (_: unknown, args: { id: string; to: string; note?: string }, ctx: RequestContext) =>
      service(ctx, 'agenda.appointments.write').transition(args.id, args.to, args.note),
    assignCabinet: (_: unknown, args: { id: string; cabinetId?: string | null; note?: string }, ctx: RequestContext) =>
      service(ctx, 'agenda.appointments.write').assignCabinet(args.id, args.cabinetId ?? null, args.note),
    rescheduleAppointment: (
      _: unknown,
      args: { id: string; startTime: string; endTime: string },
      ctx: RequestContext,
    ) => service(ctx, 'agenda.appointments.write').reschedule(args.id, args.startTime, args.endTime),
    cancelAppointment: (_: unknown, args: { id: string; note?: string }, ctx: RequestContext) =>
      service(ctx, 'agenda.appointments.write').cancel(args.id, args.note),
  },
  Appointment: {
    __resolveReference: (ref: { id: string }, ctx: RequestContext) =>
      ctx
        .loader<string, Appointment | null>('agenda.appointment', (ids) =>
          service(ctx, 'agenda.appointments.read').getMany(ids),
        )
        .load(ref.id),
    status: (a: Appointment) => toGraphQL(a.status as AppointmentStatus),
    allowedTransitions: (a: Appointment) => allowedFrom(a.status as AppointmentStatus),
    patient: (a: Appointment) => ({ __typename: 'Patient', id: a.patientId }),
    professional: (a: Appointment) => userRef(a.professionalId),
    cabinet: (a: Appointment, _: unknown, ctx: RequestContext) =>
      a.cabinetId ? cabinetLoader(ctx).load(a.cabinetId) : null,
    transitions: (a: Appointment, _: unknown, ctx: RequestContext) =>
      ctx
        .loader<string, AppointmentStatusEvent[]>('agenda.transitions', (ids) =>
          service(ctx, 'agenda.appointments.read').transitionsOf(ids),
        )
        .load(a.id),
    cabinetHistory: (a: Appointment, _: unknown, ctx: RequestContext) =>
      ctx
        .loader<string, AppointmentCabinetEvent[]>('agenda.cabinetHistory', (ids) =>
          service(ctx, 'agenda.appointments.read').cabinetHistoryOf(ids),
        )
        .load(a.id),
  },
  StatusTransition: {
    fromStatus: (e: AppointmentStatusEvent) => (e.fromStatus ? toGraphQL(e.fromStatus as AppointmentStatus) : null),
    toStatus: (e: AppointmentStatusEvent) => toGraphQL(e.toStatus as AppointmentStatus),
    changedBy: (e: AppointmentStatusEvent) => userRef(e.changedBy),
  },
  CabinetChange: {
    fromCabinet: (e: AppointmentCabinetEvent, _: unknown, ctx: RequestContext) =>
      e.fromCabinetId ? cabinetLoader(ctx).load(e.fromCabinetId) : null,
    toCabinet: (e: AppointmentCabinetEvent, _: unknown, ctx: RequestContext) =>
      e.toCabinetId ? cabinetLoader(ctx).load(e.toCabinetId) : null,
    changedBy: (e: AppointmentCabinetEvent) => userRef(e.changedBy),
  },
  Cabinet: {
    __resolveReference: (ref: { id: string }, ctx: RequestContext) => cabinetLoader(ctx).load(ref.id),
  },
};
