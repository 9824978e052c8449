import { z } from 'zod';
import { cents, pageSizeSchema, uuid, isoDate } from '@dentalpin/core';
import type { BudgetDiscountType } from './generated/graphql.ts';

export const DEFAULT_VALIDITY_DAYS = 30;
export const MAX_PAGE_SIZE = 500;
export const MAX_ITEMS = 200;
export const ACCEPTED_VIA = ['in_clinic', 'remote_link', 'manual'] as const;
export type AcceptedVia = (typeof ACCEPTED_VIA)[number];

/** Money: a decimal string with at most two decimals, never a float ("120.50"). */
const money = z
  .string()
  .trim()
  .regex(/^\d{1,10}(\.\d{1,2})?$/, 'must be an amount such as "120.50" (at most 2 decimals, not negative)')
  .transform(cents);
/** Stored values: GraphQL maps PERCENTAGE/ABSOLUTE to them, agent tools with `enumNames`. */
const discountType = z.enum(['percentage', 'absolute'] as const satisfies readonly BudgetDiscountType[]);
const date = isoDate();
export const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `is longer than ${max} characters`)
    .transform((s) => s || null)
    .nullish();

export const itemInput = z.object({
  catalogItemId: uuid('catalog item id'),
  quantity: z
    .number()
    .int()
    .min(1, 'must be at least 1')
    .max(999, 'must be at most 999')
    .nullish()
    .transform((q) => q ?? 1),
  unitPrice: money.nullish(),
  discountType: discountType.nullish(),
  discountValue: money.nullish(),
  teeth: z.array(z.number().int()).max(32, 'lists more than 32 teeth').nullish(),
  surfaces: z.number().int().min(1, 'must be from 1 to 5').max(5, 'must be from 1 to 5').nullish(),
});
export type ItemInput = z.output<typeof itemInput>;
const header = {
  professionalId: uuid('professional id').nullish(),
  validUntil: date.nullish(),
  globalDiscountType: discountType.nullish(),
  globalDiscountValue: money.nullish(),
  notes: text(5000),
};
export const createInput = z.object({
  patientId: uuid('patient id'),
  ...header,
  items: z.array(itemInput).max(MAX_ITEMS, `may have at most ${MAX_ITEMS} lines`).default([]),
});
export const updateInput = z.object(header);
export const listInput = z.object({
  /** Part of the budget number, any case (the global search box). */
  search: z.string().trim().max(100, 'must be at most 100 characters').nullish(),
  patientId: uuid('patient id').nullish(),
  professionalId: uuid('professional id').nullish(),
  /** Stored values or GraphQL names; the service reads them with budgetStatus.fromGraphQL. */
  status: z.array(z.string()).nullish(),
  createdFrom: z.string().nullish(),
  createdTo: z.string().nullish(),
  page: z.number().int().min(1, 'must be at least 1').default(1),
  pageSize: pageSizeSchema(20, MAX_PAGE_SIZE),
});
export const totalsInput = z.object({
  createdFrom: z.string(),
  createdTo: z.string(),
  professionalId: uuid('professional id').nullish(),
});
export const reason = text(500);
export const note = text(2000);
export const acceptedVia = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => (ACCEPTED_VIA as readonly string[]).includes(v), `must be one of ${ACCEPTED_VIA.join(', ')}`)
  .nullish();
