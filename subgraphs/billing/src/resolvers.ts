import { authorize, WallClockDateTime, type RequestContext } from '@dentalpin/core';
import { enumResolvers, type Resolvers } from './generated/graphql.ts';
import { balanceOf, BillingService } from './service/index.ts';
import { invoiceStatus } from './status.ts';

/** A reference the owning subgraph (patients, core) resolves. */
export interface EntityReference<T extends string> {
  __typename: T;
  id: string;
}
export type PatientReference = EntityReference<'Patient'>;

const userRef = (id: string | null | undefined): EntityReference<'User'> | null =>
  id ? { __typename: 'User', id } : null;

/** One query per request and relation, for any number of parents. */
const batched = <V>(
  ctx: RequestContext,
  key: string,
  load: (s: BillingService, ids: readonly string[]) => Promise<V[]>,
) => ctx.loader<string, V>(`billing.${key}`, (ids) => load(new BillingService(authorize(ctx, 'billing.read')), ids));
const invoiceLoader = (ctx: RequestContext) => batched(ctx, 'invoices', (s, ids) => s.byIds(ids));

export const resolvers: Resolvers = {
  // GraphQL's DRAFT, CREDIT_NOTE, BANK_TRANSFER… are the stored draft, credit_note, bank_transfer…
  ...enumResolvers,
  // Inputs without an offset (paidAt, from, to) are clinic wall-clock times.
  DateTime: WallClockDateTime,
  Query: {
    invoices: (_, args, ctx) => new BillingService(authorize(ctx, 'billing.read')).list(args),
    invoice: (_, args, ctx) => new BillingService(authorize(ctx, 'billing.read')).get(args.id),
    invoicePayments: (_, args, ctx) => new BillingService(authorize(ctx, 'billing.read')).payments(args),
    invoiceSeries: (_, __, ctx) => new BillingService(authorize(ctx, 'billing.read')).series(),
    invoiceTotals: (_, args, ctx) => new BillingService(authorize(ctx, 'billing.read')).invoiceTotals(args),
    paymentTotals: (_, args, ctx) => new BillingService(authorize(ctx, 'billing.read')).paymentTotals(args),
  },
  Mutation: {
    createInvoiceSeries: (_, args, ctx) => new BillingService(authorize(ctx, 'billing.admin')).createSeries(args.input),
    setDefaultInvoiceSeries: (_, args, ctx) =>
      new BillingService(authorize(ctx, 'billing.admin')).setDefaultSeries(args.id),
    createInvoice: (_, args, ctx) => new BillingService(authorize(ctx, 'billing.write')).create(args.input),
    createInvoiceFromBudget: (_, args, ctx) =>
      new BillingService(authorize(ctx, 'billing.write')).createFromBudget(args.budgetId),
    issueInvoice: (_, args, ctx) => new BillingService(authorize(ctx, 'billing.write')).issue(args.id),
    recordInvoicePayment: (_, args, ctx) => new BillingService(authorize(ctx, 'billing.write')).recordPayment(args),
    refundInvoicePayment: (_, args, ctx) => new BillingService(authorize(ctx, 'billing.write')).refundPayment(args),
    voidInvoice: (_, args, ctx) => new BillingService(authorize(ctx, 'billing.write')).void(args.id, args.reason),
    createCreditNote: (_, args, ctx) =>
      new BillingService(authorize(ctx, 'billing.write')).createCreditNote(args.invoiceId, args.reason),
  },
  Patient: {
    invoices: (p, _, ctx) => batched(ctx, 'patientInvoices', (s, ids) => s.ofPatients(ids)).load(p.id),
  },
  Budget: {
    invoice: (b, _, ctx) => batched(ctx, 'budgetInvoices', (s, ids) => s.ofBudgets(ids)).load(b.id),
  },
  Invoice: {
    __resolveReference: (ref, ctx) => invoiceLoader(ctx).load(ref.id),
    nextStatuses: (i) => (i.kind === 'credit_note' ? [] : [...invoiceStatus.transitions[i.status]]),
    patient: (i) => ({ __typename: 'Patient', id: i.patientId }),
    professional: (i) => userRef(i.professionalId),
    creditNoteFor: (i, _, ctx) => (i.creditNoteForId ? invoiceLoader(ctx).load(i.creditNoteForId) : null),
    creditNotes: (i, _, ctx) => batched(ctx, 'creditNotes', (s, ids) => s.creditNotesOf(ids)).load(i.id),
    paid: (i) => i.paidAmount,
    balance: (i) => balanceOf(i),
    items: (i, _, ctx) => batched(ctx, 'items', (s, ids) => s.itemsOf(ids)).load(i.id),
    payments: (i, _, ctx) => batched(ctx, 'payments', (s, ids) => s.paymentsOf(ids)).load(i.id),
    history: (i, _, ctx) => batched(ctx, 'history', (s, ids) => s.historyOf(ids)).load(i.id),
  },
  InvoicePayment: {
    invoice: async (p, _, ctx) => {
      const invoice = await invoiceLoader(ctx).load(p.invoiceId);
      // A payment's invoice is in the same clinic: the foreign key and the clinic scope guarantee it.
      if (!invoice) throw new Error(`The invoice of payment ${p.id} is missing.`);
      return invoice;
    },
    recordedBy: (p) => userRef(p.recordedBy),
  },
  InvoiceHistoryEntry: {
    actor: (h) => userRef(h.actorId),
  },
  InvoiceTotals: {
    professional: (t) => userRef(t.professionalId),
  },
  PaymentTotals: {
    professional: (t) => userRef(t.professionalId),
  },
};
