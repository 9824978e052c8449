import { z } from 'zod';
import { uuid, isoDate } from '@dentalpin/core';

const day = isoDate();

export const reportInput = z.object({ from: day, to: day, professionalId: uuid('professional id').nullish() });
export const schedulingInput = reportInput.extend({ cabinetId: uuid('cabinet id').nullish() });
export type ReportInput = z.output<typeof reportInput>;
export type SchedulingInput = z.output<typeof schedulingInput>;
