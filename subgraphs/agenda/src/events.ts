import { z } from 'zod';
import { eventPayload, type EventDeclaration, type EventHandler } from '@dentalpin/core';

const uuid = z.string().uuid();
const status = z.enum(['SCHEDULED', 'CONFIRMED', 'CHECKED_IN', 'IN_TREATMENT', 'COMPLETED', 'CANCELLED', 'NO_SHOW']);
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

export const DEFAULT_CABINET = { name: 'Room 1', color: '#3B82F6' };

/** A default cabinet for a clinic that has none (idempotent: a clinic with cabinets is left alone). */
export async function ensureDefaultCabinet(
  conn: { execute: (sql: string, params: unknown[], method: 'run') => Promise<unknown> },
  clinicId: string,
): Promise<void> {
  await conn.execute(
    `insert into cabinets (id, clinic_id, name, color, display_order)
     select gen_random_uuid(), ?, ?, ?, 1
     where not exists (select 1 from cabinets where clinic_id = ?)
     on conflict (clinic_id, name) do nothing`,
    [clinicId, DEFAULT_CABINET.name, DEFAULT_CABINET.color, clinicId],
    'run',
  );
}

export const eventHandlers: Record<string, EventHandler> = {
  'clinic.created': async (event, ctx) => {
    const conn = ctx.em.getConnection();
    const trx = ctx.em.getTransactionContext();
    await ensureDefaultCabinet(
      { execute: (sql, params, method) => conn.execute(sql, params as never[], method, trx) },
      event.clinicId,
    );
  },
};
