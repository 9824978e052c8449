import { z } from 'zod';
import { pageSizeSchema, uuid, isoDate } from '@dentalpin/core';

export const patientId = uuid('patient id');

const name = z.string().trim().min(1, 'is required').max(100, 'is longer than 100 characters');
const optionalText = (max: number, extra?: (s: z.ZodString) => z.ZodString) =>
  z
    .string()
    .trim()
    .max(max, `is longer than ${max} characters`)
    .transform((s) => s || null)
    .pipe(extra ? extra(z.string()).nullable() : z.string().nullable())
    .nullish();
const phone = optionalText(20, (s) => s.regex(/^\+?[0-9 ()./-]{6,20}$/, 'is not a phone number'));
const email = optionalText(255, (s) => s.email('is not an email address'));
const dateOfBirth = isoDate()
  .refine((d) => d <= new Date().toISOString().slice(0, 10), 'cannot be in the future')
  .nullish();

export const createPatientInput = z.object({
  firstName: name,
  lastName: name,
  phone,
  email,
  dateOfBirth,
  notes: optionalText(5000),
  doNotContact: z.boolean().nullish(),
});
export const updatePatientInput = createPatientInput
  .partial()
  .extend({ firstName: name.optional(), lastName: name.optional() });

export const listPatientsInput = z.object({
  search: z.string().trim().max(200).nullish(),
  page: z.number().int().min(1, 'must be 1 or more').default(1),
  pageSize: pageSizeSchema(20, 100),
  includeArchived: z.boolean().default(false),
});
