import { z } from 'zod';
import type { EventDeclaration } from '@dentalpin/core';
import type { MedicalSection } from './entities.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Payload of `patient.medical_updated` (as the original: snake_case keys), published once per change
 * of any section. Events in: none.
 */
export const medicalUpdatedPayload = z.object({
  patient_id: z.string().regex(UUID),
  clinic_id: z.string().regex(UUID),
  user_id: z.string().regex(UUID),
  section: z.enum([
    'medical_context',
    'allergy',
    'medication',
    'systemic_disease',
    'surgical_procedure',
    'emergency_contact',
    'legal_guardian',
  ]),
  summary: z.string(),
});

export type MedicalUpdatedEvent = z.infer<typeof medicalUpdatedPayload> & { section: MedicalSection };

/** Events this module owns. */
export const events: Record<string, EventDeclaration> = {
  'patient.medical_updated': { payload: medicalUpdatedPayload, permission: 'medical.read' },
};
