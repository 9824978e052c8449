import { cents, sumMoney } from '@dentalpin/core';
import { groupBy, ranked } from './stats.ts';
import { localMonth, monthsBetween, type ReportRange } from './range.ts';

/** What the report reads of each invoice through the supergraph. */
export interface BillingInvoice {
  id: string;
  kind: string;
  status: string;
  issueDate: string | null;
  total: string;
  totalTax: string;
  balance: string;
  professional: { id: string } | null;
}

export interface BillingPayment {
  id: string;
  amount: string;
  method: string;
  paidAt: string;
  invoice: { id: string; professional: { id: string } | null } | null;
}

export const INVOICES_QUERY = `query ReportsInvoices($from: Date!, $to: Date!, $page: Int!, $pageSize: Int!) {
  invoices(issuedFrom: $from, issuedTo: $to, page: $page, pageSize: $pageSize) {
    total
    items { id kind status issueDate total totalTax balance professional { id } }
  }
}`;

export const PAYMENTS_QUERY = `query ReportsPayments($from: DateTime!, $to: DateTime!, $page: Int!, $pageSize: Int!) {
  invoicePayments(from: $from, to: $to, page: $page, pageSize: $pageSize) {
    total
    items { id amount method paidAt invoice { id professional { id } } }
  }
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
  documents: readonly BillingInvoice[],
  payments: readonly BillingPayment[],
): BillingReport {
  const booked = documents.filter((d) => !OFF_BOOKS.has(d.status));
  const invoices = booked.filter((d) => d.kind === 'INVOICE');
  const creditNotes = booked.filter((d) => d.kind === 'CREDIT_NOTE');
  const invoiced = sumMoney(invoices.map((i) => i.total));
  const credited = sumMoney(creditNotes.map((c) => c.total));
  const byProfessional = new Map<string | null, { invoices: BillingInvoice[]; payments: BillingPayment[] }>();
  const slot = (id: string | null) => {
    let s = byProfessional.get(id);
    if (!s) byProfessional.set(id, (s = { invoices: [], payments: [] }));
    return s;
  };
  for (const i of invoices) slot(i.professional?.id ?? null).invoices.push(i);
  for (const p of payments) slot(p.invoice?.professional?.id ?? null).payments.push(p);
  const methods = groupBy(payments, (p) => p.method);
  const issueMonth = (d: BillingInvoice) => (d.issueDate ?? '').slice(0, 7);
  const invoicedByMonth = groupBy(invoices, issueMonth);
  const creditedByMonth = groupBy(creditNotes, issueMonth);
  const collectedByMonth = groupBy(payments, (p) => localMonth(p.paidAt, range.timezone));
  return {
    from: range.from,
    to: range.to,
    timezone: range.timezone,
    invoiceCount: invoices.length,
    invoiced: cents(invoiced),
    tax: cents(sumMoney(invoices.map((i) => i.totalTax))),
    creditNotes: { count: creditNotes.length, amount: cents(credited) },
    netInvoiced: cents(invoiced.plus(credited)),
    collected: cents(sumMoney(payments.map((p) => p.amount))),
    outstanding: cents(sumMoney(invoices.map((i) => i.balance))),
    voidedCount: documents.filter((d) => d.status === 'VOIDED').length,
    byPaymentMethod: [...PAYMENT_METHODS, ...[...methods.keys()].filter((m) => !PAYMENT_METHODS.includes(m as never))]
      .filter((method) => methods.has(method))
      .map((method) => {
        const list = methods.get(method)!;
        return { method, count: list.length, amount: cents(sumMoney(list.map((p) => p.amount))) };
      }),
    byProfessional: ranked(
      [...byProfessional].map(([professionalId, s]) => ({
        professionalId,
        invoiceCount: s.invoices.length,
        invoiced: cents(sumMoney(s.invoices.map((i) => i.total))),
        collected: cents(sumMoney(s.payments.map((p) => p.amount))),
      })),
      [(r) => r.invoiced, (r) => r.collected],
      (r) => r.professionalId,
    ),
    byMonth: monthsBetween(range.from, range.to).map((month) => ({
      month,
      invoiced: cents(sumMoney((invoicedByMonth.get(month) ?? []).map((i) => i.total))),
      credited: cents(sumMoney((creditedByMonth.get(month) ?? []).map((c) => c.total))),
      collected: cents(sumMoney((collectedByMonth.get(month) ?? []).map((p) => p.amount))),
    })),
  };
}
