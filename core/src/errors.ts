/**
 * Errors a person can act on. Services throw these (they carry no GraphQL import);
 * the GraphQL layer turns `code` into `extensions.code` (CONTRACT.md lists the codes).
 */
export const ERROR_CODES = [
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
  // The database (or another dependency) cannot be reached right now; `extensions.retryable` is true.
  'SERVICE_UNAVAILABLE',
  'QUERY_TOO_COMPLEX',
  // A remote subgraph (distributed mode) cannot be reached or failed; retryable, never its address.
  'SUBGRAPH_UNAVAILABLE',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string, id?: string) =>
  new DomainError('NOT_FOUND', id ? `${what} ${id} was not found.` : `${what} was not found.`);
export const forbidden = (permission: string) =>
  new DomainError('FORBIDDEN', `You need the permission "${permission}" to do this.`, { permission });
export const badInput = (message: string, details?: Record<string, unknown>) =>
  new DomainError('BAD_USER_INPUT', message, details);
