import { DomainError } from '@dentalpin/core';

export const INVOICE_STATUSES = ['draft', 'issued', 'partial', 'paid', 'cancelled', 'voided'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/**
 * THE invoice lifecycle: every status change (API, agent tools, web) is checked against this table.
 * - draft → issued (numbered) | voided (discarded; it never had a number)
 * - issued → partial | paid (payments) | cancelled (by a credit note) | voided (only while nothing was paid:
 *   the number stays on the voided invoice, so the series keeps no gap)
 * - partial → paid | cancelled (by a credit note)
 * - paid, cancelled and voided are final.
 */
export const TRANSITIONS: Readonly<Record<InvoiceStatus, readonly InvoiceStatus[]>> = {
  draft: ['issued', 'voided'],
  issued: ['partial', 'paid', 'cancelled', 'voided'],
  partial: ['paid', 'cancelled'],
  paid: [],
  cancelled: [],
  voided: [],
};

/** Statuses that take payments. */
export const PAYABLE: readonly InvoiceStatus[] = ['issued', 'partial'];
/** Invoices in these statuses owe nothing any more (nor does a credit note): balanceOf and invoiceTotals. */
export const NO_BALANCE: readonly InvoiceStatus[] = ['cancelled', 'voided'];

export const toGraphQL = (s: string) => s.toUpperCase();
export const fromGraphQL = (s: string): InvoiceStatus => {
  const status = s.toLowerCase() as InvoiceStatus;
  if (!INVOICE_STATUSES.includes(status)) throw new DomainError('BAD_USER_INPUT', `"${s}" is not an invoice status.`);
  return status;
};
export const allowedFrom = (from: InvoiceStatus) => TRANSITIONS[from].map(toGraphQL);

/** Throws the contract error for a refused change; returns nothing when `from → to` is allowed. */
export function checkTransition(from: InvoiceStatus, to: InvoiceStatus, what = 'The invoice'): void {
  if (from === to) throw new DomainError('ALREADY_IN_STATE', `${what} is already ${toGraphQL(to)}.`);
  if (!TRANSITIONS[from].includes(to))
    throw new DomainError(
      'INVALID_TRANSITION',
      `${what} cannot go from ${toGraphQL(from)} to ${toGraphQL(to)}${
        TRANSITIONS[from].length
          ? `; allowed: ${TRANSITIONS[from].map(toGraphQL).join(', ')}`
          : ` (${toGraphQL(from)} is final)`
      }.`,
      { from: toGraphQL(from), to: toGraphQL(to), allowed: allowedFrom(from) },
    );
}
