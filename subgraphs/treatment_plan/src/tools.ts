import { z } from 'zod';
import { defineTool, notFound, type Tool } from '@dentalpin/core';
import type { TreatmentPlan } from './entities.ts';
import {
  addItemInput,
  closePlanInput,
  createPlanInput,
  linkSessionInput,
  listPlansInput,
  planId,
  planItemId,
  planSessionId,
  setSessionsInput,
} from './inputs.ts';
import { TreatmentPlanService } from './service/index.ts';
import { closureReason, itemStatus, planStatus } from './status.ts';

/** How a plan looks to an agent (GraphQL enum names), with its items and their sessions (visits). */
const view = async (service: TreatmentPlanService, p: TreatmentPlan) => {
  const [items = []] = await service.itemsOf([p.id]);
  const sessions = await service.sessionsOf(items.map((i) => i.id));
  return {
    id: p.id,
    number: p.number,
    title: p.title ?? null,
    patientId: p.patientId,
    status: planStatus.toGraphQL(p.status),
    allowedNextStatuses: planStatus.allowedFrom(p.status),
    budgetId: p.budgetId ?? null,
    closureReason: p.closureReason ? closureReason.toGraphQL(p.closureReason) : null,
    closureNote: p.closureNote ?? null,
    items: items.map((i, n) => ({
      id: i.id,
      treatmentId: i.treatmentId,
      sequence: i.sequence,
      status: itemStatus.toGraphQL(i.status),
      sessions: (sessions[n] ?? []).map((x) => ({
        id: x.id,
        sequence: x.sequence,
        status: itemStatus.toGraphQL(x.status),
        appointmentId: x.appointmentId ?? null,
      })),
    })),
  };
};

/** The transition table in prose, from the one table (never a copy). */
const transitionsProse = planStatus.values
  .map((from) =>
    planStatus.isFinal(from)
      ? `${planStatus.toGraphQL(from)} is final`
      : `${planStatus.toGraphQL(from)} → ${planStatus.allowedFrom(from).join(' | ')}`,
  )
  .join('; ');

/** A GraphQL enum name parameter (CLOSED) read into its stored value (closed). */
const enumParam = <S extends string>(
  m: { values: readonly S[]; toGraphQL(s: S): string; fromGraphQL(s: string): S },
  what: string,
) =>
  z
    .enum(m.values.map((v) => m.toGraphQL(v)) as [string, ...string[]])
    .transform((v) => m.fromGraphQL(v))
    .describe(what);

const id = planId.describe('The treatment plan id (from list_treatment_plans).');
const ERRORS = "NOT_FOUND (unknown id or another clinic's plan)";

const listPlans = defineTool({
  name: 'list_treatment_plans',
  description:
    'Treatment plans of the current clinic, newest first, optionally of one patient and in some statuses ' +
    `(DRAFT, PENDING, ACTIVE, COMPLETED, ARCHIVED, CLOSED). Transitions: ${transitionsProse}. Returns [{ id, ` +
    'number, title, patientId, status, allowedNextStatuses, budgetId, closureReason, closureNote, items[{ id, ' +
    'treatmentId, sequence, status, sessions[{ id, sequence, status, appointmentId }] }] }]. Errors: BAD_USER_INPUT.',
  parameters: z.strictObject({
    patientId: listPlansInput.shape.patientId.unwrap().unwrap().optional(),
    status: z.array(enumParam(planStatus, 'A plan status.')).optional().describe('Only these statuses.'),
  }),
  permissions: ['treatment_plan.read'],
  category: 'READ',
  async handler(ctx, params) {
    const service = new TreatmentPlanService(ctx);
    return Promise.all((await service.list(params)).map((p) => view(service, p)));
  },
});

const getPlan = defineTool({
  name: 'get_treatment_plan',
  description: `One treatment plan with its items (same shape as list_treatment_plans). Errors: ${ERRORS}.`,
  parameters: z.strictObject({ id }),
  permissions: ['treatment_plan.read'],
  category: 'READ',
  async handler(ctx, params) {
    const service = new TreatmentPlanService(ctx);
    const plan = await service.get(params.id);
    if (!plan) throw notFound('TreatmentPlan', params.id);
    return view(service, plan);
  },
});

