import { z } from 'zod';
import {
  clinicInfo,
  eventPayload,
  type DomainEvent,
  type EventDeclaration,
  type EventHandler,
  type ClinicInfo,
} from '@dentalpin/core';
import { NotificationsService } from './service/index.ts';
import { AUTOMATIC, type AutomaticEventType } from './service/settings.ts';
import { formatAppointmentTime, formatMoney, type TemplateVariables } from './service/render.ts';
import { withdrawReminders } from './service/reminders.ts';
import { messageStatus } from './status.ts';
import type { MessageAttachment } from './entities.ts';

const uuid = z.string().uuid();
const message = eventPayload({
  message_id: uuid,
  patient_id: uuid.nullable(),
  template_key: z.string(),
  channel: z.string(),
  status: z.enum(messageStatus.values),
  skip_reason: z.string().nullable(),
  attempts: z.number().int(),
  triggered_by_event: z.string().nullable(),
});
const read = 'logs.read';

/** Events this module owns (one per message outcome). */
export const events: Record<string, EventDeclaration> = {
  'notification.queued': { payload: message, permission: read },
  'notification.skipped': { payload: message, permission: read },
  'notification.sent': { payload: message.extend({ provider: z.string() }), permission: read },
  'notification.failed': {
    payload: message.extend({ error: z.string(), will_retry: z.boolean() }),
    permission: read,
  },
};

const str = (v: unknown) => (typeof v === 'string' ? v : null);

/**
 * The variables an automatic message adds to patient and clinic, from its event's payload, for the language
 * of the template it ends up with (dates in the clinic's time zone, amounts in its currency).
 */
function variablesFor(event: DomainEvent, clinic: ClinicInfo): (locale: string) => TemplateVariables {
  const p = event.payload;
  return (locale): TemplateVariables => {
    if (event.type.startsWith('appointment.')) {
      const start = str(p.start_time);
      const end = str(p.end_time);
      const times = start ? formatAppointmentTime(start, clinic.timezone, locale) : null;
      return {
        appointment: {
          id: str(p.appointment_id),
          start: times?.start ?? '',
          date: times?.date ?? '',
          time: times?.time ?? '',
          end: end ? formatAppointmentTime(end, clinic.timezone, locale).time : '',
          treatmentType: str(p.treatment_type),
          cabinet: str(p.cabinet),
        },
      };
    }
    const money = (v: unknown) => (typeof v === 'string' ? formatMoney(v, clinic.currency, locale) : '');
    if (event.type.startsWith('budget.'))
      return { budget: { id: str(p.budget_id), number: str(p.budget_number), total: money(p.total) } };
    if (event.type.startsWith('invoice.'))
      return { invoice: { id: str(p.invoice_id), number: str(p.invoice_number), total: money(p.total) } };
    return {};
  };
}

/** The document a message about a budget or an invoice carries: its PDF, rendered by its module when sent. */
function attachmentsFor(event: DomainEvent): MessageAttachment[] {
  const budgetId = str(event.payload.budget_id);
  const invoiceId = str(event.payload.invoice_id);
  if (event.type === 'budget.sent' && budgetId) return [{ document: 'budget.budget', id: budgetId }];
  if (event.type === 'invoice.issued' && invoiceId) return [{ document: 'billing.invoice', id: invoiceId }];
  return [];
}

/**
 * The handler of one automatic message: enqueues its template for the event's patient, once per event
 * (dedup key `<event type>:<event id>`: a redelivered event finds its message). Sends nothing.
 */
export function automaticHandler(eventType: AutomaticEventType, templateKey: string): EventHandler {
  return async (event, ctx) => {
    const patientId = str(event.payload.patient_id);
    if (!patientId) {
      ctx.logger.warn(`notifications: ${event.type} ${event.id} has no patient_id; nothing to send`);
      return;
    }
    await new NotificationsService(ctx).enqueue({
      patientId,
      templateKey,
      eventType,
      dedupKey: `${event.type}:${event.id}`,
      variables: variablesFor(event, await clinicInfo(ctx.em, event.clinicId)),
      attachments: attachmentsFor(event),
      triggeredByUserId:
        str(event.payload.changed_by) ?? str(event.payload.sent_by) ?? str(event.payload.issued_by) ?? null,
    });
  };
}

/** A cancelled, missed or moved appointment takes back the reminders it no longer needs. */
const withdraw =
  (reason: 'appointment_cancelled' | 'appointment_rescheduled', keepCurrentStart: boolean): EventHandler =>
  async (event, ctx) => {
    const id = str(event.payload.appointment_id);
    if (!id) return;
    const startTime = keepCurrentStart ? str(event.payload.start_time) : null;
    await withdrawReminders(ctx, { id, startTime }, reason);
  };

/**
 * The core's internal `user.password_reset_requested`: the reset link, e-mailed to the account's
 * address in the clinic's language, once per event. The link is in the message body only.
 */
const passwordReset: EventHandler = async (event, ctx) => {
  const p = event.payload;
  await new NotificationsService(ctx).enqueue({
    account: { email: String(p.email) },
    templateKey: 'password_reset',
    dedupKey: `${event.type}:${event.id}`,
    variables: {
      user: { firstName: str(p.first_name) ?? '' },
      reset: { url: str(p.reset_url) ?? '', validMinutes: Number(p.valid_minutes) },
    },
    triggeredByUserId: str(p.user_id),
  });
};

export const eventHandlers: Record<string, EventHandler> = {
  'user.password_reset_requested': passwordReset,
  ...Object.fromEntries(
    AUTOMATIC.filter((a) => a.trigger === 'event').map((a) => [
      a.eventType,
      automaticHandler(a.eventType, a.templateKey),
    ]),
  ),
  'appointment.cancelled': withdraw('appointment_cancelled', false),
  'appointment.no_show': withdraw('appointment_cancelled', false),
  'appointment.updated': withdraw('appointment_rescheduled', true),
};
