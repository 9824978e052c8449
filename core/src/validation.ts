import type { z } from 'zod';
import { badInput } from './errors.ts';

/** Validates input with a zod schema; a failure is a BAD_USER_INPUT naming every offending field. */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const fields = result.error.issues.map((i) => ({ field: i.path.join('.') || 'input', message: i.message }));
  throw badInput(fields.map((f) => `${f.field} ${f.message}`).join('; '), { fields });
}
