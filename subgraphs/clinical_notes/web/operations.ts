import { graphql } from '@dentalpin/web/gql';

export const ClinicalNoteFields = graphql(`
  fragment ClinicalNoteFields on ClinicalNote {
    id
    body
    ownerType
    ownerId
    toothNumber
    createdAt
    canDelete
    author {
      id
      fullName
    }
  }
`);

export const ClinicalNotesQuery = graphql(`
  query ClinicalNotes($patientId: ID!, $ownerType: NoteOwnerType, $ownerId: ID) {
    clinicalNotes(patientId: $patientId, ownerType: $ownerType, ownerId: $ownerId) {
      ...ClinicalNoteFields
    }
  }
`);

export const NoteTemplatesQuery = graphql(`
  query NoteTemplates {
    noteTemplates {
      id
      name
      body
    }
  }
`);

export const CreateClinicalNoteMutation = graphql(`
  mutation CreateClinicalNote($input: CreateClinicalNoteInput!) {
    createClinicalNote(input: $input) {
      ...ClinicalNoteFields
    }
  }
`);

export const DeleteClinicalNoteMutation = graphql(`
  mutation DeleteClinicalNote($id: ID!) {
    deleteClinicalNote(id: $id) {
      id
    }
  }
`);
