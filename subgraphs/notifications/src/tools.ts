import { z } from 'zod';
import { defineTool, enumNames, type Tool } from '@dentalpin/core';
import type { Message } from './entities.ts';
import { enumResolvers } from './generated/graphql.ts';
import { listInput } from './inputs.ts';
import { NotificationsService } from './service/index.ts';

/** Agents read and write statuses as GraphQL shows them (QUEUED); the service stores queued. */
const statusNames = enumNames(enumResolvers.NotificationStatus);

/** A message as an agent sees it (statuses in capitals, like GraphQL). */
const view = (m: Message) => ({
  id: m.id,
  patientId: m.patientId,
  toAddress: m.toAddress,
  templateKey: m.templateKey,
  subject: m.subject,
  status: statusNames.name(m.status),
  skipReason: m.skipReason,
  attempts: m.attempts,
  lastError: m.lastError,
  triggeredByEvent: m.triggeredByEvent,
  createdAt: m.createdAt.toISOString(),
  sentAt: m.sentAt?.toISOString() ?? null,
});

const sendNotification = defineTool({
  name: 'send_notification',
  description:
    'Queue an e-mail to a patient of the current clinic: either a template (templateKey, e.g. ' +
    'appointment_confirmation) or a free message (subject and body, sent with the clinic greeting and signature). ' +
    'It is sent by the outbox within a minute, not immediately. A patient marked do-not-contact, without an ' +
    'e-mail address or who disabled e-mail gets no message: the result then has status SKIPPED and a skipReason. ' +
    'Returns { id, status, skipReason, toAddress, subject, … }.',
  parameters: z.strictObject({
    patientId: z.string().describe('The patient id (from patients.search_patients).'),
    templateKey: z.string().nullish().describe('A template key; leave out to write the message yourself.'),
    subject: z.string().nullish().describe('Subject of a free message (required without templateKey).'),
    body: z.string().nullish().describe('Text of a free message (required without templateKey).'),
  }),
  permissions: ['notifications.send'],
  category: 'DESTRUCTIVE',
  graphqlMutations: ['sendNotification'],
  async handler(ctx, params) {
    return view(await new NotificationsService(ctx).send(params));
  },
});

const listNotifications = defineTool({
  name: 'list_notifications',
  description:
    'List the messages of the current clinic, newest first, optionally only some statuses (QUEUED, SENDING, SENT, ' +
    'FAILED, SKIPPED) or one patient. Returns { total, page, pageSize, items: [{ id, patientId, toAddress, ' +
    'templateKey, subject, status, skipReason, attempts, lastError, triggeredByEvent, createdAt, sentAt }] }.',
  parameters: z.strictObject({
    status: z.array(z.enum(statusNames.names)).nullish().describe('Only these statuses.'),
    patientId: listInput.shape.patientId.describe('Only messages to this patient.'),
    page: listInput.shape.page.describe('Page number, from 1.'),
    pageSize: listInput.shape.pageSize.describe('Results per page, 1-100 (default 20).'),
  }),
  permissions: ['notifications.logs.read'],
  category: 'READ',
  async handler(ctx, params) {
    const page = await new NotificationsService(ctx).messages({
      ...params,
      status: params.status?.map(statusNames.stored),
    });
    return { ...page, items: page.items.map(view) };
  },
});

export const tools: Tool[] = [sendNotification, listNotifications] as Tool[];

const CONFIGURATION =
  'Clinic configuration (message wording, automatic sending, sender) stays a human decision in the notifications ' +
  'settings page; agents send and read messages, they do not change how the clinic communicates.';
export const toolExemptions = {
  upsertNotificationTemplate: CONFIGURATION,
  updateNotificationSettings: CONFIGURATION,
  updatePatientNotificationPreferences:
    "A patient's consent to be contacted is recorded by staff on the patient's request, never decided by an agent.",
  retryNotification:
    'Retrying a failed delivery is an operational action taken from the message log after fixing the cause ' +
    '(address, mail server); failed messages are already retried automatically with backoff.',
};
