import cluster from 'node:cluster';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import express, { type ErrorRequestHandler, type Request } from 'express';
import helmet, { strictTransportSecurity } from 'helmet';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloGateway, type GraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import rfdc from 'rfdc';
import {
  GraphQLError,
  type DocumentNode,
  type FormattedExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import { composeSupergraph, type CompositionResult, type SubgraphDescriptor } from './supergraph.ts';
import { SubscriptionServer, type SubscriptionOptions } from './subscriptions.ts';
import { drainable } from './drain.ts';
import { checkDocument, type QueryLimits } from './limits.ts';
import { RemoteSubgraphSource, unavailableSubgraphs } from './remote.ts';

export interface SubgraphRequest {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

/**
 * A subgraph response is a JSON tree (parsed from HTTP, or a result whose scalars are serialized): a plain
 * deep copy is ~5× cheaper than structuredClone, which was a tenth of the day view's CPU under identical load.
 */
const copyResponse = rfdc({ proto: false, circles: false });

/** A subgraph running in this process: the gateway hands it requests with no HTTP hop. */
export interface LocalSubgraph<TContext> {
  name: string;
  typeDefs: DocumentNode;
  execute(request: SubgraphRequest, context: TContext): Promise<FormattedExecutionResult>;
}

/** A subgraph in another process, reached over HTTP. */
export interface RemoteSubgraph {
  name: string;
  typeDefs: DocumentNode;
  url: string;
}

export interface GatewayOptions<TContext extends BaseContext> {
  subgraphs: (LocalSubgraph<TContext> | RemoteSubgraph)[];
  /** Builds the per-request context (caller identity) from the HTTP request. */
  context(req: IncomingMessage): Promise<TContext>;
  /** Headers that carry the caller's identity to remote subgraphs (signed by the caller of this API). */
  identityHeaders?(context: TContext): Record<string, string>;
  /**
   * Deduplication of identical in-flight subgraph calls: callers with the same scope (e.g. clinic, user and
   * grants) that send the same subgraph the same query with the same variables while the first such call
   * is still running share its answer. null: this caller's calls are never shared. Mutations never are.
   */
  dedupeScope?(context: TContext): string | null;
  /** Readiness beyond "a supergraph is loaded", e.g. a database ping. */
  ready?(): Promise<boolean>;
  /** What `/health/ready` adds to its answer, ready or not (e.g. modules served with outdated code). */
  readyDetail?(): Record<string, unknown>;
  /** Remote subgraphs (distributed mode): how long a call may take before it fails as SUBGRAPH_UNAVAILABLE. */
  subgraphTimeoutMs?: number;
  /** Whether a remote subgraph's failure may carry its cause and address to clients (development only). */
  exposeSubgraphFailures?: boolean;
  /** Every remote subgraph failure, with its address and cause (for the log). */
  onSubgraphFailure?(name: string, reason: string): void;
  /** Headers for readiness probes of remote subgraphs (an anonymous identity, signed). */
  probeHeaders?(): Record<string, string>;
  /** Folder with the built web app, served at `/`. */
  staticDir?: string;
  /** Maps any error to a contract error before it leaves the gateway. */
  formatError?(error: GraphQLFormattedError): GraphQLFormattedError;
  /**
   * A route (e.g. `/mcp`) failed unexpectedly: the coded error (with `extensions.http.status`) to answer.
   * Default: a bare INTERNAL_SERVER_ERROR.
   */
  routeError?(error: unknown): GraphQLError;
  /** Whether introspection is allowed (off in production). */
  introspection?: boolean;
  onSupergraphChange?(supergraphSdl: string): void;
  /**
   * Composes (or finds an earlier composition of) the supergraph of `subgraphs`, at start and on every swap.
   * Default: composes in this process each time.
   */
  compose?(subgraphs: readonly SubgraphDescriptor[]): CompositionResult | Promise<CompositionResult>;
  /** Extra routes (e.g. `/mcp`), mounted after `/graphql` and before the web app's catch-all. */
  mount?(app: express.Express): void;
  /** graphql-ws on the same path: how to authenticate sockets and feed `Subscription` fields. */
  subscriptions?: SubscriptionOptions<TContext>;
  /**
   * The limits for this caller's documents (HTTP and subscriptions), checked right after the context is
   * built and before Apollo Server parses, validates or plans; null lets the caller through (trusted calls).
   */
  queryLimits?(context: TContext): QueryLimits | null;
  /** Hooks for metrics, logs and traces. */
  observe?: GatewayObserver<TContext>;
}

export interface GatewayObserver<TContext> {
  /** Runs first on every HTTP request (request ids, access log, `/metrics`). */
  middleware?: express.RequestHandler;
  /**
   * An operation sent over HTTP to `/graphql` is answered: its name (null: anonymous; undefined: the
   * document never resolved to an operation) and the errors sent, already formatted.
   */
  operation?(
    context: TContext,
    outcome: { name: string | null | undefined; errors: readonly GraphQLFormattedError[] },
  ): void;
  /** One fetch of a query plan from a subgraph (in-process or remote) ended. */
  subgraphFetch?(subgraph: string, seconds: number, failed: boolean): void;
}

/** The largest request body accepted on `/graphql` (and by `mount`ed routes that use `jsonBody`). */
export const MAX_BODY = '1mb';

/** Parses a JSON request body; a malformed, `null` or oversized one is answered by the gateway's error handler. */
export const jsonBody = () => express.json({ limit: MAX_BODY });

/** The id the observer's middleware gave this request (`X-Request-Id`), for error bodies written here. */
const requestIdOf = (res: ServerResponse) => {
  const id = res.getHeader('x-request-id');
  return typeof id === 'string' ? { requestId: id } : {};
};

const badRequest = (res: ServerResponse, message: string) => ({
  errors: [{ message, extensions: { code: 'BAD_REQUEST', ...requestIdOf(res) } }],
});

/**
 * Bodies that are not a request (malformed JSON, `null`, too large) and failures of routes answer JSON
 * errors, never Express's HTML page with a stack trace and file paths.
 */
export function jsonErrors(routeError: (error: unknown) => GraphQLError): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) return next(error);
    const type = (error as { type?: unknown }).type;
    if (type === 'entity.too.large')
      return void res.status(413).json(badRequest(res, `The request body is over the ${MAX_BODY} limit.`));
    if (type === 'entity.parse.failed')
      return void res
        .status(400)
        .json(badRequest(res, 'The request body is not a JSON object; send {"query": …, "variables": {…}}.'));
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500)
      return void res.status(status).json(badRequest(res, 'The request could not be read (its body or encoding).'));
    const { message, extensions } = routeError(error);
    const { http, ...rest } = extensions as { http?: { status?: number } };
    res.status(http?.status ?? 500).json({ errors: [{ message, extensions: { ...rest, ...requestIdOf(res) } }] });
  };
}

