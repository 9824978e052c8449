import { z } from 'zod';
import { isoDate } from '@dentalpin/core';

/** The longest period one export covers: a year (leap years included). */
export const MAX_DAYS = 366;

/** A range of clinic-local days, both included. */
export const rangeInput = z.object({
  from: isoDate().describe('First day (YYYY-MM-DD, clinic time zone), included.'),
  to: isoDate().describe('Last day (YYYY-MM-DD, clinic time zone), included.'),
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
