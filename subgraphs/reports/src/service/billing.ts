import { cents, sumMoney } from '@dentalpin/core';
import { countOf, groupBy, ranked, sumOf } from './stats.ts';
import { monthsBetween, type ReportRange } from './range.ts';

/** Billing's sums of the invoices issued in the range (one row per kind, status, month and professional). */
export interface InvoiceTotals {
  kind: string;
  status: string;
  month: string;
  professional: { id: string } | null;
  count: number;
  total: string;
  totalTax: string;
  balance: string;
}

/** Billing's sums of the payments received in the range (one row per method, clinic-local month and professional). */
export interface PaymentTotals {
  method: string;
  month: string;
  professional: { id: string } | null;
  count: number;
  amount: string;
}

/** Billing adds up in the database; the report only composes the sums (no invoice rows travel). */
export const BILLING_TOTALS_QUERY = `query ReportsBillingTotals($from: Date!, $to: Date!, $start: DateTime!, $end: DateTime!, $professionalId: ID) {
  invoiceTotals(issuedFrom: $from, issuedTo: $to, professionalId: $professionalId) {
    kind status month professional { id } count total totalTax balance
  }
  paymentTotals(from: $start, to: $end, professionalId: $professionalId) { method month professional { id } count amount }
}`;

/**
 * Documents that never reached the books: drafts, and voided ones (discarded before any payment). A
 * CANCELLED invoice stays in them: it was issued, and the credit note that cancelled it offsets it.
 */
const OFF_BOOKS = new Set(['DRAFT', 'VOIDED']);
export const PAYMENT_METHODS = ['CASH', 'CARD', 'BANK_TRANSFER', 'DIRECT_DEBIT', 'INSURANCE', 'OTHER'] as const;

export interface BillingReport {
  from: string;
  to: string;
  timezone: string;
  invoiceCount: number;
  invoiced: string;
  tax: string;
  creditNotes: { count: number; amount: string };
  netInvoiced: string;
  collected: string;
  outstanding: string;
  voidedCount: number;
  byPaymentMethod: { method: string; count: number; amount: string }[];
  byProfessional: { professionalId: string | null; invoiceCount: number; invoiced: string; collected: string }[];
  byMonth: { month: string; invoiced: string; credited: string; collected: string }[];
}

/**
 * Invoices issued in the range and payments received in it. invoiced/tax cover the invoices issued
 * (those later cancelled included); the credit notes issued in the range (negative totals) are apart,
 * and netInvoiced = invoiced + credit notes. Voided documents are only counted. collected is every
 * payment dated in the range, whatever its invoice's date; outstanding is what the range's invoices owe now.
 */
export function billingReport(
  range: ReportRange,
  documents: readonly InvoiceTotals[],
  payments: readonly PaymentTotals[],
): BillingReport {
  const booked = documents.filter((d) => !OFF_BOOKS.has(d.status));
  const invoices = booked.filter((d) => d.kind === 'INVOICE');
  const creditNotes = booked.filter((d) => d.kind === 'CREDIT_NOTE');
  const invoiced = sumMoney(invoices.map((i) => i.total));
  const credited = sumMoney(creditNotes.map((c) => c.total));
  const professionalOf = (row: { professional: { id: string } | null }) => row.professional?.id ?? null;
  const invoicesBy = groupBy(invoices, professionalOf);
  const paymentsBy = groupBy(payments, professionalOf);
  const methods = groupBy(payments, (p) => p.method);
  const invoicedByMonth = groupBy(invoices, (i) => i.month);
  const creditedByMonth = groupBy(creditNotes, (c) => c.month);
  const collectedByMonth = groupBy(payments, (p) => p.month);
  return {
    from: range.from,
    to: range.to,
    timezone: range.timezone,
    invoiceCount: countOf(invoices),
    invoiced: cents(invoiced),
    tax: sumOf(invoices, (i) => i.totalTax),
    creditNotes: { count: countOf(creditNotes), amount: cents(credited) },
    netInvoiced: cents(invoiced.plus(credited)),
    collected: sumOf(payments, (p) => p.amount),
    outstanding: sumOf(invoices, (i) => i.balance),
    voidedCount: countOf(documents.filter((d) => d.status === 'VOIDED')),
    byPaymentMethod: [...PAYMENT_METHODS, ...[...methods.keys()].filter((m) => !PAYMENT_METHODS.includes(m as never))]
      .filter((method) => methods.has(method))
      .map((method) => {
        const rows = methods.get(method)!;
        return { method, count: countOf(rows), amount: sumOf(rows, (p) => p.amount) };
      }),
    byProfessional: ranked(
      [...new Set([...invoicesBy.keys(), ...paymentsBy.keys()])].map((professionalId) => {
        const rows = invoicesBy.get(professionalId) ?? [];
        return {
          professionalId,
          invoiceCount: countOf(rows),
          invoiced: sumOf(rows, (i) => i.total),
          collected: sumOf(paymentsBy.get(professionalId) ?? [], (p) => p.amount),
        };
      }),
      [(r) => r.invoiced, (r) => r.collected],
      (r) => r.professionalId,
    ),
    byMonth: monthsBetween(range.from, range.to).map((month) => ({
      month,
      invoiced: sumOf(invoicedByMonth.get(month) ?? [], (i) => i.total),
      credited: sumOf(creditedByMonth.get(month) ?? [], (c) => c.total),
      collected: sumOf(collectedByMonth.get(month) ?? [], (p) => p.amount),
    })),
  };
}
