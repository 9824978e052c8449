import { authorize } from '@dentalpin/core';
import type { Resolvers } from './generated/graphql.ts';
import { ReportsService } from './service/index.ts';

/** A reference the gateway resolves in the owning subgraph (null when the row has none). */
const ref =
  <T extends string>(__typename: T) =>
  (id: string | null) =>
    id ? { __typename, id } : null;
const user = ref('User');
const cabinet = ref('Cabinet');
const professional = (row: { professionalId: string | null }) => user(row.professionalId);

export const resolvers: Resolvers = {
  Query: {
    billingReport: (_, args, ctx) => new ReportsService(authorize(ctx, 'reports.billing.read')).billing(args),
    budgetConversionReport: (_, args, ctx) =>
      new ReportsService(authorize(ctx, 'reports.budgets.read')).budgetConversion(args),
    schedulingReport: (_, args, ctx) => new ReportsService(authorize(ctx, 'reports.scheduling.read')).scheduling(args),
  },
  SchedulingProfessionalRow: { professional },
  SchedulingCabinetRow: { cabinet: (row) => cabinet(row.cabinetId) },
  BillingReportProfessionalRow: { professional },
  BudgetConversionProfessionalRow: { professional },
};
