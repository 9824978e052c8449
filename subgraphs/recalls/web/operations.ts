import { graphql } from '@dentalpin/web/gql';

export const RecallFields = graphql(`
  fragment RecallFields on Recall {
    id
    status
    reason
    reasonNote
    priority
    dueMonth
    dueDate
    overdue
    contactAttemptCount
    lastContactAttemptAt
    linkedAppointmentId
    allowedTransitions
  }
`);

export const RecallsQuery = graphql(`
  query Recalls($status: [RecallStatus!], $dueMonth: String, $patientId: ID) {
    recalls(status: $status, dueMonth: $dueMonth, patientId: $patientId) {
      ...RecallFields
      patient {
        id
        fullName
        phone
        doNotContact
      }
    }
  }
`);

export const PatientRecallsQuery = graphql(`
  query PatientRecalls($patientId: ID!) {
    recalls(patientId: $patientId) {
      ...RecallFields
    }
  }
`);

export const RecallDashboardQuery = graphql(`
  query RecallDashboard {
    recallDashboard {
      dueThisMonth
      overdue
      scheduled
      completedThisMonth
    }
  }
`);

export const CreateRecallMutation = graphql(`
  mutation CreateRecall($input: CreateRecallInput!) {
    createRecall(input: $input) {
      ...RecallFields
    }
  }
`);

export const LogRecallContactMutation = graphql(`
  mutation LogRecallContact($id: ID!, $channel: RecallContactChannel!, $outcome: RecallContactOutcome!, $note: String) {
    logRecallContact(id: $id, channel: $channel, outcome: $outcome, note: $note) {
      ...RecallFields
    }
  }
`);

export const SnoozeRecallMutation = graphql(`
  mutation SnoozeRecall($id: ID!, $months: Int!) {
    snoozeRecall(id: $id, months: $months) {
      ...RecallFields
    }
  }
`);

export const CompleteRecallMutation = graphql(`
  mutation CompleteRecall($id: ID!) {
    completeRecall(id: $id) {
      ...RecallFields
    }
  }
`);

export const CancelRecallMutation = graphql(`
  mutation CancelRecall($id: ID!) {
    cancelRecall(id: $id) {
      ...RecallFields
    }
  }
`);

export const RecallSettingsQuery = graphql(`
  query RecallSettings {
    recallSettings {
      intervals {
        reason
        months
      }
      reminderLeadDays
    }
  }
`);

export const UpdateRecallSettingsMutation = graphql(`
  mutation UpdateRecallSettings($input: RecallSettingsInput!) {
    updateRecallSettings(input: $input) {
      intervals {
        reason
        months
      }
      reminderLeadDays
    }
  }
`);
