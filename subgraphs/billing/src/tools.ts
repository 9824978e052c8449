import { z } from 'zod';
import { defineTool, enumNames, notFound, type Tool } from '@dentalpin/core';
import type { Invoice } from './entities.ts';
import { enumResolvers } from './generated/graphql.ts';
import { balanceOf, BillingService } from './service/index.ts';
import { invoiceStatus } from './status.ts';

/** Agents name enums as the API does (CREDIT_NOTE, BANK_TRANSFER); the service takes the stored values. */
const statuses = enumNames(enumResolvers.InvoiceStatus);
const kinds = enumNames(enumResolvers.InvoiceKind);
const methods = enumNames(enumResolvers.PaymentMethod);

/** How an invoice looks to an agent. */
const view = (i: Invoice) => ({
  id: i.id,
  kind: kinds.name(i.kind),
  number: i.number ?? null,
  status: invoiceStatus.toGraphQL(i.status),
  allowedNextStatuses: i.kind === 'credit_note' ? [] : invoiceStatus.allowedFrom(i.status),
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

const listInvoices = defineTool({
  name: 'list_invoices',
  description:
    'Invoices and credit notes of the current clinic, newest first, optionally only one patient, some statuses ' +
    `(${statuses.names.join(', ')}) or an issue-date range (YYYY-MM-DD, clinic-local). Amounts are decimal strings. ` +
    'Returns { total, page, pageSize, invoices: [{ id, kind, number, status, allowedNextStatuses, patientId, ' +
    'professionalId, budgetId, creditNoteForId, issueDate, dueDate, billingName, subtotal, totalDiscount, totalTax, ' +
    'total, paid, balance }] }. Read-only. Errors: BAD_USER_INPUT (malformed id, status or date).',
  parameters: z.strictObject({
    patientId: z.string().optional().describe('Only this patient (id from patients.search_patients).'),
    status: z.array(z.enum(statuses.names).transform(statuses.stored)).optional().describe('Only these statuses.'),
    kind: z.enum(kinds.names).transform(kinds.stored).optional(),
    issuedFrom: z.string().optional().describe('Issued on or after this date (YYYY-MM-DD).'),
    issuedTo: z.string().optional().describe('Issued on or before this date (YYYY-MM-DD).'),
    page: z.number().int().min(1).optional(),
    pageSize: z.number().int().min(1).max(100).optional().describe('Default 20, at most 100.'),
  }),
  permissions: ['billing.read'],
  category: 'READ',
  async handler(ctx, params) {
    const page = await new BillingService(ctx).list(params);
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
    const svc = new BillingService(ctx);
    const invoice = await svc.get(params.invoiceId);
    if (!invoice) throw notFound('Invoice', params.invoiceId);
    // Tools run inside a transaction (one connection): the two reads go one after the other.
    const items = (await svc.itemsOf([invoice.id]))[0]!;
    const payments = (await svc.paymentsOf([invoice.id]))[0]!;
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
        method: methods.name(p.method),
        paidAt: p.paidAt,
        reference: p.reference ?? null,
      })),
    };
  },
});

const invoiceId = z.string().describe('The invoice id (from list_invoices).');
const reason = z.string().min(1).max(500).describe('Why, in a few words (kept on the record).');

const createInvoiceFromBudget = defineTool({
  name: 'create_invoice_from_budget',
  description:
    'Create a DRAFT invoice from an ACCEPTED budget of the current clinic: its lines are copied so the invoice ' +
    'total equals the budget total to the cent. Issue it afterwards with issue_invoice. Returns the invoice as ' +
    'list_invoices shows it. Errors: INVALID_TRANSITION (the budget is not ACCEPTED), CONFLICT (the budget already ' +
    'has an invoice that is not voided), NOT_FOUND (no such budget in this clinic).',
  parameters: z.strictObject({ budgetId: z.string().describe('The budget id (from budget.list_budgets).') }),
  permissions: ['billing.write'],
  category: 'WRITE',
  graphqlMutations: ['createInvoiceFromBudget'],
  async handler(ctx, params) {
    return view(await new BillingService(ctx).createFromBudget(params.budgetId));
  },
});

