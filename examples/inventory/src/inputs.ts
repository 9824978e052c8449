import { z } from 'zod';
import { uuid } from '@dentalpin/core';
import { movementReason } from './status.ts';

const quantity = z.string().regex(/^-?\d{1,9}(\.\d{1,3})?$/, 'must be a decimal with at most 3 decimals, e.g. "2.5"');
const nonNegative = quantity.refine((q) => !q.startsWith('-'), 'cannot be negative');
const positive = quantity.refine((q) => !q.startsWith('-') && Number(q) > 0, 'must be more than zero');

export const createItemInput = z.object({
  name: z.string().trim().min(1, 'is required').max(200),
  categoryCode: z.string().trim().min(1, 'is required'),
  sku: z.string().trim().max(64).nullish(),
  unit: z.string().trim().min(1, 'is required').max(20),
  minimumStock: nonNegative.nullish(),
  initialStock: nonNegative.nullish(),
  consumption: z
    .array(z.object({ treatmentType: z.string().trim().min(1, 'is required').max(100), quantity: positive }))
    .max(50)
    .nullish()
    .refine(
      (rules) => new Set((rules ?? []).map((r) => r.treatmentType.toLowerCase())).size === (rules ?? []).length,
      'lists a treatment type twice',
    ),
});

/** `reason` is stored (`purchase`): GraphQL maps PURCHASE to it, the tool's parameter converts it. */
export const movementInput = z.object({
  itemId: uuid('item id'),
  quantity: quantity.refine((q) => Number(q) !== 0, 'cannot be zero'),
  reason: z.enum(movementReason.values),
  note: z.string().trim().max(1000).nullish(),
});
