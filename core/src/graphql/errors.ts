import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ConnectionException, UniqueConstraintViolationException } from '@mikro-orm/core';
import { DomainError, isContractCode, type ErrorCode } from '../errors.ts';
import { logger } from '../logger.ts';
import { config } from '../config.ts';
import { currentRequest } from '../observability/request-context.ts';

const development = () => config().nodeEnv === 'development';

/** SQLSTATE of a PostgreSQL error, whether raw (pg, knex) or wrapped by MikroORM. */
function sqlStateOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, sqlState } = error as { code?: unknown; sqlState?: unknown };
  const state = typeof sqlState === 'string' ? sqlState : code;
  return typeof state === 'string' && /^[0-9A-Z]{5}$/.test(state) ? state : undefined;
}

// Connection exceptions (08…), the server shutting down or restarting (57P01–57P03), no free slots (53300).
// Not 08P01 (protocol violation): our driver commits none of its own, so it is a NUL character that
// ended a statement's text early — the sender's value, not an outage.
const UNAVAILABLE_SQLSTATE = /^(08(?!P01)...|57P0[123]|53300)$/;
const UNAVAILABLE_SOCKET = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);
// pg and knex report a connection cut mid-query, a pool that cannot get one, or a database closed to new
// connections (55000, a code shared with unrelated errors) only in words.
const UNAVAILABLE_MESSAGE =
  /connection terminated|connection ended unexpectedly|timeout acquiring a connection|not currently accepting connections/i;

/** Whether `error` means the database cannot be reached right now (a retry later may succeed). */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof ConnectionException) return true;
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && UNAVAILABLE_SOCKET.has(code)) return true;
  const state = sqlStateOf(error);
  if (state && UNAVAILABLE_SQLSTATE.test(state)) return true;
  return error.name === 'KnexTimeoutError' || UNAVAILABLE_MESSAGE.test(error.message);
}

/** How long repeated connection failures stay quiet in the log after the first one is written. */
const LOSS_LOG_QUIET_MS = 60_000;
const losses = new Map<string, { loggedAt: number; since: number }>();

/**
 * A lost dependency (the database, a remote subgraph) is logged once per outage burst, not once per
 * failed request; `what` names it ("database connection lost").
 */
export function logOutage(what: string, error: Error): void {
  const now = Date.now();
  const loss = losses.get(what) ?? { loggedAt: 0, since: 0 };
  losses.set(what, loss);
  if (now - loss.loggedAt < LOSS_LOG_QUIET_MS) {
    loss.since++;
    return;
  }
  const repeats = loss.since ? ` (${loss.since} more failures since the last report)` : '';
  logger.error(`${what}: ${error.message}${repeats}`);
  loss.loggedAt = now;
  loss.since = 0;
}

/** What a PostgreSQL data exception (class 22) or size limit means for the person who sent the value. */
const DATA_ERROR_MESSAGES: Record<string, string> = {
  '22021': 'A text value contains a NUL character (\\u0000), which is not allowed; remove it and try again.',
  '08P01': 'A text value contains a NUL character (\\u0000), which is not allowed; remove it and try again.',
  '22P05': 'A JSON value contains a NUL character (\\u0000), which is not allowed; remove it and try again.',
  '22008': 'A date or time is out of range (the year must be between 0001 and 9999).',
  '22007': 'A date or time has the wrong format; use ISO 8601, e.g. 2026-03-02T10:30:00Z.',
  '22P02': 'A value has the wrong format (for example an id that is not a UUID).',
  '22001': 'A text value is longer than this field allows.',
  '22003': 'A number is out of the range this field allows.',
  '54000': 'A value is too long to store or search; shorten it and try again.',
};

/**
 * The contract error behind whatever a service, the ORM or the driver threw; null for a fault of the
 * server itself (a bug), which must be logged and answered without details.
 */
export function contractErrorOf(error: unknown): DomainError | null {
  if (error instanceof DomainError) return error;
  if (error instanceof UniqueConstraintViolationException)
    return new DomainError('CONFLICT', 'A record with these values already exists.');
  if (isDatabaseUnavailable(error)) {
    logOutage('database connection lost', error as Error);
    return new DomainError('SERVICE_UNAVAILABLE', 'The database cannot be reached right now; retry in a few seconds.', {
      retryable: true,
    });
  }
  const state = sqlStateOf(error);
  if (state && (state.startsWith('22') || state in DATA_ERROR_MESSAGES))
    return new DomainError('BAD_USER_INPUT', DATA_ERROR_MESSAGES[state] ?? 'A value is not valid for its field.');
  return null;
}

