import { z } from 'zod';
import { eventPayload, type EventDeclaration } from '@dentalpin/core';
import { relationshipType } from './status.ts';

const type = z.enum(relationshipType.values.map((v) => relationshipType.toGraphQL(v)) as [string, ...string[]]);

/** Every link event: relationship_type is what related_patient_id is to patient_id; inverse_type the other way. */
const link = {
  relationship_id: z.string().uuid(),
  patient_id: z.string().uuid(),
  related_patient_id: z.string().uuid(),
  relationship_type: type,
  inverse_type: type,
  /** Shown on the patient's timeline entry; null when the other patient could not be read. */
  related_patient_name: z.string().nullable(),
};

export const events: Record<string, EventDeclaration> = {
  'patient_relationship.created': { payload: eventPayload(link), permission: 'read' },
  'patient_relationship.updated': { payload: eventPayload(link), permission: 'read' },
  'patient_relationship.removed': { payload: eventPayload(link), permission: 'read' },
};
