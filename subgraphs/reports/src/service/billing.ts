import { cents, groupedBy, sumMoney } from '@dentalpin/core';
import type { PaymentMethod, ReportsBillingTotalsQuery } from '../generated/operations.ts';
import { countOf, keysOf, ranked, sumOf } from './stats.ts';
import { monthsBetween, type ReportRange } from './range.ts';

/**
 * Billing's sums of the invoices issued in the range (one row per kind, status, month and professional);
 * billing adds up in the database, the report only composes the sums (no invoice rows travel).
 */
export type InvoiceTotals = ReportsBillingTotalsQuery['invoiceTotals'][number];

/** Billing's sums of the payments received in the range (one row per method, clinic-local month and professional). */
export type PaymentTotals = ReportsBillingTotalsQuery['paymentTotals'][number];

/**
 * Documents that never reached the books: drafts, and voided ones (discarded before any payment). A
 * CANCELLED invoice stays in them: it was issued, and the credit note that cancelled it offsets it.
 */
const OFF_BOOKS = new Set(['DRAFT', 'VOIDED']);
export const PAYMENT_METHODS: readonly PaymentMethod[] = [
  'CASH',
  'CARD',
  'BANK_TRANSFER',
  'DIRECT_DEBIT',
  'INSURANCE',
  'OTHER',
];

/** A row of the breakdown by professional (the resolver turns the id into a User reference). */
export interface BillingProfessionalRow {
  professionalId: string | null;
  invoiceCount: number;
  invoiced: string;
  collected: string;
}

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
  byProfessional: BillingProfessionalRow[];
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
  const professionalOf = (row: { professional?: { id: string } | null }) => row.professional?.id ?? null;
  const professionals = keysOf([...invoices, ...payments], professionalOf);
  const invoicesBy = groupedBy(professionals, invoices, professionalOf);
  const paymentsBy = groupedBy(professionals, payments, professionalOf);
  // Methods billing adds after this report was written are listed after the known ones.
  const methods = [
    ...PAYMENT_METHODS,
    ...keysOf(payments, (p) => p.method).filter((m) => !PAYMENT_METHODS.includes(m)),
  ];
  const paymentsByMethod = groupedBy(methods, payments, (p) => p.method);
  const months = monthsBetween(range.from, range.to);
  const invoicedByMonth = groupedBy(months, invoices, (i) => i.month);
  const creditedByMonth = groupedBy(months, creditNotes, (c) => c.month);
  const collectedByMonth = groupedBy(months, payments, (p) => p.month);
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
    byPaymentMethod: methods
      .map((method, i) => ({ method, rows: paymentsByMethod[i] }))
      .filter(({ rows }) => rows.length)
      .map(({ method, rows }) => ({ method, count: countOf(rows), amount: sumOf(rows, (p) => p.amount) })),
    byProfessional: ranked(
      professionals.map((professionalId, i) => ({
        professionalId,
        invoiceCount: countOf(invoicesBy[i]),
        invoiced: sumOf(invoicesBy[i], (inv) => inv.total),
        collected: sumOf(paymentsBy[i], (p) => p.amount),
      })),
      [(r) => r.invoiced, (r) => r.collected],
      (r) => r.professionalId,
    ),
    byMonth: months.map((month, i) => ({
      month,
      invoiced: sumOf(invoicedByMonth[i], (inv) => inv.total),
      credited: sumOf(creditedByMonth[i], (c) => c.total),
      collected: sumOf(collectedByMonth[i], (p) => p.amount),
    })),
  };
}
