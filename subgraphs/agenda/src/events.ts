import { z } from 'zod';
import { eventPayload, type EventDeclaration, type EventHandler } from '@dentalpin/core';
import { ensureDefaultCabinet } from './service/cabinets.ts';
import { appointmentStatus } from './status.ts';

const uuid = z.string().uuid();
/** Statuses in payloads are the GraphQL values (`CHECKED_IN`). */
const status = z.enum(appointmentStatus.values.map(appointmentStatus.toGraphQL));
const appointment = {
  appointment_id: uuid,
  patient_id: uuid,
  professional_id: uuid,
  start_time: z.string(),
  end_time: z.string(),
};
const transition = eventPayload({
  ...appointment,
  treatment_type: z.string().nullable(),
  cabinet: z.string().nullable(),
  cabinet_id: uuid.nullable(),
  from_status: status,
  to_status: status,
  changed_at: z.string(),
  changed_by: uuid.nullable(),
  note: z.string().nullable(),
});

/** The specific event published (after `appointment.status_changed`) for each target status. */
export const STATUS_EVENTS = {
  confirmed: 'appointment.confirmed',
  checked_in: 'appointment.checked_in',
  in_treatment: 'appointment.in_treatment',
  completed: 'appointment.completed',
  cancelled: 'appointment.cancelled',
  no_show: 'appointment.no_show',
} as const;

const read = 'appointments.read';

/** Events this module owns (payloads as in the original's catalogue, plus start/end on every one). */
export const events: Record<string, EventDeclaration> = {
  'appointment.scheduled': {
    payload: eventPayload({
      ...appointment,
      treatment_type: z.string().nullable(),
      cabinet: z.string().nullable(),
      cabinet_id: uuid.nullable(),
    }),
    permission: read,
  },
  'appointment.updated': {
    payload: eventPayload({ ...appointment, changes: z.array(z.string()) }),
    permission: read,
  },
  'appointment.status_changed': { payload: transition, permission: read },
  ...Object.fromEntries(Object.values(STATUS_EVENTS).map((type) => [type, { payload: transition, permission: read }])),
  'appointment.cabinet_changed': {
    payload: eventPayload({
      ...appointment,
      from_cabinet_id: uuid.nullable(),
      to_cabinet_id: uuid.nullable(),
      changed_at: z.string(),
      changed_by: uuid.nullable(),
      note: z.string().nullable(),
    }),
    permission: read,
  },
};

/** Agenda changes a board shows: everything but the generic status_changed (its specific twin is enough). */
export const AGENDA_CHANGE_EVENTS = [
  'appointment.scheduled',
  'appointment.updated',
  'appointment.cabinet_changed',
  ...Object.values(STATUS_EVENTS),
];

export const eventHandlers: Record<string, EventHandler> = {
  'clinic.created': (event, ctx) => ensureDefaultCabinet(ctx.em, event.clinicId),
};
