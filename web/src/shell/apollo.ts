import {
  ApolloClient,
  ApolloLink,
  HttpLink,
  InMemoryCache,
  Observable,
  split,
  type FetchResult,
} from '@apollo/client/core';
import { setContext } from '@apollo/client/link/context';
import { onError } from '@apollo/client/link/error';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { createClient, type Client as WsClient } from 'graphql-ws';
import type { GraphQLFormattedError } from 'graphql';
import { errorCode, type KnownErrorCode } from './errors.ts';
import { refreshMargin, tokenExpiry, type Session } from './session.ts';

/** Operation context a page may set. */
export interface OperationContext {
  /**
   * Codes the page shows inline itself (e.g. BAD_USER_INPUT next to form fields); every other error
   * gets a toast. Nothing fails silently.
   */
  inlineErrorCodes?: KnownErrorCode[];
  /** Narrower: only errors carrying one of these `extensions.reason` values are handled by the page. */
  inlineErrorReasons?: string[];
}

const reconnectListeners = new Set<() => void>();
/**
 * Calls `listener` each time the subscription socket connects again after having been connected
 * (graphql-ws retried after a close such as 4205 "supergraph changed", or new credentials). Active
 * subscriptions are resubscribed by graphql-ws with the variables they first sent, so events published
 * while the socket was down are not replayed: live views subscribe again with `after` (the last event id
 * they received) or re-read their data here. Returns the unsubscribe.
 */
export function onSubscriptionsReconnected(listener: () => void): () => void {
  reconnectListeners.add(listener);
  return () => void reconnectListeners.delete(listener);
}

export interface ApolloOptions {
  session: Session;
  /** Absolute or same-origin path; default `/graphql`. */
  httpUri?: string;
  /** Default: the page's origin with ws(s):// and `/graphql` (the gateway serves graphql-ws on the same path). */
  wsUrl?: string;
  /** For tests; default: the global fetch. */
  fetchImpl?: typeof fetch;
  /** For tests outside a browser (Node 20 has no global WebSocket); default: the global WebSocket. */
  webSocketImpl?: unknown;
  onGraphQLError(error: GraphQLFormattedError, code: KnownErrorCode): void;
  onNetworkError(error: Error): void;
  /** Called when a request was rejected as unauthenticated and the refresh token could not help. */
  onSessionLost(): void;
}

function defaultWsUrl(): string {
  const { protocol, host } = globalThis.location;
  return `${protocol === 'https:' ? 'wss:' : 'ws:'}//${host}/graphql`;
}

/**
 * Apollo Client for the gateway: queries and mutations over HTTP, subscriptions over graphql-ws
 * (same path), the bearer token and the selected clinic on both, token refresh before expiry and
 * once more after an UNAUTHENTICATED answer, and every error reported.
 */
export function createApolloClient(options: ApolloOptions): { client: ApolloClient<unknown>; ws: WsClient } {
  const { session } = options;
  let connectedBefore = false;
  /** The access token the open socket authenticated with, and the timer that replaces it before it expires. */
  let socketToken: string | null = null;
  let renewal: ReturnType<typeof setTimeout> | undefined;
  const ws = createClient({
    url: options.wsUrl ?? defaultWsUrl(),
    lazy: true,
    // A view that ends one subscription and starts the next (new range, resume after an error) keeps the socket.
    lazyCloseTimeout: 1_000,
    retryAttempts: 5,
    webSocketImpl: options.webSocketImpl,
    on: {
      connected: (_socket, _payload, wasRetry) => {
        if (wasRetry || connectedBefore) for (const listener of [...reconnectListeners]) listener();
        connectedBefore = true;
        // The gateway closes a socket whose token expired with 4401, which graphql-ws treats as fatal:
        // reconnect just before that instead (a terminated socket is retried and asks for a fresh token).
        const exp = socketToken ? tokenExpiry(socketToken) : null;
        if (socketToken && exp !== null)
          renewal = setTimeout(() => ws.terminate(), Math.max(0, exp - refreshMargin(socketToken) - Date.now()));
      },
      closed: () => clearTimeout(renewal),
    },
    connectionParams: async () => {
      const token = await session.freshAccessToken();
      socketToken = token;
      return {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(session.state.clinicId ? { 'x-clinic-id': session.state.clinicId } : {}),
      };
    },
  });

  const auth = setContext(async (_operation, previous) => {
    const token = await session.freshAccessToken();
    return {
      sentWithToken: !!token,
      headers: {
        ...previous.headers,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(session.state.clinicId ? { 'x-clinic-id': session.state.clinicId } : {}),
      },
    };
  });

  const errors = onError(({ graphQLErrors, networkError, operation, forward }) => {
    const context = operation.getContext() as OperationContext & { sentWithToken?: boolean; retried?: boolean };
    const unauthenticated = graphQLErrors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
    if (unauthenticated && context.sentWithToken && !context.retried) {
      // The access token was rejected (expired or revoked): refresh once and replay the operation.
      return new Observable<FetchResult>((observer) => {
        let inner: { unsubscribe(): void } | undefined;
        session.refresh().then((ok) => {
          if (!ok) {
            options.onSessionLost();
            observer.error(new Error('Your session has expired. Please log in again.'));
            return;
          }
          operation.setContext({ retried: true });
          inner = forward(operation).subscribe(observer);
        });
        return () => inner?.unsubscribe();
      });
    }
    for (const error of graphQLErrors ?? []) {
      const code = errorCode(error);
      if (context.inlineErrorCodes?.includes(code)) continue;
      if (context.inlineErrorReasons?.includes(String(error.extensions?.reason))) continue;
      options.onGraphQLError(error, code);
    }
    if (networkError) options.onNetworkError(networkError);
    return undefined;
  });

  const transport = split(
    ({ query }) => {
      const definition = getMainDefinition(query);
      return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
    },
    new GraphQLWsLink(ws),
    new HttpLink({ uri: options.httpUri ?? '/graphql', fetch: options.fetchImpl }),
  );

  const client = new ApolloClient({
    link: ApolloLink.from([errors, auth, transport]),
    cache: new InMemoryCache(),
    defaultOptions: {
      watchQuery: { fetchPolicy: 'cache-and-network', errorPolicy: 'all' },
      query: { fetchPolicy: 'network-only', errorPolicy: 'all' },
      mutate: { errorPolicy: 'none' },
    },
  });
  return { client, ws };
}