const issueInvoice = defineTool({
  name: 'issue_invoice',
  description:
    'Issue a DRAFT invoice of the current clinic: it gets the next number of the invoice series ' +
    '("FAC-2026-0007"), the patient as billing party unless one was set, today as issue date (clinic time zone) ' +
    'and a due date. Returns the invoice. Errors: INVALID_TRANSITION / ALREADY_IN_STATE (not a draft), ' +
    'BAD_USER_INPUT (no lines, or no billing name), NOT_FOUND.',
  parameters: z.strictObject({ invoiceId }),
  permissions: ['billing.write'],
  category: 'WRITE',
  graphqlMutations: ['issueInvoice'],
  async handler(ctx, params) {
    return view(await new BillingService(ctx).issue(params.invoiceId));
  },
});

const recordPayment = defineTool({
  name: 'record_payment',
  description:
    'Record a payment the patient made on an ISSUED or PARTIAL invoice of the current clinic. amount is a ' +
    'decimal string with at most 2 decimals ("45.50"), more than 0 and at most the balance. The invoice becomes ' +
    'PARTIAL or PAID. Returns the invoice with its new paid and balance. Errors: BAD_USER_INPUT (bad amount or ' +
    'more than the balance), INVALID_TRANSITION (the invoice takes no payments in its status), NOT_FOUND.',
  parameters: z.strictObject({
    invoiceId,
    amount: z.string().describe('Decimal string, e.g. "45.50".'),
    method: z.enum(methods.names).transform(methods.stored),
    reference: z.string().max(200).optional().describe('Card slip, transfer reference… (optional).'),
  }),
  permissions: ['billing.write'],
  category: 'WRITE',
  graphqlMutations: ['recordInvoicePayment'],
  async handler(ctx, params) {
    return view(await new BillingService(ctx).recordPayment(params));
  },
});

const voidInvoice = defineTool({
  name: 'void_invoice',
  description:
    'Void an invoice of the current clinic: a DRAFT, or an ISSUED invoice with no payments (it keeps its number, ' +
    'marked VOIDED). Final: it cannot be undone. For an invoice with payments use create_credit_note. ' +
    'Errors: INVALID_TRANSITION (paid, part paid, cancelled or already voided), NOT_FOUND.',
  parameters: z.strictObject({ invoiceId, reason }),
  permissions: ['billing.write'],
  category: 'DESTRUCTIVE',
  graphqlMutations: ['voidInvoice'],
  async handler(ctx, params) {
    return view(await new BillingService(ctx).void(params.invoiceId, params.reason));
  },
});

const createCreditNote = defineTool({
  name: 'create_credit_note',
  description:
    'Cancel an ISSUED or PARTIAL invoice of the current clinic with a credit note: a new document in the ' +
    'credit-note series ("RECT-2026-0001") with negative totals, issued at once; the invoice becomes CANCELLED. ' +
    'Final. Returns the credit note. Errors: INVALID_TRANSITION (draft, paid, cancelled or voided invoice), NOT_FOUND.',
  parameters: z.strictObject({ invoiceId, reason }),
  permissions: ['billing.write'],
  category: 'DESTRUCTIVE',
  graphqlMutations: ['createCreditNote'],
  async handler(ctx, params) {
    return view(await new BillingService(ctx).createCreditNote(params.invoiceId, params.reason));
  },
});

export const tools: Tool[] = [
  listInvoices,
  getInvoice,
  createInvoiceFromBudget,
  issueInvoice,
  recordPayment,
  voidInvoice,
  createCreditNote,
] as Tool[];

const ADMIN_ONLY =
  'Numbering series are clinic configuration under billing.admin: a person decides them in settings, agents do not.';
export const toolExemptions = {
  refundInvoicePayment:
    "Refunds are made on the patient's account (payments.refund_payment), which gives the money back on the " +
    'invoice through this mutation with its own refund id; a second door for agents would bypass the account.',
  createInvoiceSeries: ADMIN_ONLY,
  setDefaultInvoiceSeries: ADMIN_ONLY,
  createInvoice:
    'Invoices with hand-typed lines stay with a person in the billing screens; agents invoice accepted budgets ' +
    '(create_invoice_from_budget), whose lines and prices the patient already agreed to.',
};