/**
 * Security headers on every route: a CSP without inline script, no framing, no referrer, no MIME sniffing;
 * HSTS only on TLS (on plain HTTP it would pin browsers to a TLS port that may not exist).
 * Apollo's Sandbox landing page (development only) loads its script and frame from Apollo's CDN.
 */
export function securityHeaders(landingPage: boolean): express.RequestHandler[] {
  const sandbox: Record<string, string[]> = landingPage
    ? {
        scriptSrc: ["'self'", "'unsafe-inline'", 'https://embeddable-sandbox.cdn.apollographql.com'],
        frameSrc: ['https://sandbox.embed.apollographql.com'],
      }
    : {};
  const headers = helmet({
    contentSecurityPolicy: {
      directives: { frameAncestors: ["'none'"], upgradeInsecureRequests: null, ...sandbox },
    },
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'no-referrer' },
  });
  const hsts = strictTransportSecurity();
  return [headers, (req, res, next) => (req.secure ? hsts(req, res, next) : next())];
}

export interface Gateway {
  readonly httpServer: Server;
  readonly app: express.Express;
  supergraphSdl(): string;
  /** Runs one operation on the current supergraph in this process (cross-module reads), with `context`. */
  execute(
    query: string,
    variables: Record<string, unknown> | undefined,
    context: unknown,
  ): Promise<FormattedExecutionResult>;
  /** Recomposes with `subgraphs`; on a composition error the current supergraph keeps serving. */
  swap(subgraphs: GatewayOptions<BaseContext>['subgraphs']): Promise<{ ok: true } | { ok: false; errors: string[] }>;
  listen(port: number, host?: string): Promise<number>;
  /**
   * Shutdown, first half: readiness turns 503, no new connections, subscription sockets closed with
   * 1001, every request already read answered; resolves when no connection is left.
   */
  drain(): Promise<void>;
  /** Connections still open (what a timed-out shutdown reports). */
  openConnections(): Promise<number>;
  /** Open graphql-ws sockets and the subscriptions running on them. */
  openSubscriptions(): { sockets: number; operations: number };
  /** Drains, then stops the gateway. */
  close(): Promise<void>;
}

