import { cents, sum } from './money.ts';
import { groupBy, rate } from './stats.ts';
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

/** Documents that are not (or no longer) in the books: never issued, cancelled or voided. */
const OFF_BOOKS = new Set(['DRAFT', 'CANCELLED', 'VOIDED']);
export const PAYMENT_METHODS = ['CASH', 'CARD', 'BANK_TRANSFER', 'DIRECT_DEBIT', 'INSURANCE', 'OTHER'] as const;

export interface BillingReport {
  from: string;
  to: string;
  timezone: string;
  invoiceCount: number;
  invoiced: string;
  tax: string;
  creditNotes: { count: number; amount: string };
  collected: string;
  outstanding: string;
  voidedCount: number;
  collectionRate: number | null;
  byPaymentMethod: { method: string; count: number; amount: string }[];
  byProfessional: { professionalId: string | null; invoiceCount: number; invoiced: string; collected: string }[];
  byMonth: { month: string; invoiced: string; collected: string }[];
}

/**
 * Invoices issued in the range (voided and cancelled ones only counted) and payments received in it.
 * invoiced/tax/outstanding cover invoices in the books (not credit notes); creditNotes are listed apart
 * with their own totals; collected is every payment whose date falls in the range.
 */
export function billingReport(
  range: ReportRange,
  documents: readonly BillingInvoice[],
  payments: readonly BillingPayment[],
): BillingReport {
  const booked = documents.filter((d) => !OFF_BOOKS.has(d.status));
  const invoices = booked.filter((d) => d.kind === 'INVOICE');
  const creditNotes = booked.filter((d) => d.kind === 'CREDIT_NOTE');
  const invoiced = sum(invoices.map((i) => i.total));
  const collected = sum(payments.map((p) => p.amount));
  const byProfessional = new Map<string | null, { invoices: BillingInvoice[]; payments: BillingPayment[] }>();
  const slot = (id: string | null) => {
    let s = byProfessional.get(id);
    if (!s) byProfessional.set(id, (s = { invoices: [], payments: [] }));
    return s;
  };
  for (const i of invoices) slot(i.professional?.id ?? null).invoices.push(i);
  for (const p of payments) slot(p.invoice?.professional?.id ?? null).payments.push(p);
  const methods = groupBy(payments, (p) => p.method);
  const invoicedByMonth = groupBy(invoices, (i) => (i.issueDate ?? '').slice(0, 7));
  const collectedByMonth = groupBy(payments, (p) => localMonth(p.paidAt, range.timezone));
  return {
    from: range.from,
    to: range.to,
    timezone: range.timezone,
    invoiceCount: invoices.length,
    invoiced: cents(invoiced),
    tax: cents(sum(invoices.map((i) => i.totalTax))),
    creditNotes: { count: creditNotes.length, amount: cents(sum(creditNotes.map((c) => c.total))) },
    collected: cents(collected),
    outstanding: cents(sum(invoices.map((i) => i.balance))),
    voidedCount: documents.filter((d) => d.status === 'VOIDED').length,
    collectionRate: invoiced.isZero() ? null : rate(collected.toNumber(), invoiced.toNumber()),
    byPaymentMethod: [...PAYMENT_METHODS, ...[...methods.keys()].filter((m) => !PAYMENT_METHODS.includes(m as never))]
      .filter((method) => methods.has(method))
      .map((method) => {
        const list = methods.get(method)!;
        return { method, count: list.length, amount: cents(sum(list.map((p) => p.amount))) };
      }),
    byProfessional: [...byProfessional].map(([professionalId, s]) => ({
      professionalId,
      invoiceCount: s.invoices.length,
      invoiced: cents(sum(s.invoices.map((i) => i.total))),
      collected: cents(sum(s.payments.map((p) => p.amount))),
    })),
    byMonth: monthsBetween(range.from, range.to).map((month) => ({
      month,
      invoiced: cents(sum((invoicedByMonth.get(month) ?? []).map((i) => i.total))),
      collected: cents(sum((collectedByMonth.get(month) ?? []).map((p) => p.amount))),
    })),
  };
}
