import { defineStatusMachine } from '@dentalpin/core';

/**
 * THE invoice lifecycle: every status change (API, agent tools, web) is checked against this table.
 * - draft → issued (numbered) | voided (discarded; it never had a number)
 * - issued → partial | paid (payments) | cancelled (by a credit note) | voided (only while nothing was paid:
 *   the number stays on the voided invoice, so the series keeps no gap)
 * - partial → paid | cancelled (by a credit note) | issued (its payments refunded in full)
 * - paid → partial | issued (a refund of part or all of what was paid)
 * - cancelled and voided are final.
 */
export const invoiceStatus = defineStatusMachine({
  subject: 'invoice',
  states: ['draft', 'issued', 'partial', 'paid', 'cancelled', 'voided'],
  transitions: {
    draft: ['issued', 'voided'],
    issued: ['partial', 'paid', 'cancelled', 'voided'],
    partial: ['paid', 'cancelled', 'issued'],
    paid: ['partial', 'issued'],
    cancelled: [],
    voided: [],
  },
  // The wording billing's clients already read ("The invoice cannot go from …").
  messages: {
    refused: (from, to, allowed) =>
      `The invoice cannot go from ${from} to ${to}${allowed.length ? `; allowed: ${allowed.join(', ')}` : ` (${from} is final)`}.`,
  },
});
export type InvoiceStatus = (typeof invoiceStatus.values)[number];

/** Statuses whose payments may be refunded (a credit note cancels an invoice; it is not a refund). */
export const REFUNDABLE: readonly InvoiceStatus[] = ['partial', 'paid'];
/** Statuses that take payments. */
export const PAYABLE: readonly InvoiceStatus[] = ['issued', 'partial'];
/** Invoices in these statuses owe nothing any more (nor does a credit note): balanceOf and invoiceTotals. */
export const NO_BALANCE: readonly InvoiceStatus[] = ['cancelled', 'voided'];
