import { graphql } from '@dentalpin/web/gql';

export const PatientFields = graphql(`
  fragment PatientFields on Patient {
    id
    firstName
    lastName
    fullName
    phone
    email
    dateOfBirth
    notes
    status
    doNotContact
    createdAt
    updatedAt
  }
`);

export const PatientsQuery = graphql(`
  query Patients($search: String, $page: Int, $pageSize: Int, $includeArchived: Boolean) {
    patients(search: $search, page: $page, pageSize: $pageSize, includeArchived: $includeArchived) {
      items {
        ...PatientFields
      }
      total
      page
      pageSize
    }
  }
`);

export const PatientQuery = graphql(`
  query Patient($id: ID!) {
    patient(id: $id) {
      ...PatientFields
    }
  }
`);

export const PatientCountQuery = graphql(`
  query PatientCount {
    patients(page: 1, pageSize: 1) {
      total
    }
  }
`);

export const CreatePatientMutation = graphql(`
  mutation CreatePatient($input: CreatePatientInput!) {
    createPatient(input: $input) {
      ...PatientFields
    }
  }
`);

export const UpdatePatientMutation = graphql(`
  mutation UpdatePatient($id: ID!, $input: UpdatePatientInput!) {
    updatePatient(id: $id, input: $input) {
      ...PatientFields
    }
  }
`);

export const ArchivePatientMutation = graphql(`
  mutation ArchivePatient($id: ID!) {
    archivePatient(id: $id) {
      ...PatientFields
    }
  }
`);

/** The top bar's global search: a few patients whose name, phone or e-mail match. */
export const PatientSearchQuery = graphql(`
  query PatientSearch($search: String!) {
    patients(search: $search, pageSize: 5) {
      items {
        id
        fullName
        phone
        email
      }
    }
  }
`);
