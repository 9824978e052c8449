import { z } from 'zod';
import { eventPayload, type EventDeclaration } from '@dentalpin/core';

const conditionChange = z.object({
  change_type: z.string(),
  surface: z.string().nullable(),
  old_condition: z.string().nullable(),
  new_condition: z.string().nullable(),
});

/** Every treatment event names the treatment, its type, teeth and price (the total for all its teeth, net). */
const treatment = {
  patient_id: z.string().uuid(),
  treatment_id: z.string().uuid(),
  clinical_type: z.string(),
  status: z.string(),
  catalog_item_id: z.string().uuid().nullable(),
  tooth_numbers: z.array(z.number().int()),
  price: z.string().nullable(),
};

/** Events this module owns; treatment plans and the timeline consume the treatment ones. */
export const events: Record<string, EventDeclaration> = {
  /** One per setToothCondition that changed something: every field changed, as in the tooth's history. */
  'odontogram.tooth.updated': {
    payload: eventPayload({
      patient_id: z.string().uuid(),
      tooth_number: z.number().int(),
      changes: z.array(conditionChange),
      changed_by: z.string().uuid(),
    }),
    permission: 'read',
  },
  'odontogram.treatment.planned': { payload: eventPayload(treatment), permission: 'treatments.read' },
  /** Performed later (previous_status "planned") or recorded as already performed (previous_status null). */
  'odontogram.treatment.performed': {
    payload: eventPayload({
      ...treatment,
      performed_by: z.string().uuid(),
      performed_at: z.string(),
      previous_status: z.string().nullable(),
    }),
    permission: 'treatments.read',
  },
  'odontogram.treatment.deleted': {
    payload: eventPayload({ ...treatment, deleted_by: z.string().uuid() }),
    permission: 'treatments.read',
  },
};
