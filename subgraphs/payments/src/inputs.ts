import { z } from 'zod';
import { cents, money, pageSizeSchema, uuid, isoDate } from '@dentalpin/core';
import { allocationTarget, paymentMethod, refundReason } from './status.ts';

// Enums arrive as stored values: GraphQL maps its names (generated `enumResolvers`), agent tools through `enumNames`.

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `is longer than ${max} characters`)
    .transform((s) => s || null)
    .nullish();

/** A positive amount with at most two decimals ("120.50"); "0.001", "0" and negatives are refused. */
export const amount = z
  .string()
  .trim()
  .regex(/^\d{1,10}(\.\d{1,2})?$/, 'must be an amount such as "120.50" (at most 2 decimals, not negative)')
  .refine((a) => money(a).gt(0), 'must be more than 0')
  .transform((a) => cents(money(a)));

const day = isoDate();

export const patientId = uuid('patient id');
export const paymentId = uuid('payment id');

export const allocationInput = z
  .object({
    target: z.enum(allocationTarget.values),
    targetId: uuid('budget or invoice id').nullish(),
    amount,
  })
  .superRefine((a, ctx) => {
    if (a.target === 'on_account' && a.targetId)
      ctx.addIssue({ code: 'custom', path: ['targetId'], message: 'is not taken for ON_ACCOUNT: leave it out' });
    if (a.target !== 'on_account' && !a.targetId)
      ctx.addIssue({
        code: 'custom',
        path: ['targetId'],
        message: `is required for ${a.target.toUpperCase()}: name the ${a.target}`,
      });
  });

export const recordPaymentInput = z.object({
  patientId,
  amount,
  method: z.enum(paymentMethod.values),
  paymentDate: day.nullish(),
  reference: text(100),
  notes: text(2000),
  allocations: z.array(allocationInput).max(50, 'has more than 50 parts').nullish(),
});
export type RecordPaymentInput = z.infer<typeof recordPaymentInput>;

export const refundPaymentInput = z.object({
  paymentId,
  amount,
  reasonCode: z.enum(refundReason.values),
  reasonNote: text(2000),
  method: z.enum(paymentMethod.values).nullish(),
});

export const listPaymentsInput = z.object({
  filter: z
    .object({
      patientId: patientId.nullish(),
      from: day.nullish(),
      to: day.nullish(),
      method: z.array(z.enum(paymentMethod.values)).nullish(),
      hasRefunds: z.boolean().nullish(),
    })
    .nullish(),
  page: z.number().int().min(1, 'must be 1 or more').default(1),
  pageSize: pageSizeSchema(50, 200),
});

export const summaryInput = z
  .object({ from: day, to: day })
  .refine((r) => r.from <= r.to, { message: 'must not be after to', path: ['from'] })
  .refine((r) => Date.parse(r.to) - Date.parse(r.from) <= 366 * 86_400_000, {
    message: 'spans more than 366 days: ask for a year at most',
    path: ['to'],
  });
