import express from 'express';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { context as traceContext, propagation } from '@opentelemetry/api';
import {
  checkDocument,
  createGateway,
  drainable,
  jsonBody,
  jsonErrors,
  securityHeaders,
  type Gateway,
  type RemoteSubgraph,
} from '@dentalpin/gateway';
import { Platform } from '../platform.ts';
import { callerScope } from '../auth/caller-scope.ts';
import { AuthState } from '../graphql/context.ts';
import { formatGatewayError, logOutage, requestError } from '../graphql/errors.ts';
import { newGatewayContext, type GatewayContext, type SubgraphRuntime } from '../graphql/subgraph.ts';
import { identityHeaders, IDENTITY_HEADER, SIGNATURE_HEADER, verifyIdentityHeaders } from '../auth/identity-header.ts';
import { decodeJwt } from 'jose';
import { GraphQLError, type FormattedExecutionResult } from 'graphql';
import type { IncomingMessage } from 'node:http';
import { config, CORE_VERSION, isProduction } from '../config.ts';
import { DomainError } from '../errors.ts';
import { logger } from '../logger.ts';
import { registeredSubgraphs, registerSubgraph } from './subgraph-registry.ts';
import { platformLimits } from '../limits.ts';
import { mcpHandler } from '../agents/mcp.ts';
import { lookupContext, lookupScope, subscriptionFields } from '../events/subscriptions.ts';
import { mountWebSession } from '../auth/web-session.ts';
import { mountModuleRoutes } from './module-routes.ts';
import { clientAddress, trustProxySetting } from './client-address.ts';
import { gatewayObserver, observeRequests } from '../observability/http.ts';
import { supergraphSwaps, watchForMetrics } from '../observability/metrics.ts';
import { currentRequest, noteCaller, requestIdFrom } from '../observability/request-context.ts';

export interface GatewayServerOptions {
  port: number;
  host?: string;
  /** Module name → URL of subgraphs served by other processes (distributed mode). */
  remoteSubgraphs?: Record<string, string>;
  rootDir: string;
  secret: string;
  /** The built web app served at `/`; default `<rootDir>/web/dist`. */
  webDir?: string;
}

const header = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The host part of a URL to this server: a wildcard address is reached on loopback; IPv6 in brackets. */
export function urlHost(host = '127.0.0.1'): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/** Contexts of calls signed by one of our own subgraph processes: trusted, so no query limits. */
const signedInternalCalls = new WeakSet<GatewayContext>();

/** When each subscription socket's access token expires. */
const socketExpiry = new WeakMap<GatewayContext, number | null>();

