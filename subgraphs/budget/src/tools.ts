import { z } from 'zod';
import { defineTool, enumNames, notFound, type Tool } from '@dentalpin/core';
import type { Budget, BudgetItem } from './entities.ts';
import { enumResolvers } from './generated/graphql.ts';
import { ACCEPTED_VIA, createInput, itemInput, listInput } from './inputs.ts';
import { BudgetService } from './service/index.ts';
import { actionsFrom, budgetStatus, type BudgetStatus } from './status.ts';

/** Agents name statuses and discount types as the API does (PERCENTAGE); the service takes stored values. */
const statuses = enumNames(enumResolvers.BudgetStatus);
const discountTypes = enumNames(enumResolvers.BudgetDiscountType);
const discountTypeParameter = z.enum(discountTypes.names).transform(discountTypes.stored);

/** How a budget looks to an agent: header, totals, what may happen next, and (when loaded) its lines. */
const view = (b: Budget, items?: BudgetItem[]) => ({
  id: b.id,
  number: b.number,
  version: b.version,
  status: budgetStatus.toGraphQL(b.status),
  allowedActions: actionsFrom(b.status),
  patientId: b.patientId,
  professionalId: b.professionalId ?? null,
  validFrom: b.validFrom,
  validUntil: b.validUntil,
  subtotal: b.subtotal,
  totalDiscount: b.totalDiscount,
  totalTax: b.totalTax,
  total: b.total,
  ...(items
    ? {
        items: items.map((i) => ({
          id: i.id,
          catalogItemId: i.catalogItemId,
          description: i.description,
          quantity: i.quantity,
          unitPrice: i.unitPrice,
          netAmount: i.netAmount,
          taxAmount: i.taxAmount,
          total: i.total,
          teeth: i.teeth,
        })),
      }
    : {}),
});
const full = async (svc: BudgetService, b: Budget) => view(b, (await svc.itemsOf([b.id]))[0]);

/** The workflow, rendered from THE transition table (never a copy). */
const workflowProse = () =>
  budgetStatus.values
    .map((from) =>
      budgetStatus.isFinal(from)
        ? `${budgetStatus.toGraphQL(from)} is final`
        : `${budgetStatus.toGraphQL(from)} → ${budgetStatus.allowedFrom(from).join(' | ')}`,
    )
    .join('; ');
const allowedTo = (to: BudgetStatus) =>
  budgetStatus.values
    .filter((s) => budgetStatus.can(s, to))
    .map(budgetStatus.toGraphQL)
    .join(', ');

const budgetId = z.string().describe('The budget id (from list_budgets or create_budget).');
const RETURNS =
  'Returns { id, number, version, status, allowedActions, patientId, professionalId, validFrom, ' +
  'validUntil, subtotal, totalDiscount, totalTax, total (decimal strings), items: [{ id, catalogItemId, ' +
  'description, quantity, unitPrice, netAmount, taxAmount, total, teeth }] }.';

const listBudgets = defineTool({
  name: 'list_budgets',
  description:
    'Budgets (treatment quotes) of the current clinic, newest first, optionally of one patient and/or in some ' +
    `statuses (${statuses.names.join(', ')}). Returns { total, page, pageSize, budgets: [{ id, ` +
    'number, version, status, allowedActions, patientId, professionalId, validFrom, validUntil, subtotal, ' +
    'totalDiscount, totalTax, total }] } (no lines; use get_budget). Errors: BAD_USER_INPUT.',
  parameters: z.strictObject({
    patientId: listInput.shape.patientId.describe('Only this patient (patients.search_patients finds the id).'),
    status: z.array(z.enum(statuses.names).transform(statuses.stored)).optional().describe('Only these statuses.'),
    page: z.number().int().min(1).optional().describe('Page, from 1 (default 1).'),
    pageSize: z.number().int().min(1).max(100).optional().describe('Budgets per page, up to 100 (default 20).'),
  }),
  permissions: ['budget.read'],
  category: 'READ',
  async handler(ctx, params) {
    const page = await new BudgetService(ctx).list(params);
    return { total: page.total, page: page.page, pageSize: page.pageSize, budgets: page.items.map((b) => view(b)) };
  },
});

const getBudget = defineTool({
  name: 'get_budget',
  description: `One budget of the current clinic by id, with its lines. ${RETURNS} Errors: NOT_FOUND, BAD_USER_INPUT.`,
  parameters: z.strictObject({ budgetId }),
  permissions: ['budget.read'],
  category: 'READ',
  async handler(ctx, params) {
    const svc = new BudgetService(ctx);
    const budget = await svc.get(params.budgetId);
    if (!budget) throw notFound('Budget', params.budgetId);
    return full(svc, budget);
  },
});

