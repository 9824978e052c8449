import { graphql } from '@dentalpin/web/gql';

export const PeriodontalExamFields = graphql(`
  fragment PeriodontalExamFields on PeriodontalExam {
    id
    status
    createdAt
    closedAt
    sites {
      toothNumber
      site
      probingDepth
      recession
      bleeding
      plaque
      suppuration
    }
    indices {
      sitesExamined
      bleedingPercent
      plaquePercent
      meanProbingDepth
      meanAttachmentLoss
      pocketsOver5mm
    }
  }
`);

export const PatientPeriodontalExamsQuery = graphql(`
  query PatientPeriodontalExams($patientId: ID!) {
    periodontalExams(patientId: $patientId) {
      ...PeriodontalExamFields
    }
  }
`);

export const StartPeriodontalExamMutation = graphql(`
  mutation StartPeriodontalExam($patientId: ID!) {
    startPeriodontalExam(patientId: $patientId) {
      ...PeriodontalExamFields
    }
  }
`);

export const RecordPeriodontalSitesMutation = graphql(`
  mutation RecordPeriodontalSites($examId: ID!, $sites: [PeriodontalSiteInput!]!) {
    recordPeriodontalSites(examId: $examId, sites: $sites) {
      ...PeriodontalExamFields
    }
  }
`);

export const ClosePeriodontalExamMutation = graphql(`
  mutation ClosePeriodontalExam($id: ID!) {
    closePeriodontalExam(id: $id) {
      ...PeriodontalExamFields
    }
  }
`);

export const ComparePeriodontalExamsQuery = graphql(`
  query ComparePeriodontalExams($baseId: ID!, $otherId: ID!) {
    comparePeriodontalExams(baseId: $baseId, otherId: $otherId) {
      sites {
        toothNumber
        site
        probingDepthDelta
        attachmentLossDelta
        bleedingBefore
        bleedingAfter
      }
    }
  }
`);
