import type { Router } from 'express';
import {
  clinicInfo,
  documentLocale,
  documentText,
  notFound,
  pdfFileName,
  renderFinancialDocument,
  pdfRoute,
  uuidArg,
  type DocumentLocale,
  type FinancialDocument,
  type ModuleHttpContext,
  type ServiceContext,
} from '@dentalpin/core';
import { Invoice } from '../entities.ts';
import { BillingPatientDocument } from '../generated/operations.ts';
import type { InvoiceStatus } from '../status.ts';
import { linesOf } from './reads.ts';

const STATUS_WORDS: Record<DocumentLocale, Record<InvoiceStatus, string>> = {
  en: {
    draft: 'Draft',
    issued: 'Issued',
    partial: 'Partly paid',
    paid: 'Paid',
    cancelled: 'Cancelled',
    voided: 'Voided',
  },
  es: {
    draft: 'Borrador',
    issued: 'Emitida',
    partial: 'Pagada en parte',
    paid: 'Pagada',
    cancelled: 'Anulada',
    voided: 'Invalidada',
  },
};

/** An invoice (or credit note) of the caller's clinic as a PDF, in `locale` (default: the clinic's language). */
export async function invoicePdf(
  ctx: ServiceContext,
  invoiceId: string,
  requestedLocale?: unknown,
): Promise<{ filename: string; pdf: Buffer }> {
  uuidArg('id', invoiceId, 'invoice id');
  const clinicId = ctx.identity.clinicId;
  const invoice = await ctx.em.findOne(Invoice, { id: invoiceId, clinicId });
  if (!invoice) throw notFound('Invoice', invoiceId);
  const [[lines], clinic] = await Promise.all([linesOf(ctx.em, clinicId, [invoice.id]), clinicInfo(ctx.em, clinicId)]);
  const locale = documentLocale(requestedLocale, clinic.locale);
  let recipientName = invoice.billingName;
  let recipientEmail = invoice.billingEmail;
  if (!recipientName) {
    // A draft takes the patient's name when issued; until then it prints the patient's current one.
    const { patient } = await ctx.query(BillingPatientDocument, { id: invoice.patientId });
    recipientName = patient?.fullName ?? '—';
    recipientEmail ??= patient?.email ?? null;
  }
  const document: FinancialDocument = {
    kind: invoice.kind === 'credit_note' ? 'credit_note' : 'invoice',
    locale,
    currency: clinic.currency,
    clinic: { name: clinic.name },
    number: invoice.number ?? null,
    status: STATUS_WORDS[locale][invoice.status],
    issueDate: invoice.issueDate ? String(invoice.issueDate).slice(0, 10) : null,
    untilDate: invoice.dueDate ? String(invoice.dueDate).slice(0, 10) : null,
    recipient: {
      name: recipientName,
      taxId: invoice.billingTaxId,
      address: invoice.billingAddress,
      email: recipientEmail,
    },
    lines: lines.map((l) => ({
      description: l.description,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      discount: l.discount,
      vatRate: l.vatRate,
      netAmount: l.netAmount,
      taxAmount: l.taxAmount,
      total: l.total,
    })),
    totals: {
      subtotal: invoice.subtotal,
      discount: invoice.totalDiscount,
      tax: invoice.totalTax,
      total: invoice.total,
      paid: invoice.kind === 'credit_note' ? null : invoice.paidAmount,
    },
    notes: invoice.notes,
  };
  const pdf = await renderFinancialDocument(document);
  return {
    filename: pdfFileName(documentText(locale, document.kind), invoice.number ?? documentText(locale, 'draft')),
    pdf,
  };
}

/**
 * `GET /billing/invoices/:id/pdf?locale=es|en[&inline=1]`: bearer + `x-clinic-id`, `billing.read`; another
 * clinic's invoice answers 404 like a missing one.
 */
export function billingRoutes(router: Router, http: ModuleHttpContext): void {
  pdfRoute(router, http, '/billing/invoices/:id/pdf', 'billing.read', invoicePdf);
}