/** The gateway: the platform's subgraphs composed into one supergraph, served at /graphql. */
export async function startGatewayServer(platform: Platform, options: GatewayServerOptions) {
  const remote = options.remoteSubgraphs ?? {};
  const placed = (subgraphs: SubgraphRuntime[]) => placeRemoteSubgraphs(platform, subgraphs, remote);
  const gateway: Gateway = await createGateway<GatewayContext>({
    subgraphs: await placed(platform.subgraphs()),
    compose: (subgraphs) => platform.supergraphs.compose(subgraphs),
    context: async (req) => {
      // A subgraph process reading other modules (distributed mode) calls as its caller, signed.
      const internal = verifyIdentityHeaders(
        options.secret,
        header(req.headers[IDENTITY_HEADER]),
        header(req.headers[SIGNATURE_HEADER]),
      );
      if (internal) {
        const context = newGatewayContext(new AuthState(internal.identity), internal.requestId);
        signedInternalCalls.add(context);
        return context;
      }
      const auth = await platform.auth
        .authenticate(header(req.headers.authorization), header(req.headers['x-clinic-id']))
        .catch((e: unknown) => {
          // A database outage while checking the token: a coded, retryable answer, never the SQL.
          throw requestError(e);
        });
      noteCaller(auth.identity);
      return newGatewayContext(auth, currentRequest()?.requestId ?? randomUUID(), clientAddress(req));
    },
    observe: gatewayObserver(),
    queryLimits: (ctx) => {
      if (signedInternalCalls.has(ctx)) return null;
      const limits = platformLimits();
      if (ctx.auth.identity) return limits.query;
      const failure = ctx.auth.failure;
      return failure
        ? { ...limits.anonymousQuery, noIdentityError: { code: failure.code, message: failure.message } }
        : limits.anonymousQuery;
    },
    identityHeaders: (ctx) => identityHeaders(options.secret, ctx.auth.identity, ctx.requestId),
    // Identical concurrent reads by callers of the same scope share one subgraph call.
    dedupeScope: (ctx) => callerScope(ctx.auth.identity),
    ready: async () => {
      await platform.db.knex.raw('select 1');
      return true;
    },
    readyDetail: () => platform.readinessDetail(),
    subgraphTimeoutMs: config().distributed.subgraphTimeoutMs,
    exposeSubgraphFailures: config().nodeEnv === 'development',
    onSubgraphFailure: (name, reason) => logOutage(`subgraph ${name} failed`, new Error(reason)),
    probeHeaders: () => identityHeaders(options.secret, null, 'readiness'),
    staticDir: options.webDir ?? join(options.rootDir, 'web', 'dist'),
    formatError: formatGatewayError,
    routeError: requestError,
    introspection: !isProduction(),
    // MCP clients reach the same agent tools, with the same tokens, at /mcp.
    mount: (app) => {
      // Read per request by req.ip (the GraphQL context's client address and /auth's), so set here is in time.
      app.set('trust proxy', trustProxySetting());
      mountWebSession(app, platform.auth);
      app.all(
        '/mcp',
        jsonBody(),
        mcpHandler({ agents: platform.agents, authenticate: (a, c) => platform.auth.authenticate(a, c) }),
      );
      mountModuleRoutes(app, platform, options.secret);
    },
    subscriptions: {
      async authenticate(params, request) {
        const value = (k: string) => {
          const v = params[k] ?? params[k.toLowerCase()] ?? params[k.replace(/^./, (c) => c.toUpperCase())];
          return typeof v === 'string' ? v : undefined;
        };
        const authorization = value('authorization');
        const auth = await platform.auth.authenticate(authorization, value('x-clinic-id')).catch((e: unknown) => {
          throw requestError(e);
        });
        if (!auth.identity) return null;
        const ctx = newGatewayContext(auth, requestIdFrom(request.headers['x-request-id']));
        const exp = decodeJwt(authorization!.split(' ')[1]!).exp;
        socketExpiry.set(ctx, exp ? exp * 1000 : null);
        return ctx;
      },
      expiresAt: (ctx) => socketExpiry.get(ctx) ?? null,
      requestIdOf: (ctx) => ctx.requestId,
      fields: () => subscriptionFields(platform.subscriptionSource()),
      lookupContext,
      lookupScope,
      allowedOrigins: config().subscriptions.allowedOrigins,
      keepAliveMs: config().subscriptions.keepAliveMs,
      reauthenticateMs: config().subscriptions.reauthenticateMs,
      maxPayloadBytes: config().subscriptions.maxPayloadBytes,
      connectionInitTimeoutMs: config().subscriptions.connectionInitTimeoutMs,
      maxSocketsPerAddress: config().subscriptions.maxSocketsPerAddress,
    },
  });
  const detach = platform.supergraph.attach((query, variables, context) => gateway.execute(query, variables, context));
  platform.swapSupergraph = async (subgraphs) => {
    const result = await gateway.swap(await placed(subgraphs));
    supergraphSwaps.inc({ outcome: result.ok ? 'ok' : 'failed' });
    return result.ok ? [] : result.errors;
  };
  const unwatch = watchForMetrics({ knex: platform.db.knex, subscriptions: () => gateway.openSubscriptions() });
  const port = await gateway.listen(options.port, options.host);
  return {
    port,
    gateway,
    url: `http://${urlHost(options.host)}:${port}/graphql`,
    drain: () => gateway.drain(),
    openConnections: () => gateway.openConnections(),
    close: async () => {
      detach();
      unwatch();
      await gateway.close();
    },
  };
}

