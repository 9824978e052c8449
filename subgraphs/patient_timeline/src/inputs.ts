import { z } from 'zod';
import { pageSizeSchema, uuid } from '@dentalpin/core';
import { timelineCategory } from './status.ts';

/** A category as stored (visit): GraphQL maps VISIT to it, the tool converts its parameter. */
export const categoryInput = z.enum(timelineCategory.values).nullish();

export const timelineInput = z.object({
  patientId: uuid('patient id'),
  category: categoryInput,
  page: z.number().int().min(1, 'must be 1 or more').default(1),
  pageSize: pageSizeSchema(20, 100),
});
