import { graphql } from '@dentalpin/web/gql';

export const AppointmentFields = graphql(`
  fragment AppointmentFields on Appointment {
    id
    startTime
    endTime
    status
    allowedTransitions
    treatmentType
    notes
    currentStatusSince
    patient {
      id
      fullName
    }
    professional {
      id
      fullName
    }
    cabinet {
      id
      name
      color
    }
  }
`);

export const AgendaDayQuery = graphql(`
  query AgendaDay($date: Date!) {
    agendaDay(date: $date) {
      date
      timezone
      byCabinet {
        cabinet {
          id
          name
          color
        }
        appointments {
          ...AppointmentFields
        }
      }
      byStatus {
        status
        appointments {
          ...AppointmentFields
        }
      }
      unassigned {
        ...AppointmentFields
      }
    }
  }
`);

/** The appointments of the shown range (day or week), optionally of one professional. */
export const AgendaWeekQuery = graphql(`
  query AgendaWeek($from: DateTime!, $to: DateTime!, $professionalId: ID) {
    appointments(from: $from, to: $to, professionalId: $professionalId) {
      ...AppointmentFields
    }
  }
`);

/**
 * Open and closed time of the shown range, asked only while the schedules module runs (the agenda works
 * without it): the calendar shades what is not OPEN.
 */
export const AgendaAvailabilityQuery = graphql(`
  query AgendaAvailability($from: DateTime!, $to: DateTime!, $professionalId: ID) {
    availability(from: $from, to: $to, professionalId: $professionalId) {
      start
      end
      state
      reason
    }
  }
`);

export const AgendaClinicQuery = graphql(`
  query AgendaClinic {
    me {
      clinic {
        id
        timezone
      }
    }
  }
`);

export const BookingOptionsQuery = graphql(`
  query AgendaBookingOptions {
    cabinets {
      id
      name
      color
      isActive
    }
    professionals {
      id
      fullName
    }
  }
`);

export const PatientPickerQuery = graphql(`
  query AgendaPatientPicker($search: String) {
    patients(search: $search, page: 1, pageSize: 10) {
      items {
        id
        fullName
      }
    }
  }
`);

export const ScheduleAppointmentMutation = graphql(`
  mutation ScheduleAppointment($input: ScheduleAppointmentInput!) {
    scheduleAppointment(input: $input) {
      ...AppointmentFields
    }
  }
`);

export const RescheduleAppointmentMutation = graphql(`
  mutation RescheduleAppointment($id: ID!, $startTime: DateTime!, $endTime: DateTime!, $cabinetId: ID) {
    rescheduleAppointment(id: $id, startTime: $startTime, endTime: $endTime, cabinetId: $cabinetId) {
      ...AppointmentFields
    }
  }
`);

export const TransitionAppointmentMutation = graphql(`
  mutation TransitionAppointment($id: ID!, $to: AppointmentStatus!) {
    transitionAppointment(id: $id, to: $to) {
      ...AppointmentFields
    }
  }
`);

export const AssignCabinetMutation = graphql(`
  mutation AssignCabinet($id: ID!, $cabinetId: ID) {
    assignCabinet(id: $id, cabinetId: $cabinetId) {
      ...AppointmentFields
    }
  }
`);

export const AgendaChangedSubscription = graphql(`
  subscription AgendaChanged($from: DateTime, $to: DateTime, $after: ID) {
    agendaChanged(from: $from, to: $to, after: $after) {
      eventId
      type
      appointment {
        ...AppointmentFields
      }
    }
  }
`);

/** The patient a booking request names (`/agenda?book=1&patient=<id>`). */
export const BookingPatientQuery = graphql(`
  query AgendaBookingPatient($id: ID!) {
    patient(id: $id) {
      id
      fullName
    }
  }
`);

/** The dashboard card: today's appointments (clinic wall-clock range) and who books as a professional. */
export const AgendaTodayQuery = graphql(`
  query AgendaToday($from: DateTime!, $to: DateTime!, $status: [AppointmentStatus!]) {
    appointments(from: $from, to: $to, status: $status) {
      id
      startTime
      status
      treatmentType
      patient {
        id
        fullName
      }
      professional {
        id
        fullName
      }
    }
    professionals {
      id
    }
  }
`);
