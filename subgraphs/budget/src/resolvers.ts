import { WallClockDateTime, type ModuleResolvers, type RequestContext } from '@dentalpin/core';
import type { Budget, BudgetHistory, BudgetItem } from './entities.ts';
import { BudgetService, type BudgetTotals } from './service.ts';
import { actionsFrom, toGraphQL, type BudgetStatus } from './workflow.ts';

type Permission = 'budget.read' | 'budget.write' | 'budget.accept_in_clinic' | 'budget.renegotiate';
const service = (ctx: RequestContext, permission: Permission) =>
  new BudgetService(ctx.em, ctx.auth.require(permission), ctx.query.bind(ctx));

const userRef = (id: string | null | undefined) => (id ? { __typename: 'User', id } : null);
const upper = (v: string | null | undefined) => (v ? v.toUpperCase() : null);
const status = (s: string | null | undefined) => (s ? toGraphQL(s as BudgetStatus) : null);

const budgetLoader = (ctx: RequestContext) =>
  ctx.loader<string, Budget | null>('budget.budgets', (ids) => service(ctx, 'budget.read').getMany(ids));

export const resolvers: ModuleResolvers = {
  DateTime: WallClockDateTime,
  Query: {
    budgets: (_: unknown, args: Record<string, unknown>, ctx: RequestContext) => service(ctx, 'budget.read').list(args),
    budget: (_: unknown, args: { id: string }, ctx: RequestContext) => service(ctx, 'budget.read').get(args.id),
    budgetTotals: (_: unknown, args: Record<string, unknown>, ctx: RequestContext) =>
      service(ctx, 'budget.read').totals(args),
  },
  BudgetTotals: {
    status: (t: BudgetTotals) => toGraphQL(t.status),
    professional: (t: BudgetTotals) => userRef(t.professionalId),
  },
  Mutation: {
    createBudget: (_: unknown, args: { input: unknown }, ctx: RequestContext) =>
      service(ctx, 'budget.write').create(args.input),
    updateBudget: (_: unknown, args: { id: string; input: unknown }, ctx: RequestContext) =>
      service(ctx, 'budget.write').update(args.id, args.input),
    addBudgetItem: (_: unknown, args: { budgetId: string; input: unknown }, ctx: RequestContext) =>
      service(ctx, 'budget.write').addItem(args.budgetId, args.input),
    updateBudgetItem: (_: unknown, args: { id: string; input: unknown }, ctx: RequestContext) =>
      service(ctx, 'budget.write').updateItem(args.id, args.input),
    removeBudgetItem: (_: unknown, args: { id: string }, ctx: RequestContext) =>
      service(ctx, 'budget.write').removeItem(args.id),
    duplicateBudget: (_: unknown, args: { id: string }, ctx: RequestContext) =>
      service(ctx, 'budget.write').duplicate(args.id),
    renegotiateBudget: (_: unknown, args: { id: string; reason?: string | null }, ctx: RequestContext) =>
      service(ctx, 'budget.renegotiate').renegotiate(args.id, args.reason),
    sendBudget: (_: unknown, args: { id: string }, ctx: RequestContext) => service(ctx, 'budget.write').send(args.id),
    acceptBudget: (_: unknown, args: { id: string; acceptedVia?: string | null }, ctx: RequestContext) =>
      service(ctx, 'budget.accept_in_clinic').accept(args.id, args.acceptedVia),
    rejectBudget: (
      _: unknown,
      args: { id: string; reason?: string | null; note?: string | null },
      ctx: RequestContext,
    ) => service(ctx, 'budget.write').reject(args.id, args.reason, args.note),
    cancelBudget: (_: unknown, args: { id: string; reason?: string | null }, ctx: RequestContext) =>
      service(ctx, 'budget.write').cancel(args.id, args.reason),
  },
  Patient: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    budgets: (p: { id: string }, _: unknown, ctx: RequestContext) =>
      ctx.loader<string, Budget[]>('budget.byPatient', (ids) => service(ctx, 'budget.read').ofPatients(ids)).load(p.id),
  },
  Budget: {
    __resolveReference: (ref: { id: string }, ctx: RequestContext) => budgetLoader(ctx).load(ref.id),
    status: (b: Budget) => status(b.status),
    allowedActions: (b: Budget) => actionsFrom(b.status as BudgetStatus),
    patient: (b: Budget) => ({ __typename: 'Patient', id: b.patientId }),
    professional: (b: Budget) => userRef(b.professionalId),
    createdBy: (b: Budget) => userRef(b.createdBy),
    acceptedBy: (b: Budget) => userRef(b.acceptedBy),
    globalDiscountType: (b: Budget) => upper(b.globalDiscountType),
    cancellationReason: (b: Budget) => b.cancellationReason ?? null,
    items: (b: Budget, _: unknown, ctx: RequestContext) =>
      ctx.loader<string, BudgetItem[]>('budget.items', (ids) => service(ctx, 'budget.read').itemsOf(ids)).load(b.id),
    history: (b: Budget, _: unknown, ctx: RequestContext) =>
      ctx
        .loader<string, BudgetHistory[]>('budget.history', (ids) => service(ctx, 'budget.read').historyOf(ids))
        .load(b.id),
  },
  BudgetItem: {
    catalogItem: (i: BudgetItem) => ({ __typename: 'CatalogItem', id: i.catalogItemId }),
    discountType: (i: BudgetItem) => upper(i.discountType),
  },
  BudgetHistoryEntry: {
    fromStatus: (h: BudgetHistory) => status(h.fromStatus),
    toStatus: (h: BudgetHistory) => status(h.toStatus),
    changedBy: (h: BudgetHistory) => userRef(h.changedBy),
  },
};
