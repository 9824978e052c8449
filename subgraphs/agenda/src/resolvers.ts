import { authorize, WallClockDateTime, type RequestContext } from '@dentalpin/core';
import type { Appointment, AppointmentCabinetEvent, AppointmentStatusEvent, Cabinet } from './entities.ts';
import { enumResolvers, type Resolvers } from './generated/graphql.ts';
import { AgendaService, CabinetService } from './service/index.ts';
import { appointmentStatus, type AppointmentStatus } from './status.ts';

const cabinetById = (id: string, ctx: RequestContext) =>
  ctx
    .loader<string, Cabinet | null>('agenda.cabinet', (ids) =>
      new CabinetService(authorize(ctx, 'agenda.appointments.read')).byIds(ids),
    )
    .load(id);
const userRef = (id: string) => ({ __typename: 'User' as const, id });

export const resolvers: Resolvers = {
  // GraphQL's SCHEDULED… are the stored scheduled…: resolvers never convert case.
  ...enumResolvers,
  DateTime: WallClockDateTime,
  Query: {
    appointments: (_, args, ctx) => new AgendaService(authorize(ctx, 'agenda.appointments.read')).list(args),
    appointment: (_, args, ctx) => new AgendaService(authorize(ctx, 'agenda.appointments.read')).get(args.id),
    cabinets: (_, __, ctx) => new CabinetService(authorize(ctx, 'agenda.cabinets.read')).list(),
    agendaDay: (_, args, ctx) => new AgendaService(authorize(ctx, 'agenda.appointments.read')).day(args.date),
    professionals: async (_, __, ctx) =>
      (await new AgendaService(authorize(ctx, 'agenda.appointments.read')).professionalIds()).map(userRef),
  },
  Mutation: {
    createCabinet: (_, args, ctx) => new CabinetService(authorize(ctx, 'agenda.cabinets.write')).create(args.input),
    scheduleAppointment: (_, args, ctx) =>
      new AgendaService(authorize(ctx, 'agenda.appointments.write')).schedule(args.input),
    transitionAppointment: (_, args, ctx) =>
      new AgendaService(authorize(ctx, 'agenda.appointments.write')).transition(args.id, args.to, args.note),
    assignCabinet: (_, args, ctx) =>
      new AgendaService(authorize(ctx, 'agenda.appointments.write')).assignCabinet(
        args.id,
        args.cabinetId ?? null,
        args.note,
      ),
    rescheduleAppointment: (_, args, ctx) =>
      new AgendaService(authorize(ctx, 'agenda.appointments.write')).reschedule(
        args.id,
        args.startTime,
        args.endTime,
        // Omitted keeps the cabinet; an explicit null unassigns it.
        'cabinetId' in args ? (args.cabinetId ?? null) : undefined,
      ),
    cancelAppointment: (_, args, ctx) =>
      new AgendaService(authorize(ctx, 'agenda.appointments.write')).cancel(args.id, args.note),
  },
  Appointment: {
    __resolveReference: (ref, ctx) =>
      ctx
        .loader<string, Appointment | null>('agenda.appointment', (ids) =>
          new AgendaService(authorize(ctx, 'agenda.appointments.read')).getMany(ids),
        )
        .load(ref.id),
    // Stored values, like every enum a resolver returns (GraphQL shows them UPPER).
    allowedTransitions: (a) => {
      const from: AppointmentStatus = a.status;
      return [...appointmentStatus.transitions[from]];
    },
    patient: (a) => ({ __typename: 'Patient', id: a.patientId }),
    professional: (a) => userRef(a.professionalId),
    cabinet: (a, _, ctx) => (a.cabinetId ? cabinetById(a.cabinetId, ctx) : null),
    transitions: (a, _, ctx) =>
      ctx
        .loader<string, AppointmentStatusEvent[]>('agenda.transitions', (ids) =>
          new AgendaService(authorize(ctx, 'agenda.appointments.read')).transitionsOf(ids),
        )
        .load(a.id),
    cabinetHistory: (a, _, ctx) =>
      ctx
        .loader<string, AppointmentCabinetEvent[]>('agenda.cabinetHistory', (ids) =>
          new AgendaService(authorize(ctx, 'agenda.appointments.read')).cabinetHistoryOf(ids),
        )
        .load(a.id),
  },
  StatusTransition: {
    changedBy: (e) => (e.changedBy ? userRef(e.changedBy) : null),
  },
  CabinetChange: {
    fromCabinet: (e, _, ctx) => (e.fromCabinetId ? cabinetById(e.fromCabinetId, ctx) : null),
    toCabinet: (e, _, ctx) => (e.toCabinetId ? cabinetById(e.toCabinetId, ctx) : null),
    changedBy: (e) => (e.changedBy ? userRef(e.changedBy) : null),
  },
  Cabinet: {
    __resolveReference: (ref, ctx) => cabinetById(ref.id, ctx),
  },
};
