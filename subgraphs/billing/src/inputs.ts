import { z } from 'zod';
import { cents, money, pageSizeSchema, uuid, isoDate } from '@dentalpin/core';
import { INVOICE_KINDS, PAYMENT_METHODS } from './entities.ts';
import { invoiceStatus } from './status.ts';

// Enums arrive as stored values: GraphQL maps its names (generated `enumResolvers`), agent tools through `enumNames`.

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `is longer than ${max} characters`)
    .transform((s) => s || null)
    .nullish();

const decimalAmount = z
  .string()
  .trim()
  .regex(/^\d{1,10}(\.\d{1,2})?$/, 'must be an amount such as "120.50" (at most 2 decimals, not negative)');
/** A positive amount with at most two decimals ("120.50"); "0.001", "0" and negatives are refused. */
export const amount = decimalAmount
  .refine((a) => money(a).gt(0), 'must be more than 0')
  .transform((a) => cents(money(a)));
/** Zero or more, at most two decimals. */
const nonNegative = decimalAmount.transform((a) => cents(money(a)));
const rate = z
  .string()
  .trim()
  .regex(/^\d{1,3}(\.\d{1,2})?$/, 'must be a percentage such as "21" or "10.5" (at most 2 decimals)')
  .refine((r) => money(r).lte(100), 'cannot be more than 100')
  .transform((r) => cents(money(r)));

export const invoiceLineInput = z
  .object({
    catalogItemId: uuid('catalog item id').nullish(),
    description: z.string().trim().min(1, 'is required').max(500, 'is longer than 500 characters'),
    quantity: z.number().int().min(1, 'must be 1 or more').max(9999, 'must be at most 9999'),
    unitPrice: nonNegative,
    vatRate: rate,
    discount: nonNegative.nullish(),
  })
  .refine((l) => money(l.discount ?? 0).lte(money(l.unitPrice).times(l.quantity)), {
    message: 'discount cannot be more than unitPrice × quantity',
    path: ['discount'],
  });

export const createInvoiceInput = z.object({
  patientId: uuid('patient id'),
  professionalId: uuid('professional id').nullish(),
  billingName: text(200),
  billingTaxId: text(50),
  billingAddress: text(1000),
  billingEmail: z.string().trim().email('is not an email address').max(255).nullish(),
  paymentTermDays: z.number().int().min(0, 'must be 0 or more').max(365, 'must be at most 365').nullish(),
  notes: text(2000),
  items: z.array(invoiceLineInput).max(200, 'at most 200 lines'),
});

export const paymentInput = z.object({
  invoiceId: uuid('invoice id'),
  amount,
  method: z.enum(PAYMENT_METHODS),
  reference: text(200),
  /** ISO 8601; without an offset it is a wall-clock time in the clinic's time zone. Default: now. */
  paidAt: z.string().nullish(),
  /** The caller's id for this payment (the payments module's payment): a second call with it records nothing. */
  sourceId: uuid('source id').nullish(),
});

export const refundInput = z.object({
  invoiceId: uuid('invoice id'),
  amount,
  method: z.enum(PAYMENT_METHODS),
  reason: z
    .string()
    .trim()
    .min(1, 'is required: say why the money goes back')
    .max(500, 'is longer than 500 characters'),
  /** The caller's id for this refund (the payments module's refund): a second call with it records nothing. */
  sourceId: uuid('source id').nullish(),
});

const date = isoDate();
const page = z.number().int().min(1, 'must be 1 or more').default(1);

export const listInput = z.object({
  /** Part of the invoice number, any case (the global search box). */
  search: z.string().trim().max(100, 'must be at most 100 characters').nullish(),
  patientId: uuid('patient id').nullish(),
  status: z.array(z.enum(invoiceStatus.values)).nullish(),
  kind: z.enum(INVOICE_KINDS).nullish(),
  issuedFrom: date.nullish(),
  issuedTo: date.nullish(),
  page,
  pageSize: pageSizeSchema(20, 500),
});

/** from/to: ISO 8601; without an offset, wall-clock times in the clinic's time zone. */
export const paymentsInput = z.object({ from: z.string(), to: z.string(), page, pageSize: pageSizeSchema(100, 500) });

export const invoiceTotalsInput = z
  .object({ issuedFrom: date, issuedTo: date, professionalId: uuid('professional id').nullish() })
  .refine((i) => i.issuedFrom <= i.issuedTo, { message: 'must be on or after issuedFrom', path: ['issuedTo'] });
export const paymentTotalsInput = z.object({
  from: z.string(),
  to: z.string(),
  professionalId: uuid('professional id').nullish(),
});

export const createSeriesInput = z.object({
  prefix: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9-]{1,20}$/, 'may contain only letters, digits and "-" (up to 20)'),
  kind: z.enum(INVOICE_KINDS),
  description: text(200),
  resetYearly: z.boolean().nullish(),
  isDefault: z.boolean().nullish(),
});

/** Why an invoice is voided or credited (kept on the record). */
export const reasonInput = z.object({
  reason: z.string().trim().min(1, 'is required: say why').max(500, 'is longer than 500 characters'),
});
