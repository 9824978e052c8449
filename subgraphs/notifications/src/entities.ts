import { defineEntity, type InferEntity, timestamps, uuidPrimaryKey } from '@dentalpin/core';
import { messageStatus } from './status.ts';

const at = (p: typeof defineEntity.properties) => p.datetime().columnType('timestamptz').nullable();

/** A message template: clinicId null = system template (seeded); a clinic's row overrides it. */
export const Template = defineEntity({
  name: 'NotificationTemplate',
  tableName: 'notification_templates',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    clinicId: p.uuid().nullable(),
    templateKey: p.string().length(100),
    locale: p.string().length(5),
    channel: p.string().length(20),
    subject: p.string().length(300),
    bodyText: p.text(),
    bodyHtml: p.text().nullable(),
    description: p.text().nullable(),
    isActive: p.boolean(),
    ...timestamps(p),
  }),
});
export type Template = InferEntity<typeof Template>;

/** A patient's choices: e-mail at all, the automatic messages they opted out of (event types), their language. */
export const Preference = defineEntity({
  name: 'NotificationPreference',
  tableName: 'notification_preferences',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    clinicId: p.uuid(),
    patientId: p.uuid(),
    emailEnabled: p.boolean(),
    optOuts: p.json<string[]>(),
    preferredLocale: p.string().length(5).nullable(),
    ...timestamps(p),
  }),
});
export type Preference = InferEntity<typeof Preference>;

/** A clinic's settings: notifications on/off, automatic sending per event type, sender, default language. */
export const Settings = defineEntity({
  name: 'NotificationSettings',
  tableName: 'notification_settings',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    clinicId: p.uuid(),
    enabled: p.boolean(),
    autoSend: p.json<Record<string, boolean>>(),
    senderName: p.string().length(200).nullable(),
    replyTo: p.string().length(255).nullable(),
    defaultLocale: p.string().length(5).nullable(),
    reminderHoursBefore: p.integer(),
    ...timestamps(p),
  }),
});
export type Settings = InferEntity<typeof Settings>;

/** A document another module renders (`billing.invoice`, `budget.budget`) and its record. */
export interface MessageAttachment {
  document: string;
  id: string;
}

/** One outgoing message: the outbox row the dispatcher sends, and its audit afterwards. */
export const Message = defineEntity({
  name: 'NotificationMessage',
  tableName: 'notification_messages',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    clinicId: p.uuid(),
    channel: p.string().length(20),
    toAddress: p.string().length(255).nullable(),
    patientId: p.uuid().nullable(),
    templateKey: p.string().length(100),
    locale: p.string().length(5),
    subject: p.string().length(300),
    bodyText: p.text(),
    bodyHtml: p.text().nullable(),
    status: p.enum([...messageStatus.values]),
    skipReason: p.string().length(50).nullable(),
    attempts: p.integer(),
    maxAttempts: p.integer(),
    nextAttemptAt: at(p),
    claimedAt: at(p),
    lastError: p.text().nullable(),
    provider: p.string().length(50).nullable(),
    providerMessageId: p.string().length(255).nullable(),
    dedupKey: p.string().length(255).nullable(),
    triggeredByEvent: p.string().length(100).nullable(),
    triggeredByUserId: p.uuid().nullable(),
    /** Documents of other modules attached when it is sent (rendered then, in the message's language). */
    attachments: p.json<MessageAttachment[]>().default('[]'),
    sentAt: at(p),
    ...timestamps(p),
  }),
});
export type Message = InferEntity<typeof Message>;

export const entities = [Template, Preference, Settings, Message];