/** The HTTP status that goes with a contract code when an error ends a whole request. */
const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  SERVICE_UNAVAILABLE: 503,
  SUBGRAPH_UNAVAILABLE: 503,
};

/**
 * A failure that ends a request before any resolver runs (context creation, a route such as `/mcp`)
 * as a coded GraphQL error with its HTTP status; faults of the server are logged and answered without details.
 */
export function requestError(error: unknown): GraphQLError {
  const known = contractErrorOf(error);
  const requestId = currentRequest()?.requestId;
  if (known)
    return new GraphQLError(known.message, {
      extensions: {
        code: known.code,
        ...known.details,
        requestId,
        http: { status: HTTP_STATUS[known.code as ErrorCode] ?? 400 },
      },
    });
  const fault = error instanceof Error ? error : new Error(String(error));
  logger.error(`request failed: ${fault.stack ?? fault.message}`);
  return new GraphQLError(development() ? fault.message : 'Internal server error.', {
    extensions: { code: 'INTERNAL_SERVER_ERROR', requestId, http: { status: 500 } },
  });
}

/** Turns whatever a resolver threw into a contract error (`extensions.code`) a person can act on. */
export function formatResolverError(error: GraphQLError, requestId?: string): GraphQLFormattedError {
  const original = error.originalError;
  const base = { message: error.message, locations: error.locations, path: error.path };
  const known = contractErrorOf(original);
  if (known) return { ...base, message: known.message, extensions: { code: known.code, ...(known.details ?? {}) } };
  const code = error.extensions?.code;
  if (!original || original instanceof GraphQLError)
    return { ...base, extensions: { ...error.extensions, code: typeof code === 'string' ? code : 'BAD_USER_INPUT' } };
  logger.error(`unexpected resolver error: ${original.stack ?? original.message}`, { requestId, path: error.path });
  return { ...base, message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/**
 * The gateway's last word on an error: contract codes pass through, parse/validation problems are
 * the client's (BAD_USER_INPUT), anything else becomes an internal error without internals. Each one
 * carries the request's id (`extensions.requestId`, as in the `X-Request-Id` header and the logs).
 */
export function formatGatewayError(error: GraphQLFormattedError): GraphQLFormattedError {
  const formatted = contractFormOf(error);
  const request = currentRequest();
  if (!request) return formatted;
  // A request refused before it ran (context, limits) has no other outcome; one that ran gets it from the gateway.
  request.errorCode ??= outcomeCode(formatted.extensions?.code);
  return { ...formatted, extensions: { ...formatted.extensions, requestId: request.requestId } };
}

/** An error code as a metric label: the contract codes and INTERNAL_SERVER_ERROR, anything else "error". */
export function outcomeCode(code: unknown): string {
  return typeof code === 'string' && (isContractCode(code) || code === 'INTERNAL_SERVER_ERROR') ? code : 'error';
}

function contractFormOf(error: GraphQLFormattedError): GraphQLFormattedError {
  const code = String(error.extensions?.code ?? '');
  const { stacktrace: _s, serviceName: _n, ...extensions } = error.extensions ?? {};
  if (isContractCode(code)) return { ...error, extensions: { ...extensions, code } };
  const clientMistakes = [
    'GRAPHQL_PARSE_FAILED',
    'GRAPHQL_VALIDATION_FAILED',
    'BAD_REQUEST',
    'PERSISTED_QUERY_NOT_FOUND',
    'PERSISTED_QUERY_NOT_SUPPORTED',
  ];
  if (clientMistakes.includes(code)) return { ...error, extensions: { ...extensions, code: 'BAD_USER_INPUT' } };
  if (code === 'INTERNAL_SERVER_ERROR' || code === 'DOWNSTREAM_SERVICE_ERROR' || !code) {
    // Resolver faults were logged where they happened; the rest (a subgraph down, say) is logged here.
    if (!development() && code !== 'INTERNAL_SERVER_ERROR') logger.error(`gateway error: ${error.message}`);
    // Messages of internal errors may quote SQL or paths (e.g. Apollo's "Context creation failed: …").
    return {
      message: development() ? error.message : 'Internal server error.',
      path: error.path,
      locations: error.locations,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  }
  return { ...error, extensions };
}
