import type { ModuleResolvers, RequestContext } from '@dentalpin/core';
import { ReportsService } from './service.ts';

type Permission = 'reports.billing.read' | 'reports.budgets.read' | 'reports.scheduling.read';
const service = (ctx: RequestContext, permission: Permission) =>
  new ReportsService(
    (document, variables) => ctx.query(document, variables),
    ctx.em,
    ctx.auth.require(permission).clinicId,
  );

const ref = (__typename: string) => (id: string | null) => (id ? { __typename, id } : null);
const user = ref('User');
const cabinet = ref('Cabinet');
const professional = (row: { professionalId: string | null }) => user(row.professionalId);

export const resolvers: ModuleResolvers = {
  Query: {
    billingReport: (_: unknown, args: Record<string, unknown>, ctx: RequestContext) =>
      service(ctx, 'reports.billing.read').billing(args),
    budgetConversionReport: (_: unknown, args: Record<string, unknown>, ctx: RequestContext) =>
      service(ctx, 'reports.budgets.read').budgetConversion(args),
    schedulingReport: (_: unknown, args: Record<string, unknown>, ctx: RequestContext) =>
      service(ctx, 'reports.scheduling.read').scheduling(args),
  },
  SchedulingProfessionalRow: { professional },
  SchedulingCabinetRow: { cabinet: (row: { cabinetId: string | null }) => cabinet(row.cabinetId) },
  BillingReportProfessionalRow: { professional },
  BudgetConversionProfessionalRow: { professional },
};
