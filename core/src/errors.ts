import type { ContractCode, ErrorCode, EveryMember } from './modules/contract.ts';

/**
 * Errors a person can act on. Services throw these (they carry no GraphQL import);
 * the GraphQL layer turns `code` into `extensions.code` (CONTRACT.md lists the codes).
 */
const ERROR_CODE_LIST = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'ALREADY_INITIALIZED',
  'INVALID_TRANSITION',
  'ALREADY_IN_STATE',
  'MODULE_OPERATION_REFUSED',
  'RATE_LIMITED',
  // The database (or another dependency) cannot be reached right now; `extensions.retryable` is true.
  'SERVICE_UNAVAILABLE',
  'QUERY_TOO_COMPLEX',
  // A remote subgraph (distributed mode) cannot be reached or failed; retryable, never its address.
  'SUBGRAPH_UNAVAILABLE',
] as const;
export const ERROR_CODES: EveryMember<ErrorCode, typeof ERROR_CODE_LIST> = ERROR_CODE_LIST;
export type { ErrorCode, ModuleErrorCode, ContractCode } from './modules/contract.ts';

const CODE_FORMAT = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;
/** Codes declared by the modules loaded in this process, with the module that declared each. */
const moduleCodes = new Map<string, string>();

/**
 * Makes `codes` contract codes (they then reach clients as `extensions.code`, like the core's). Called by
 * `defineModule`; a code must be SCREAMING_SNAKE_CASE, not one of the core's, and not another module's.
 */
export function registerErrorCodes(moduleName: string, codes: readonly string[]): void {
  for (const code of codes) {
    if (!CODE_FORMAT.test(code))
      throw new Error(`Module ${moduleName}: error code "${code}" must be SCREAMING_SNAKE_CASE (e.g. SLOT_CONFLICT).`);
    if ((ERROR_CODES as readonly string[]).includes(code))
      throw new Error(`Module ${moduleName}: error code ${code} is the core's; throw it without declaring it.`);
    const owner = moduleCodes.get(code);
    if (owner && owner !== moduleName)
      throw new Error(`Module ${moduleName}: error code ${code} is already declared by module ${owner}; pick another.`);
    moduleCodes.set(code, moduleName);
  }
}

/** Whether `code` is a contract code: the core's or one a loaded module declared. */
export const isContractCode = (code: string): code is ContractCode =>
  (ERROR_CODES as readonly string[]).includes(code) || moduleCodes.has(code);

export class DomainError extends Error {
  constructor(
    readonly code: ContractCode,
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
