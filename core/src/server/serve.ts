import express from 'express';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createGateway, drainable, jsonBody, type Gateway, type RemoteSubgraph } from '@dentalpin/gateway';
import type { Platform } from '../platform.ts';
import { AuthState } from '../graphql/context.ts';
import { formatGatewayError, requestError } from '../graphql/errors.ts';
import { newGatewayContext, type GatewayContext, type SubgraphRuntime } from '../graphql/subgraph.ts';
import { identityHeaders, IDENTITY_HEADER, SIGNATURE_HEADER, verifyIdentityHeaders } from '../auth/identity-header.ts';
import { decodeJwt } from 'jose';
import type { FormattedExecutionResult } from 'graphql';
import { config, isProduction } from '../config.ts';
import { platformLimits } from '../limits.ts';
import { mcpHandler } from '../agents/mcp.ts';
import { lookupContext, lookupScope, subscriptionFields } from '../events/subscriptions.ts';
import { mountWebSession } from '../auth/web-session.ts';
import { clientAddress, trustProxySetting } from './client-address.ts';

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
  const placed = (subgraphs: SubgraphRuntime[]): (SubgraphRuntime | RemoteSubgraph)[] =>
    subgraphs.map((s) => (remote[s.name] ? { name: s.name, typeDefs: s.typeDefs, url: remote[s.name] } : s));
  const gateway: Gateway = await createGateway<GatewayContext>({
    subgraphs: placed(platform.subgraphs()),
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
      return newGatewayContext(
        auth,
        header(req.headers['x-request-id'])?.slice(0, 64) ?? randomUUID(),
        clientAddress(req),
      );
    },
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
    ready: async () => {
      await platform.db.knex.raw('select 1');
      return true;
    },
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
    },
    subscriptions: {
      async authenticate(params) {
        const value = (k: string) => {
          const v = params[k] ?? params[k.toLowerCase()] ?? params[k.replace(/^./, (c) => c.toUpperCase())];
          return typeof v === 'string' ? v : undefined;
        };
        const authorization = value('authorization');
        const auth = await platform.auth.authenticate(authorization, value('x-clinic-id')).catch((e: unknown) => {
          throw requestError(e);
        });
        if (!auth.identity) return null;
        const ctx = newGatewayContext(auth);
        const exp = decodeJwt(authorization!.split(' ')[1]!).exp;
        socketExpiry.set(ctx, exp ? exp * 1000 : null);
        return ctx;
      },
      expiresAt: (ctx) => socketExpiry.get(ctx) ?? null,
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
    const result = await gateway.swap(placed(subgraphs));
    return result.ok ? [] : result.errors;
  };
  const port = await gateway.listen(options.port, options.host);
  return {
    port,
    gateway,
    url: `http://${urlHost(options.host)}:${port}/graphql`,
    drain: () => gateway.drain(),
    openConnections: () => gateway.openConnections(),
    close: async () => {
      detach();
      await gateway.close();
    },
  };
}

/** One module's subgraph alone over HTTP; only requests signed by a gateway are answered. */
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
  const detach = options.gatewayUrl
    ? platform.supergraph.attach(async (query, variables, context) => {
        const response = await fetch(options.gatewayUrl!, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...identityHeaders(options.secret, context.auth.identity, context.requestId),
          },
          body: JSON.stringify({ query, variables }),
        });
        return (await response.json()) as FormattedExecutionResult;
      })
    : () => undefined;
  const runtimeOf = () => platform.subgraphs().find((s) => s.name === moduleName);
  if (!runtimeOf()) throw new Error(`Module "${moduleName}" is not active here, so it has no subgraph to serve.`);
  const app = express();
  app.disable('x-powered-by');
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.post('/graphql', express.json({ limit: '5mb' }), async (req, res) => {
    const verified = verifyIdentityHeaders(
      options.secret,
      header(req.headers[IDENTITY_HEADER]),
      header(req.headers[SIGNATURE_HEADER]),
    );
    if (!verified) {
      res.status(401).json({
        errors: [
          {
            message: 'This subgraph answers only requests signed by the gateway.',
            extensions: { code: 'UNAUTHENTICATED' },
          },
        ],
      });
      return;
    }
    const runtime = runtimeOf();
    if (!runtime) {
      res.status(503).json({
        errors: [{ message: `Module "${moduleName}" is no longer active.`, extensions: { code: 'NOT_FOUND' } }],
      });
      return;
    }
    const { query, variables, operationName } = req.body ?? {};
    if (typeof query !== 'string') {
      res.status(400).json({
        errors: [{ message: 'The request body needs a "query" string.', extensions: { code: 'BAD_USER_INPUT' } }],
      });
      return;
    }
    const ctx = newGatewayContext(new AuthState(verified.identity), verified.requestId);
    res.json(await runtime.execute({ query, variables, operationName }, ctx));
  });
  const server = createServer(app);
  const http = drainable(server);
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      const addr = server.address();
      resolve(typeof addr === 'object' && addr ? addr.port : options.port);
    });
  });
  return {
    port,
    url: `http://${urlHost(options.host)}:${port}/graphql`,
    drain: () => http.drain(),
    openConnections: () => http.openConnections(),
    close: async () => {
      await http.drain();
      detach();
    },
  };
}
