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

/** `extensions.reason` of the BAD_USER_INPUT answered to a subscription whose `after` can no longer be replayed. */
export const EVENT_EXPIRED = 'EVENT_EXPIRED';

/**
 * A subscription's `after` names an event this server no longer keeps (older than the retention window,
 * or not one of the caller's clinic's events): what was missed cannot be replayed. Retrying the same
 * request cannot help; the client re-reads its data and subscribes again without `after`.
 */
export const eventExpired = () =>
  new DomainError(
    'BAD_USER_INPUT',
    'The event to resume after is no longer kept, so the events missed since cannot be replayed: reload the data, then subscribe again without "after".',
    { reason: EVENT_EXPIRED, retryable: false },
  );
