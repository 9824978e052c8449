import { clinicInfo, type ServiceContext } from '@dentalpin/core';
import { Message, Settings } from '../entities.ts';
import { WITHDRAWABLE } from '../status.ts';
import {
  NotificationReminderAppointmentsDocument,
  type NotificationReminderAppointmentsQuery,
} from '../generated/operations.ts';
import { formatAppointmentTime } from './render.ts';
import { NotificationsService, publishMessage } from './index.ts';
import { settingsView } from './settings.ts';

export const REMINDER = 'appointment_reminder';

type UpcomingAppointment = NotificationReminderAppointmentsQuery['appointments'][number];

/**
 * The dedup key of an appointment's reminder: the appointment and its start, so a rerun (or a second process)
 * finds the message already recorded, and a rescheduled appointment gets one reminder for its new time.
 */
export const reminderDedupKey = (appointment: { id: string; startTime: string }) =>
  `${REMINDER}:${appointment.id}:${new Date(appointment.startTime).toISOString()}`;

/**
 * The clinic's appointments (scheduled or confirmed) starting within its reminder window
 * ([now, now + reminderHoursBefore h)) get one `appointment_reminder` each through the module's one enqueue
 * (do-not-contact, preferences, auto-send and opt-outs apply there). Queues only; `dispatch` sends.
 * Returns how many messages it recorded (queued or skipped); a rerun finds its own by dedup key.
 */
export async function remindUpcoming(ctx: ServiceContext, now: Date): Promise<number> {
  const {
    em,
    identity: { clinicId },
  } = ctx;
  const settings = settingsView(clinicId, await em.findOne(Settings, { clinicId }));
  if (settings.reminderHoursBefore <= 0) return 0;
  const to = new Date(now.getTime() + settings.reminderHoursBefore * 3600_000);
  const { appointments } = await ctx.query(NotificationReminderAppointmentsDocument, {
    from: now.toISOString(),
    to: to.toISOString(),
  });
  const clinic = await clinicInfo(em, clinicId);
  const service = new NotificationsService(ctx);
  // The agenda returns what overlaps the window: one that has already started gets no reminder.
  const due = appointments.filter((a): a is UpcomingAppointment & { patient: { id: string } } => {
    const start = new Date(a.startTime);
    return !!a.patient && start >= now && start < to;
  });
  if (!due.length) return 0;
  // Those already reminded are passed over here; enqueue's dedup key still settles two processes racing.
  const done = new Set(
    (await em.find(Message, { clinicId, dedupKey: { $in: due.map(reminderDedupKey) } }, { fields: ['dedupKey'] })).map(
      (m) => m.dedupKey,
    ),
  );
  let recorded = 0;
  for (const a of due) {
    const dedupKey = reminderDedupKey(a);
    if (done.has(dedupKey)) continue;
    await service.enqueue({
      patientId: a.patient.id,
      templateKey: REMINDER,
      eventType: REMINDER,
      dedupKey,
      variables: (locale) => {
        const times = formatAppointmentTime(a.startTime, clinic.timezone, locale);
        return {
          appointment: {
            id: a.id,
            start: times.start,
            date: times.date,
            time: times.time,
            end: formatAppointmentTime(a.endTime, clinic.timezone, locale).time,
            treatmentType: a.treatmentType,
            cabinet: a.cabinet?.name ?? null,
            professional: a.professional?.fullName ?? null,
          },
        };
      },
      triggeredByUserId: null,
    });
    recorded++;
  }
  return recorded;
}

/**
 * Withdraws an appointment's reminders that have not gone out (queued, or failed and waiting to retry):
 * all of them when it was cancelled or missed, those for another start time when it was moved (the job
 * queues the one for the new time). A reminder being sent at this instant is left to finish.
 */
export async function withdrawReminders(
  { em, identity: { clinicId } }: ServiceContext,
  appointment: { id: string; startTime: string | null },
  reason: 'appointment_cancelled' | 'appointment_rescheduled',
): Promise<number> {
  const keep = appointment.startTime
    ? reminderDedupKey({ id: appointment.id, startTime: appointment.startTime })
    : null;
  const pending = await em.find(Message, {
    clinicId,
    templateKey: REMINDER,
    dedupKey: { $like: `${REMINDER}:${appointment.id}:%`, ...(keep ? { $ne: keep } : {}) },
    status: { $in: [...WITHDRAWABLE] },
  });
  for (const message of pending) {
    message.status = 'skipped';
    message.skipReason = reason;
    message.nextAttemptAt = null;
    await publishMessage(em, 'notification.skipped', message);
  }
  await em.flush();
  return pending.length;
}
