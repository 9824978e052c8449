import type { ApolloClient } from '@apollo/client/core';
import { onSubscriptionsReconnected, type OperationContext } from '@dentalpin/web/sdk';
import type { AgendaChangedSubscription as AgendaChangedResult } from '@dentalpin/web/gql/types';
import { AgendaChangedSubscription } from './operations.ts';

export type AgendaChange = AgendaChangedResult['agendaChanged'];

export interface FollowAgendaOptions {
  client: ApolloClient<unknown>;
  /** The shown clinic-local range. */
  range: { from: string; to: string };
  /** A change of the range arrived (replayed after a reconnect, or live). */
  onChange(change: AgendaChange): void;
  /** Changes were missed and cannot be replayed: the view must be read again. */
  reload(): void;
  /** Whether changes are flowing (false while a failed subscription waits to be started again). */
  onLive?(live: boolean): void;
  /** How long a failed subscription waits before it is started again (ms). */
  retryMs?: number;
}

/** The server no longer keeps the event the subscription resumed after (`extensions.reason`). */
const expired = (error: unknown) =>
  ((error as { graphQLErrors?: { extensions?: Record<string, unknown> }[] }).graphQLErrors ?? []).some(
    (e) => e.extensions?.reason === 'EVENT_EXPIRED',
  );

/**
 * Follows the agenda changes of `range`. After the socket reconnects (graphql-ws resubscribes on its own,
 * but with the variables it first sent) the subscription starts again with `after` = the last change
 * received, so the server replays what was missed while it was down. The view is read again instead when
 * nothing was received yet, or when the server no longer keeps that change (EVENT_EXPIRED). Returns the stop.
 */
export function followAgenda(options: FollowAgendaOptions): () => void {
  let lastEventId: string | null = null;
  let current: { unsubscribe(): void } | null = null;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  // The expired answer is handled here (re-read), not shown as an error.
  const context: OperationContext = { inlineErrorCodes: ['BAD_USER_INPUT'] };

  const subscribe = () => {
    // The new subscription is open before the old one ends, so the lazy socket never drops to none.
    const previous = current;
    current = options.client
      .subscribe({ query: AgendaChangedSubscription, variables: { ...options.range, after: lastEventId }, context })
      .subscribe({
        next: ({ data }) => {
          if (!data) return;
          lastEventId = data.agendaChanged.eventId;
          options.onLive?.(true);
          options.onChange(data.agendaChanged);
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
          retry = setTimeout(resume, options.retryMs ?? 2_000);
        },
      });
    previous?.unsubscribe();
  };
  /** Picks up after an interruption: replayed from the last change received, or read again. */
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
