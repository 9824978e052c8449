import { eachClinic, type JobContext, type ModuleJob } from '@dentalpin/core';
import { channelFromConfig } from './service/channels.ts';
import { dispatchDue } from './service/dispatch.ts';
import { remindUpcoming } from './service/reminders.ts';

/** Every clinic, oldest first (the core's `clinics` table). */
const clinicIds = async (ctx: JobContext) =>
  (await ctx.em.getConnection().execute<{ id: string }[]>(`select id from clinics order by created_at, id`)).map(
    (c) => c.id,
  );

export const jobs: Record<string, ModuleJob> = {
  dispatch: {
    everySeconds: 30,
    description:
      'Sends due messages of the outbox (queued, or failed with attempts left) through SMTP ' +
      '(DENTALPIN_SMTP_URL) or the console, with the PDFs they attach rendered by their modules; failures retry ' +
      'with backoff 60·2^(n−1) s up to an hour, 5 attempts.',
    async run(ctx) {
      const channel = channelFromConfig(ctx.logger);
      try {
        const r = await dispatchDue(ctx.em, channel, ctx.now, { documents: ctx.document });
        if (r.claimed) ctx.logger.info(`notifications.dispatch: ${r.sent} sent, ${r.failed} failed`);
      } finally {
        channel.close();
      }
    },
  },
  send_appointment_reminders: {
    everySeconds: 300,
    description:
      'Queues one appointment_reminder per scheduled or confirmed appointment starting within each ' +
      "clinic's reminderHoursBefore (default 24 h, 0 = off); dedup key appointment_reminder:<id>:<start>.",
    /** One clinic failing does not stop the others; the run then throws, naming them. */
    async run(ctx) {
      await eachClinic(ctx, 'send_appointment_reminders', await clinicIds(ctx), async (clinic) => {
        const recorded = await remindUpcoming(clinic, ctx.now);
        return recorded ? `${recorded} reminder(s) recorded` : undefined;
      });
    },
  },
};
