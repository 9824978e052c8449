import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
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

/** PostgreSQL has no year 0 (JavaScript does): such a value is refused here, with a reason, not by the driver. */
function assertYear(name: string, value: unknown): void {
  if (typeof value === 'string' && /^\s*0000-/.test(value))
    throw new TypeError(`${name} cannot represent "${value}": the year must be between 0001 and 9999.`);
}

/** `base` with inputs in year 0000 refused (its own checks apply to everything else). */
function withYearCheck(base: GraphQLScalarType): GraphQLScalarType {
  const config = base.toConfig();
  return new GraphQLScalarType({
    ...config,
    parseValue: (value) => {
      assertYear(config.name, value);
      return config.parseValue!(value);
    },
    parseLiteral: (ast, variables) => {
      if (ast.kind === Kind.STRING) assertYear(config.name, ast.value);
      return config.parseLiteral!(ast, variables);
    },
  });
}

/** How deep a JSON argument may nest; deeper ones are refused before anything walks them recursively. */
export const MAX_JSON_DEPTH = 64;

/** The nesting depth of a JSON value or literal, counted with an explicit stack (stopping past `limit`). */
function depthOf(root: unknown, children: (node: unknown) => unknown[], limit: number): number {
  let deepest = 0;
  const pending: [node: unknown, depth: number][] = [[root, 1]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [node, depth] = next;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) break;
    for (const child of children(node)) pending.push([child, depth + 1]);
  }
  return deepest;
}

const jsonChildren = (v: unknown): unknown[] => (v && typeof v === 'object' ? Object.values(v) : []);
const literalChildren = (n: unknown): unknown[] => {
  const node = n as ValueNode;
  if (node.kind === Kind.LIST) return [...node.values];
  if (node.kind === Kind.OBJECT) return node.fields.map((f) => f.value);
  return [];
};

function assertJsonDepth(depth: number): void {
  if (depth > MAX_JSON_DEPTH)
    throw new TypeError(`JSON values may be nested at most ${MAX_JSON_DEPTH} levels deep; flatten this one.`);
}

/** Any JSON value, nested at most `MAX_JSON_DEPTH` levels. */
const JSONScalar = new GraphQLScalarType({
  ...JSONResolver.toConfig(),
  parseValue: (value) => {
    assertJsonDepth(depthOf(value, jsonChildren, MAX_JSON_DEPTH));
    return JSONResolver.parseValue(value);
  },
  parseLiteral: (ast, variables) => {
    assertJsonDepth(depthOf(ast, literalChildren, MAX_JSON_DEPTH));
    return JSONResolver.parseLiteral(ast, variables);
  },
});

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const checkedLocalDate = withYearCheck(LocalDateResolver);

/**
 * `Date` (`YYYY-MM-DD`): graphql-scalars' LocalDate, except that output already in that form, as PostgreSQL
 * returns a `date` column, is sent as it is instead of being re-validated through a `Date` per value.
 */
const DateScalar = new GraphQLScalarType({
  ...checkedLocalDate.toConfig(),
  serialize: (v) => (typeof v === 'string' && LOCAL_DATE.test(v) ? v : checkedLocalDate.serialize(v)),
});

/** Scalars shared by every subgraph (composition merges identical scalar names). */
export const scalarResolvers = {
  DateTime: withYearCheck(DateTimeResolver),
  Date: DateScalar,
  JSON: JSONScalar,
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
    assertYear('DateTime', v);
    return v;
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(ast.value))
      throw new TypeError('DateTime literals are ISO 8601 strings, e.g. "2026-03-02T10:30"');
    assertYear('DateTime', ast.value);
    return ast.value;
  },
});
