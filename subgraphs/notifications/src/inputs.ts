import { z } from 'zod';
import { pageSizeSchema, uuid } from '@dentalpin/core';
import { messageStatus } from './status.ts';
import { AUTOMATIC, MAX_REMINDER_HOURS, type AutomaticEventType } from './service/settings.ts';

const EVENT_TYPES = AUTOMATIC.map((a) => a.eventType) as [AutomaticEventType, ...AutomaticEventType[]];

export const patientId = uuid('patient id');
export const messageId = uuid('message id');
const locale = z
  .string()
  .trim()
  .regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'must be a language code such as "es", "en" or "pt-BR"');
const templateKey = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,99}$/, 'must be lowercase letters, digits and "_" (e.g. "appointment_confirmation")');
const email = z.string().trim().email('must be an e-mail address').max(255);
const text = (max: number) => z.string().max(max, `is longer than ${max} characters`);

export const sendInput = z
  .object({
    patientId,
    templateKey: templateKey.nullish(),
    subject: z.string().trim().max(300, 'is longer than 300 characters').nullish(),
    body: z.string().trim().max(20000, 'is longer than 20000 characters').nullish(),
  })
  .refine((i) => i.templateKey || (i.subject && i.body), {
    message: 'needs either a templateKey or both a subject and a body',
    path: ['templateKey'],
  });

/** Statuses are the stored values: GraphQL converts its own (QUEUED → queued), the agent tool its parameter. */
export const listInput = z.object({
  status: z.array(z.enum(messageStatus.values)).nullish(),
  patientId: patientId.nullish(),
  page: z.number().int().min(1, 'must be 1 or more').default(1),
  pageSize: pageSizeSchema(20, 100),
});

export const templateInput = z.object({
  templateKey,
  locale,
  subject: z.string().trim().min(1, 'is required').max(300, 'is longer than 300 characters'),
  bodyText: text(20000).trim().min(1, 'is required'),
  bodyHtml: text(100000).nullish(),
  description: text(500).nullish(),
  isActive: z.boolean().nullish(),
});

export const preferencesInput = z.object({
  emailEnabled: z.boolean().nullish(),
  optOuts: z.array(z.enum(EVENT_TYPES)).max(EVENT_TYPES.length).nullish(),
  preferredLocale: locale.nullish(),
});

export const settingsInput = z.object({
  enabled: z.boolean().nullish(),
  autoSend: z
    .array(z.object({ eventType: z.enum(EVENT_TYPES), enabled: z.boolean() }))
    .max(EVENT_TYPES.length)
    .nullish(),
  senderName: z.string().trim().max(200, 'is longer than 200 characters').nullish(),
  replyTo: email.or(z.literal('')).nullish(),
  defaultLocale: locale.or(z.literal('')).nullish(),
  reminderHoursBefore: z
    .number()
    .int('must be a whole number of hours')
    .min(0, `must be between 0 and ${MAX_REMINDER_HOURS}`)
    .max(MAX_REMINDER_HOURS, `must be between 0 and ${MAX_REMINDER_HOURS}`)
    .nullish(),
});
