import type { DemoContext } from '@dentalpin/core';
import { RecallsService } from './service/index.ts';
import { addMonths } from './service/months.ts';
import type { RecallReason } from './status.ts';

/** A call-back list with something in every column: overdue, due this month, next months. */
const LIST: [monthsFromNow: number, reason: RecallReason, priority: 'low' | 'normal' | 'high', note: string | null][] =
  [
    [-1, 'hygiene', 'normal', null],
    [0, 'checkup', 'high', 'Asked to be called in the morning'],
    [0, 'implant_review', 'normal', null],
    [1, 'ortho_review', 'normal', null],
    [2, 'post_op', 'low', null],
    [5, 'hygiene', 'normal', null],
  ];

export async function seedDemoRecalls(ctx: DemoContext): Promise<void> {
  const { patients } = await ctx.query<{ patients: { items: { id: string }[] } }>(
    `query { patients(pageSize: ${LIST.length}) { items { id } } }`,
  );
  if (!patients.items.length) return;
  const service = new RecallsService(ctx);
  const today = await service.today();
  for (const [i, [months, reason, priority, note]] of LIST.entries())
    await service.create({
      patientId: patients.items[i % patients.items.length]!.id,
      reason,
      priority,
      note,
      dueDate: addMonths(today, months),
    });
}
