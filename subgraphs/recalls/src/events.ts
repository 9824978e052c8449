import { z } from 'zod';
import { eventPayload, type EventDeclaration, type EventHandler } from '@dentalpin/core';
import type { AppointmentRef } from './service/index.ts';
import { RecallsService } from './service/index.ts';
import { contactChannel, contactOutcome, recallPriority, recallReason, recallStatus } from './status.ts';

const graphqlValues = <S extends string>(m: { values: readonly S[]; toGraphQL(s: S): string }) =>
  z.enum(m.values.map((v) => m.toGraphQL(v)) as [string, ...string[]]);

/** Every recall event: enums as GraphQL values, due_month as YYYY-MM. */
const recall = {
  recall_id: z.string().uuid(),
  patient_id: z.string().uuid(),
  reason: graphqlValues(recallReason),
  due_month: z.string(),
  priority: graphqlValues(recallPriority),
  status: graphqlValues(recallStatus),
};
const read = 'read';

export const events: Record<string, EventDeclaration> = {
  'recall.created': { payload: eventPayload(recall), permission: read },
  'recall.contact_logged': {
    payload: eventPayload({
      ...recall,
      channel: graphqlValues(contactChannel),
      outcome: graphqlValues(contactOutcome),
    }),
    permission: read,
  },
  'recall.snoozed': { payload: eventPayload({ ...recall, months: z.number().int() }), permission: read },
  'recall.appointment_linked': {
    payload: eventPayload({ ...recall, appointment_id: z.string().uuid() }),
    permission: read,
  },
  'recall.completed': { payload: eventPayload(recall), permission: read },
  'recall.cancelled': { payload: eventPayload(recall), permission: read },
};

/** Agenda's bookings answer recalls (by event name only: recalls never imports agenda). */
export const eventHandlers: Record<string, EventHandler> = {
  'appointment.scheduled': async (event, ctx) => {
    await new RecallsService(ctx).linkBooking(event.payload as unknown as AppointmentRef);
  },
  'appointment.completed': async (event, ctx) => {
    await new RecallsService(ctx).completeForAppointment((event.payload as { appointment_id: string }).appointment_id);
  },
  'appointment.cancelled': async (event, ctx) => {
    await new RecallsService(ctx).unlinkAppointment((event.payload as { appointment_id: string }).appointment_id);
  },
  'appointment.no_show': async (event, ctx) => {
    await new RecallsService(ctx).unlinkAppointment((event.payload as { appointment_id: string }).appointment_id);
  },
  'patient.archived': async (event, ctx) => {
    await new RecallsService(ctx).reviewForArchivedPatient((event.payload as { patient_id: string }).patient_id);
  },
};
