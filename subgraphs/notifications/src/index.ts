import { defineModule, loadTypeDefs, type JobContext } from '@dentalpin/core';
import { manifest, permissions } from './manifest.ts';
import { entities } from './entities.ts';
import { resolvers } from './resolvers.ts';
import { eventHandlers, events } from './events.ts';
import { toolExemptions, tools } from './tools.ts';
import { channelFromConfig } from './channels.ts';
import { dispatchDue } from './dispatch.ts';
import { sendAppointmentReminders } from './reminders.ts';

export { dispatchDue, backoffSeconds } from './dispatch.ts';

export default defineModule({
  manifest,
  permissions,
  entities,
  typeDefs: loadTypeDefs(import.meta.url, './schema.graphql'),
  resolvers,
  events,
  eventHandlers,
  tools,
  toolExemptions,
  jobs: {
    dispatch: {
      everySeconds: 30,
      description:
        'Sends due messages of the outbox (queued, or failed with attempts left) through SMTP ' +
        '(DENTALPIN_SMTP_URL) or the console; failures retry with backoff 60·2^(n−1) s up to an hour, 5 attempts.',
      async run(ctx: JobContext) {
        const channel = channelFromConfig(ctx.logger);
        try {
          const r = await dispatchDue(ctx.em, channel, ctx.now);
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
      async run(ctx: JobContext) {
        const r = await sendAppointmentReminders(ctx.em, ctx.now, ctx.query, ctx.logger);
        if (r.recorded) ctx.logger.info(`notifications.send_appointment_reminders: ${r.recorded} recorded`);
        if (r.failedClinics.length)
          throw new Error(`appointment reminders failed for clinic(s) ${r.failedClinics.join(', ')}`);
      },
    },
  },
});
