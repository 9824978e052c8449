import type { z } from 'zod';
import { badInput } from './errors.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` is a UUID (every id the platform issues is one). */
export const isUuid = (value: string): boolean => UUID.test(value);

/**
 * The path of the first string inside `raw` that holds a NUL character (PostgreSQL cannot store it
 * in text), or null. Walks with an explicit stack, so any nesting is safe.
 */
export function pathOfNul(raw: unknown): string | null {
  const pending: [value: unknown, path: string][] = [[raw, '']];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [value, path] = next;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return path || 'input';
    } else if (value && typeof value === 'object')
      for (const [key, child] of Object.entries(value)) pending.push([child, path ? `${path}.${key}` : key]);
  }
  return null;
}

/** Validates input with a zod schema; a failure is a BAD_USER_INPUT naming every offending field. */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const nul = pathOfNul(raw);
  if (nul)
    throw badInput(`${nul} contains a NUL character (\\u0000), which is not allowed; remove it and try again.`, {
      fields: [{ field: nul, message: 'contains a NUL character' }],
    });
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const fields = result.error.issues.map((i) => ({ field: i.path.join('.') || 'input', message: i.message }));
  throw badInput(fields.map((f) => `${f.field} ${f.message}`).join('; '), { fields });
}
