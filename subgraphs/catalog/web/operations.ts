import { graphql } from '@dentalpin/web/gql';

export const CatalogItemsQuery = graphql(`
  query CatalogItems($search: String, $active: Boolean, $page: Int, $pageSize: Int) {
    catalogItems(search: $search, active: $active, page: $page, pageSize: $pageSize) {
      items {
        id
        code
        name
        pricingStrategy
        price
        isActive
        category {
          name
        }
        vatType {
          name
          rate
        }
      }
      total
      page
      pageSize
    }
  }
`);

export const QuoteTreatmentQuery = graphql(`
  query QuoteTreatment($input: QuoteTreatmentInput!) {
    quoteTreatment(input: $input) {
      net
      vatRate
      vatAmount
      gross
      units
    }
  }
`);