const createPlan = defineTool({
  name: 'create_treatment_plan',
  description:
    "Start a DRAFT treatment plan for a patient of the current clinic grouping that patient's odontogram " +
    'treatments (treatmentIds, from odontogram tools). It does not quote anything: confirm_treatment_plan makes ' +
    'the budget. Returns the plan. Errors: NOT_FOUND (patient or treatment not in this clinic), BAD_USER_INPUT ' +
    "(another patient's treatment, archived patient).",
  parameters: z.strictObject({
    patientId: createPlanInput.shape.patientId,
    title: createPlanInput.shape.title.unwrap().unwrap().optional(),
    treatmentIds: createPlanInput.shape.treatmentIds.unwrap().unwrap().optional(),
  }),
  permissions: ['treatment_plan.write'],
  category: 'WRITE',
  graphqlMutations: ['createTreatmentPlan'],
  async handler(ctx, params) {
    const service = new TreatmentPlanService(ctx);
    return view(service, await service.create(params));
  },
});

const addItem = defineTool({
  name: 'add_plan_item',
  description:
    "Add one odontogram treatment of the plan's patient to a DRAFT, PENDING or ACTIVE plan. Returns the plan. " +
    `Errors: ${ERRORS}, CONFLICT (plan finished, treatment already in it, or its budget SENT/ACCEPTED: ` +
    'renegotiate the budget first), BAD_USER_INPUT.',
  parameters: z.strictObject({ planId: addItemInput.shape.planId, treatmentId: addItemInput.shape.treatmentId }),
  permissions: ['treatment_plan.write'],
  category: 'WRITE',
  graphqlMutations: ['addPlanItem'],
  async handler(ctx, params) {
    const service = new TreatmentPlanService(ctx);
    return view(service, await service.addItem(params));
  },
});

const confirmPlan = defineTool({
  name: 'confirm_treatment_plan',
  description:
    "DRAFT → PENDING: creates the plan's budget (a DRAFT budget, one line per pending item at the treatment's " +
    'price) as the caller; the patient accepting that budget makes the plan ACTIVE. If the budget cannot be ' +
    `made the plan stays DRAFT. Returns the plan. Errors: ${ERRORS}, INVALID_TRANSITION (not DRAFT), ` +
    'BAD_USER_INPUT (no items, a treatment without catalog item).',
  parameters: z.strictObject({ id }),
  permissions: ['treatment_plan.confirm', 'budget.write'],
  category: 'WRITE',
  graphqlMutations: ['confirmTreatmentPlan'],
  async handler(ctx, params) {
    const service = new TreatmentPlanService(ctx);
    return view(service, await service.confirm(params.id));
  },
});

const closePlan = defineTool({
  name: 'close_treatment_plan',
  description:
    'Close a DRAFT, PENDING or ACTIVE plan with a reason: REJECTED_BY_PATIENT, EXPIRED, CANCELLED_BY_CLINIC, ' +
    'PATIENT_ABANDONED or OTHER, and an optional note. It can be reactivated later. Returns the plan. ' +
    `Errors: ${ERRORS}, INVALID_TRANSITION.`,
  parameters: z.strictObject({
    id,
    reason: enumParam(closureReason, 'Why the plan is closed.'),
    note: closePlanInput.shape.note.unwrap().unwrap().optional(),
  }),
  permissions: ['treatment_plan.close'],
  category: 'WRITE',
  graphqlMutations: ['closeTreatmentPlan'],
  async handler(ctx, params) {
    const service = new TreatmentPlanService(ctx);
    return view(service, await service.close(params));
  },
});

const reactivatePlan = defineTool({
  name: 'reactivate_treatment_plan',
  description:
    'CLOSED → DRAFT: the closure is cleared and the plan can be edited and confirmed again (a new budget). ' +
    `Returns the plan. Errors: ${ERRORS}, INVALID_TRANSITION (not CLOSED).`,
  parameters: z.strictObject({ id }),
  permissions: ['treatment_plan.reactivate'],
  category: 'WRITE',
  graphqlMutations: ['reactivateTreatmentPlan'],
  async handler(ctx, params) {
    const service = new TreatmentPlanService(ctx);
    return view(service, await service.reactivate(params.id));
  },
});

