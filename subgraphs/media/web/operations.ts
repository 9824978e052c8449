import { graphql } from '@dentalpin/web/gql';

export const PatientDocumentsQuery = graphql(`
  query PatientDocuments($patientId: ID!) {
    documents(patientId: $patientId) {
      id
      title
      documentType
      kind
      mimeType
      sizeBytes
      createdAt
      downloadUrl
      tags
      pairedDocument {
        id
        title
      }
    }
  }
`);

export const DocumentUploadUrlQuery = graphql(`
  query DocumentUploadUrl {
    documentUploadUrl
  }
`);

export const ArchiveDocumentMutation = graphql(`
  mutation ArchiveDocument($id: ID!) {
    archiveDocument(id: $id) {
      id
      status
    }
  }
`);
