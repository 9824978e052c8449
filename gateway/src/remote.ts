import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';

/** The contract code of a remote subgraph that cannot be reached, timed out or failed (HTTP 5xx). */
export const SUBGRAPH_UNAVAILABLE = 'SUBGRAPH_UNAVAILABLE';

export interface RemoteCallOptions<TContext> {
  /** Subgraph name (what clients see), never its URL. */
  name: string;
  url: string;
  /** A subgraph call that has not answered in this time fails as SUBGRAPH_UNAVAILABLE. */
  timeoutMs: number;
  /** Headers carrying the caller to the subgraph. */
  headers?(context: TContext): Record<string, string>;
  /** Whether errors may say why (with the address): development only. */
  exposeDetail: boolean;
  /** Sees every failure with its address and cause (for the log). */
  onFailure?(name: string, reason: string): void;
}

type Fetcher = NonNullable<NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>['fetcher']>;
type FetcherResponse = Awaited<ReturnType<Fetcher>>;

/** Node's fetch with a deadline; the data source hands it plain objects (no Request instances). */
const fetchWithin =
  (timeoutMs: number): Fetcher =>
  async (url, init) =>
    (await fetch(url, {
      ...init,
      signal: AbortSignal.timeout(timeoutMs),
    } as RequestInit)) as unknown as FetcherResponse;

/**
 * A subgraph in another process. Every failure becomes a coded GraphQL error without the subgraph's
 * address: unreachable, timed out or 5xx → SUBGRAPH_UNAVAILABLE (retryable); anything else (a 401 from a
 * secret that differs, a body that is not GraphQL) → an internal error, which the gateway hides.
 */
export class RemoteSubgraphSource<TContext extends BaseContext> extends RemoteGraphQLDataSource<TContext> {
  constructor(private readonly remote: RemoteCallOptions<TContext>) {
    super({ url: remote.url, fetcher: fetchWithin(remote.timeoutMs) });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<TContext>): void {
    for (const [k, v] of Object.entries(this.remote.headers?.(context as TContext) ?? {}))
      request.http?.headers.set(k, v);
  }

  override didEncounterError(error: Error, _request: unknown, response?: FetcherResponse): never {
    const { name, exposeDetail, onFailure } = this.remote;
    // Node's fetch says only "fetch failed"; the cause says why (ECONNREFUSED 10.0.0.7:4101, a timeout…).
    const reason = error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message;
    onFailure?.(name, reason);
    const detail = exposeDetail ? { detail: reason } : {};
    if (!response || response.status >= 500)
      throw new GraphQLError(`The ${name} service cannot be reached right now; retry in a few seconds.`, {
        extensions: { code: SUBGRAPH_UNAVAILABLE, retryable: true, ...detail },
      });
    throw new GraphQLError(`The ${name} service refused the gateway's request (HTTP ${response.status}).`, {
      extensions: { code: 'INTERNAL_SERVER_ERROR', ...detail },
    });
  }
}

/** How long a readiness probe waits for each remote subgraph. */
const PROBE_TIMEOUT_MS = 2_000;

/**
 * The remote subgraphs that do not answer `{ __typename }` with HTTP 200 right now (names only), probed
 * in parallel; `headers` lets the probe through a subgraph that only answers signed requests.
 */
export async function unavailableSubgraphs(
  remotes: readonly { name: string; url: string }[],
  headers: Record<string, string> = {},
): Promise<string[]> {
  const results = await Promise.all(
    remotes.map(async ({ name, url }) => {
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: '{"query":"{ __typename }"}',
          signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
        });
        await response.body?.cancel();
        return response.status === 200 ? null : name;
      } catch {
        return name;
      }
    }),
  );
  return results.filter((n): n is string => n !== null).sort();
}
