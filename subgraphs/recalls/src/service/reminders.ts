import { clinicInfo, localToday, type ServiceContext } from '@dentalpin/core';
import { QueueRecallReminderDocument, RecallReminderPatientDocument } from '../generated/operations.ts';
import type { RecallReason } from '../status.ts';
import { addMonths, monthOf } from './months.ts';
import { recallSettingsOf } from './settings.ts';

const TEXT = {
  es: {
    subject: 'Es hora de su próxima visita',
    body: (name: string, what: string, month: string, clinic: string) =>
      `Hola ${name}:\n\nLe recordamos que en ${month} le corresponde su ${what}. Llámenos o responda a este mensaje para reservar su cita.\n\n${clinic}`,
    reasons: {
      hygiene: 'limpieza dental',
      checkup: 'revisión',
      ortho_review: 'revisión de ortodoncia',
      implant_review: 'revisión de implantes',
      post_op: 'revisión postoperatoria',
      treatment_followup: 'seguimiento del tratamiento',
      other: 'próxima visita',
    },
  },
  en: {
    subject: 'Time for your next visit',
    body: (name: string, what: string, month: string, clinic: string) =>
      `Hello ${name},\n\nThis is a reminder that your ${what} is due in ${month}. Call us or reply to this message to book your appointment.\n\n${clinic}`,
    reasons: {
      hygiene: 'dental cleaning',
      checkup: 'check-up',
      ortho_review: 'orthodontic review',
      implant_review: 'implant review',
      post_op: 'post-operative review',
      treatment_followup: 'treatment follow-up',
      other: 'next visit',
    },
  },
} satisfies Record<string, { subject: string; body: unknown; reasons: Record<RecallReason, string> }>;

/** The reminder's subject and body in `locale` (Spanish for a language it has no text in). */
export function reminderText(
  locale: string,
  firstName: string,
  reason: RecallReason,
  dueMonth: string,
  clinic: string,
) {
  const lang = locale.slice(0, 2) === 'en' ? 'en' : 'es';
  const text = TEXT[lang];
  const month = new Intl.DateTimeFormat(lang, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${monthOf(dueMonth)}T00:00:00Z`),
  );
  return { subject: text.subject, body: text.body(firstName, text.reasons[reason], month, clinic) };
}

interface DueRow {
  id: string;
  patient_id: string;
  reason: RecallReason;
  due_month: string | Date;
}

/**
 * Queues one reminder per open recall whose due month starts within the clinic's reminder lead time
 * (`reminderLeadDays`, default 14 days; or started last
 * month at most: older ones are a person's call), through notifications' `sendNotification`, in the
 * patient's language. Each recall is claimed first in its own committed update, so two runs never queue
 * it twice; a failed send releases the claim for the next run. Do-not-contact patients are marked SKIPPED.
 */
export async function queueDueReminders(ctx: ServiceContext, now: Date): Promise<{ queued: number; skipped: number }> {
  const { em } = ctx;
  const { clinicId } = ctx.identity;
  const clinic = await clinicInfo(em, clinicId);
  const today = localToday(clinic.timezone, 0, now);
  const lastMonth = addMonths(monthOf(today), -1);
  const { reminderLeadDays } = await recallSettingsOf(em, clinicId);
  const upTo = monthOf(new Date(Date.parse(`${today}T00:00:00Z`) + reminderLeadDays * 86_400_000).toISOString());
  const conn = em.getConnection();
  const claimed = await conn.execute<DueRow[]>(
    `update recalls set reminder_state = 'claimed', reminder_at = ?
       where clinic_id = ? and reminder_state is null and status in ('pending', 'contacted_no_answer')
         and due_month between ? and ?
       returning id, patient_id, reason, due_month`,
    [now, clinicId, lastMonth, upTo],
  );
  const result = { queued: 0, skipped: 0 };
  const settle = (id: string, state: 'queued' | 'skipped' | null, messageId: string | null = null) =>
    conn.execute(`update recalls set reminder_state = ?, reminder_message_id = ?, updated_at = now() where id = ?`, [
      state,
      messageId,
      id,
    ]);
  for (const [index, row] of claimed.entries()) {
    try {
      const { patient, notificationSettings } = await ctx.query(RecallReminderPatientDocument, { id: row.patient_id });
      if (!patient || patient.doNotContact) {
        await settle(row.id, 'skipped');
        result.skipped++;
        continue;
      }
      const locale =
        patient.notificationPreferences?.preferredLocale ?? notificationSettings.defaultLocale ?? clinic.locale;
      const dueMonth = typeof row.due_month === 'string' ? row.due_month : row.due_month.toISOString();
      const text = reminderText(locale, patient.firstName, row.reason, dueMonth, clinic.name);
      const { sendNotification } = await ctx.query(QueueRecallReminderDocument, {
        input: { patientId: patient.id, ...text },
      });
      await settle(row.id, 'queued', sendNotification.id);
      result.queued++;
    } catch (e) {
      // Release this claim and the ones not tried yet: the next run tries them again.
      for (const rest of claimed.slice(index)) await settle(rest.id, null);
      throw e;
    }
  }
  return result;
}
