import { z } from 'zod';
import { defineTool, notFound, type Tool, type ToolContext } from '@dentalpin/core';
import type { Invoice } from './entities.ts';
import { allowedFrom, INVOICE_STATUSES, toGraphQL, type InvoiceStatus } from './lifecycle.ts';
import { balanceOf, BillingService } from './service.ts';

const service = (ctx: ToolContext) => new BillingService(ctx.em, ctx.identity, ctx.query);

/** How an invoice looks to an agent. */
const view = (i: Invoice) => ({
  id: i.id,
  kind: toGraphQL(i.kind),
  number: i.number ?? null,
  status: toGraphQL(i.status),
  allowedNextStatuses: i.kind === 'credit_note' ? [] : allowedFrom(i.status as InvoiceStatus),
  patientId: i.patientId,
  professionalId: i.professionalId ?? null,
  budgetId: i.budgetId ?? null,
  creditNoteForId: i.creditNoteForId ?? null,
  issueDate: i.issueDate ?? null,
  dueDate: i.dueDate ?? null,
  billingName: i.billingName ?? null,
  subtotal: i.subtotal,
  totalDiscount: i.totalDiscount,
  totalTax: i.totalTax,
  total: i.total,
  paid: i.paidAmount,
  balance: balanceOf(i),
});

const STATUSES = INVOICE_STATUSES.map(toGraphQL) as [string, ...string[]];

const listInvoices = defineTool({
  name: 'list_invoices',
  description:
    'Invoices and credit notes of the current clinic, newest first, optionally only one patient, some statuses ' +
    `(${STATUSES.join(', ')}) or an issue-date range (YYYY-MM-DD, clinic-local). Amounts are decimal strings. ` +
    'Returns { total, page, pageSize, invoices: [{ id, kind, number, status, allowedNextStatuses, patientId, ' +
    'professionalId, budgetId, creditNoteForId, issueDate, dueDate, billingName, subtotal, totalDiscount, totalTax, ' +
    'total, paid, balance }] }. Read-only. Errors: BAD_USER_INPUT (malformed id, status or date).',
  parameters: z.strictObject({
    patientId: z.string().optional().describe('Only this patient (id from patients.search_patients).'),
    status: z.array(z.enum(STATUSES)).optional().describe('Only these statuses.'),
    kind: z.enum(['INVOICE', 'CREDIT_NOTE']).optional(),
    issuedFrom: z.string().optional().describe('Issued on or after this date (YYYY-MM-DD).'),
    issuedTo: z.string().optional().describe('Issued on or before this date (YYYY-MM-DD).'),
    page: z.number().int().min(1).optional(),
    pageSize: z.number().int().min(1).max(100).optional().describe('Default 20, at most 100.'),
  }),
  permissions: ['billing.read'],
  category: 'READ',
  async handler(ctx, params) {
    const page = await service(ctx).list(params);
    return { total: page.total, page: page.page, pageSize: page.pageSize, invoices: page.items.map(view) };
  },
});

const getInvoice = defineTool({
  name: 'get_invoice',
  description:
    'One invoice or credit note of the current clinic by id, with its lines and payments. Returns the fields of ' +
    'list_invoices plus items: [{ description, quantity, unitPrice, discount, vatRate, netAmount, taxAmount, total }] ' +
    'and payments: [{ id, amount, method, paidAt, reference }]. Read-only. ' +
    'Errors: NOT_FOUND (no such invoice in this clinic), BAD_USER_INPUT (malformed id).',
  parameters: z.strictObject({ invoiceId: z.string().describe('The invoice id (from list_invoices).') }),
  permissions: ['billing.read'],
  category: 'READ',
  async handler(ctx, params) {
    const svc = service(ctx);
    const invoice = await svc.get(params.invoiceId);
    if (!invoice) throw notFound('Invoice', params.invoiceId);
    const [[items], [payments]] = await Promise.all([svc.itemsOf([invoice.id]), svc.paymentsOf([invoice.id])]);
    return {
      ...view(invoice),
      items: items.map((i) => ({
        description: i.description,
        quantity: i.quantity,
        unitPrice: i.unitPrice,
        discount: i.discount,
        vatRate: i.vatRate,
        netAmount: i.netAmount,
        taxAmount: i.taxAmount,
        total: i.total,
      })),
      payments: payments.map((p) => ({
        id: p.id,
        amount: p.amount,
        method: toGraphQL(p.method),
        paidAt: p.paidAt,
        reference: p.reference ?? null,
      })),
    };
  },
});

export const tools: Tool[] = [listInvoices, getInvoice] as Tool[];

const READ_ONLY_POLICY =
  'Billing tools are read-only by policy (as in the original): invoices are legal documents and money moves, so ' +
  'creating, issuing, taking payments, voiding and crediting stay with a person in the billing screens.';
export const toolExemptions = {
  createInvoice: READ_ONLY_POLICY,
  createInvoiceFromBudget: READ_ONLY_POLICY,
  issueInvoice: READ_ONLY_POLICY,
  recordInvoicePayment: READ_ONLY_POLICY,
  voidInvoice: READ_ONLY_POLICY,
  createCreditNote: READ_ONLY_POLICY,
};
