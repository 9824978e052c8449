import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { GatewayObserver } from '@dentalpin/gateway';
import { config } from '../config.ts';
import { logger } from '../logger.ts';
import { outcomeCode } from '../graphql/errors.ts';
import {
  graphqlOperationDuration,
  httpRequestDuration,
  operationLabel,
  registry,
  subgraphFetchDuration,
} from './metrics.ts';
import { currentRequest, requestIdFrom, runInRequest, type RequestScope } from './request-context.ts';

/** Routes as metric labels: a fixed set, so paths sent by clients cannot grow the series. */
const ROUTES = new Set(['/graphql', '/mcp', '/health', '/health/ready', '/metrics']);
const routeOf = (path: string) => (ROUTES.has(path) ? path : path.startsWith('/auth/') ? '/auth' : 'other');
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
/** Probes and scrapes come every few seconds: their access log lines are debug. */
const QUIET_ROUTES = new Set(['/health', '/health/ready', '/metrics']);

/** The outcome of a GraphQL request that has no error code noted (the body was not a GraphQL request). */
function outcomeOf(scope: RequestScope, res: Response): string {
  if (scope.errorCode) return scope.errorCode;
  if (!res.writableFinished) return 'aborted';
  if (res.statusCode >= 500) return 'INTERNAL_SERVER_ERROR';
  return res.statusCode >= 400 ? 'BAD_REQUEST' : 'ok';
}

/**
 * Runs first on every HTTP request: gives it an id (the caller's sane `X-Request-Id` or a new one),
 * returned in `X-Request-Id` and bound to everything logged while it runs; when it ends, writes its access
 * log line and its metrics. Answers `/metrics` itself. `operations`: `/graphql` is the gateway's, whose
 * observer names the operations (a subgraph process's `/graphql` serves the gateway's fetches).
 */
export function observeRequests({ operations }: { operations: boolean }): RequestHandler {
  return (req, res, next) => {
    const scope: RequestScope = { requestId: requestIdFrom(req.headers['x-request-id']) };
    res.setHeader('x-request-id', scope.requestId);
    const started = performance.now();
    // Read now: mounted routers rewrite req.url (and so req.path) on the way.
    const path = req.path;
    const route = routeOf(path);
    res.once('close', () => {
      const seconds = (performance.now() - started) / 1000;
      const status = res.writableFinished ? res.statusCode : 'aborted';
      const method = METHODS.has(req.method) ? req.method : 'other';
      httpRequestDuration.observe({ method, route, status }, seconds);
      const graphql = operations && route === '/graphql' && method !== 'OPTIONS';
      if (graphql)
        graphqlOperationDuration.observe(
          { operation: operationLabel(scope.operationName), outcome: outcomeOf(scope, res) },
          seconds,
        );
      // Never the query string: GET /graphql carries the query and its variables there.
      logger[QUIET_ROUTES.has(route) ? 'debug' : 'info']('request', {
        requestId: scope.requestId,
        method: req.method,
        path,
        status,
        durationMs: Math.round(seconds * 10_000) / 10,
        ...(graphql && scope.operationName !== undefined ? { operation: scope.operationName ?? 'anonymous' } : {}),
        ...(scope.clinicId ? { clinicId: scope.clinicId, userId: scope.userId } : {}),
      });
    });
    if (route === '/metrics' && (req.method === 'GET' || req.method === 'HEAD'))
      return void serveMetrics(req, res, scope.requestId);
    runInRequest(scope, next);
  };
}

const digest = (value: string) => createHash('sha256').update(value).digest();
const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'];

/**
 * Who may read `/metrics`: with `DENTALPIN_METRICS_TOKEN`, whoever sends it as a bearer token; without it,
 * any scraper that reaches the process directly (the contract: no authentication), but never a request a
 * reverse proxy forwarded — the public side of a deployment must not publish the process's insides.
 */
function metricsRefusal(req: Request): { status: number; code: string; message: string } | null {
  const token = config().metrics.token;
  if (token) {
    const given = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
    return timingSafeEqual(digest(given), digest(token))
      ? null
      : {
          status: 401,
          code: 'UNAUTHENTICATED',
          message: 'Send "authorization: Bearer <DENTALPIN_METRICS_TOKEN>" to read the metrics.',
        };
  }
  const direct = !FORWARDING_HEADERS.some((h) => h in req.headers);
  return direct
    ? null
    : {
        status: 403,
        code: 'FORBIDDEN',
        message:
          'The metrics are not served through a proxy while DENTALPIN_METRICS_TOKEN is unset; scrape the process directly, or set the token and send "authorization: Bearer <token>".',
      };
}

async function serveMetrics(req: Request, res: Response, requestId: string): Promise<void> {
  const refusal = metricsRefusal(req);
  if (refusal) {
    res
      .status(refusal.status)
      .json({ errors: [{ message: refusal.message, extensions: { code: refusal.code, requestId } }] });
    return;
  }
  try {
    const text = await registry.metrics();
    res.setHeader('content-type', registry.contentType);
    res.setHeader('cache-control', 'no-store');
    res.end(text);
  } catch (e) {
    logger.error(`metrics could not be collected: ${(e as Error).message}`, { requestId });
    res.status(500).json({
      errors: [
        { message: 'The metrics could not be collected.', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } },
      ],
    });
  }
}

/** The gateway's hooks: this module's middleware, operation outcomes for the access log, fetch timings. */
export function gatewayObserver<TContext>(): GatewayObserver<TContext> {
  return {
    middleware: observeRequests({ operations: true }),
    operation(_context, { name, errors }) {
      const scope = currentRequest();
      if (!scope) return;
      scope.operationName = name;
      // What the client got, not what in-process reads made on the way.
      scope.errorCode = errors.length ? outcomeCode(errors[0]!.extensions?.code) : undefined;
    },
    subgraphFetch(subgraph, seconds, failed) {
      subgraphFetchDuration.observe({ subgraph, outcome: failed ? 'error' : 'ok' }, seconds);
    },
  };
}
