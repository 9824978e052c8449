import type { GraphQLFormattedError } from 'graphql';

/** Every `extensions.code` of CONTRACT.md, plus the two the gateway adds. */
export const KNOWN_ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'ALREADY_INITIALIZED',
  'INVALID_TRANSITION',
  'ALREADY_IN_STATE',
  'CABINET_REQUIRED',
  'SLOT_CONFLICT',
  'MODULE_OPERATION_REFUSED',
  'RATE_LIMITED',
  'TOO_MANY_REQUESTS',
  'INTERNAL_SERVER_ERROR',
] as const;
export type KnownErrorCode = (typeof KNOWN_ERROR_CODES)[number];

export interface FieldError {
  field: string;
  message: string;
}

export function errorCode(error: Pick<GraphQLFormattedError, 'extensions'>): KnownErrorCode {
  const code = String(error.extensions?.code ?? '');
  return (KNOWN_ERROR_CODES as readonly string[]).includes(code) ? (code as KnownErrorCode) : 'INTERNAL_SERVER_ERROR';
}

/** Per-field messages of a BAD_USER_INPUT (the server's `extensions.fields`), keyed by field path. */
export function fieldErrors(
  errors: readonly Pick<GraphQLFormattedError, 'extensions'>[] | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors ?? []) {
    if (e.extensions?.code !== 'BAD_USER_INPUT') continue;
    const fields = e.extensions.fields;
    if (!Array.isArray(fields)) continue;
    for (const f of fields as FieldError[]) {
      const key = f.field.replace(/^input\./, '');
      out[key] = out[key] ? `${out[key]}; ${f.message}` : f.message;
    }
  }
  return out;
}
