import { z } from 'zod';
import { uuid } from '@dentalpin/core';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)');

export const reportInput = z.object({ from: day, to: day, professionalId: uuid('professional id').nullish() });
export const schedulingInput = reportInput.extend({ cabinetId: uuid('cabinet id').nullish() });
export type ReportInput = z.output<typeof reportInput>;
export type SchedulingInput = z.output<typeof schedulingInput>;
