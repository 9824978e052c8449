import { z } from 'zod';
import type { QueryLimitName, QueryLimits } from '@dentalpin/gateway';
import { parseInput } from './validation.ts';

/**
 * Every limit that keeps one request from hurting other callers, read from the environment here and only
 * here (README "Limits" lists the variables). A wrong value stops the process with the variable's name.
 */
export interface PlatformLimits {
  /** Documents from a caller with a valid token. */
  query: QueryLimits;
  /** Documents from a caller without one: only the operations that work before login, and small. */
  anonymousQuery: QueryLimits;
  /** The largest page (`pageSize`, `first`, `limit`) any list field answers. */
  pageSize: number;
  /** Keys one request may load through its DataLoaders, all loaders together. */
  loaderKeys: number;
  /** One `/mcp` request: JSON nesting, messages in a batch, characters of one tool call's arguments. */
  mcp: { jsonDepth: number; batch: number; argumentCharacters: number };
}

/** The core subgraph's root fields that work without a token (what the web app calls before login). */
export const ANONYMOUS_ROOT_FIELDS: ReadonlySet<string> = new Set([
  'setupStatus',
  'setup',
  'login',
  'refreshToken',
  'requestPasswordReset',
  'resetPassword',
]);

function positiveInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer; it is "${raw}".`);
  return value;
}

function queryLimits(prefix: string, defaults: Record<QueryLimitName, number>): QueryLimits {
  return {
    characters: positiveInteger(`${prefix}_CHARACTERS`, defaults.characters),
    tokens: positiveInteger(`${prefix}_TOKENS`, defaults.tokens),
    depth: positiveInteger(`${prefix}_DEPTH`, defaults.depth),
    aliases: positiveInteger(`${prefix}_ALIASES`, defaults.aliases),
    rootFields: positiveInteger(`${prefix}_ROOT_FIELDS`, defaults.rootFields),
    directives: positiveInteger(`${prefix}_DIRECTIVES`, defaults.directives),
    cost: positiveInteger(`${prefix}_COST`, defaults.cost),
  };
}

export function platformLimits(): PlatformLimits {
  return {
    // Room for the web app's largest operations (tests/integration/query-limits.test.ts runs them all).
    query: queryLimits('DENTALPIN_MAX_QUERY', {
      characters: 100_000,
      tokens: 5_000,
      depth: 10,
      aliases: 30,
      rootFields: 20,
      directives: 50,
      cost: 20_000,
    }),
    anonymousQuery: {
      ...queryLimits('DENTALPIN_ANONYMOUS_MAX_QUERY', {
        characters: 2_000,
        tokens: 200,
        depth: 4,
        aliases: 2,
        rootFields: 2,
        directives: 2,
        cost: 200,
      }),
      allowedRootFields: ANONYMOUS_ROOT_FIELDS,
    },
    pageSize: positiveInteger('DENTALPIN_MAX_PAGE_SIZE', 500),
    loaderKeys: positiveInteger('DENTALPIN_MAX_LOADER_KEYS', 10_000),
    mcp: {
      jsonDepth: positiveInteger('DENTALPIN_MCP_MAX_JSON_DEPTH', 32),
      batch: positiveInteger('DENTALPIN_MCP_MAX_BATCH', 10),
      argumentCharacters: positiveInteger('DENTALPIN_MCP_MAX_ARGUMENT_CHARACTERS', 65_536),
    },
  };
}

/**
 * The ONE page-size rule of every list field (`pageSize`, `first`, `limit`): a whole number from 1 to the
 * field's own maximum and never above DENTALPIN_MAX_PAGE_SIZE (checked when a request is parsed, so the
 * variable needs no rebuild); anything else is BAD_USER_INPUT through `parseInput`. `fallback` is the
 * default when the caller sends none.
 */
export function pageSizeSchema(fallback: number, fieldMaximum: number) {
  const between = (maximum: number) => `must be between 1 and ${maximum}`;
  return z
    .number()
    .int(between(fieldMaximum))
    .min(1, between(fieldMaximum))
    .max(fieldMaximum, between(fieldMaximum))
    .superRefine((value, ctx) => {
      const maximum = platformLimits().pageSize;
      if (value > maximum) ctx.addIssue({ code: 'custom', message: between(maximum) });
    })
    .default(fallback);
}

/** One page-size argument outside a zod input (`first`, `limit`): the value, or BAD_USER_INPUT naming `field`. */
export function pageSizeArgument(
  field: string,
  requested: number | null | undefined,
  fallback: number,
  fieldMaximum: number,
): number {
  return parseInput(z.object({ [field]: pageSizeSchema(fallback, fieldMaximum) }), { [field]: requested ?? undefined })[
    field
  ] as number;
}
