import { graphql } from '@dentalpin/web/gql';

export const PatientTimelineQuery = graphql(`
  query PatientTimeline($patientId: ID!, $category: TimelineCategory, $page: Int, $pageSize: Int) {
    patientTimeline(patientId: $patientId, category: $category, page: $page, pageSize: $pageSize) {
      entries {
        id
        type
        category
        title
        description
        occurredAt
        data
      }
      total
      page
      hasMore
    }
  }
`);