const createBudget = defineTool({
  name: 'create_budget',
  description:
    'Create a DRAFT budget for a patient of the current clinic. Each line names a catalog item ' +
    '(catalog.list_catalog_items finds ids); its price comes from the catalog (teeth for per-tooth items, ' +
    "surfaces for per-surface items, the professional's role for per-role items) unless unitPrice is given. " +
    'Optional discounts per line and globally: PERCENTAGE (0-100) or ABSOLUTE (not above the amount). The ' +
    `budget is valid 30 days unless validUntil (YYYY-MM-DD) is given. ${RETURNS} Errors: NOT_FOUND (patient or ` +
    'catalog item), CONFLICT (archived patient), BAD_USER_INPUT (bad discount, missing teeth, inactive item).',
  parameters: z.strictObject({
    patientId: createInput.shape.patientId.describe('The patient id.'),
    professionalId: createInput.shape.professionalId.describe('The treating professional (user id), optional.'),
    validUntil: createInput.shape.validUntil.describe('Last valid day, YYYY-MM-DD (optional).'),
    globalDiscountType: discountTypeParameter.nullish().describe('PERCENTAGE or ABSOLUTE (optional).'),
    globalDiscountValue: z.string().nullish().describe('The global discount as a decimal string, e.g. "10".'),
    notes: z.string().max(5000).nullish().describe('Notes (optional).'),
    items: z
      .array(
        z.strictObject({
          catalogItemId: itemInput.shape.catalogItemId.describe('Catalog item id.'),
          quantity: z.number().int().min(1).max(999).optional().describe('How many times (default 1).'),
          unitPrice: z.string().nullish().describe('Override the catalog price, e.g. "120.50".'),
          discountType: discountTypeParameter.nullish().describe('PERCENTAGE or ABSOLUTE (optional).'),
          discountValue: z.string().nullish().describe('The line discount as a decimal string.'),
          teeth: z.array(z.number().int()).nullish().describe('FDI tooth numbers, e.g. [16, 17].'),
          surfaces: z.number().int().min(1).max(5).nullish().describe('Surfaces per tooth, 1-5.'),
        }),
      )
      .min(1)
      .describe('The lines, at least one.'),
  }),
  permissions: ['budget.write'],
  category: 'WRITE',
  graphqlMutations: ['createBudget'],
  async handler(ctx, params) {
    const svc = new BudgetService(ctx);
    return full(svc, await svc.create(params));
  },
});

const sendBudget = defineTool({
  name: 'send_budget',
  description:
    'Mark a budget as SENT to the patient (it then can no longer be edited, and the patient may be notified). ' +
    `Always waits for a human to approve. Allowed from ${allowedTo('sent')}; needs at least one line. Workflow: ` +
    `${workflowProse()}. ${RETURNS} Errors: INVALID_TRANSITION, ALREADY_IN_STATE, BAD_USER_INPUT (no lines), NOT_FOUND.`,
  parameters: z.strictObject({ budgetId }),
  permissions: ['budget.write'],
  category: 'DESTRUCTIVE',
  graphqlMutations: ['sendBudget'],
  async handler(ctx, params) {
    const svc = new BudgetService(ctx);
    return full(svc, await svc.send(params.budgetId));
  },
});

const acceptBudget = defineTool({
  name: 'accept_budget',
  description:
    'Record that the patient accepted a budget (status ACCEPTED, who and how). Allowed from ' +
    `${allowedTo('accepted')}; needs at least one line and a validUntil not in the past. ${RETURNS} Errors: ` +
    'INVALID_TRANSITION, ALREADY_IN_STATE, BAD_USER_INPUT, NOT_FOUND.',
  parameters: z.strictObject({
    budgetId,
    acceptedVia: z.enum(ACCEPTED_VIA).optional().describe('How: in_clinic (default), remote_link or manual.'),
  }),
  permissions: ['budget.accept_in_clinic'],
  category: 'WRITE',
  graphqlMutations: ['acceptBudget'],
  async handler(ctx, params) {
    const svc = new BudgetService(ctx);
    return full(svc, await svc.accept(params.budgetId, params.acceptedVia));
  },
});

const rejectBudget = defineTool({
  name: 'reject_budget',
  description:
    `Record that the patient rejected a budget (REJECTED is final). Allowed from ${allowedTo('rejected')}. ` +
    `${RETURNS} Errors: INVALID_TRANSITION, ALREADY_IN_STATE, NOT_FOUND.`,
  parameters: z.strictObject({
    budgetId,
    reason: z.string().max(500).optional().describe('Why: price, time, second_opinion, other, or a few words.'),
    note: z.string().max(2000).optional().describe('More detail (optional).'),
  }),
  permissions: ['budget.write'],
  category: 'WRITE',
  graphqlMutations: ['rejectBudget'],
  async handler(ctx, params) {
    const svc = new BudgetService(ctx);
    return full(svc, await svc.reject(params.budgetId, params.reason, params.note));
  },
});

const cancelBudget = defineTool({
  name: 'cancel_budget',
  description:
    `Cancel a budget (CANCELLED is final, even for an accepted one). Always waits for a human to approve. ` +
    `Allowed from ${allowedTo('cancelled')}. ${RETURNS} Errors: INVALID_TRANSITION, ALREADY_IN_STATE, NOT_FOUND.`,
  parameters: z.strictObject({
    budgetId,
    reason: z.string().max(500).optional().describe('Why it is cancelled (optional).'),
  }),
  permissions: ['budget.write'],
  category: 'DESTRUCTIVE',
  graphqlMutations: ['cancelBudget'],
  async handler(ctx, params) {
    const svc = new BudgetService(ctx);
    return full(svc, await svc.cancel(params.budgetId, params.reason));
  },
});

export const tools: Tool[] = [
  listBudgets,
  getBudget,
  createBudget,
  sendBudget,
  acceptBudget,
  rejectBudget,
  cancelBudget,
] as Tool[];

const EDITOR =
  'Line-by-line editing is done by people in the budget editor; an agent creates a whole budget with ' +
  'create_budget (and a new one replaces a wrong draft).';
/** Mutations deliberately left to people (checked by tests/integration/agent-contract.test.ts). */
export const toolExemptions: Readonly<Record<string, string>> = {
  updateBudget: EDITOR,
  addBudgetItem: EDITOR,
  updateBudgetItem: EDITOR,
  removeBudgetItem: EDITOR,
  renegotiateBudget:
    'Renegotiating is agreeing new terms with the patient in person; the staff then edit the new version.',
  duplicateBudget:
    'A new version of a budget is a renegotiation with the patient, decided and prepared by the clinic staff.',
};
