import { z } from 'zod';
import { cents, defineTool, money, type Tool } from '@dentalpin/core';
import type { Payment, PaymentRefund } from './entities.ts';
import { amount, patientId, paymentId, recordPaymentInput, summaryInput } from './inputs.ts';
import { isoDay, PaymentsService } from './service/index.ts';
import { allocationTarget, paymentMethod, paymentOrigin, refundReason } from './status.ts';

/** A GraphQL enum name parameter (BANK_TRANSFER) read into its stored value (bank_transfer). */
const enumParam = <S extends string>(
  m: { values: readonly S[]; toGraphQL(s: S): string; fromGraphQL(s: string): S },
  what: string,
) =>
  z
    .enum(m.values.map((v) => m.toGraphQL(v)) as [string, ...string[]])
    .transform((v) => m.fromGraphQL(v))
    .describe(what);

/** How a payment looks to an agent (GraphQL enum names, decimal strings). */
const view = (p: Payment) => ({
  id: p.id,
  patientId: p.patientId,
  amount: p.amount,
  currency: p.currency,
  method: paymentMethod.toGraphQL(p.method),
  paymentDate: isoDay(p.paymentDate),
  reference: p.reference ?? null,
  origin: paymentOrigin.toGraphQL(p.origin),
  refunded: p.refundedAmount,
  refundable: cents(money(p.amount).minus(p.refundedAmount)),
});

const refundView = (r: PaymentRefund) => ({
  id: r.id,
  paymentId: r.paymentId,
  amount: r.amount,
  method: paymentMethod.toGraphQL(r.method),
  reasonCode: refundReason.toGraphQL(r.reasonCode),
  reasonNote: r.reasonNote ?? null,
  refundedAt: r.refundedAt,
});

const recordPayment = defineTool({
  name: 'record_payment',
  description:
    'Record money received from a patient on their account. amount is a decimal string ("120.50"), VAT included. ' +
    'allocations (optional; default all ON_ACCOUNT) split it: [{ target: BUDGET | INVOICE | ON_ACCOUNT, targetId ' +
    '(budget or invoice id, not for ON_ACCOUNT), amount }] and must add up to amount exactly. INVOICE parts are ' +
    'recorded on the invoice by billing (ISSUED or PARTIAL invoices, at most their balance); BUDGET parts go to ' +
    'SENT or ACCEPTED budgets, at most what is left to collect. paymentDate YYYY-MM-DD (clinic-local, default today, ' +
    'not in the future). Returns the payment { id, patientId, amount, currency, method, paymentDate, reference, ' +
    'origin, refunded, refundable }. Errors: BAD_USER_INPUT (parts do not add up, wrong target), NOT_FOUND (patient).',
  parameters: z.strictObject({
    patientId: patientId.describe('The patient (id from patients.search_patients).'),
    amount: amount.describe('Decimal string, e.g. "120.50".'),
    method: enumParam(paymentMethod, 'How it was paid.'),
    paymentDate: recordPaymentInput.shape.paymentDate.optional().describe('YYYY-MM-DD, default today.'),
    reference: z.string().max(100).optional().describe('Receipt, transfer or card slip reference.'),
    notes: z.string().max(2000).optional(),
    allocations: z
      .array(
        z.strictObject({
          target: enumParam(allocationTarget, 'BUDGET, INVOICE or ON_ACCOUNT.'),
          targetId: z.string().optional().describe('The budget or invoice id (not for ON_ACCOUNT).'),
          amount: amount.describe('Decimal string.'),
        }),
      )
      .optional()
      .describe('How the payment is split; must add up to amount.'),
  }),
  permissions: ['payments.record.write'],
  category: 'WRITE',
  graphqlMutations: ['recordPayment'],
  async handler(ctx, params) {
    return view(await new PaymentsService(ctx).record(params));
  },
});

