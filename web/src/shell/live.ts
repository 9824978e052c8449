import { onBeforeUnmount, onMounted, toValue, type MaybeRefOrGetter } from 'vue';
import { useApolloClient } from '@vue/apollo-composable';
import type { ApolloClient, OperationVariables, TypedDocumentNode } from '@apollo/client/core';
import type { DomainEventsSubscription } from '../generated/graphql/graphql.ts';
import { DomainEventsSubscription as DomainEventsDocument } from '../graphql/shell.ts';
import { onSubscriptionsReconnected, type OperationContext } from './apollo.ts';

export type DomainEvent = DomainEventsSubscription['events'];

export interface ResumableSubscriptionOptions<TData, TVariables extends OperationVariables> {
  client: ApolloClient<unknown>;
  query: TypedDocumentNode<TData, TVariables>;
  /** The variables, with `after` = the id of the last event received (null at first). */
  variables(after: string | null): TVariables;
  /** The event id a message carries (what `after` resumes from); null when it carries nothing. */
  eventIdOf(data: TData): string | null;
  onData(data: TData): void;
  /** Events were missed and cannot be replayed: the view must be read again. */
  reload(): void;
  /** Whether events are flowing (false while a failed subscription waits to be started again). */
  onLive?(live: boolean): void;
  /** How long a failed subscription waits before it is started again (ms). */
  retryMs?: number;
}

const graphQLErrorsOf = (error: unknown) =>
  (error as { graphQLErrors?: { extensions?: Record<string, unknown> }[] }).graphQLErrors ?? [];

/** The server no longer keeps the event the subscription resumed after (`extensions.reason`). */
const expired = (error: unknown) => graphQLErrorsOf(error).some((e) => e.extensions?.reason === 'EVENT_EXPIRED');

/** Codes of a passing fault: the same subscription may work a moment later. */
const PASSING = new Set(['SERVICE_UNAVAILABLE', 'SUBGRAPH_UNAVAILABLE', 'INTERNAL_SERVER_ERROR']);

/**
 * Worth starting again on a timer: a lost connection (no GraphQL error) or a passing fault. A refusal
 * (FORBIDDEN, BAD_USER_INPUT…) would be refused again; it was shown, and the subscription waits for the
 * socket's next connection (new credentials, a new supergraph) instead.
 */
const passing = (error: unknown) => {
  const errors = graphQLErrorsOf(error);
  return !errors.length || errors.every((e) => PASSING.has(String(e.extensions?.code)));
};

/**
 * A subscription that takes `after` (the core's `events`, a module's `agendaChanged`…) and loses nothing:
 * after the socket reconnects (graphql-ws resubscribes on its own, but with the variables it first sent) it
 * starts again with `after` = the last event received, so the server replays what was missed. The view is
 * read again instead when nothing was received yet, or when the server no longer keeps that event
 * (EVENT_EXPIRED). Returns the stop.
 */
export function followResumable<TData, TVariables extends OperationVariables>(
  options: ResumableSubscriptionOptions<TData, TVariables>,
): () => void {
  let lastEventId: string | null = null;
  let current: { unsubscribe(): void } | null = null;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  // The expired answer is handled here (read again), not shown as an error; every other error is shown.
  const context: OperationContext = { inlineErrorReasons: ['EVENT_EXPIRED'] };

  const subscribe = () => {
    // The new subscription is open before the old one ends, so the lazy socket never drops to none.
    const previous = current;
    current = options.client
      .subscribe<TData, TVariables>({ query: options.query, variables: options.variables(lastEventId), context })
      .subscribe({
        next: ({ data }) => {
          if (!data) return;
          lastEventId = options.eventIdOf(data) ?? lastEventId;
          options.onLive?.(true);
          options.onData(data);
        },
        error: (error: unknown) => {
          if (stopped) return;
          if (expired(error)) {
            lastEventId = null;
            options.reload();
            subscribe();
            return;
          }
          options.onLive?.(false);
          if (passing(error)) retry = setTimeout(resume, options.retryMs ?? 2_000);
        },
      });
    previous?.unsubscribe();
  };
  /** Picks up after an interruption: replayed from the last event received, or read again. */
  const resume = () => {
    clearTimeout(retry);
    if (stopped) return;
    if (!lastEventId) options.reload();
    subscribe();
  };
  const stopListening = onSubscriptionsReconnected(resume);
  subscribe();
  return () => {
    stopped = true;
    clearTimeout(retry);
    stopListening();
    current?.unsubscribe();
    current = null;
  };
}

export interface FollowEventsOptions {
  client: ApolloClient<unknown>;
  /** Event types (catalogue names such as `treatment_plan.confirmed`); the server sends only those the caller may see. */
  types: string[];
  onEvent(event: DomainEvent): void;
  /** Events were missed and cannot be replayed: the view must be read again. */
  reload(): void;
  retryMs?: number;
}

/** Follows the clinic's domain events of `types` (see `followResumable`). Returns the stop. */
export function followDomainEvents(options: FollowEventsOptions): () => void {
  return followResumable({
    client: options.client,
    query: DomainEventsDocument,
    variables: (after) => ({ types: options.types, after }),
    eventIdOf: (data) => data.events.id,
    onData: (data) => options.onEvent(data.events),
    reload: options.reload,
    retryMs: options.retryMs,
  });
}

/**
 * For a component showing data other sessions change: calls `refresh` (at most every `coalesceMs`) when an
 * event of `types` arrives whose payload matches `match` (e.g. the shown patient), and after missed events.
 * Follows while mounted; `match` is read per event, so showing another patient needs no resubscription.
 */
export function useDomainEvents(
  types: string[],
  match: MaybeRefOrGetter<Record<string, string | null | undefined>>,
  refresh: () => void,
  coalesceMs = 150,
): void {
  const { resolveClient } = useApolloClient();
  let stop: (() => void) | null = null;
  let pending: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    clearTimeout(pending);
    pending = setTimeout(refresh, coalesceMs);
  };
  const matches = (event: DomainEvent) => {
    const payload = (event.payload ?? {}) as Record<string, unknown>;
    return Object.entries(toValue(match)).every(([field, value]) => value == null || payload[field] === value);
  };
  onMounted(() => {
    stop = followDomainEvents({
      client: resolveClient(),
      types,
      onEvent: (event) => matches(event) && schedule(),
      reload: schedule,
    });
  });
  onBeforeUnmount(() => {
    clearTimeout(pending);
    stop?.();
  });
}
