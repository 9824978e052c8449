import { graphql } from '@dentalpin/web/gql';

export const PaymentFields = graphql(`
  fragment PaymentFields on Payment {
    id
    amount
    currency
    method
    paymentDate
    reference
    origin
    refunded
    refundable
    createdAt
    allocations {
      id
      target
      targetId
      amount
      refunded
    }
  }
`);

export const PatientAccountQuery = graphql(`
  query PatientAccount($patientId: ID!) {
    patientAccount(patientId: $patientId) {
      patientId
      currency
      earned
      paid
      refunded
      balance
      credit
      receivable
      onAccount
      pendingCharges {
        earnedEntryId
        description
        performedAt
        amount
        outstanding
        ageDays
      }
      ledger {
        id
        kind
        occurredAt
        description
        amount
        method
      }
    }
    patient(id: $patientId) {
      id
      payments {
        ...PaymentFields
      }
    }
  }
`);

export const PaymentTargetsQuery = graphql(`
  query PaymentTargets($patientId: ID!) {
    invoices(patientId: $patientId, status: [ISSUED, PARTIAL], pageSize: 100) {
      items {
        id
        number
        balance
      }
    }
    budgets(patientId: $patientId, status: [SENT, ACCEPTED], pageSize: 100) {
      items {
        id
        number
        total
      }
    }
  }
`);

export const RecordPaymentMutation = graphql(`
  mutation RecordPayment($input: RecordPaymentInput!) {
    recordPayment(input: $input) {
      ...PaymentFields
    }
  }
`);

export const RefundPaymentMutation = graphql(`
  mutation RefundPayment($paymentId: ID!, $amount: Decimal!, $reasonCode: RefundReason!, $reasonNote: String) {
    refundPayment(paymentId: $paymentId, amount: $amount, reasonCode: $reasonCode, reasonNote: $reasonNote) {
      id
      amount
      payment {
        id
        refunded
        refundable
      }
    }
  }
`);

export const PaymentsListQuery = graphql(`
  query PaymentsList($filter: PaymentsFilter, $page: Int, $pageSize: Int) {
    payments(filter: $filter, page: $page, pageSize: $pageSize) {
      total
      page
      pageSize
      items {
        ...PaymentFields
        patient {
          id
          fullName
        }
      }
    }
  }
`);

export const PaymentReportsQuery = graphql(`
  query PaymentReports($from: Date!, $to: Date!) {
    paymentsSummary(from: $from, to: $to) {
      currency
      collected
      refunded
      net
      earned
      paymentCount
      refundCount
      byMethod {
        method
        count
        collected
        refunded
      }
      byMonth {
        month
        collected
        refunded
        earned
      }
    }
    receivablesAging {
      currency
      total
      buckets {
        label
        amount
        patientCount
      }
      patients {
        patient {
          id
          fullName
        }
        receivable
        oldestDays
        bucket
      }
    }
  }
`);
