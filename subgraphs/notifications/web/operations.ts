import { graphql } from '@dentalpin/web/gql';

export const NotificationMessagesQuery = graphql(`
  query NotificationMessages($status: [NotificationStatus!], $page: Int, $pageSize: Int) {
    notificationMessages(status: $status, page: $page, pageSize: $pageSize) {
      items {
        id
        status
        skipReason
        toAddress
        templateKey
        locale
        subject
        bodyText
        attempts
        maxAttempts
        nextAttemptAt
        lastError
        triggeredByEvent
        canRetry
        createdAt
        sentAt
      }
      total
      page
      pageSize
    }
  }
`);

export const RetryNotificationMutation = graphql(`
  mutation RetryNotification($id: ID!) {
    retryNotification(id: $id) {
      id
      status
      attempts
      nextAttemptAt
      canRetry
    }
  }
`);

export const NotificationTemplatesQuery = graphql(`
  query NotificationTemplates {
    notificationTemplates {
      id
      templateKey
      locale
      subject
      bodyText
      description
      isSystem
      isActive
      updatedAt
    }
  }
`);

export const UpsertNotificationTemplateMutation = graphql(`
  mutation UpsertNotificationTemplate($input: UpsertNotificationTemplateInput!) {
    upsertNotificationTemplate(input: $input) {
      id
      templateKey
      locale
      subject
      bodyText
      isSystem
      isActive
    }
  }
`);

export const NotificationSettingsQuery = graphql(`
  query NotificationSettings {
    notificationSettings {
      enabled
      senderName
      replyTo
      defaultLocale
      reminderHoursBefore
      autoSend {
        eventType
        templateKey
        enabled
      }
    }
  }
`);

export const UpdateNotificationSettingsMutation = graphql(`
  mutation UpdateNotificationSettings($input: NotificationSettingsInput!) {
    updateNotificationSettings(input: $input) {
      enabled
      senderName
      replyTo
      defaultLocale
      reminderHoursBefore
      autoSend {
        eventType
        templateKey
        enabled
      }
    }
  }
`);
