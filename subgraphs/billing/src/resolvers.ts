import { WallClockDateTime, type ModuleResolvers, type RequestContext } from '@dentalpin/core';
import type { Invoice, InvoiceHistory, InvoiceItem, InvoicePayment, InvoiceSeries } from './entities.ts';
import { allowedFrom, toGraphQL, type InvoiceStatus } from './lifecycle.ts';
import { balanceOf, BillingService, type InvoiceTotals, type PaymentTotals } from './service.ts';

type Permission = 'billing.read' | 'billing.write' | 'billing.admin';
const service = (ctx: RequestContext, permission: Permission) =>
  new BillingService(ctx.em, ctx.auth.require(permission), ctx.query.bind(ctx));

/** One query per request and relation, for any number of invoices. */
const batched = <V>(
  ctx: RequestContext,
  key: string,
  load: (s: BillingService, ids: readonly string[]) => Promise<V[]>,
) => ctx.loader<string, V>(`billing.${key}`, (ids) => load(service(ctx, 'billing.read'), ids));
const invoiceLoader = (ctx: RequestContext) => batched(ctx, 'invoices', (s, ids) => s.byIds(ids));
const userRef = (id: string | null | undefined) => (id ? { __typename: 'User', id } : null);
const upper = (v: string | null | undefined) => (v ? toGraphQL(v) : null);

export const resolvers: ModuleResolvers = {
  // Inputs without an offset (paidAt, from, to) are clinic wall-clock times.
  DateTime: WallClockDateTime,
  Query: {
    invoices: (_: unknown, args: Record<string, unknown>, ctx: RequestContext) =>
      service(ctx, 'billing.read').list(args),
    invoice: (_: unknown, args: { id: string }, ctx: RequestContext) => service(ctx, 'billing.read').get(args.id),
    invoicePayments: (_: unknown, args: Record<string, unknown>, ctx: RequestContext) =>
      service(ctx, 'billing.read').payments(args),
    invoiceSeries: (_: unknown, __: unknown, ctx: RequestContext) => service(ctx, 'billing.read').series(),
    invoiceTotals: (_: unknown, args: Record<string, unknown>, ctx: RequestContext) =>
      service(ctx, 'billing.read').invoiceTotals(args),
    paymentTotals: (_: unknown, args: Record<string, unknown>, ctx: RequestContext) =>
      service(ctx, 'billing.read').paymentTotals(args),
  },
  Mutation: {
    createInvoiceSeries: (_: unknown, args: { input: unknown }, ctx: RequestContext) =>
      service(ctx, 'billing.admin').createSeries(args.input),
    setDefaultInvoiceSeries: (_: unknown, args: { id: string }, ctx: RequestContext) =>
      service(ctx, 'billing.admin').setDefaultSeries(args.id),
    createInvoice: (_: unknown, args: { input: unknown }, ctx: RequestContext) =>
      service(ctx, 'billing.write').create(args.input),
    createInvoiceFromBudget: (_: unknown, args: { budgetId: string }, ctx: RequestContext) =>
      service(ctx, 'billing.write').createFromBudget(args.budgetId),
    issueInvoice: (_: unknown, args: { id: string }, ctx: RequestContext) =>
      service(ctx, 'billing.write').issue(args.id),
    recordInvoicePayment: (_: unknown, args: Record<string, unknown>, ctx: RequestContext) =>
      service(ctx, 'billing.write').recordPayment(args),
    voidInvoice: (_: unknown, args: { id: string; reason: string }, ctx: RequestContext) =>
      service(ctx, 'billing.write').void(args.id, args.reason),
    createCreditNote: (_: unknown, args: { invoiceId: string; reason: string }, ctx: RequestContext) =>
      service(ctx, 'billing.write').createCreditNote(args.invoiceId, args.reason),
  },
  Patient: {
    invoices: (p: { id: string }, _: unknown, ctx: RequestContext) =>
      batched(ctx, 'patientInvoices', (s, ids) => s.ofPatients(ids)).load(p.id),
  },
  Invoice: {
    __resolveReference: (ref: { id: string }, ctx: RequestContext) => invoiceLoader(ctx).load(ref.id),
    kind: (i: Invoice) => toGraphQL(i.kind),
    status: (i: Invoice) => toGraphQL(i.status),
    nextStatuses: (i: Invoice) => (i.kind === 'credit_note' ? [] : allowedFrom(i.status as InvoiceStatus)),
    patient: (i: Invoice) => ({ __typename: 'Patient', id: i.patientId }),
    professional: (i: Invoice) => userRef(i.professionalId),
    creditNoteFor: (i: Invoice, _: unknown, ctx: RequestContext) =>
      i.creditNoteForId ? invoiceLoader(ctx).load(i.creditNoteForId) : null,
    creditNotes: (i: Invoice, _: unknown, ctx: RequestContext) =>
      batched(ctx, 'creditNotes', (s, ids) => s.creditNotesOf(ids)).load(i.id),
    paid: (i: Invoice) => i.paidAmount,
    balance: (i: Invoice) => balanceOf(i),
    items: (i: Invoice, _: unknown, ctx: RequestContext) =>
      batched(ctx, 'items', (s, ids) => s.itemsOf(ids)).load(i.id),
    payments: (i: Invoice, _: unknown, ctx: RequestContext) =>
      batched(ctx, 'payments', (s, ids) => s.paymentsOf(ids)).load(i.id),
    history: (i: Invoice, _: unknown, ctx: RequestContext) =>
      batched(ctx, 'history', (s, ids) => s.historyOf(ids)).load(i.id),
  },
  InvoiceItem: {
    catalogItemId: (i: InvoiceItem) => i.catalogItemId ?? null,
  },
  InvoicePayment: {
    invoice: (p: InvoicePayment, _: unknown, ctx: RequestContext) => invoiceLoader(ctx).load(p.invoiceId),
    method: (p: InvoicePayment) => toGraphQL(p.method),
    recordedBy: (p: InvoicePayment) => userRef(p.recordedBy),
  },
  InvoiceHistoryEntry: {
    fromStatus: (h: InvoiceHistory) => upper(h.fromStatus),
    toStatus: (h: InvoiceHistory) => upper(h.toStatus),
    actor: (h: InvoiceHistory) => userRef(h.actorId),
  },
  InvoiceTotals: {
    kind: (t: InvoiceTotals) => toGraphQL(t.kind),
    status: (t: InvoiceTotals) => toGraphQL(t.status),
    professional: (t: InvoiceTotals) => userRef(t.professionalId),
  },
  PaymentTotals: {
    method: (t: PaymentTotals) => toGraphQL(t.method),
    professional: (t: PaymentTotals) => userRef(t.professionalId),
  },
  InvoiceSeries: {
    kind: (s: InvoiceSeries) => toGraphQL(s.kind),
  },
};
