import { graphql } from '@dentalpin/web/gql';

/** The patient's alerts, cached per Patient: the banner, the agenda badge and the budget header share it. */
export const PatientAlertsQuery = graphql(`
  query PatientMedicalAlerts($id: ID!) {
    patient(id: $id) {
      id
      medicalAlerts {
        code
        severity
        message
        generic
        subject
        detail
        pregnancyWeek
        controlled
        inrValue
        inrDate
      }
    }
  }
`);

export const MedicalHistoryQuery = graphql(`
  query MedicalHistory($patientId: ID!) {
    medicalContext(patientId: $patientId) {
      patientId
      isPregnant
      pregnancyWeek
      isLactating
      isSmoker
      smokingFrequency
      alcoholConsumption
      bruxism
      anesthesiaAdverseReaction
      anesthesiaReactionDetails
      notes
      updatedAt
      allergies {
        id
        substance
        type
        severity
        reaction
        notes
        updatedAt
      }
      medications {
        id
        name
        dosage
        frequency
        startDate
        isAnticoagulant
        inrValue
        inrDate
        notes
        updatedAt
      }
      systemicDiseases {
        id
        name
        diagnosisDate
        isControlled
        isCritical
        notes
        updatedAt
      }
      surgicalHistory {
        id
        procedure
        surgeryDate
        complications
        notes
        updatedAt
      }
    }
  }
`);

export const MedicalHistoryAuditQuery = graphql(`
  query MedicalHistoryAudit($patientId: ID!) {
    medicalHistoryAudit(patientId: $patientId, limit: 100) {
      id
      section
      action
      summary
      subject
      subjectSeverity
      changedFields
      reason
      changedAt
      changedByUser {
        id
        fullName
      }
    }
  }
`);

export const UpdateMedicalContextMutation = graphql(`
  mutation UpdateMedicalContext($patientId: ID!, $input: MedicalContextInput!) {
    updateMedicalContext(patientId: $patientId, input: $input) {
      patientId
      updatedAt
    }
  }
`);

export const AddAllergyMutation = graphql(`
  mutation AddAllergy($patientId: ID!, $input: AllergyInput!) {
    addAllergy(patientId: $patientId, input: $input) {
      id
    }
  }
`);
export const UpdateAllergyMutation = graphql(`
  mutation UpdateAllergy($id: ID!, $input: AllergyUpdateInput!) {
    updateAllergy(id: $id, input: $input) {
      id
    }
  }
`);
export const RemoveAllergyMutation = graphql(`
  mutation RemoveAllergy($id: ID!, $reason: String!) {
    removeAllergy(id: $id, reason: $reason) {
      id
    }
  }
`);

export const AddMedicationMutation = graphql(`
  mutation AddMedication($patientId: ID!, $input: MedicationInput!) {
    addMedication(patientId: $patientId, input: $input) {
      id
    }
  }
`);
export const UpdateMedicationMutation = graphql(`
  mutation UpdateMedication($id: ID!, $input: MedicationUpdateInput!) {
    updateMedication(id: $id, input: $input) {
      id
    }
  }
`);
export const RemoveMedicationMutation = graphql(`
  mutation RemoveMedication($id: ID!, $reason: String!) {
    removeMedication(id: $id, reason: $reason) {
      id
    }
  }
`);

export const AddSystemicDiseaseMutation = graphql(`
  mutation AddSystemicDisease($patientId: ID!, $input: SystemicDiseaseInput!) {
    addSystemicDisease(patientId: $patientId, input: $input) {
      id
    }
  }
`);
export const UpdateSystemicDiseaseMutation = graphql(`
  mutation UpdateSystemicDisease($id: ID!, $input: SystemicDiseaseUpdateInput!) {
    updateSystemicDisease(id: $id, input: $input) {
      id
    }
  }
`);
export const RemoveSystemicDiseaseMutation = graphql(`
  mutation RemoveSystemicDisease($id: ID!, $reason: String!) {
    removeSystemicDisease(id: $id, reason: $reason) {
      id
    }
  }
`);

export const AddSurgicalProcedureMutation = graphql(`
  mutation AddSurgicalProcedure($patientId: ID!, $input: SurgicalProcedureInput!) {
    addSurgicalProcedure(patientId: $patientId, input: $input) {
      id
    }
  }
`);
export const UpdateSurgicalProcedureMutation = graphql(`
  mutation UpdateSurgicalProcedure($id: ID!, $input: SurgicalProcedureUpdateInput!) {
    updateSurgicalProcedure(id: $id, input: $input) {
      id
    }
  }
`);
export const RemoveSurgicalProcedureMutation = graphql(`
  mutation RemoveSurgicalProcedure($id: ID!, $reason: String!) {
    removeSurgicalProcedure(id: $id, reason: $reason) {
      id
    }
  }
`);

/** Today's appointments and their patients' alerts, for the dashboard card (reads the agenda through the supergraph). */
export const AlertsTodayQuery = graphql(`
  query MedicalAlertsToday($from: DateTime!, $to: DateTime!, $status: [AppointmentStatus!]) {
    appointments(from: $from, to: $to, status: $status) {
      id
      startTime
      patient {
        id
        fullName
        medicalAlerts {
          code
          severity
          message
        }
      }
    }
  }
`);
