import { z } from 'zod';
import { cents, pageSizeSchema, ROLES, uuid } from '@dentalpin/core';
import { PRICING_STRATEGIES } from './entities.ts';
import { MAX_QUANTITY, MAX_SESSIONS, MAX_SURFACES } from './service/pricing.ts';

export const itemId = uuid('item id');

/** Money: a decimal string with at most two decimals, never a float ("120.50"). */
const money = z
  .string()
  .trim()
  .regex(/^\d{1,8}(\.\d{1,2})?$/, 'must be an amount such as "120.50" (at most 2 decimals, not negative)')
  .transform(cents);
const rate = z
  .string()
  .trim()
  .regex(/^\d{1,3}(\.\d{1,2})?$/, 'must be a percentage such as "21" or "10.5" (at most 2 decimals)')
  .refine((r) => Number(r) <= 100, 'cannot be more than 100')
  .transform(cents);
const code = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'is required')
    .max(max, `is longer than ${max} characters`)
    .regex(/^[A-Za-z0-9._-]+$/, 'may contain only letters, digits, ".", "_" and "-"');
const name = (max: number) => z.string().trim().min(1, 'is required').max(max, `is longer than ${max} characters`);
const description = z
  .string()
  .trim()
  .max(2000, 'is longer than 2000 characters')
  .transform((s) => s || null)
  .nullish();

// The stored values: GraphQL maps its names to them (generated `enumResolvers`), agent tools through `enumNames`.
const strategy = z.enum(PRICING_STRATEGIES);
const surfacePrices = z
  .array(
    z.object({
      surfaces: z
        .number()
        .int()
        .min(1, `must be from 1 to ${MAX_SURFACES}`)
        .max(MAX_SURFACES, `must be from 1 to ${MAX_SURFACES}`),
      price: money,
    }),
  )
  .max(MAX_SURFACES);
const rolePrices = z
  .array(
    z.object({
      role: z
        .string()
        .trim()
        .toLowerCase()
        .refine((r) => (ROLES as readonly string[]).includes(r), `must be one of ${ROLES.join(', ')}`),
      price: money,
    }),
  )
  .max(ROLES.length);
const sessions = z.array(z.object({ label: name(200), amount: money })).max(MAX_SESSIONS);
const durationMinutes = z.number().int().min(1, 'must be at least 1').max(1440, 'must be at most 1440').nullish();

export const createVatTypeInput = z.object({
  code: code(30),
  name: name(100),
  rate,
  isDefault: z.boolean().nullish(),
});
export const updateVatTypeInput = z.object({
  name: name(100).optional(),
  rate: rate.optional(),
  isDefault: z
    .literal(true, { message: 'can only be set to true; make another VAT type the default instead' })
    .nullish(),
  isActive: z.boolean().nullish(),
});

export const createCategoryInput = z.object({
  code: code(50),
  name: name(100),
  description,
  displayOrder: z.number().int().min(0).max(10000).nullish(),
});
export const updateCategoryInput = createCategoryInput.partial().extend({ isActive: z.boolean().nullish() });

export const createItemInput = z.object({
  code: code(50),
  name: name(200),
  description,
  categoryId: uuid('category id'),
  vatTypeId: uuid('VAT type id').nullish(),
  pricingStrategy: strategy,
  price: money.nullish(),
  surfacePrices: surfacePrices.nullish(),
  rolePrices: rolePrices.nullish(),
  sessions: sessions.nullish(),
  durationMinutes,
});
export const updateItemInput = z.object({
  code: code(50).optional(),
  name: name(200).optional(),
  description,
  categoryId: uuid('category id').optional(),
  vatTypeId: uuid('VAT type id').optional(),
  pricingStrategy: strategy.optional(),
  price: money.optional(),
  surfacePrices: surfacePrices.nullish(),
  rolePrices: rolePrices.nullish(),
  sessions: sessions.nullish(),
  durationMinutes,
});

export const listItemsInput = z.object({
  search: z.string().trim().max(200).nullish(),
  categoryId: uuid('category id').nullish(),
  /** true: active only (default); false: inactive only; null: all. */
  active: z.boolean().nullable().default(true),
  page: z.number().int().min(1, 'must be 1 or more').default(1),
  pageSize: pageSizeSchema(20, 100),
});

export const quoteInput = z.object({
  itemId,
  teeth: z.array(z.number().int()).max(52).nullish(),
  surfaces: z.number().int().nullish(),
  role: z.string().trim().max(20).nullish(),
  quantity: z.number().int().min(1, 'must be 1 or more').max(MAX_QUANTITY, `must be at most ${MAX_QUANTITY}`).nullish(),
});
