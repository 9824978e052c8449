import { cents, money, type DemoContext } from '@dentalpin/core';
import { ensureDefaultSeries } from './defaults.ts';
import { BillingService } from './service.ts';

/** The default series, and the accepted demo budget invoiced, issued and half paid. */
export async function seedDemoBilling(ctx: DemoContext): Promise<void> {
  await ensureDefaultSeries(ctx.em, ctx.clinicId);
  const { budgets } = await ctx.query<{ budgets: { items: { id: string }[] } }>(
    `{ budgets(status: [ACCEPTED], pageSize: 1) { items { id } } }`,
  );
  const budgetId = budgets.items[0]?.id;
  if (!budgetId) return;
  const service = new BillingService(ctx.em, ctx.admin, ctx.query);
  const invoice = await service.issue((await service.createFromBudget(budgetId)).id);
  await service.recordPayment({
    invoiceId: invoice.id,
    amount: cents(money(invoice.total).dividedBy(2)),
    method: 'CARD',
  });
}
