import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DomainError } from './errors.ts';
import { calendarDateProblem, isoDate, isUuid, parseInput, pathOfNul, uuid, uuidArg } from './validation.ts';

describe('input parsing', () => {
  const schema = z.object({ name: z.string(), tags: z.array(z.string()) });

  it('refuses a NUL character anywhere in the input, naming the field', () => {
    expect(pathOfNul({ name: 'Ana', tags: ['ok', 'b\u0000d'] })).toBe('tags.1');
    expect(pathOfNul('plain\u0000')).toBe('input');
    expect(pathOfNul({ name: 'Ana', tags: [] })).toBeNull();
    const refused = (() => {
      try {
        parseInput(schema, { name: 'Ana\u0000', tags: [] });
      } catch (e) {
        return e;
      }
    })();
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', details: { fields: [{ field: 'name' }] } });
    expect((refused as Error).message).toMatch(/name contains a NUL character/);
  });

  it('walks deeply nested input without recursing', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 20_000; i++) deep = { a: deep };
    expect(pathOfNul(deep)).toMatch(/^a(\.a)+$/);
  });

  it('still validates with the schema and tells UUIDs apart', () => {
    expect(parseInput(schema, { name: 'Ana', tags: ['x'] })).toEqual({ name: 'Ana', tags: ['x'] });
    expect(() => parseInput(schema, { name: 1, tags: [] })).toThrow(DomainError);
    expect(isUuid('3f1c2b9e-8d4a-4c1e-9b7a-2f6e5d4c3b2a')).toBe(true);
    expect(isUuid('not-a-uuid')).toBe(false);
  });
});

describe('uuid and uuidArg', () => {
  const id = '00000000-0000-4000-8000-000000000000';

  it('uuid() refuses a non-UUID field with what it identifies', () => {
    const schema = z.object({ patientId: uuid('patient id') });
    expect(parseInput(schema, { patientId: id })).toEqual({ patientId: id });
    expect(() => parseInput(schema, { patientId: '42' })).toThrow('patientId is not a valid patient id');
  });

  it('uuidArg passes a UUID through and refuses anything else with BAD_USER_INPUT naming the argument', () => {
    expect(uuidArg('id', id, 'patient id')).toBe(id);
    const refused = (() => {
      try {
        uuidArg('id', '42', 'patient id');
      } catch (e) {
        return e as DomainError;
      }
    })();
    expect(refused).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: '"42" is not a valid patient id.',
      details: { fields: [{ field: 'id', message: 'is not a valid patient id' }] },
    });
  });
});

describe('field rules of a refused input', () => {
  const schema = z.object({
    patientId: z.string().regex(/^[0-9a-f-]{36}$/, 'is not a valid patient id'),
    name: z.string().min(2),
    email: z.email(),
    quantity: z.number().int().max(99),
  });

  it('names the broken rule and its bound, and calls a missing or empty value required', () => {
    const refused = (() => {
      try {
        parseInput(schema, { patientId: '', name: 'A', email: 'not-mail', quantity: 120 });
      } catch (e) {
        return e as DomainError;
      }
    })();
    expect(refused?.details?.fields).toEqual([
      { field: 'patientId', message: 'is not a valid patient id', rule: 'required' },
      expect.objectContaining({ field: 'name', rule: 'too_small', origin: 'string', minimum: 2 }),
      expect.objectContaining({ field: 'email', rule: 'invalid_format', format: 'email' }),
      expect.objectContaining({ field: 'quantity', rule: 'too_big', origin: 'number', maximum: 99 }),
    ]);
  });
});

describe('isoDate', () => {
  const schema = z.object({ from: isoDate() });
  const refusal = (raw: unknown) => {
    try {
      parseInput(schema, raw);
    } catch (e) {
      return e as DomainError;
    }
    throw new Error('accepted');
  };

  it('takes real days, leap days included', () => {
    expect(parseInput(schema, { from: '2026-02-28' })).toEqual({ from: '2026-02-28' });
    expect(parseInput(schema, { from: '2028-02-29' })).toEqual({ from: '2028-02-29' });
    expect(parseInput(schema, { from: '2026-12-31' })).toEqual({ from: '2026-12-31' });
  });

  it('refuses days the calendar does not have, saying why', () => {
    const e = refusal({ from: '2026-02-31' });
    expect(e).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'from is not a calendar date: February 2026 has 28 days',
      details: { fields: [{ field: 'from', rule: 'invalid_format', format: 'date' }] },
    });
    expect(refusal({ from: '2027-02-29' }).message).toBe('from is not a calendar date: February 2027 has 28 days');
    expect(refusal({ from: '2026-04-31' }).message).toBe('from is not a calendar date: April 2026 has 30 days');
    expect(refusal({ from: '2026-13-01' }).message).toBe(
      'from is not a calendar date: there is no month 13 (YYYY-MM-DD)',
    );
    expect(refusal({ from: '2026-01-00' }).message).toMatch(/January 2026 has 31 days/);
    expect(refusal({ from: '31/02/2026' }).message).toBe('from must be a date as YYYY-MM-DD');
    expect(calendarDateProblem('2026-06-15')).toBeNull();
  });
});