/**
 * Remote modules (distributed mode) are composed from the SDL their subgraph process registered, so this
 * process's own copy of their code cannot silently differ from what runs; until a subgraph has registered,
 * its local copy stands in (and the gateway recomposes when it registers).
 */
async function placeRemoteSubgraphs(
  platform: Platform,
  subgraphs: SubgraphRuntime[],
  remote: Record<string, string>,
): Promise<(SubgraphRuntime | RemoteSubgraph)[]> {
  const names = subgraphs.filter((s) => remote[s.name]).map((s) => s.name);
  const registered = names.length ? await registeredSubgraphs(platform.db, names) : new Map();
  return subgraphs.map((s) => {
    const url = remote[s.name];
    if (!url) return s;
    const entry = registered.get(s.name);
    if (!entry)
      logger.warn(`subgraph ${s.name} has not registered yet: composing it from this process's copy until it does`);
    return { name: s.name, typeDefs: entry?.typeDefs ?? s.typeDefs, url };
  });
}

const errorBody = (message: string, extensions: Record<string, unknown>) => ({
  errors: [{ message, extensions: { ...extensions, requestId: currentRequest()?.requestId } }],
});

/**
 * One module's subgraph alone over HTTP. It answers a request signed by a DentalPin gateway (the caller's
 * identity in a signed header), or one carrying the caller's own `authorization` (and `x-clinic-id`), which
 * it checks itself with the caller's query limits: what any federation router forwards. Anything else is refused.
 */
