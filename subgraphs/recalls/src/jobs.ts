import { forClinic, type ModuleJob } from '@dentalpin/core';
import { queueDueReminders } from './service/reminders.ts';

export const jobs: Record<string, ModuleJob> = {
  queue_reminders: {
    everySeconds: 3600,
    description:
      'Queues one reminder (through notifications) per open recall whose due month starts within 14 days, in ' +
      "the patient's language; do-not-contact patients are skipped. Never at creation.",
    /** One clinic failing does not stop the others; the run then throws, naming them. */
    async run(ctx) {
      const clinicIds = await ctx.em
        .getConnection()
        .execute<{ clinic_id: string }[]>(
          `select distinct clinic_id from recalls where reminder_state is null and status in ('pending', 'contacted_no_answer')`,
        );
      const failed: string[] = [];
      for (const { clinic_id: clinicId } of clinicIds) {
        try {
          const r = await queueDueReminders(forClinic(ctx, clinicId, ctx.em.fork()), ctx.now);
          if (r.queued || r.skipped)
            ctx.logger.info(`recalls.queue_reminders: clinic ${clinicId}: ${r.queued} queued, ${r.skipped} skipped`);
        } catch (e) {
          ctx.logger.error(`recalls.queue_reminders: clinic ${clinicId}: ${(e as Error).message}`);
          failed.push(clinicId);
        }
      }
      if (failed.length) throw new Error(`recall reminders failed for clinic(s) ${failed.join(', ')}`);
    },
  },
};
