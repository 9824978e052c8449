import { DateTime } from 'luxon';
import { z } from 'zod';
import { badInput } from './errors.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` is a UUID (every id the platform issues is one). */
export const isUuid = (value: string): boolean => UUID.test(value);

/**
 * A zod UUID for input fields and tool parameters; `label` says what it identifies, so a bad value reads
 * "patientId is not a valid patient id".
 */
export const uuid = (label = 'id') => z.string().regex(UUID, `is not a valid ${label}`);

/**
 * An `ID!` argument checked as a UUID before it reaches a query: `uuidArg('id', args.id, 'patient id')`.
 * Otherwise BAD_USER_INPUT `"42" is not a valid patient id.`, naming the argument in `fields`.
 */
export function uuidArg(argument: string, value: string, label = 'id'): string {
  if (isUuid(value)) return value;
  throw badInput(`"${value}" is not a valid ${label}.`, {
    fields: [{ field: argument, message: `is not a valid ${label}` }],
  });
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Why `value` is not a day of the calendar as YYYY-MM-DD ("2026-02-31": February 2026 has 28 days), or null
 * when it is one. The shape alone is not enough: a day that does not exist would reach the database.
 */
export function calendarDateProblem(value: string): string | null {
  const parts = ISO_DATE.exec(value);
  if (!parts) return 'must be a date as YYYY-MM-DD';
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (month < 1 || month > 12) return `is not a calendar date: there is no month ${parts[2]} (YYYY-MM-DD)`;
  const first = DateTime.fromObject({ year, month, day: 1 }, { zone: 'utc', locale: 'en' });
  if (day < 1 || day > first.daysInMonth!)
    return `is not a calendar date: ${first.toFormat('LLLL yyyy')} has ${first.daysInMonth} days`;
  return null;
}

/**
 * A zod calendar day, YYYY-MM-DD, for input fields and tool parameters: `2026-02-31` is refused as
 * BAD_USER_INPUT "from is not a calendar date: February 2026 has 28 days" (rule `invalid_format`, format
 * `date`, which the web says in the person's language). Every module's day fields use this one.
 */
export const isoDate = () =>
  z.string().superRefine((value, ctx) => {
    const problem = calendarDateProblem(value);
    if (problem) ctx.addIssue({ code: 'invalid_format', format: 'date', input: value, message: problem });
  });

/**
 * The path of the first string inside `raw` that holds a NUL character (PostgreSQL cannot store it
 * in text), or null. Walks with an explicit stack (any nesting is safe) and spells the path only once found.
 */
export function pathOfNul(raw: unknown): string | null {
  interface Step {
    value: unknown;
    key: string;
    parent: Step | null;
  }
  const pending: Step[] = [{ value: raw, key: '', parent: null }];
  for (let step = pending.pop(); step; step = pending.pop()) {
    const { value } = step;
    if (typeof value === 'string' && value.includes('\u0000')) {
      const keys: string[] = [];
      for (let at: Step | null = step; at?.parent; at = at.parent) keys.push(at.key);
      return keys.reverse().join('.') || 'input';
    }
    if (value && typeof value === 'object')
      for (const [key, child] of Object.entries(value)) pending.push({ value: child, key, parent: step });
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
  const fields = result.error.issues.map((i) => ({
    field: i.path.join('.') || 'input',
    message: i.message,
    ...ruleOf(i, raw),
  }));
  throw badInput(fields.map((f) => `${f.field} ${f.message}`).join('; '), { fields });
}

/** A field's broken rule and its bounds, for clients that say it in the person's language. */
export interface FieldRule {
  /** `required` when the value is missing or empty, else zod's issue code (`too_small`, `invalid_format`…). */
  rule: string;
  /** What was measured for too_small/too_big: `string` (characters), `number`, `array`, `date`. */
  origin?: string;
  minimum?: number;
  maximum?: number;
  /** For invalid_format: `email`, `uuid`, `date`, `regex`… */
  format?: string;
}

function ruleOf(issue: z.ZodIssue, raw: unknown): FieldRule {
  let value: unknown = raw;
  for (const key of issue.path) value = (value as Record<PropertyKey, unknown> | null | undefined)?.[key];
  if (value === undefined || value === null || value === '') return { rule: 'required' };
  const { origin, minimum, maximum, format } = issue as Partial<
    Record<'origin' | 'minimum' | 'maximum' | 'format', unknown>
  >;
  return {
    rule: issue.code,
    ...(typeof origin === 'string' ? { origin } : {}),
    ...(typeof minimum === 'number' ? { minimum } : {}),
    ...(typeof maximum === 'number' ? { maximum } : {}),
    ...(typeof format === 'string' ? { format } : {}),
  };
}
