import { eachClinic, type ModuleJob } from '@dentalpin/core';
import { queueDueReminders } from './service/reminders.ts';

export const jobs: Record<string, ModuleJob> = {
  queue_reminders: {
    everySeconds: 3600,
    description:
      'Queues one reminder (through notifications) per open recall whose due month starts within the ' +
      "clinic's reminder lead time (default 14 days), in " +
      "the patient's language; do-not-contact patients are skipped. Never at creation.",
    /** One clinic failing does not stop the others; the run then throws, naming them. */
    async run(ctx) {
      const clinicIds = await ctx.em
        .getConnection()
        .execute<{ clinic_id: string }[]>(
          `select distinct clinic_id from recalls where reminder_state is null and status in ('pending', 'contacted_no_answer')`,
        );
      await eachClinic(
        ctx,
        'queue_reminders',
        clinicIds.map((c) => c.clinic_id),
        async (clinic) => {
          const r = await queueDueReminders(clinic, ctx.now);
          return r.queued || r.skipped ? `${r.queued} queued, ${r.skipped} skipped` : undefined;
        },
      );
    },
  },
};
