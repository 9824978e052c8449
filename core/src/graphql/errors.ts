import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DriverException, UniqueConstraintViolationException } from '@mikro-orm/core';
import { DomainError, ERROR_CODES } from '../errors.ts';
import { logger } from '../logger.ts';

const CONTRACT_CODES = new Set<string>(ERROR_CODES);

/** Turns whatever a resolver threw into a contract error (`extensions.code`) a person can act on. */
export function formatResolverError(error: GraphQLError, requestId?: string): GraphQLFormattedError {
  const original = error.originalError;
  const base = { message: error.message, locations: error.locations, path: error.path };
  if (original instanceof DomainError)
    return { ...base, message: original.message, extensions: { code: original.code, ...(original.details ?? {}) } };
  if (original instanceof UniqueConstraintViolationException)
    return { ...base, message: 'A record with these values already exists.', extensions: { code: 'CONFLICT' } };
  if (original instanceof DriverException && (original as { code?: string }).code === '22P02')
    return {
      ...base,
      message: 'A value has the wrong format (for example an id that is not a UUID).',
      extensions: { code: 'BAD_USER_INPUT' },
    };
  const code = error.extensions?.code;
  if (!original || original instanceof GraphQLError)
    return { ...base, extensions: { ...error.extensions, code: typeof code === 'string' ? code : 'BAD_USER_INPUT' } };
  logger.error(`unexpected resolver error: ${original.stack ?? original.message}`, { requestId, path: error.path });
  return { ...base, message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/**
 * The gateway's last word on an error: contract codes pass through, parse/validation problems are
 * the client's (BAD_USER_INPUT), anything else becomes an internal error without internals.
 */
export function formatGatewayError(error: GraphQLFormattedError): GraphQLFormattedError {
  const code = String(error.extensions?.code ?? '');
  const { stacktrace: _s, serviceName: _n, ...extensions } = error.extensions ?? {};
  if (CONTRACT_CODES.has(code)) return { ...error, extensions: { ...extensions, code } };
  const clientMistakes = [
    'GRAPHQL_PARSE_FAILED',
    'GRAPHQL_VALIDATION_FAILED',
    'BAD_REQUEST',
    'PERSISTED_QUERY_NOT_FOUND',
    'PERSISTED_QUERY_NOT_SUPPORTED',
  ];
  if (clientMistakes.includes(code)) return { ...error, extensions: { ...extensions, code: 'BAD_USER_INPUT' } };
  if (code === 'INTERNAL_SERVER_ERROR' || code === 'DOWNSTREAM_SERVICE_ERROR' || !code) {
    if (process.env.NODE_ENV !== 'development' && code !== 'INTERNAL_SERVER_ERROR')
      logger.error(`gateway error: ${error.message}`);
    return {
      message: code === 'INTERNAL_SERVER_ERROR' ? error.message : 'Internal server error.',
      path: error.path,
      locations: error.locations,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  }
  return { ...error, extensions };
}
