import { authorize, type RequestContext } from '@dentalpin/core';
import type { Payment, PaymentAllocation, PaymentRefund } from './entities.ts';
import { enumResolvers, type Resolvers } from './generated/graphql.ts';
import { isoDay, PaymentsService } from './service/index.ts';
import { cents, money } from '@dentalpin/core';

const paymentLoader = (ctx: RequestContext) =>
  ctx.loader<string, Payment | null>('payments.byId', (ids) =>
    new PaymentsService(authorize(ctx, 'payments.record.read')).getMany(ids),
  );

export const resolvers: Resolvers = {
  ...enumResolvers,
  Query: {
    payments: (_, args, ctx) => new PaymentsService(authorize(ctx, 'payments.record.read')).list(args),
    payment: (_, args, ctx) => new PaymentsService(authorize(ctx, 'payments.record.read')).get(args.id),
    patientAccount: (_, args, ctx) =>
      new PaymentsService(authorize(ctx, 'payments.record.read')).account(args.patientId),
    paymentsSummary: (_, args, ctx) => new PaymentsService(authorize(ctx, 'payments.reports.read')).summary(args),
    receivablesAging: (_, __, ctx) => new PaymentsService(authorize(ctx, 'payments.reports.read')).aging(),
  },
  Mutation: {
    recordPayment: (_, args, ctx) => new PaymentsService(authorize(ctx, 'payments.record.write')).record(args.input),
    refundPayment: (_, args, ctx) => new PaymentsService(authorize(ctx, 'payments.record.refund')).refund(args),
  },
  Patient: {
    account: (patient, _, ctx) =>
      new PaymentsService(authorize(ctx, 'payments.record.read')).accountOfKnownPatient(patient.id),
    payments: (patient, _, ctx) =>
      ctx
        .loader<string, Payment[]>('payments.byPatient', (ids) =>
          new PaymentsService(authorize(ctx, 'payments.record.read')).forPatients(ids),
        )
        .load(patient.id),
  },
  Payment: {
    patient: (p) => ({ id: p.patientId }),
    paymentDate: (p) => isoDay(p.paymentDate),
    refunded: (p) => p.refundedAmount,
    refundable: (p) => cents(money(p.amount).minus(p.refundedAmount)),
    recordedBy: (p) => (p.recordedBy ? { id: p.recordedBy } : null),
    allocations: (p, _, ctx) =>
      ctx
        .loader<string, PaymentAllocation[]>('payments.allocations', (ids) =>
          new PaymentsService(authorize(ctx, 'payments.record.read')).allocationsOf(ids),
        )
        .load(p.id),
    refunds: (p, _, ctx) =>
      ctx
        .loader<string, PaymentRefund[]>('payments.refunds', (ids) =>
          new PaymentsService(authorize(ctx, 'payments.record.read')).refundsOf(ids),
        )
        .load(p.id),
    __resolveReference: (ref, ctx) => paymentLoader(ctx).load(ref.id),
  },
  PaymentAllocation: {
    target: (a) => a.targetType,
    refunded: (a) => a.refundedAmount,
  },
  Refund: {
    payment: async (r, _, ctx) => (await paymentLoader(ctx).load(r.paymentId))!,
    refundedBy: (r) => (r.refundedBy ? { id: r.refundedBy } : null),
  },
};
