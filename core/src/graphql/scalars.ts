import { GraphQLScalarType, Kind } from 'graphql';
import { DateTimeResolver, JSONResolver, LocalDateResolver } from 'graphql-scalars';

const DECIMAL = /^-?\d{1,15}(\.\d{1,6})?$/;

function parseDecimal(value: unknown): string {
  if (typeof value !== 'string' || !DECIMAL.test(value.trim()))
    throw new TypeError(
      `Decimal values are strings such as "120.50" (got ${JSON.stringify(value)}); floats are not accepted.`,
    );
  return value.trim();
}

/** Exact decimals travel as strings ("120.50"), never as floats. */
export const DecimalScalar = new GraphQLScalarType({
  name: 'Decimal',
  description: 'An exact decimal number as a string, e.g. "120.50".',
  serialize: (v) => (typeof v === 'number' ? String(v) : parseDecimal(String(v))),
  parseValue: parseDecimal,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new TypeError('Decimal literals are strings such as "120.50".');
    return parseDecimal(ast.value);
  },
});

/** Scalars shared by every subgraph (composition merges identical scalar names). */
export const scalarResolvers = {
  DateTime: DateTimeResolver,
  Date: LocalDateResolver,
  JSON: JSONResolver,
  Decimal: DecimalScalar,
};

/**
 * `DateTime` for modules whose inputs may be clinic wall-clock times: output is ISO 8601 (UTC);
 * input is kept as the client's string (with or without offset) for `parseClinicDateTime`.
 */
export const WallClockDateTime = new GraphQLScalarType({
  name: 'DateTime',
  description: 'ISO 8601 date-time. Inputs without an offset are wall-clock times in the clinic time zone.',
  serialize: (v) => DateTimeResolver.serialize(v),
  parseValue: (v) => {
    if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v))
      throw new TypeError(`DateTime cannot represent "${String(v)}": use ISO 8601, e.g. 2026-03-02T10:30`);
    return v;
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(ast.value))
      throw new TypeError('DateTime literals are ISO 8601 strings, e.g. "2026-03-02T10:30"');
    return ast.value;
  },
});
