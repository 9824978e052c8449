import type { ModuleResolvers, RequestContext } from '@dentalpin/core';
import type { Message, Template } from './entities.ts';
import { MESSAGE_TRANSITIONS, toGraphQL } from './lifecycle.ts';
import { NotificationsService, SECRET_TEMPLATES, type PreferencesView } from './service.ts';

type Permission =
  | 'notifications.templates.read'
  | 'notifications.templates.write'
  | 'notifications.preferences.read'
  | 'notifications.preferences.write'
  | 'notifications.logs.read'
  | 'notifications.send'
  | 'notifications.settings.read'
  | 'notifications.settings.write';

const service = (ctx: RequestContext, permission: Permission) =>
  new NotificationsService(ctx.em, ctx.auth.require(permission).clinicId, ctx.query);

export const resolvers: ModuleResolvers = {
  Query: {
    notificationMessages: (_: unknown, args: Record<string, unknown>, ctx: RequestContext) =>
      service(ctx, 'notifications.logs.read').messages(args),
    notificationMessage: (_: unknown, args: { id: string }, ctx: RequestContext) =>
      service(ctx, 'notifications.logs.read').message(args.id),
    notificationTemplates: (_: unknown, args: { templateKey?: string; locale?: string }, ctx: RequestContext) =>
      service(ctx, 'notifications.templates.read').templates(args),
    patientNotificationPreferences: (_: unknown, args: { patientId: string }, ctx: RequestContext) =>
      service(ctx, 'notifications.preferences.read').preferences(args.patientId),
    notificationSettings: (_: unknown, __: unknown, ctx: RequestContext) =>
      service(ctx, 'notifications.settings.read').settings(),
  },
  Mutation: {
    upsertNotificationTemplate: (_: unknown, args: { input: unknown }, ctx: RequestContext) =>
      service(ctx, 'notifications.templates.write').upsertTemplate(args.input),
    updatePatientNotificationPreferences: (
      _: unknown,
      args: { patientId: string; input: unknown },
      ctx: RequestContext,
    ) => service(ctx, 'notifications.preferences.write').updatePreferences(args.patientId, args.input),
    updateNotificationSettings: (_: unknown, args: { input: unknown }, ctx: RequestContext) =>
      service(ctx, 'notifications.settings.write').updateSettings(args.input),
    sendNotification: (_: unknown, args: { input: unknown }, ctx: RequestContext) =>
      service(ctx, 'notifications.send').send(args.input, ctx.auth.user().userId),
    retryNotification: (_: unknown, args: { id: string }, ctx: RequestContext) =>
      service(ctx, 'notifications.send').retry(args.id),
  },
  Patient: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    notificationPreferences: (p: { id: string }, _: unknown, ctx: RequestContext): Promise<PreferencesView> =>
      ctx
        .loader<string, PreferencesView>('notifications.preferences', (ids) =>
          service(ctx, 'notifications.preferences.read').preferencesOf(ids),
        )
        .load(p.id),
  },
  NotificationMessage: {
    status: (m: Message) => toGraphQL(m.status),
    // A reset link in the outbox would let anyone who reads the log take over the account.
    bodyText: (m: Message) =>
      SECRET_TEMPLATES.includes(m.templateKey) ? '(hidden: this message carries a personal sign-in link)' : m.bodyText,
    patient: (m: Message) => (m.patientId ? { __typename: 'Patient', id: m.patientId } : null),
    triggeredBy: (m: Message) => (m.triggeredByUserId ? { __typename: 'User', id: m.triggeredByUserId } : null),
    canRetry: (m: Message) => MESSAGE_TRANSITIONS[m.status].includes('queued'),
  },
  NotificationTemplate: {
    isSystem: (t: Template) => t.clinicId === null,
  },
};
