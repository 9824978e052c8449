import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** What the process knows about the HTTP request it is working for; deep code reads it to log with the id. */
export interface RequestScope {
  readonly requestId: string;
  /** Filled in as the request is understood: the GraphQL operation (null: anonymous), the caller. */
  operationName?: string | null;
  clinicId?: string;
  userId?: string;
  /** The contract code of the first error answered (the operation's outcome). */
  errorCode?: string;
}

const storage = new AsyncLocalStorage<RequestScope>();

/** The request this code runs for, if any (none in jobs, the event relay, the CLI). */
export const currentRequest = (): RequestScope | undefined => storage.getStore();

export const runInRequest = <T>(scope: RequestScope, fn: () => T): T => storage.run(scope, fn);

/** Notes who the request's caller is (for the access log). */
export function noteCaller(identity: { userId: string; clinicId: string } | null): void {
  const scope = storage.getStore();
  if (!scope || !identity) return;
  scope.userId = identity.userId;
  scope.clinicId = identity.clinicId;
}

/** Ids from load balancers and tracing proxies: UUIDs, hex, base64url-ish tokens; nothing that could forge a log line. */
const SANE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** The caller's `X-Request-Id` when it is a sane token, else a new UUID. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given && SANE_REQUEST_ID.test(given) ? given : randomUUID();
}
