import { graphql } from '@dentalpin/web/gql';

export const OdontogramTeethQuery = graphql(`
  query OdontogramTeeth($patientId: ID!, $at: Date) {
    odontogram(patientId: $patientId, at: $at) {
      patientId
      at
      teeth {
        toothNumber
        condition
        deciduous
        notes
        surfaces {
          surface
          condition
        }
      }
    }
  }
`);

export const OdontogramTreatmentsQuery = graphql(`
  query OdontogramTreatments($patientId: ID!, $at: Date) {
    odontogram(patientId: $patientId, at: $at) {
      patientId
      treatments {
        ...OdontogramTreatmentFields
      }
    }
  }
`);

export const OdontogramTreatmentFields = graphql(`
  fragment OdontogramTreatmentFields on Treatment {
    id
    clinicalType
    category
    scope
    arch
    status
    allowedTransitions
    price
    durationMinutes
    notes
    performedAt
    teeth {
      toothNumber
      role
      surfaces
    }
  }
`);

export const OdontogramDaysQuery = graphql(`
  query OdontogramDays($patientId: ID!) {
    odontogramDays(patientId: $patientId) {
      date
      toothChanges
      treatments
    }
  }
`);

export const OdontogramCatalogItemsQuery = graphql(`
  query OdontogramCatalogItems {
    catalogItems(pageSize: 100) {
      items {
        id
        code
        name
      }
    }
  }
`);

export const SetToothConditionMutation = graphql(`
  mutation SetToothCondition(
    $patientId: ID!
    $toothNumber: Int!
    $condition: ToothCondition
    $surfaces: [SurfaceConditionInput!]
  ) {
    setToothCondition(patientId: $patientId, toothNumber: $toothNumber, condition: $condition, surfaces: $surfaces) {
      toothNumber
      condition
    }
  }
`);

export const AddTreatmentMutation = graphql(`
  mutation AddTreatment($input: AddTreatmentInput!) {
    addTreatment(input: $input) {
      ...OdontogramTreatmentFields
    }
  }
`);

export const PerformTreatmentMutation = graphql(`
  mutation PerformTreatment($id: ID!) {
    performTreatment(id: $id) {
      ...OdontogramTreatmentFields
    }
  }
`);

export const DeleteTreatmentMutation = graphql(`
  mutation DeleteTreatment($id: ID!) {
    deleteTreatment(id: $id) {
      id
    }
  }
`);

export const ToothHistoryQuery = graphql(`
  query ToothHistory($patientId: ID!, $toothNumber: Int!) {
    toothHistory(patientId: $patientId, toothNumber: $toothNumber) {
      changeType
      surface
      oldCondition
      newCondition
      changedAt
    }
  }
`);
