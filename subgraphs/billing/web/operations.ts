import { graphql } from '@dentalpin/web/gql';

export const InvoiceSummaryFields = graphql(`
  fragment InvoiceSummaryFields on Invoice {
    id
    kind
    number
    status
    issueDate
    dueDate
    billingName
    total
    paid
    balance
    createdAt
    patient {
      id
      fullName
    }
  }
`);

export const InvoiceDetailFields = graphql(`
  fragment InvoiceDetailFields on Invoice {
    ...InvoiceSummaryFields
    nextStatuses
    budgetId
    billingTaxId
    billingAddress
    billingEmail
    subtotal
    totalDiscount
    totalTax
    notes
    voidReason
    creditNoteFor {
      id
      number
    }
    creditNotes {
      id
      number
    }
    items {
      id
      description
      quantity
      unitPrice
      discount
      vatRate
      netAmount
      taxAmount
      total
    }
    payments {
      id
      kind
      amount
      method
      paidAt
      reference
      reason
    }
  }
`);

export const InvoicesQuery = graphql(`
  query Invoices($status: [InvoiceStatus!], $patientId: ID, $page: Int, $pageSize: Int) {
    invoices(status: $status, patientId: $patientId, page: $page, pageSize: $pageSize) {
      items {
        ...InvoiceSummaryFields
      }
      total
      page
      pageSize
    }
  }
`);

export const InvoiceQuery = graphql(`
  query Invoice($id: ID!) {
    invoice(id: $id) {
      ...InvoiceDetailFields
    }
  }
`);

export const CreateInvoiceFromBudgetMutation = graphql(`
  mutation CreateInvoiceFromBudget($budgetId: ID!) {
    createInvoiceFromBudget(budgetId: $budgetId) {
      ...InvoiceDetailFields
    }
  }
`);

export const IssueInvoiceMutation = graphql(`
  mutation IssueInvoice($id: ID!) {
    issueInvoice(id: $id) {
      ...InvoiceDetailFields
    }
  }
`);

export const RecordInvoicePaymentMutation = graphql(`
  mutation RecordInvoicePayment($invoiceId: ID!, $amount: Decimal!, $method: PaymentMethod!, $reference: String) {
    recordInvoicePayment(invoiceId: $invoiceId, amount: $amount, method: $method, reference: $reference) {
      ...InvoiceDetailFields
    }
  }
`);

export const VoidInvoiceMutation = graphql(`
  mutation VoidInvoice($id: ID!, $reason: String!) {
    voidInvoice(id: $id, reason: $reason) {
      ...InvoiceDetailFields
    }
  }
`);

export const CreateCreditNoteMutation = graphql(`
  mutation CreateCreditNote($invoiceId: ID!, $reason: String!) {
    createCreditNote(invoiceId: $invoiceId, reason: $reason) {
      ...InvoiceDetailFields
    }
  }
`);

/** Accepted budgets to invoice (the budget module's query, through the supergraph). */
export const AcceptedBudgetsQuery = graphql(`
  query BillingAcceptedBudgets($patientId: ID) {
    budgets(status: [ACCEPTED], patientId: $patientId, pageSize: 100) {
      items {
        id
        number
        total
        patient {
          id
          fullName
        }
        invoice {
          id
        }
      }
    }
  }
`);

/** The dashboard card: issued invoices with money still owed, newest first. */
export const UnpaidInvoicesQuery = graphql(`
  query UnpaidInvoices($pageSize: Int) {
    invoices(status: [ISSUED, PARTIAL], kind: INVOICE, pageSize: $pageSize) {
      items {
        id
        number
        balance
        dueDate
        patient {
          id
          fullName
        }
      }
      total
    }
  }
`);

/** The top bar's global search: invoices and credit notes whose number holds the term. */
export const InvoiceSearchQuery = graphql(`
  query InvoiceSearch($search: String!) {
    invoices(search: $search, pageSize: 5) {
      items {
        id
        kind
        number
        status
        patient {
          id
          fullName
        }
      }
    }
  }
`);
