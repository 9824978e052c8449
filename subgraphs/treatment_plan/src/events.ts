import { z } from 'zod';
import { eventPayload, type EventDeclaration, type EventHandler } from '@dentalpin/core';
import { BUDGET_CLOSURES, TreatmentPlanService } from './service/index.ts';
import { closureReason, planStatus } from './status.ts';

const uuid = z.string().uuid();
const statusName = z.enum(planStatus.values.map((v) => planStatus.toGraphQL(v)) as [string, ...string[]]);
const reasonName = z.enum(closureReason.values.map((v) => closureReason.toGraphQL(v)) as [string, ...string[]]);
/** Every plan event: plan_id, patient_id and plan_number (statuses and reasons as GraphQL names). */
const plan = { plan_id: uuid, patient_id: uuid, plan_number: z.string() };
const read = 'read';

export const events: Record<string, EventDeclaration> = {
  'treatment_plan.created': { payload: eventPayload({ ...plan, title: z.string().nullable() }), permission: read },
  'treatment_plan.item_added': {
    payload: eventPayload({ ...plan, item_id: uuid, treatment_id: uuid }),
    permission: read,
  },
  'treatment_plan.status_changed': {
    payload: eventPayload({ ...plan, old_status: statusName, new_status: statusName }),
    permission: read,
  },
  'treatment_plan.confirmed': {
    payload: eventPayload({ ...plan, budget_id: uuid, confirmed_at: z.string(), confirmed_by: uuid }),
    permission: read,
  },
  'treatment_plan.closed': {
    payload: eventPayload({
      ...plan,
      closure_reason: reasonName,
      closure_note: z.string().nullable(),
      previous_status: statusName,
      closed_by: uuid,
    }),
    permission: read,
  },
  'treatment_plan.reactivated': {
    payload: eventPayload({ ...plan, previous_closure_reason: reasonName.nullable(), reactivated_by: uuid }),
    permission: read,
  },
  'treatment_plan.session_booked': {
    payload: eventPayload({ ...plan, item_id: uuid, session_id: uuid, appointment_id: uuid.nullable() }),
    permission: read,
  },
  'treatment_plan.session_completed': {
    payload: eventPayload({
      ...plan,
      item_id: uuid,
      session_id: uuid,
      sequence: z.number().int(),
      treatment_id: uuid,
      appointment_id: uuid.nullable(),
    }),
    permission: read,
  },
  'treatment_plan.item_completed': {
    payload: eventPayload({ ...plan, item_id: uuid, treatment_id: uuid }),
    permission: read,
  },
};

const budgetAnswer: EventHandler = async (event, ctx) => {
  await new TreatmentPlanService(ctx).budgetAnswered((event.payload as { budget_id: string }).budget_id, event.type);
};

/** Budget's answers, odontogram's performed treatments and agenda's completed visits move plans (by event name only: no imports). */
export const eventHandlers: Record<string, EventHandler> = {
  'budget.accepted': budgetAnswer,
  ...Object.fromEntries(Object.keys(BUDGET_CLOSURES).map((type) => [type, budgetAnswer])),
  'odontogram.treatment.performed': async (event, ctx) => {
    await new TreatmentPlanService(ctx).treatmentPerformed((event.payload as { treatment_id: string }).treatment_id);
  },
  'appointment.completed': async (event, ctx) => {
    await new TreatmentPlanService(ctx).appointmentCompleted(
      (event.payload as { appointment_id: string }).appointment_id,
    );
  },
};
