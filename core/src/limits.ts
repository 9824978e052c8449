import { z } from 'zod';
import type { QueryLimits } from '@dentalpin/gateway';
import { parseInput } from './validation.ts';
import { config } from './config.ts';

/**
 * Every limit that keeps one request from hurting other callers (read and validated by config.ts; a wrong
 * value stops the process with the variable's name).
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

/** The limits of this process, from the typed configuration (README "Limits" lists the variables). */
export function platformLimits(): PlatformLimits {
  const { limits } = config();
  return {
    ...limits,
    anonymousQuery: { ...limits.anonymousQuery, allowedRootFields: ANONYMOUS_ROOT_FIELDS },
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