export async function startSubgraphServer(
  platform: Platform,
  moduleName: string,
  options: {
    port: number;
    host?: string;
    secret: string;
    /** The gateway this subgraph's cross-module queries (`ctx.query`) go to, signed as their caller. */
    gatewayUrl?: string;
  },
) {
  const gatewayUnavailable = (reason: string) => {
    logOutage(`the gateway cannot be reached from subgraph ${moduleName}`, new Error(reason));
    return new DomainError(
      'SUBGRAPH_UNAVAILABLE',
      'Another module cannot be reached right now; retry in a few seconds.',
      {
        retryable: true,
      },
    );
  };
  const detach = options.gatewayUrl
    ? platform.supergraph.attach(async (query, variables, context) => {
        const headers: Record<string, string> = {
          'content-type': 'application/json',
          ...identityHeaders(options.secret, context.auth.identity, context.requestId),
        };
        // fetch is not instrumented: the trace goes on in the gateway through the traceparent header.
        propagation.inject(traceContext.active(), headers);
        const response = await fetch(options.gatewayUrl!, {
          method: 'POST',
          headers,
          body: JSON.stringify({ query, variables }),
          signal: AbortSignal.timeout(config().distributed.subgraphTimeoutMs),
        }).catch((e: unknown) => {
          throw gatewayUnavailable((e as Error).message);
        });
        if (response.status >= 500 && !response.headers.get('content-type')?.includes('json'))
          throw gatewayUnavailable(`HTTP ${response.status}`);
        return (await response.json()) as FormattedExecutionResult;
      })
    : () => undefined;
  const runtimeOf = () => platform.subgraphs().find((s) => s.name === moduleName);
  const runtime = runtimeOf();
  if (!runtime) throw new Error(`Module "${moduleName}" is not active here, so it has no subgraph to serve.`);
  if (!options.gatewayUrl && moduleName !== 'core')
    logger.warn(
      `subgraph ${moduleName} has no gateway URL (--gateway-url, DENTALPIN_GATEWAY_URL): its reads of other modules, ` +
        'and its jobs, wait until one is set',
    );

  /** Who calls: a signed gateway call, or a router forwarding the caller's token; a refusal when neither. */
  const callerOf = async (req: IncomingMessage): Promise<GatewayContext | { refused: string; code: string }> => {
    const verified = verifyIdentityHeaders(
      options.secret,
      header(req.headers[IDENTITY_HEADER]),
      header(req.headers[SIGNATURE_HEADER]),
    );
    if (verified) {
      const context = newGatewayContext(new AuthState(verified.identity), verified.requestId);
      signedInternalCalls.add(context);
      return context;
    }
    const authorization = header(req.headers.authorization);
    if (!authorization)
      return {
        refused:
          'This subgraph answers requests signed by the DentalPin gateway, or carrying the caller\'s "authorization: Bearer <accessToken>".',
        code: 'UNAUTHENTICATED',
      };
    const auth = await platform.auth.authenticate(authorization, header(req.headers['x-clinic-id']));
    if (!auth.identity)
      return { refused: auth.failure?.message ?? 'Log in again.', code: auth.failure?.code ?? 'UNAUTHENTICATED' };
    return newGatewayContext(auth, currentRequest()?.requestId ?? randomUUID(), clientAddress(req));
  };

  const app = express();
  app.disable('x-powered-by');
  // GraphQL answers are never revalidated by ETag; hashing every body is CPU for nothing (static files keep theirs).
  app.set('etag', false);
  app.set('trust proxy', trustProxySetting());
  app.use(securityHeaders(false));
  app.use(observeRequests({ operations: false }));
  const unwatch = watchForMetrics({ knex: platform.db.knex });
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/health/ready', async (_req, res) => {
    const ok =
      !http.draining &&
      !!runtimeOf() &&
      (await platform.db.knex.raw('select 1').then(
        () => true,
        () => false,
      ));
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'unready', ...platform.readinessDetail() });
  });
  app.post('/graphql', jsonBody(), async (req, res) => {
    const caller = await callerOf(req);
    if ('refused' in caller) {
      res.status(caller.code === 'FORBIDDEN' ? 403 : 401).json(errorBody(caller.refused, { code: caller.code }));
      return;
    }
    const current = runtimeOf();
    if (!current) {
      res.status(503).json(
        errorBody(`Module "${moduleName}" is no longer active; retry once the gateway has reloaded.`, {
          code: 'SUBGRAPH_UNAVAILABLE',
          retryable: true,
        }),
      );
      return;
    }
    const { query, variables, operationName } = req.body ?? {};
    if (typeof query !== 'string') {
      res.status(400).json(errorBody('The request body needs a "query" string.', { code: 'BAD_USER_INPUT' }));
      return;
    }
    if (!signedInternalCalls.has(caller))
      try {
        checkDocument(current.schema, query, platformLimits().query);
      } catch (e) {
        if (!(e instanceof GraphQLError)) throw e;
        res.status(400).json(errorBody(e.message, e.extensions));
        return;
      }
    res.json(await current.execute({ query, variables, operationName }, caller));
  });
  app.use((_req, res) => {
    res.status(404).json(errorBody('There is nothing at this address.', { code: 'NOT_FOUND' }));
  });
  app.use(jsonErrors(requestError));
  const server = createServer(app);
  const http = drainable(server);
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      const addr = server.address();
      resolve(typeof addr === 'object' && addr ? addr.port : options.port);
    });
  });
  const url = `http://${urlHost(options.host)}:${port}/graphql`;
  // What this process serves, for gateways composing it; they reload when it changed.
  const version =
    moduleName === 'core' ? CORE_VERSION : (platform.kernel.module(moduleName)?.manifest.version ?? '0.0.0');
  if (await registerSubgraph(platform.db, { name: moduleName, version, url, typeDefs: runtime.typeDefs }))
    await Platform.notifyModuleChange(platform.db);
  return {
    port,
    url,
    drain: () => http.drain(),
    openConnections: () => http.openConnections(),
    close: async () => {
      await http.drain();
      detach();
      unwatch();
    },
  };
}
