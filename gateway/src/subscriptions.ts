import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  GraphQLError,
  buildASTSchema,
  createSourceEventStream,
  defaultFieldResolver,
  execute,
  parse,
  print,
  printSchema,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FragmentDefinitionNode,
  type GraphQLFieldResolver,
  type GraphQLFormattedError,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import { addResolversToSchema } from '@graphql-tools/schema';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { blockFieldSuggestionsDefaultOptions } from '@escape.tech/graphql-armor-block-field-suggestions';

/**
 * A value a subscription yields for a field whose type lives in the supergraph (e.g. `Appointment`):
 * the gateway resolves it per event by running `query { <field>(<args>) { <the subscriber's selection> } }`
 * through the supergraph with the subscriber's context, so fields of any subgraph can be selected.
 */
export interface LookupRef {
  readonly [LOOKUP]: { field: string; args: Record<string, { value: unknown; type: string }>; shareKey?: string };
}
const LOOKUP = Symbol.for('dentalpin.gateway.lookup');

/**
 * `lookup('appointment', { id: ['ID!', id] })`: resolve this field by the query `appointment(id:)`.
 * `shareKey` (e.g. the event id) lets subscribers in the same scope (see `lookupScope`) asking the same
 * selection share one resolution of that event instead of one each.
 */
export function lookup(
  field: string,
  args: Record<string, [type: string, value: unknown]>,
  options: { shareKey?: string } = {},
): LookupRef {
  return {
    [LOOKUP]: {
      field,
      args: Object.fromEntries(Object.entries(args).map(([k, [type, value]]) => [k, { type, value }])),
      shareKey: options.shareKey,
    },
  };
}

/** How long a shared lookup result, or a shared execution of an event, is kept for other subscribers. */
const SHARED_LOOKUP_MS = 5_000;
const isLookup = (v: unknown): v is LookupRef => typeof v === 'object' && v !== null && LOOKUP in v;

const SHARED_EVENT = Symbol.for('dentalpin.gateway.sharedEvent');
/** A value a subscription yields that is the same for every subscriber in one scope (see `sharedEvent`). */
export interface SharedEvent {
  readonly [SHARED_EVENT]: { key: string; value: unknown };
}
const isSharedEvent = (v: unknown): v is SharedEvent => typeof v === 'object' && v !== null && SHARED_EVENT in v;

/**
 * `sharedEvent(event.id, value)`: `value` is what every subscriber of this field in the same scope (see
 * `lookupScope`) gets for the event `key`. Subscribers with the same scope, document and variables then share
 * one execution of the event (resolvers, lookups, result) instead of one each; any other subscriber executes
 * its own. Whether a subscriber sees the event at all is decided before, per subscriber.
 */
export function sharedEvent(key: string, value: unknown): SharedEvent {
  return { [SHARED_EVENT]: { key, value } };
}

/** One `Subscription` field, as implemented by whoever owns the event stream (the core). */
export interface SubscriptionField<TContext> {
  /** Called at subscribe time (throw to refuse); yields the field's value per event (may contain lookups). */
  subscribe(args: Record<string, unknown>, context: TContext): AsyncIterable<unknown> | Promise<AsyncIterable<unknown>>;
}

