import { z } from 'zod';
import { eventPayload, type EventDeclaration, type EventHandler } from '@dentalpin/core';
import { ensureDefaultHours } from './service/index.ts';

const uuid = z.string().uuid();
const override = eventPayload({
  override_id: uuid,
  scope: z.enum(['CLINIC', 'PROFESSIONAL']),
  user_id: uuid.nullable(),
  kind: z.enum(['CLOSED', 'CUSTOM_HOURS']),
  start_date: z.string(),
  end_date: z.string(),
  reason: z.string().nullable(),
});

/** Events this module owns; the permission is who may see them through the `events` subscription. */
export const events: Record<string, EventDeclaration> = {
  'schedules.clinic_hours_changed': {
    payload: eventPayload({ shift_count: z.number().int() }),
    permission: 'clinic_hours.read',
  },
  'schedules.professional_hours_changed': {
    payload: eventPayload({ user_id: uuid, shift_count: z.number().int() }),
    permission: 'availability.read',
  },
  'schedules.override_added': { payload: override, permission: 'availability.read' },
  'schedules.override_removed': { payload: override, permission: 'availability.read' },
};

/** A clinic created later gets the default hours too (idempotent: a redelivery changes nothing). */
export const eventHandlers: Record<string, EventHandler> = {
  'clinic.created': (event, ctx) => ensureDefaultHours(ctx.em, event.clinicId),
};
