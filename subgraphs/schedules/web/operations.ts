import { graphql } from '@dentalpin/web/gql';

export const ClinicHoursQuery = graphql(`
  query ScheduleClinicHours {
    clinicHours {
      weekday
      start
      end
    }
  }
`);

export const SetClinicHoursMutation = graphql(`
  mutation SetClinicHours($shifts: [WeeklyShiftInput!]!) {
    setClinicHours(shifts: $shifts) {
      weekday
      start
      end
    }
  }
`);

export const ProfessionalHoursQuery = graphql(`
  query ScheduleProfessionalHours($userId: ID!) {
    professionalHours(userId: $userId) {
      weekday
      start
      end
    }
  }
`);

export const SetProfessionalHoursMutation = graphql(`
  mutation SetProfessionalHours($userId: ID!, $shifts: [WeeklyShiftInput!]!) {
    setProfessionalHours(userId: $userId, shifts: $shifts) {
      weekday
      start
      end
    }
  }
`);

/** The agenda's professionals (the agenda is always installed; without it the page offers one's own hours). */
export const ScheduleProfessionalsQuery = graphql(`
  query ScheduleProfessionals {
    professionals {
      id
      fullName
    }
  }
`);

export const OverrideFields = graphql(`
  fragment ScheduleOverrideFields on ScheduleOverride {
    id
    scope
    userId
    kind
    startDate
    endDate
    reason
    shifts {
      start
      end
    }
  }
`);

export const ScheduleOverridesQuery = graphql(`
  query ScheduleOverrides($userId: ID, $from: Date) {
    scheduleOverrides(userId: $userId, from: $from) {
      ...ScheduleOverrideFields
    }
  }
`);

export const AddScheduleOverrideMutation = graphql(`
  mutation AddScheduleOverride($input: AddScheduleOverrideInput!) {
    addScheduleOverride(input: $input) {
      ...ScheduleOverrideFields
    }
  }
`);

export const RemoveScheduleOverrideMutation = graphql(`
  mutation RemoveScheduleOverride($id: ID!) {
    removeScheduleOverride(id: $id) {
      id
      removedAt
    }
  }
`);

export const FreeSlotsQuery = graphql(`
  query ScheduleFreeSlots($professionalId: ID!, $durationMinutes: Int!, $from: DateTime, $limit: Int) {
    findFreeSlots(professionalId: $professionalId, durationMinutes: $durationMinutes, from: $from, limit: $limit) {
      start
      end
      freeUntil
    }
  }
`);

export const ScheduleSettingsQuery = graphql(`
  query ScheduleSettings {
    scheduleSettings {
      refuseBookingsOutsideHours
    }
  }
`);

export const UpdateScheduleSettingsMutation = graphql(`
  mutation UpdateScheduleSettings($refuseBookingsOutsideHours: Boolean!) {
    updateScheduleSettings(refuseBookingsOutsideHours: $refuseBookingsOutsideHours) {
      refuseBookingsOutsideHours
    }
  }
`);