const refundPayment = defineTool({
  name: 'refund_payment',
  description:
    'Give back part or all of a payment. amount is a decimal string, at most what is left of the payment ' +
    '(refundable in get_patient_account / list_payments), else CONFLICT. reasonCode DUPLICATE | OVERPAID | ' +
    'TREATMENT_CANCELLED | DISPUTE | OTHER. The money comes off the ON_ACCOUNT part first, then budgets, then ' +
    'invoices (billing refunds those, and the invoice becomes PARTIAL or ISSUED). Money leaves the clinic: always ' +
    'approved by a person. Returns { id, paymentId, amount, method, reasonCode, reasonNote, refundedAt }.',
  parameters: z.strictObject({
    paymentId: paymentId.describe('The payment (id from list_payments).'),
    amount: amount.describe('Decimal string, e.g. "20.00".'),
    reasonCode: enumParam(refundReason, 'Why the money goes back.'),
    reasonNote: z.string().max(2000).optional(),
    method: enumParam(paymentMethod, 'How it is given back (default: as it was paid).').optional(),
  }),
  permissions: ['payments.record.refund'],
  category: 'DESTRUCTIVE',
  graphqlMutations: ['refundPayment'],
  async handler(ctx, params) {
    return refundView(await new PaymentsService(ctx).refund(params));
  },
});

const getPatientAccount = defineTool({
  name: 'get_patient_account',
  description:
    "A patient's account, every amount VAT included: { currency, earned, paid, refunded, balance (earned − net paid: " +
    'what they owe, negative in credit), credit, receivable, onAccount, pendingCharges: [{ description, performedAt, ' +
    'amount, outstanding, ageDays }] }. Read-only. Errors: NOT_FOUND (patient), BAD_USER_INPUT (malformed id).',
  parameters: z.strictObject({ patientId: patientId.describe('The patient (id from patients.search_patients).') }),
  permissions: ['payments.record.read'],
  category: 'READ',
  async handler(ctx, params) {
    const { ledger: _ledger, ...account } = await new PaymentsService(ctx).account(params.patientId);
    return account;
  },
});

const listPayments = defineTool({
  name: 'list_payments',
  description:
    "Payments of the clinic, newest first, optionally one patient's or between two clinic-local days (YYYY-MM-DD). " +
    'Returns { total, payments: [{ id, patientId, amount, currency, method, paymentDate, reference, origin, refunded, ' +
    'refundable }] }. Read-only.',
  parameters: z.strictObject({
    patientId: patientId.optional(),
    from: z.string().optional().describe('YYYY-MM-DD'),
    to: z.string().optional().describe('YYYY-MM-DD'),
    pageSize: z.number().int().min(1).max(200).optional(),
  }),
  permissions: ['payments.record.read'],
  category: 'READ',
  async handler(ctx, params) {
    const page = await new PaymentsService(ctx).list({
      filter: { patientId: params.patientId, from: params.from, to: params.to },
      pageSize: params.pageSize,
    });
    return { total: page.total, payments: page.items.map(view) };
  },
});

const paymentsSummary = defineTool({
  name: 'payments_summary',
  description:
    'Collections, refunds and earned work between two clinic-local days (YYYY-MM-DD, at most 366 days): ' +
    '{ currency, collected, refunded, net, earned, paymentCount, refundCount, byMethod, byMonth, byProfessional }. ' +
    'Also the aging of receivables (0-30, 31-60, 61-90, 90+ days) as of today. Read-only.',
  parameters: z.strictObject({
    from: summaryInput.shape.from.describe('First day, YYYY-MM-DD.'),
    to: summaryInput.shape.to.describe('Last day, YYYY-MM-DD.'),
  }),
  permissions: ['payments.reports.read'],
  category: 'READ',
  async handler(ctx, params) {
    const service = new PaymentsService(ctx);
    const [summary, aging] = [await service.summary(params), await service.aging()];
    return { ...summary, aging: { total: aging.total, buckets: aging.buckets } };
  },
});

export const tools: Tool[] = [recordPayment, refundPayment, getPatientAccount, listPayments, paymentsSummary];
