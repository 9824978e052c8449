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
