import { z } from 'zod';
import { uuid, type EventDeclaration } from '@dentalpin/core';
import type { MedicalSection } from './entities.ts';
import { medicalSection } from './status.ts';

/**
 * Payload of `patient.medical_updated` (as the original: snake_case keys), published once per change
 * of any section. Events in: none.
 */
export const medicalUpdatedPayload = z.object({
  patient_id: uuid(),
  clinic_id: uuid(),
  user_id: uuid(),
  section: z.enum(medicalSection.values),
  summary: z.string(),
});

export type MedicalUpdatedEvent = z.infer<typeof medicalUpdatedPayload> & { section: MedicalSection };

/** Events this module owns. */
export const events: Record<string, EventDeclaration> = {
  'patient.medical_updated': { payload: medicalUpdatedPayload, permission: 'medical.read' },
};
