import { z } from 'zod';

/** The longest period one export covers: a year (leap years included). */
export const MAX_DAYS = 366;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'is not a date (YYYY-MM-DD)')
  .refine((s) => new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'is not a valid date');

/** A range of clinic-local days, both included. */
export const rangeInput = z.object({
  from: isoDate.describe('First day (YYYY-MM-DD, clinic time zone), included.'),
  to: isoDate.describe('Last day (YYYY-MM-DD, clinic time zone), included.'),
});

/** The download's options: the range and the spreadsheet convention (decimal separator, date format). */
export const exportInput = rangeInput.extend({
  locale: z
    .enum(['en', 'es'])
    .optional()
    .describe(
      "en: 1234.50 and 2026-12-31, comma-separated; es: 1234,50 and 31/12/2026, semicolon-separated. Default: the clinic's language.",
    ),
});
