import { graphql } from '@dentalpin/web/gql';

export const AccountingExportPreviewQuery = graphql(`
  query AccountingExportPreview($from: Date!, $to: Date!) {
    accountingExportPreview(from: $from, to: $to) {
      invoiceCount
      creditNoteCount
      net
      tax
      total
      collectionCount
      collected
      refundCount
      refunded
      sampleInvoices {
        number
        kind
        issueDate
        customer
        total
        status
      }
      sampleCollections {
        paidOn
        invoiceNumber
        kind
        amount
        method
      }
    }
  }
`);

export const AccountingExportLinkQuery = graphql(`
  query AccountingExportLink($from: Date!, $to: Date!, $locale: AccountingExportLocale) {
    accountingExportLink(from: $from, to: $to, locale: $locale) {
      url
      expiresAt
    }
  }
`);
