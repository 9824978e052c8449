import type { DemoContext } from '@dentalpin/core';
import { BudgetService } from './service/index.ts';

type Page<T> = { items: T[] };

/**
 * Budgets in every state a front desk meets: one accepted (billing's demo invoices it), one sent and
 * waiting, one draft. Priced by the catalog like any budget.
 */
export async function seedDemoBudgets(ctx: DemoContext): Promise<void> {
  const { patients, catalogItems } = await ctx.query<{
    patients: Page<{ id: string }>;
    catalogItems: Page<{ id: string; pricingStrategy: string }>;
  }>(`{ patients(pageSize: 3) { items { id } } catalogItems(pageSize: 100) { items { id pricingStrategy } } }`);
  // Flat-priced treatments: they need no teeth or surfaces.
  const items = catalogItems.items.filter((i) => i.pricingStrategy === 'FLAT');
  if (patients.items.length < 3 || items.length < 3) return;
  const budgets = new BudgetService(ctx);
  const professionalId = ctx.users.dentist ?? null;
  const [accepted, sent, draft] = patients.items.map((p) => p.id);
  const budget = (patientId: string, lines: { catalogItemId: string; quantity: number }[]) =>
    budgets.create({ patientId, professionalId, items: lines });

  const first = await budget(accepted!, [
    { catalogItemId: items[0]!.id, quantity: 1 },
    { catalogItemId: items[1]!.id, quantity: 2 },
  ]);
  await budgets.send(first.id);
  await budgets.accept(first.id, 'in_clinic');
  const second = await budget(sent!, [{ catalogItemId: items[2]!.id, quantity: 1 }]);
  await budgets.send(second.id);
  await budget(draft!, [{ catalogItemId: items[0]!.id, quantity: 1 }]);
}
