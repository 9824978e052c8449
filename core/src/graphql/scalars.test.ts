import { describe, expect, it } from 'vitest';
import { parseValue, valueFromAST } from 'graphql';
import { MAX_JSON_DEPTH, scalarResolvers, WallClockDateTime } from './scalars.ts';

const nested = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 1; i < depth; i++) value = { a: value };
  return value;
};

describe('shared scalars refuse what PostgreSQL or a recursive walk cannot take, with a reason', () => {
  it('DateTime, Date and the wall-clock DateTime refuse year 0000 (as variables and as literals)', () => {
    const { DateTime, Date } = scalarResolvers;
    for (const [scalar, value] of [
      [DateTime, '0000-01-01T00:00:00Z'],
      [Date, '0000-01-01'],
      [WallClockDateTime, '0000-01-01T10:30'],
    ] as const) {
      expect(() => scalar.parseValue(value)).toThrow(/year must be between 0001 and 9999/);
      expect(() => scalar.parseLiteral(parseValue(JSON.stringify(value)))).toThrow(/year must be between 0001/);
    }
    expect(DateTime.parseValue('0001-01-01T00:00:00Z')).toEqual(new globalThis.Date('0001-01-01T00:00:00Z'));
    expect(Date.parseValue('2026-03-02')).toBe('2026-03-02');
    expect(WallClockDateTime.parseValue('2026-03-02T10:30')).toBe('2026-03-02T10:30');
  });

  it(`JSON takes values nested up to ${MAX_JSON_DEPTH} levels and refuses deeper ones without recursing`, () => {
    const { JSON: JSONScalar } = scalarResolvers;
    expect(JSONScalar.parseValue(nested(MAX_JSON_DEPTH))).toEqual(nested(MAX_JSON_DEPTH));
    expect(() => JSONScalar.parseValue(nested(MAX_JSON_DEPTH + 1))).toThrow(/nested at most 64 levels/);
    // Deep enough that a recursive walk would overflow the stack.
    expect(() => JSONScalar.parseValue(nested(200_000))).toThrow(/nested at most/);
    const literal = (depth: number) => parseValue(`${'{a: '.repeat(depth - 1)}1${'}'.repeat(depth - 1)}`);
    expect(valueFromAST(literal(MAX_JSON_DEPTH), JSONScalar)).toEqual(nested(MAX_JSON_DEPTH));
    expect(() => JSONScalar.parseLiteral(literal(MAX_JSON_DEPTH + 1))).toThrow(/nested at most/);
  });
});
