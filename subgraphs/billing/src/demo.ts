import { cents, money, type DemoContext } from '@dentalpin/core';
import { BillingDemoAcceptedBudgetDocument } from './generated/operations.ts';
import { BillingService, ensureDefaultSeries } from './service/index.ts';

/** The default series, and the accepted demo budget invoiced, issued and half paid. */
export async function seedDemoBilling(ctx: DemoContext): Promise<void> {
  await ensureDefaultSeries(ctx.em, ctx.clinicId);
  const { budgets } = await ctx.query(BillingDemoAcceptedBudgetDocument);
  const budgetId = budgets.items[0]?.id;
  if (!budgetId) return;
  const service = new BillingService(ctx);
  const invoice = await service.issue((await service.createFromBudget(budgetId)).id);
  await service.recordPayment({
    invoiceId: invoice.id,
    amount: cents(money(invoice.total).dividedBy(2)),
    method: 'card',
  });
}