const isLocal = <T>(s: LocalSubgraph<T> | RemoteSubgraph): s is LocalSubgraph<T> => 'execute' in s;
/** What composition sees of a subgraph: its SDL and where it is reached (`in-process:<name>` when local). */
export const describeSubgraph = <T>(s: LocalSubgraph<T> | RemoteSubgraph): SubgraphDescriptor => ({
  name: s.name,
  typeDefs: s.typeDefs,
  url: isLocal(s) ? `in-process:${s.name}` : s.url,
});

export async function createGateway<TContext extends BaseContext>(options: GatewayOptions<TContext>): Promise<Gateway> {
  // The data sources look subgraphs up by name at call time, so a swap takes effect at once.
  const locals = new Map<string, LocalSubgraph<TContext>>();
  let remotes: RemoteSubgraph[] = [];
  const setSubgraphs = (subgraphs: GatewayOptions<TContext>['subgraphs']) => {
    locals.clear();
    for (const s of subgraphs) if (isLocal(s)) locals.set(s.name, s);
    remotes = subgraphs.filter((s): s is RemoteSubgraph => !isLocal(s));
  };
  const compose = options.compose ?? composeSupergraph;
  const first = await compose(options.subgraphs.map(describeSubgraph));
  if (!first.ok) throw new Error(`The supergraph does not compose:\n${first.errors.join('\n')}`);
  setSubgraphs(options.subgraphs);
  let current = first.supergraphSdl;
  let pushUpdate: ((sdl: string) => void) | undefined;

  const observe = options.observe ?? {};
  /** Times one subgraph fetch for the observer. */
  const timed = (name: string, source: GraphQLDataSource<TContext>): GraphQLDataSource<TContext> => ({
    async process(opts) {
      const started = performance.now();
      let failed = true;
      try {
        const response = await source.process(opts);
        failed = !!response.errors?.length;
        return response;
      } finally {
        observe.subgraphFetch?.(name, (performance.now() - started) / 1000, failed);
      }
    },
  });
  /** Shares one in-flight call among identical ones (same subgraph, scope, query and variables). */
  const inflight = new Map<string, ReturnType<GraphQLDataSource<TContext>['process']>>();
  const deduplicated = (name: string, source: GraphQLDataSource<TContext>): GraphQLDataSource<TContext> => ({
    async process(opts) {
      // Only the queries of incoming operations (never mutations, schema loads or health checks).
      const incoming = 'incomingRequestContext' in opts ? opts : null;
      const scope = incoming ? options.dedupeScope?.(incoming.context as TContext) : null;
      const query = opts.request.query;
      // A query operation plans only query fetches: the operation's type is the whole test.
      if (!incoming || !scope || !query || incoming.incomingRequestContext.operation?.operation !== 'query')
        return source.process(opts);
      const key = `${name}\0${scope}\0${query}\0${JSON.stringify(opts.request.variables ?? {})}`;
      const running = inflight.get(key);
      // The gateway merges later fetches into what a fetch returned: every sharer gets its own copy.
      if (running) return copyResponse(await running);
      const call = source.process(opts);
      inflight.set(key, call);
      try {
        return await call;
      } finally {
        inflight.delete(key);
      }
    },
  });
  const gateway = new ApolloGateway({
    supergraphSdl: async ({ update }) => {
      pushUpdate = update;
      return { supergraphSdl: current };
    },
    buildService: ({ name, url }): GraphQLDataSource<TContext> => {
      if (url?.startsWith('in-process:'))
        return deduplicated(
          name,
          timed(name, {
            async process(opts: GraphQLDataSourceProcessOptions<TContext>) {
              const sub = locals.get(name);
              if (!sub)
                return {
                  errors: [{ message: `Subgraph "${name}" is not active.`, extensions: { code: 'NOT_FOUND' } }],
                };
              const { query, variables, operationName } = opts.request;
              return sub.execute({ query: query!, variables, operationName }, opts.context as TContext) as never;
            },
          }),
        );
      return deduplicated(
        name,
        timed(
          name,
          new RemoteSubgraphSource<TContext>({
            name,
            url: url!,
            timeoutMs: options.subgraphTimeoutMs ?? 30_000,
            headers: options.identityHeaders,
            exposeDetail: options.exposeSubgraphFailures ?? false,
            onFailure: options.onSubgraphFailure,
          }),
        ),
      );
    },
  });

  const app = express();
  app.disable('x-powered-by');
  // GraphQL answers are never revalidated by ETag; hashing every body is CPU for nothing (static files keep theirs).
  app.set('etag', false);
  if (observe.middleware) app.use(observe.middleware);
  // Apollo's landing page needs inline script from a CDN: only for development, never served otherwise.
  const landingPage = process.env.NODE_ENV === 'development';
  app.use(securityHeaders(landingPage));
  const httpServer = createServer(app);
  const http = drainable(httpServer);
  const introspection = options.introspection ?? process.env.NODE_ENV !== 'production';
  // The limits themselves are checked per caller when the context is built (below); GraphQL Armor's Apollo plugin is used
  // for what has no per-caller side: hiding "Did you mean …" field suggestions when the schema is not public.
  const armor = new ApolloArmor({
    blockFieldSuggestion: { enabled: !introspection },
    costLimit: { enabled: false },
    maxAliases: { enabled: false },
    maxDepth: { enabled: false },
    maxDirectives: { enabled: false },
    maxTokens: { enabled: false },
  }).protect();
  const observeOperations: ApolloServerPlugin<TContext> = {
    async requestDidStart({ request, contextValue }) {
      // Operations sent over HTTP; not the in-process reads modules make through `execute`.
      if (!observe.operation || !request.http) return;
      return {
        async willSendResponse({ operation, response }) {
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          observe.operation?.(contextValue, { name: operation ? (operation.name?.value ?? null) : undefined, errors });
        },
      };
    },
  };
  const server = new ApolloServer<TContext>({
    gateway,
    introspection,
    // A hash-only request would skip the per-caller limits (its document was checked for whoever registered it).
    persistedQueries: false,
    includeStacktraceInErrorResponses: process.env.NODE_ENV === 'development',
    formatError: (formatted) => options.formatError?.(formatted) ?? formatted,
    // The host process owns signals and drains HTTP itself (drain() below); Apollo's own SIGTERM handler
    // and drain plugin would stop the server while the host still waits on it.
    stopOnTerminationSignals: false,
    // Armor's declarations name Apollo Server's CommonJS types; the plugins are the same objects at runtime.
    plugins: [
      landingPage ? ApolloServerPluginLandingPageLocalDefault() : ApolloServerPluginLandingPageDisabled(),
      ...(armor.plugins as unknown as ApolloServerPlugin<TContext>[]),
      observeOperations,
    ],
  });
  let apiSchema: GraphQLSchema | null = null;
  /** Parses `source` within the caller's limits (throws the refusal); null when the caller has none. */
  const parseWithinLimits = (source: string, context: TContext): DocumentNode | null => {
    const limits = options.queryLimits?.(context);
    return limits && apiSchema ? checkDocument(apiSchema, source, limits) : null;
  };
  const execute = async (
    query: string,
    variables: Record<string, unknown> | undefined,
    contextValue: unknown,
  ): Promise<FormattedExecutionResult> => {
    const response = await server.executeOperation({ query, variables }, { contextValue: contextValue as TContext });
    if (response.body.kind !== 'single')
      return { errors: [{ message: 'The operation returned an incremental result.' }] };
    return response.body.singleResult;
  };
  const subscriptions = options.subscriptions
    ? new SubscriptionServer<TContext>(options.subscriptions, execute, httpServer, '/graphql', {
        parseWithinLimits,
        hideFieldSuggestions: !introspection,
      })
    : null;
  // Must be registered before server.start(), or the initial load is never seen (stack-notes 1.6).
  gateway.onSchemaLoadOrUpdate(({ apiSchema: loaded, coreSupergraphSdl }) => {
    apiSchema = loaded;
    subscriptions?.setApiSchema(loaded);
    options.onSupergraphChange?.(coreSupergraphSdl);
  });
  await server.start();

  app.get('/health', (_req, res) => {
    // Under `serve --workers N`, which worker answered (operators and the multi-process tests see the spread).
    res.status(200).json({ status: 'ok', ...(cluster.isWorker ? { worker: cluster.worker!.id } : {}) });
  });
  app.get('/health/ready', async (_req, res) => {
    if (http.draining) {
      res.status(503).json({ status: 'draining' });
      return;
    }
    const [ok, unavailable] = await Promise.all([
      (options.ready?.() ?? Promise.resolve(true)).catch(() => false),
      unavailableSubgraphs(remotes, options.probeHeaders?.()),
    ]);
    const detail = options.readyDetail?.() ?? {};
    if (ok && !unavailable.length) res.status(200).json({ status: 'ready', ...detail });
    else
      res
        .status(503)
        .json({ status: 'unready', ...detail, ...(unavailable.length ? { unavailableSubgraphs: unavailable } : {}) });
  });
  app.use(
    '/graphql',
    jsonBody(),
    expressMiddleware(server, {
      context: async ({ req }: { req: Request }) => {
        const context = await options.context(req);
        // A refusal thrown here answers at once: Apollo Server has not parsed, validated or planned anything yet.
        const source: unknown =
          req.method === 'GET' ? req.query.query : (req.body as { query?: unknown } | null)?.query;
        if (typeof source === 'string') parseWithinLimits(source, context);
        return context;
      },
    }),
  );
  options.mount?.(app);
  if (options.staticDir && existsSync(options.staticDir)) {
    app.use(express.static(options.staticDir));
    // The app's own routes have no file extension: a file that is not there (a chunk of an older build, the
    // download of a removed module) is a 404, not the app's page with a 200.
    app.get('/{*path}', (req, res, next) => {
      if (!req.accepts('html') || extname(req.path)) return next();
      res.sendFile('index.html', { root: options.staticDir });
    });
  } else if (options.staticDir)
    // A browser asking for the app gets told how to get one, not an API error (the folder stays in the log).
    app.get('/{*path}', (req, res, next) => {
      if (!req.accepts('html')) return next();
      res
        .status(404)
        .type('text/plain')
        .send('The web app is not built on this server. Build it with `npm run build:web` and reload this page.');
    });
  app.use((_req, res) => {
    res.status(404).json({
      errors: [
        { message: 'There is nothing at this address.', extensions: { code: 'NOT_FOUND', ...requestIdOf(res) } },
      ],
    });
  });
  app.use(
    jsonErrors(
      options.routeError ??
        (() => new GraphQLError('Internal server error.', { extensions: { code: 'INTERNAL_SERVER_ERROR' } })),
    ),
  );

  let drained: Promise<void> | null = null;
  const drain = () =>
    (drained ??= (async () => {
      const connectionsClosed = http.drain();
      await subscriptions?.close();
      await connectionsClosed;
    })());
  let swapping: Promise<unknown> = Promise.resolve();
  return {
    httpServer,
    app,
    supergraphSdl: () => current,
    execute,
    swap(subgraphs) {
      const run = swapping.then(async () => {
        const next = await compose(subgraphs.map(describeSubgraph));
        if (!next.ok) return { ok: false as const, errors: next.errors };
        if (next.supergraphSdl !== current) {
          // Apollo Gateway builds the schema and planner from it here, and keeps the old ones if that throws.
          try {
            pushUpdate?.(next.supergraphSdl);
          } catch (e) {
            return {
              ok: false as const,
              errors: [`The gateway could not load the supergraph: ${(e as Error).message}`],
            };
          }
          current = next.supergraphSdl;
        }
        setSubgraphs(subgraphs as GatewayOptions<TContext>['subgraphs']);
        return { ok: true as const };
      });
      swapping = run.catch(() => undefined);
      return run;
    },
    listen(port, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          const addr = httpServer.address();
          resolve(typeof addr === 'object' && addr ? addr.port : port);
        });
      });
    },
    drain,
    openConnections: () => http.openConnections(),
    openSubscriptions: () => subscriptions?.open() ?? { sockets: 0, operations: 0 },
    async close() {
      await drain();
      await server.stop();
    },
  };
}
