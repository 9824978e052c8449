import { graphql } from '@dentalpin/web/gql';

export const BillingReportQuery = graphql(`
  query ReportsBillingReport($from: Date!, $to: Date!) {
    billingReport(from: $from, to: $to) {
      invoiceCount
      invoiced
      tax
      creditNotes {
        count
        amount
      }
      netInvoiced
      collected
      outstanding
      voidedCount
      byPaymentMethod {
        method
        count
        amount
      }
      byProfessional {
        professional {
          id
          fullName
        }
        invoiceCount
        invoiced
        collected
      }
      byMonth {
        month
        invoiced
        credited
        collected
      }
    }
  }
`);

export const BudgetConversionReportQuery = graphql(`
  query ReportsBudgetConversionReport($from: Date!, $to: Date!) {
    budgetConversionReport(from: $from, to: $to) {
      count
      amount
      sentCount
      acceptedCount
      acceptedAmount
      acceptanceRate
      averageDaysToAcceptance
      byStatus {
        status
        count
        amount
      }
      byProfessional {
        professional {
          id
          fullName
        }
        count
        sentCount
        acceptedCount
        acceptedAmount
        acceptanceRate
      }
    }
  }
`);

export const SchedulingReportQuery = graphql(`
  query ReportsSchedulingReport($from: Date!, $to: Date!) {
    schedulingReport(from: $from, to: $to) {
      appointmentCount
      funnel {
        byStatus {
          status
          count
        }
        completionRate
        noShowRate
        cancellationRate
      }
      waitingTime {
        count
        average
        median
        p90
        buckets {
          label
          count
        }
      }
      punctuality {
        count
        average
        median
        p90
        early
        onTime
        late
      }
      durationVariance {
        count
        planned {
          average
        }
        actual {
          average
        }
        variance {
          average
          median
          p90
        }
        overruns
      }
      byDayOfWeek {
        dayOfWeek
        appointments
        completed
        cancelled
        noShows
      }
      byProfessional {
        professional {
          id
          fullName
        }
        appointments
        completed
        noShows
        averageWaitMinutes
      }
    }
  }
`);
