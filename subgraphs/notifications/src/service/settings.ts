import type { Preference, Settings } from '../entities.ts';

/**
 * The automatic messages: which event sends which template (one table; settings and opt-outs are keyed by
 * it). `job` rows have no domain event: the `send_appointment_reminders` job enqueues them, under their key.
 */
export const AUTOMATIC = [
  { eventType: 'appointment.scheduled', templateKey: 'appointment_confirmation', trigger: 'event' },
  { eventType: 'appointment.completed', templateKey: 'appointment_completed', trigger: 'event' },
  { eventType: 'budget.sent', templateKey: 'budget_sent', trigger: 'event' },
  { eventType: 'invoice.issued', templateKey: 'invoice_issued', trigger: 'event' },
  { eventType: 'appointment_reminder', templateKey: 'appointment_reminder', trigger: 'job' },
] as const;
export type AutomaticEventType = (typeof AUTOMATIC)[number]['eventType'];

/** Hours before an appointment its reminder is queued (0 = no reminders); at most a week. */
export const DEFAULT_REMINDER_HOURS = 24;
export const MAX_REMINDER_HOURS = 168;

/** A clinic's settings as the API shows them: its row, or the defaults when it has none. */
export interface SettingsView {
  clinicId: string;
  enabled: boolean;
  autoSend: { eventType: AutomaticEventType; templateKey: string; enabled: boolean }[];
  senderName: string | null;
  replyTo: string | null;
  defaultLocale: string | null;
  /** Hours before an appointment its reminder is queued; 0 = no reminders. */
  reminderHoursBefore: number;
}

/** A patient's preferences as the API shows them: their row, or the defaults when they have none. */
export interface PreferencesView {
  patientId: string;
  emailEnabled: boolean;
  optOuts: string[];
  preferredLocale: string | null;
}

export function settingsView(clinicId: string, row: Settings | null): SettingsView {
  return {
    clinicId,
    enabled: row?.enabled ?? true,
    autoSend: AUTOMATIC.map((a) => ({
      eventType: a.eventType,
      templateKey: a.templateKey,
      enabled: row?.autoSend?.[a.eventType] ?? true,
    })),
    senderName: row?.senderName ?? null,
    replyTo: row?.replyTo ?? null,
    defaultLocale: row?.defaultLocale ?? null,
    reminderHoursBefore: row?.reminderHoursBefore ?? DEFAULT_REMINDER_HOURS,
  };
}

export const preferencesView = (patient: string, row: Preference | null): PreferencesView => ({
  patientId: patient,
  emailEnabled: row?.emailEnabled ?? true,
  optOuts: row?.optOuts ?? [],
  preferredLocale: row?.preferredLocale ?? null,
});
