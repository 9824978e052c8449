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

/**
 * Per-field messages of a BAD_USER_INPUT, keyed by field path: the server's `extensions.fields`, or
 * `extensions.field` naming the one field the whole message is about (e.g. a wrong current password).
 */
export function fieldErrors(
  errors: readonly Pick<GraphQLFormattedError, 'extensions' | 'message'>[] | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors ?? []) {
    if (e.extensions?.code !== 'BAD_USER_INPUT') continue;
    const { field, fields } = e.extensions;
    const named = typeof field === 'string' ? [{ field, message: e.message }] : [];
    for (const f of Array.isArray(fields) ? (fields as FieldError[]) : named) {
      const key = f.field.replace(/^input\./, '');
      out[key] = out[key] ? `${out[key]}; ${f.message}` : f.message;
    }
  }
  return out;
}
