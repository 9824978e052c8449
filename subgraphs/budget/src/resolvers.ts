import { WallClockDateTime, authorize, type RequestContext } from '@dentalpin/core';
import type { Budget, BudgetHistory, BudgetItem } from './entities.ts';
import { enumResolvers, type Resolvers } from './generated/graphql.ts';
import { BudgetService } from './service/index.ts';
import { manualTargetsFrom } from './status.ts';

const userRef = (id: string | null | undefined) => (id ? { __typename: 'User' as const, id } : null);

const budgetLoader = (ctx: RequestContext) =>
  ctx.loader<string, Budget | null>('budget.budgets', (ids) =>
    new BudgetService(authorize(ctx, 'budget.read')).getMany(ids),
  );

export const resolvers: Resolvers = {
  // GraphQL's DRAFT/PERCENTAGE are the stored draft/percentage: resolvers never convert case.
  ...enumResolvers,
  DateTime: WallClockDateTime,
  Query: {
    budgets: (_, args, ctx) => new BudgetService(authorize(ctx, 'budget.read')).list(args),
    budget: (_, args, ctx) => new BudgetService(authorize(ctx, 'budget.read')).get(args.id),
    budgetTotals: (_, args, ctx) => new BudgetService(authorize(ctx, 'budget.read')).totals(args),
  },
  BudgetTotals: {
    professional: (t) => userRef(t.professionalId),
  },
  Mutation: {
    createBudget: (_, args, ctx) => new BudgetService(authorize(ctx, 'budget.write')).create(args.input),
    updateBudget: (_, args, ctx) => new BudgetService(authorize(ctx, 'budget.write')).update(args.id, args.input),
    addBudgetItem: (_, args, ctx) =>
      new BudgetService(authorize(ctx, 'budget.write')).addItem(args.budgetId, args.input),
    updateBudgetItem: (_, args, ctx) =>
      new BudgetService(authorize(ctx, 'budget.write')).updateItem(args.id, args.input),
    removeBudgetItem: (_, args, ctx) => new BudgetService(authorize(ctx, 'budget.write')).removeItem(args.id),
    duplicateBudget: (_, args, ctx) => new BudgetService(authorize(ctx, 'budget.write')).duplicate(args.id),
    renegotiateBudget: (_, args, ctx) =>
      new BudgetService(authorize(ctx, 'budget.renegotiate')).renegotiate(args.id, args.reason),
    sendBudget: (_, args, ctx) => new BudgetService(authorize(ctx, 'budget.write')).send(args.id),
    acceptBudget: (_, args, ctx) =>
      new BudgetService(authorize(ctx, 'budget.accept_in_clinic')).accept(args.id, args.acceptedVia),
    rejectBudget: (_, args, ctx) =>
      new BudgetService(authorize(ctx, 'budget.write')).reject(args.id, args.reason, args.note),
    cancelBudget: (_, args, ctx) => new BudgetService(authorize(ctx, 'budget.write')).cancel(args.id, args.reason),
  },
  Patient: {
    __resolveReference: (ref) => ({ id: ref.id }),
    budgets: (p, _, ctx) =>
      ctx
        .loader<string, Budget[]>('budget.byPatient', (ids) =>
          new BudgetService(authorize(ctx, 'budget.read')).ofPatients(ids),
        )
        .load(p.id),
  },
  Budget: {
    __resolveReference: (ref, ctx) => budgetLoader(ctx).load(ref.id),
    allowedActions: (b) => manualTargetsFrom(b.status),
    patient: (b) => ({ id: b.patientId }),
    professional: (b) => userRef(b.professionalId),
    createdBy: (b) => userRef(b.createdBy),
    acceptedBy: (b) => userRef(b.acceptedBy),
    cancellationReason: (b) => b.cancellationReason ?? null,
    items: (b, _, ctx) =>
      ctx
        .loader<string, BudgetItem[]>('budget.items', (ids) =>
          new BudgetService(authorize(ctx, 'budget.read')).itemsOf(ids),
        )
        .load(b.id),
    history: (b, _, ctx) =>
      ctx
        .loader<string, BudgetHistory[]>('budget.history', (ids) =>
          new BudgetService(authorize(ctx, 'budget.read')).historyOf(ids),
        )
        .load(b.id),
  },
  BudgetItem: {
    catalogItem: (i) => ({ __typename: 'CatalogItem', id: i.catalogItemId }),
  },
  BudgetHistoryEntry: {
    changedBy: (h) => userRef(h.changedBy),
  },
};