export interface SubscriptionOptions<TContext> {
  /** Authenticates the `connection_init` payload; return null to refuse the connection (closed with 4403). */
  authenticate(connectionParams: Readonly<Record<string, unknown>>, request: IncomingMessage): Promise<TContext | null>;
  /** The implemented fields by name; fields of the schema without an implementation answer with an error. */
  fields(): ReadonlyMap<string, SubscriptionField<TContext>>;
  /** A context for one lookup (fresh per event, e.g. new per-request caches) from the subscriber's context. */
  lookupContext(context: TContext): TContext;
  /**
   * Subscribers whose lookups would resolve identically (same clinic and same grants, say) return the
   * same scope; null never shares. Only lookups that carry a `shareKey` are shared.
   */
  lookupScope?(context: TContext): string | null;
  /** When the socket's credentials stop being valid (ms since epoch); the socket is closed then with 4401. */
  expiresAt?(context: TContext): number | null;
  /** How often a socket's credentials are checked again (revoked tokens, removed memberships); 0 = never. */
  reauthenticateMs?: number;
  /** Origins allowed besides the server's own host (`https://app.example.com`). */
  allowedOrigins?: readonly string[];
  /** Keep-alive ping interval (ms). */
  keepAliveMs?: number;
  /** The largest message a client may send (bytes); a bigger one closes the socket with 1009 before it is read. */
  maxPayloadBytes?: number;
  /** How long a socket may stay open without a `connection_init` (ms); then it is closed with 4408. */
  connectionInitTimeoutMs?: number;
  /** Sockets one client address may hold open at once; the upgrade over the cap answers 429. */
  maxSocketsPerAddress?: number;
  /** The id errors sent on this socket carry in `extensions.requestId`, as HTTP answers do. */
  requestIdOf?(context: TContext): string;
}

/** Defaults of the socket limits (each overridable through `SubscriptionOptions`). */
export const SOCKET_LIMITS = { maxPayloadBytes: 1024 * 1024, connectionInitTimeoutMs: 3_000, maxSocketsPerAddress: 50 };

/** Close code when the socket's credentials were revoked (graphql-ws's Forbidden). */
export const FORBIDDEN_CLOSE_CODE = 4403;

/** Close code when the socket's access token expires (clients reconnect with a fresh token). */
export const TOKEN_EXPIRED_CLOSE_CODE = 4401;

/** Close code sent to every live subscription socket when the supergraph changes (clients resubscribe). */
export const SUPERGRAPH_CHANGED_CLOSE_CODE = 4205;

type Execute = (
  query: string,
  variables: Record<string, unknown>,
  context: unknown,
) => Promise<{
  data?: Record<string, unknown> | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}>;

/** The HTTP pipeline's document checks, applied to each `subscribe` message too. */
export interface SubscriptionDocumentChecks<TContext> {
  /** Parses within the caller's limits, throwing the refusal; null when the caller has no limits. */
  parseWithinLimits(source: string, context: TContext): DocumentNode | null;
  /** Mask "Did you mean …" in validation errors (the schema is not public). */
  hideFieldSuggestions: boolean;
}

/** Objects that came back from a lookup are keyed by response name (aliases), not by field name. */
const resolvedByAlias = new WeakSet<object>();

function fragmentsUsed(info: GraphQLResolveInfo): FragmentDefinitionNode[] {
  return Object.values(info.fragments);
}

/**
 * graphql-ws on the gateway's HTTP server: executes the supergraph's `Subscription` fields in this process.
 */
export class SubscriptionServer<TContext> {
  private schema: GraphQLSchema | null = null;
  private readonly wss: WebSocketServer;
  private readonly dispose: { dispose(): void | Promise<void> };
  /** Open sockets per client address. */
  private readonly socketsByAddress = new Map<string, number>();
  /** The subscriptions of each open socket (graphql-ws keeps them by operation id). */
  private readonly running = new Set<{ subscriptions: Record<string, unknown> }>();