const completeItem = defineTool({
  name: 'complete_plan_item',
  description:
    'Mark one item of an ACTIVE plan completed (by the item id from get_treatment_plan): its pending sessions are ' +
    'completed and its odontogram treatment performed; completing the last pending item completes the plan. ' +
    'Performing the treatment in the odontogram completes its item by itself. ' +
    "Returns the plan. Errors: NOT_FOUND (unknown item or another clinic's), CONFLICT (plan not ACTIVE, item " +
    'not PENDING).',
  parameters: z.strictObject({ id: planItemId.describe('The plan item id.') }),
  permissions: ['treatment_plan.complete', 'odontogram.treatments.write'],
  category: 'WRITE',
  graphqlMutations: ['completePlanItem'],
  async handler(ctx, params) {
    const service = new TreatmentPlanService(ctx);
    return view(service, await service.completeItem(params.id));
  },
});

const archivePlan = defineTool({
  name: 'archive_treatment_plan',
  description:
    'COMPLETED → ARCHIVED: a finished plan leaves the pipeline (it is kept and still listed). Returns the plan. ' +
    `Errors: ${ERRORS}, INVALID_TRANSITION (not COMPLETED).`,
  parameters: z.strictObject({ id }),
  permissions: ['treatment_plan.close'],
  category: 'WRITE',
  graphqlMutations: ['archiveTreatmentPlan'],
  async handler(ctx, params) {
    const service = new TreatmentPlanService(ctx);
    return view(service, await service.archive(params.id));
  },
});

const setItemSessions = defineTool({
  name: 'set_plan_item_sessions',
  description:
    'How many visits (1–20) an item of a plan takes. Growing appends visits; shrinking removes exactly the visits ' +
    'named in remove (session ids from get_treatment_plan, pending and unbooked), the others keep their numbers. ' +
    `Returns the plan. Errors: ${ERRORS}, CONFLICT (plan locked by its sent/accepted budget, or a named visit is ` +
    'booked or completed).',
  parameters: z.strictObject({
    itemId: setSessionsInput.shape.itemId,
    count: setSessionsInput.shape.count,
    remove: setSessionsInput.shape.remove.describe('The session ids to remove when the count goes down.'),
  }),
  permissions: ['treatment_plan.write'],
  category: 'WRITE',
  graphqlMutations: ['setPlanItemSessions'],
  async handler(ctx, params) {
    const service = new TreatmentPlanService(ctx);
    return view(service, await service.setSessions(params));
  },
});

const linkSessionAppointment = defineTool({
  name: 'link_plan_session_appointment',
  description:
    "Books one visit of a plan item on an appointment of the plan's patient (appointmentId null unbooks it); " +
    'completing that appointment completes the visit. Returns the plan. ' +
    `Errors: ${ERRORS}, CONFLICT (visit already done).`,
  parameters: z.strictObject({
    sessionId: linkSessionInput.shape.sessionId,
    appointmentId: linkSessionInput.shape.appointmentId,
  }),
  permissions: ['treatment_plan.write'],
  category: 'WRITE',
  graphqlMutations: ['linkPlanSessionAppointment'],
  async handler(ctx, params) {
    const service = new TreatmentPlanService(ctx);
    return view(service, await service.linkSession(params));
  },
});

const completeSession = defineTool({
  name: 'complete_plan_session',
  description:
    "Marks one visit of an ACTIVE plan's item done; the item's last visit completes the item and performs its " +
    'odontogram treatment. Returns the plan. Errors: NOT_FOUND, CONFLICT (plan not ACTIVE, visit already done).',
  parameters: z.strictObject({ id: planSessionId.describe('The plan session (visit) id.') }),
  permissions: ['treatment_plan.complete', 'odontogram.treatments.write'],
  category: 'WRITE',
  graphqlMutations: ['completePlanSession'],
  async handler(ctx, params) {
    const service = new TreatmentPlanService(ctx);
    return view(service, await service.completeSession(params.id));
  },
});

export const tools: Tool[] = [
  setItemSessions,
  linkSessionAppointment,
  completeSession,
  archivePlan,
  listPlans,
  getPlan,
  createPlan,
  addItem,
  confirmPlan,
  closePlan,
  reactivatePlan,
  completeItem,
] as Tool[];
