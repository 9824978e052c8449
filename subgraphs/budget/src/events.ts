import { z } from 'zod';
import { eventPayload, type EventDeclaration } from '@dentalpin/core';

const uuid = z.string().uuid();
const money = z.string().regex(/^\d+\.\d{2}$/);
const budget = { budget_id: uuid, patient_id: uuid, budget_number: z.string(), budget_version: z.number().int() };
const read = 'read';

/** Events this module owns; every payload carries budget_id, patient_id and budget_number (snake_case). */
export const events: Record<string, EventDeclaration> = {
  'budget.sent': {
    payload: eventPayload({ ...budget, total: money, valid_until: z.string(), sent_by: uuid.nullable() }),
    permission: read,
  },
  'budget.accepted': {
    payload: eventPayload({
      ...budget,
      total: money,
      accepted_by: uuid.nullable(),
      accepted_via: z.enum(['in_clinic', 'remote_link', 'manual']),
      items: z.array(
        z.object({ budget_item_id: uuid, catalog_item_id: uuid, quantity: z.number().int(), net_amount: money }),
      ),
    }),
    permission: read,
  },
  'budget.rejected': {
    payload: eventPayload({
      ...budget,
      reason: z.string().nullable(),
      note: z.string().nullable(),
      rejected_by: uuid.nullable(),
    }),
    permission: read,
  },
  'budget.expired': {
    payload: eventPayload({ ...budget, valid_until: z.string() }),
    permission: read,
  },
  'budget.cancelled': {
    payload: eventPayload({ ...budget, reason: z.string().nullable(), cancelled_by: uuid.nullable() }),
    permission: read,
  },
};