  constructor(
    private readonly options: SubscriptionOptions<TContext>,
    private readonly execute: Execute,
    httpServer: Server,
    path: string,
    checks: SubscriptionDocumentChecks<TContext>,
  ) {
    const limits = {
      maxPayloadBytes: options.maxPayloadBytes ?? SOCKET_LIMITS.maxPayloadBytes,
      connectionInitTimeoutMs: options.connectionInitTimeoutMs ?? SOCKET_LIMITS.connectionInitTimeoutMs,
      maxSocketsPerAddress: options.maxSocketsPerAddress ?? SOCKET_LIMITS.maxSocketsPerAddress,
    };
    this.wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxPayloadBytes });
    const refuse = (socket: Duplex, status: string) => {
      socket.write(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
      socket.destroy();
    };
    httpServer.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname !== path) return socket.destroy();
      if (!this.originAllowed(req)) return refuse(socket, '403 Forbidden');
      const address = req.socket.remoteAddress ?? 'unknown';
      const open = this.socketsByAddress.get(address) ?? 0;
      if (open >= limits.maxSocketsPerAddress) return refuse(socket, '429 Too Many Requests');
      // Counted from the upgrade on, so parallel handshakes cannot slip past the cap.
      this.socketsByAddress.set(address, open + 1);
      const release = () => {
        const left = (this.socketsByAddress.get(address) ?? 1) - 1;
        if (left > 0) this.socketsByAddress.set(address, left);
        else this.socketsByAddress.delete(address);
      };
      socket.once('close', release);
      this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
    });
    const fieldResolver: GraphQLFieldResolver<unknown, TContext> = (source, args, context, info) => {
      if (source && typeof source === 'object' && resolvedByAlias.has(source)) {
        const value = (source as Record<string, unknown>)[info.path.key as string];
        markResolved(value);
        return value;
      }
      const value = defaultFieldResolver(source, args, context, info);
      return isLookup(value) ? this.resolveLookup(value, context, info) : value;
    };
    this.dispose = useServer<Record<string, unknown>, { context: TContext }>(
      {
        schema: () => {
          if (!this.schema) throw new Error('The supergraph is not loaded yet.');
          return this.schema;
        },
        connectionInitWaitTimeout: limits.connectionInitTimeoutMs,
        onConnect: async (ctx) => {
          let context: TContext | null;
          try {
            context = await this.options.authenticate(ctx.connectionParams ?? {}, ctx.extra.request);
          } catch {
            // The reason (a database outage, say) is the authenticator's to log; none of it goes to the client.
            ctx.extra.socket.close(1013, 'Try again later.');
            return false;
          }
          if (!context) return false;
          (ctx.extra as { context?: TContext }).context = context;
          const socket = ctx.extra.socket;
          this.running.add(ctx);
          socket.once('close', () => this.running.delete(ctx));
          const expiresAt = this.options.expiresAt?.(context);
          if (expiresAt) {
            // A token is checked once at connect; the socket must not outlive it.
            const timer = setTimeout(
              () => socket.close(TOKEN_EXPIRED_CLOSE_CODE, 'access token expired'),
              Math.max(0, Math.min(expiresAt - Date.now(), 2 ** 31 - 1)),
            );
            timer.unref();
            socket.once('close', () => clearTimeout(timer));
          }
          const every = this.options.reauthenticateMs ?? 60_000;
          if (every > 0) {
            // Revocation (logout everywhere, deactivation, lost membership) reaches open sockets too.
            const params = ctx.connectionParams ?? {};
            const request = ctx.extra.request;
            const check = setInterval(() => {
              this.options
                .authenticate(params, request)
                .then((again) => {
                  if (!again) socket.close(FORBIDDEN_CLOSE_CODE, 'credentials no longer valid');
                })
                .catch(() => undefined);
            }, every);
            check.unref();
            socket.once('close', () => clearInterval(check));
          }
          return true;
        },
        context: (ctx) => (ctx.extra as { context?: TContext }).context as never,
        onSubscribe: (ctx, _id, payload) => {
          // The same limits as HTTP, on the parsed document, before graphql-ws validates or runs anything.
          const context = (ctx.extra as { context?: TContext }).context as TContext;
          let document;
          try {
            document = checks.parseWithinLimits(payload.query, context) ?? parse(payload.query);
          } catch (e) {
            return [e instanceof GraphQLError ? e : new GraphQLError(String(e))];
          }
          const schema = this.schema;
          if (!schema) return [new GraphQLError('The supergraph is not loaded yet; retry in a moment.')];
          const errors = validate(schema, document);
          if (errors.length)
            return checks.hideFieldSuggestions
              ? errors.map(
                  (e) =>
                    new GraphQLError(
                      e.message.replace(/Did you mean ".+"\?/g, blockFieldSuggestionsDefaultOptions.mask),
                      {
                        nodes: e.nodes,
                        extensions: e.extensions,
                      },
                    ),
                )
              : [...errors];
          // Queries and mutations belong on HTTP; this socket only runs subscriptions.
          const operation = document.definitions.find(
            (d) =>
              d.kind === 'OperationDefinition' && (!payload.operationName || d.name?.value === payload.operationName),
          );
          if (operation && operation.kind === 'OperationDefinition' && operation.operation !== 'subscription')
            return [
              new GraphQLError('Only subscriptions are served over WebSocket; send queries and mutations over HTTP.'),
            ];
          return {
            schema,
            document,
            operationName: payload.operationName,
            variableValues: payload.variables,
            contextValue: context,
          };
        },
        subscribe: (args: ExecutionArgs) => this.subscribe({ ...args, fieldResolver: fieldResolver as never }),
        onError: (ctx, _id, _payload, errors) => this.withRequestId(ctx.extra, errors),
        onNext: (ctx, _id, _payload, _args, result) =>
          result.errors ? { ...result, errors: this.withRequestId(ctx.extra, result.errors) } : undefined,
      },
      this.wss,
      options.keepAliveMs ?? 12_000,
    );
  }

  private withRequestId(extra: unknown, errors: readonly GraphQLError[]): GraphQLFormattedError[] {
    const context = (extra as { context?: TContext }).context;
    const requestId = context && this.options.requestIdOf?.(context);
    return errors.map((e) => {
      const formatted = e.toJSON();
      return requestId ? { ...formatted, extensions: { ...formatted.extensions, requestId } } : formatted;
    });
  }

  /** Open sockets and the subscriptions running on them, for metrics. */
  open(): { sockets: number; operations: number } {
    let operations = 0;
    for (const ctx of this.running) operations += Object.keys(ctx.subscriptions).length;
    return { sockets: this.wss.clients.size, operations };
  }

  private originAllowed(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    // Non-browser clients send no Origin; browsers always do, and cross-site pages must not ride the user's token.
    if (!origin) return true;
    try {
      if (new URL(origin).host === req.headers.host) return true;
    } catch {
      return false;
    }
    return (this.options.allowedOrigins ?? []).includes(origin);
  }

  private readonly sharedLookups = new Map<string, Promise<Awaited<ReturnType<Execute>>>>();
  /** Executions of one event (by its key), per group of subscribers (scope, document, variables). */
  private readonly sharedExecutions = new Map<string, Map<string, Promise<ExecutionResult>>>();

  /**
   * graphql-js's `subscribe`, except that an event yielded as a `sharedEvent` is executed once per group of
   * subscribers with the same scope, document, operation and variables, and that one result is sent to each.
   */
  private async subscribe(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
    const stream = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in stream)) return stream;
    const scope = this.options.lookupScope?.(args.contextValue as TContext) ?? null;
    const group =
      scope === null
        ? null
        : `${scope}\0${print(args.document)}\0${args.operationName ?? ''}\0${JSON.stringify(args.variableValues ?? {})}`;
    const run = (value: unknown) =>
      execute({ ...args, rootValue: value }) as Promise<ExecutionResult> | ExecutionResult;
    return mapEvents(stream[Symbol.asyncIterator](), (item) => {
      if (!isSharedEvent(item)) return run(item);
      const { key, value } = item[SHARED_EVENT];
      if (group === null) return run(value);
      let byGroup = this.sharedExecutions.get(key);
      if (!byGroup) {
        byGroup = new Map();
        this.sharedExecutions.set(key, byGroup);
        setTimeout(() => this.sharedExecutions.delete(key), SHARED_LOOKUP_MS).unref();
      }
      let result = byGroup.get(group);
      if (!result) {
        result = Promise.resolve(run(value));
        byGroup.set(group, result);
      }
      return result;
    });
  }

  private async resolveLookup(ref: LookupRef, context: TContext, info: GraphQLResolveInfo): Promise<unknown> {
    const { field, args, shareKey } = ref[LOOKUP];
    const selection = info.fieldNodes.map((n) => (n.selectionSet ? print(n.selectionSet) : '')).join(' ');
    const fragments = fragmentsUsed(info).map(print).join('\n');
    const body = `${selection}\n${fragments}`;
    const operationVars = (info.operation.variableDefinitions ?? []).filter((d) =>
      new RegExp(`\\$${d.variable.name.value}\\b`).test(body),
    );
    const argNames = Object.keys(args).map((k, i) => [k, `__lookup${i}`] as const);
    const declarations = [...argNames.map(([k, v]) => `$${v}: ${args[k].type}`), ...operationVars.map((d) => print(d))];
    const query = `query SubscriptionLookup${declarations.length ? `(${declarations.join(', ')})` : ''} {
      ${field}(${argNames.map(([k, v]) => `${k}: $${v}`).join(', ')}) ${selection}
    }\n${fragments}`;
    const variables: Record<string, unknown> = Object.fromEntries(argNames.map(([k, v]) => [v, args[k].value]));
    for (const d of operationVars) variables[d.variable.name.value] = info.variableValues[d.variable.name.value];
    const scope = shareKey ? (this.options.lookupScope?.(context) ?? null) : null;
    const key = scope === null ? null : `${shareKey}\0${scope}\0${query}\0${JSON.stringify(variables)}`;
    let pending = key ? this.sharedLookups.get(key) : undefined;
    if (!pending) {
      pending = this.execute(query, variables, this.options.lookupContext(context));
      if (key) {
        this.sharedLookups.set(key, pending);
        setTimeout(() => this.sharedLookups.delete(key), SHARED_LOOKUP_MS).unref();
      }
    }
    const result = await pending;
    if (result.errors?.length)
      throw new GraphQLError(result.errors[0].message, { extensions: result.errors[0].extensions });
    const value = result.data?.[field] ?? null;
    markResolved(value);
    return value;
  }

  /** Rebuilds the executable subscription schema from the new API schema; ends live subscriptions on a change. */
  setApiSchema(apiSchema: GraphQLSchema): void {
    const schema = buildASTSchema(parse(printSchema(apiSchema)));
    const subscriptionType = schema.getSubscriptionType();
    const resolvers = subscriptionType
      ? {
          Subscription: Object.fromEntries(
            Object.keys(subscriptionType.getFields()).map((name) => [
              name,
              {
                subscribe: async (_: unknown, args: Record<string, unknown>, context: TContext) => {
                  // Looked up per subscription: the implementations follow the active set, not this schema build.
                  const field = this.options.fields().get(name);
                  if (!field) throw new GraphQLError(`The subscription "${name}" has no event stream in this process.`);
                  return (await field.subscribe(args, context))[Symbol.asyncIterator]();
                },
                resolve: (value: unknown, _a: unknown, context: TContext, info: GraphQLResolveInfo) =>
                  isLookup(value) ? this.resolveLookup(value, context, info) : value,
              },
            ]),
          ),
        }
      : {};
    const replacing = this.schema !== null;
    this.schema = addResolversToSchema({ schema, resolvers: resolvers as never });
    if (replacing)
      for (const socket of this.wss.clients) socket.close(SUPERGRAPH_CHANGED_CLOSE_CODE, 'supergraph changed');
  }

  async close(): Promise<void> {
    for (const socket of this.wss.clients) socket.close(1001, 'server shutting down');
    await this.dispose.dispose();
  }
}

/** `source`, each value mapped; ending the result ends `source` (the subscriber's registration goes with it). */
function mapEvents<T>(
  source: AsyncIterator<unknown>,
  map: (value: unknown) => T | Promise<T>,
): AsyncIterableIterator<T> {
  const end = async (): Promise<IteratorResult<T>> => {
    await source.return?.();
    return { value: undefined, done: true };
  };
  return {
    async next() {
      const item = await source.next();
      if (item.done) return { value: undefined, done: true };
      try {
        return { value: await map(item.value), done: false };
      } catch (e) {
        await end();
        throw e;
      }
    },
    return: end,
    async throw(error: unknown) {
      await end();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

function markResolved(value: unknown): void {
  if (Array.isArray(value)) value.forEach(markResolved);
  else if (value && typeof value === 'object') resolvedByAlias.add(value);
}
