import { graphql } from '@dentalpin/web/gql';

export const TreatmentPlanFields = graphql(`
  fragment TreatmentPlanFields on TreatmentPlan {
    id
    number
    title
    status
    allowedTransitions
    closureReason
    closureNote
    createdAt
    budget {
      id
    }
    items {
      id
      status
      sequence
      treatment {
        id
      }
      sessions {
        id
        sequence
        status
        appointmentId
      }
    }
  }
`);

export const TreatmentPlansQuery = graphql(`
  query TreatmentPlans($patientId: ID, $status: [TreatmentPlanStatus!]) {
    treatmentPlans(patientId: $patientId, status: $status) {
      ...TreatmentPlanFields
      patient {
        id
        fullName
      }
    }
  }
`);

export const TreatmentPlanQuery = graphql(`
  query TreatmentPlan($id: ID!) {
    treatmentPlan(id: $id) {
      ...TreatmentPlanFields
      editable
      bookable
      confirmedAt
      closedAt
      patient {
        id
        fullName
      }
    }
  }
`);

export const ConfirmTreatmentPlanMutation = graphql(`
  mutation ConfirmTreatmentPlan($id: ID!) {
    confirmTreatmentPlan(id: $id) {
      ...TreatmentPlanFields
    }
  }
`);

export const CloseTreatmentPlanMutation = graphql(`
  mutation CloseTreatmentPlan($id: ID!, $reason: PlanClosureReason!, $note: String) {
    closeTreatmentPlan(id: $id, reason: $reason, note: $note) {
      ...TreatmentPlanFields
    }
  }
`);

export const ReactivateTreatmentPlanMutation = graphql(`
  mutation ReactivateTreatmentPlan($id: ID!) {
    reactivateTreatmentPlan(id: $id) {
      ...TreatmentPlanFields
    }
  }
`);

export const CompletePlanItemMutation = graphql(`
  mutation CompletePlanItem($id: ID!) {
    completePlanItem(id: $id) {
      ...TreatmentPlanFields
    }
  }
`);

/** The patient's planned odontogram treatments a new plan can start with. */
export const PlannedTreatmentsQuery = graphql(`
  query PlannedTreatments($patientId: ID!) {
    odontogram(patientId: $patientId) {
      patientId
      treatments(status: [PLANNED]) {
        id
        clinicalType
        scope
        teeth {
          toothNumber
        }
        price
      }
    }
  }
`);

export const CreateTreatmentPlanMutation = graphql(`
  mutation CreateTreatmentPlan($input: CreateTreatmentPlanInput!) {
    createTreatmentPlan(input: $input) {
      ...TreatmentPlanFields
    }
  }
`);

export const ArchiveTreatmentPlanMutation = graphql(`
  mutation ArchiveTreatmentPlan($id: ID!) {
    archiveTreatmentPlan(id: $id) {
      ...TreatmentPlanFields
    }
  }
`);

export const CompletePlanSessionMutation = graphql(`
  mutation CompletePlanSession($id: ID!) {
    completePlanSession(id: $id) {
      ...TreatmentPlanFields
    }
  }
`);

export const AddPlanItemMutation = graphql(`
  mutation AddPlanItem($planId: ID!, $treatmentId: ID!) {
    addPlanItem(planId: $planId, treatmentId: $treatmentId) {
      ...TreatmentPlanFields
    }
  }
`);

export const LinkPlanSessionMutation = graphql(`
  mutation LinkPlanSession($sessionId: ID!, $appointmentId: ID) {
    linkPlanSessionAppointment(sessionId: $sessionId, appointmentId: $appointmentId) {
      ...TreatmentPlanFields
    }
  }
`);

/** What booking a plan's visits starts with: each item's treatment, its length and who recorded it (odontogram). */
export const PlanTreatmentsBookingQuery = graphql(`
  query PlanTreatmentsBooking($id: ID!) {
    treatmentPlan(id: $id) {
      id
      items {
        id
        treatment {
          id
          clinicalType
          durationMinutes
          recordedBy {
            id
          }
        }
      }
    }
  }
`);

/** A booked visit's appointment time (asked only while the agenda module runs). */
export const PlanSessionAppointmentQuery = graphql(`
  query PlanSessionAppointment($id: ID!) {
    appointment(id: $id) {
      id
      startTime
      status
    }
  }
`);
