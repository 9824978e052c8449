import { authorize, type RequestContext } from '@dentalpin/core';
import { enumResolvers, type Resolvers } from './generated/graphql.ts';
import { NotificationsService, SECRET_TEMPLATES } from './service/index.ts';
import type { PreferencesView } from './service/settings.ts';
import { messageStatus } from './status.ts';

/** One query per request for any number of patients' preferences (federated Patient.notificationPreferences). */
const preferencesOf = (patientId: string, ctx: RequestContext) =>
  ctx
    .loader<string, PreferencesView>('notifications.preferences', (ids) =>
      new NotificationsService(authorize(ctx, 'notifications.preferences.read')).preferencesOf(ids),
    )
    .load(patientId);

export const resolvers: Resolvers = {
  // GraphQL's QUEUED … SKIPPED are the stored queued … skipped: resolvers never convert case.
  ...enumResolvers,
  Query: {
    notificationMessages: (_, args, ctx) =>
      new NotificationsService(authorize(ctx, 'notifications.logs.read')).messages(args),
    notificationMessage: (_, args, ctx) =>
      new NotificationsService(authorize(ctx, 'notifications.logs.read')).message(args.id),
    notificationTemplates: (_, args, ctx) =>
      new NotificationsService(authorize(ctx, 'notifications.templates.read')).templates(args),
    patientNotificationPreferences: (_, args, ctx) =>
      new NotificationsService(authorize(ctx, 'notifications.preferences.read')).preferences(args.patientId),
    notificationSettings: (_, __, ctx) =>
      new NotificationsService(authorize(ctx, 'notifications.settings.read')).settings(),
  },
  Mutation: {
    upsertNotificationTemplate: (_, args, ctx) =>
      new NotificationsService(authorize(ctx, 'notifications.templates.write')).upsertTemplate(args.input),
    updatePatientNotificationPreferences: (_, args, ctx) =>
      new NotificationsService(authorize(ctx, 'notifications.preferences.write')).updatePreferences(
        args.patientId,
        args.input,
      ),
    updateNotificationSettings: (_, args, ctx) =>
      new NotificationsService(authorize(ctx, 'notifications.settings.write')).updateSettings(args.input),
    sendNotification: (_, args, ctx) => new NotificationsService(authorize(ctx, 'notifications.send')).send(args.input),
    retryNotification: (_, args, ctx) => new NotificationsService(authorize(ctx, 'notifications.send')).retry(args.id),
  },
  Patient: {
    __resolveReference: (ref) => ({ id: ref.id }),
    notificationPreferences: (patient, _, ctx) => preferencesOf(patient.id, ctx),
  },
  NotificationMessage: {
    // A reset link in the outbox would let anyone who reads the log take over the account.
    bodyText: (m) =>
      SECRET_TEMPLATES.includes(m.templateKey) ? '(hidden: this message carries a personal sign-in link)' : m.bodyText,
    patient: (m) => (m.patientId ? { __typename: 'Patient' as const, id: m.patientId } : null),
    triggeredBy: (m) => (m.triggeredByUserId ? { __typename: 'User' as const, id: m.triggeredByUserId } : null),
    canRetry: (m) => messageStatus.can(m.status, 'queued'),
  },
  NotificationTemplate: {
    isSystem: (t) => t.clinicId === null,
  },
};
