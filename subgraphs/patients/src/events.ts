import { z } from 'zod';
import { eventPayload, type EventDeclaration } from '@dentalpin/core';

const patient = { patient_id: z.string().uuid() };

/** Events this module owns (payloads as in the original's catalogue). */
export const events: Record<string, EventDeclaration> = {
  'patient.created': { payload: eventPayload(patient), permission: 'read' },
  /** `changes`: the names of the fields that changed. */
  'patient.updated': { payload: eventPayload({ ...patient, changes: z.array(z.string()) }), permission: 'read' },
  'patient.archived': { payload: eventPayload(patient), permission: 'read' },
};
