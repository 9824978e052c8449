import { GraphQLScalarType, Kind } from 'graphql';
import { DateTimeResolver, JSONResolver, LocalDateResolver } from 'graphql-scalars';

/** Scalars shared by every subgraph (composition merges identical scalar names). */
export const scalarResolvers = { DateTime: DateTimeResolver, Date: LocalDateResolver, JSON: JSONResolver };

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
