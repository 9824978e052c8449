import {
  cents,
  clinicTimezone,
  money,
  parseClinicInterval,
  parseInput,
  roundCents,
  sumMoney,
  type EntityManager,
} from '@dentalpin/core';
import type { Invoice, InvoiceKind, PaymentMethod } from '../entities.ts';
import { invoiceTotalsInput, paymentTotalsInput } from '../inputs.ts';
import { NO_BALANCE, type InvoiceStatus } from '../status.ts';

/**
 * An invoice's line and total arithmetic on the core's exact money: half-up to the cent where a rate
 * is applied, so the totals add up to the lines. And the sums reports ask for, computed by the database.
 */

export interface LineInput {
  quantity: number;
  unitPrice: string;
  /** Absolute discount on the whole line. */
  discount: string;
  vatRate: string;
}

export interface LineAmounts {
  netAmount: string;
  taxAmount: string;
  total: string;
}

/** net = unitPrice × quantity − discount; tax = net × rate / 100 (half-up to the cent); total = net + tax. */
export function lineAmounts(line: LineInput): LineAmounts {
  const net = money(line.unitPrice).times(line.quantity).minus(line.discount);
  const tax = roundCents(net.times(line.vatRate).dividedBy(100));
  return { netAmount: cents(net), taxAmount: cents(tax), total: cents(net.plus(tax)) };
}

export interface Totals {
  subtotal: string;
  totalDiscount: string;
  totalTax: string;
  total: string;
}

/** The invoice totals from its lines (each already rounded): they add up to the cent by construction. */
export function totalsOf(lines: readonly (LineInput & LineAmounts)[]): Totals {
  return {
    subtotal: cents(sumMoney(lines.map((l) => money(l.unitPrice).times(l.quantity)))),
    totalDiscount: cents(sumMoney(lines.map((l) => l.discount))),
    totalTax: cents(sumMoney(lines.map((l) => l.taxAmount))),
    total: cents(sumMoney(lines.map((l) => l.total))),
  };
}

export const negate = (v: string) => cents(money(v).negated());

/** paid and balance as the API shows them: a cancelled, voided invoice or a credit note owes nothing. */
export function balanceOf(invoice: Invoice): string {
  if (invoice.kind === 'credit_note' || NO_BALANCE.includes(invoice.status)) return '0.00';
  return cents(money(invoice.total).minus(invoice.paidAmount));
}

/** Sums of invoices sharing kind, status, issue month and professional. */
export interface InvoiceTotals {
  kind: InvoiceKind;
  status: InvoiceStatus;
  month: string;
  professionalId: string | null;
  count: number;
  total: string;
  totalTax: string;
  balance: string;
}

/** Sums of payments sharing method, clinic-local month and their invoice's professional. */
export interface PaymentTotals {
  method: PaymentMethod;
  month: string;
  professionalId: string | null;
  count: number;
  amount: string;
}

/**
 * Invoices issued on the clinic-local days issuedFrom..issuedTo, summed in the database by kind,
 * status, issue month and professional: what a report needs, without moving the rows.
 */
export async function invoiceTotals(em: EntityManager, clinicId: string, raw: unknown): Promise<InvoiceTotals[]> {
  const input = parseInput(invoiceTotalsInput, raw);
  const rows = await em.getConnection().execute<InvoiceTotals[]>(
    `select kind, status, to_char(issue_date, 'YYYY-MM') as month, professional_id as "professionalId",
            count(*)::int as count, sum(total) as total, sum(total_tax) as "totalTax",
            sum(case when kind = 'credit_note' or status in (${NO_BALANCE.map(() => '?').join(', ')})
                     then 0 else total - paid_amount end) as balance
       from invoices
      where clinic_id = ? and issue_date between ? and ? and (?::uuid is null or professional_id = ?::uuid)
      group by 1, 2, 3, 4
      order by 3, 1, 2, 4`,
    [
      ...NO_BALANCE,
      clinicId,
      input.issuedFrom,
      input.issuedTo,
      input.professionalId ?? null,
      input.professionalId ?? null,
    ],
    'all',
    em.getTransactionContext(),
  );
  // numeric sums keep the scale of their terms: "0" for a group owing nothing, so normalise to cents.
  return rows.map((r) => ({ ...r, total: cents(r.total), totalTax: cents(r.totalTax), balance: cents(r.balance) }));
}

/**
 * Payments with paidAt in [from, to), summed in the database by method, clinic-local month and professional.
 * The join names the clinic on both sides (a payment and its invoice share it) so that the invoices are read
 * through the clinic's index, not by a sequential scan of every clinic's invoices.
 */
export async function paymentTotals(em: EntityManager, clinicId: string, raw: unknown): Promise<PaymentTotals[]> {
  const input = parseInput(paymentTotalsInput, raw);
  const tz = await clinicTimezone(em, clinicId);
  const { from, to } = parseClinicInterval(input.from, input.to, tz);
  const rows = await em.getConnection().execute<PaymentTotals[]>(
    `select p.method, to_char(p.paid_at at time zone ?, 'YYYY-MM') as month, i.professional_id as "professionalId",
            count(*) filter (where p.kind = 'payment')::int as count,
            sum(case when p.kind = 'refund' then -p.amount else p.amount end) as amount
       from invoice_payments p
       join invoices i on i.id = p.invoice_id and i.clinic_id = p.clinic_id
      where p.clinic_id = ? and p.paid_at >= ? and p.paid_at < ? and (?::uuid is null or i.professional_id = ?::uuid)
      group by 1, 2, 3
      order by 2, 1, 3`,
    [tz, clinicId, from, to, input.professionalId ?? null, input.professionalId ?? null],
    'all',
    em.getTransactionContext(),
  );
  return rows.map((r) => ({ ...r, amount: cents(r.amount) }));
}
