import { graphql } from '@dentalpin/web/gql';

export const PatientFamilyQuery = graphql(`
  query PatientFamily($patientId: ID!) {
    patientRelationships(patientId: $patientId) {
      id
      type
      notes
      relatedPatient {
        id
        fullName
      }
    }
  }
`);

export const FamilyPatientPickerQuery = graphql(`
  query FamilyPatientPicker($search: String) {
    patients(search: $search, page: 1, pageSize: 10) {
      items {
        id
        fullName
      }
    }
  }
`);

export const AddPatientRelationshipMutation = graphql(`
  mutation AddPatientRelationship($input: AddPatientRelationshipInput!) {
    addPatientRelationship(input: $input) {
      id
    }
  }
`);

export const UpdatePatientRelationshipMutation = graphql(`
  mutation UpdatePatientRelationship($id: ID!, $input: UpdatePatientRelationshipInput!) {
    updatePatientRelationship(id: $id, input: $input) {
      id
      type
      notes
    }
  }
`);

export const RemovePatientRelationshipMutation = graphql(`
  mutation RemovePatientRelationship($id: ID!) {
    removePatientRelationship(id: $id) {
      id
    }
  }
`);
