import type { ApolloClient } from '@apollo/client/core';
import { followResumable } from '@dentalpin/web/sdk';
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

/**
 * Follows the agenda changes of `range`, resuming after a reconnect from the last change received (the
 * shell's `followResumable`). Returns the stop.
 */
export function followAgenda(options: FollowAgendaOptions): () => void {
  return followResumable({
    client: options.client,
    query: AgendaChangedSubscription,
    variables: (after) => ({ ...options.range, after }),
    eventIdOf: (data) => data.agendaChanged.eventId,
    onData: (data) => options.onChange(data.agendaChanged),
    reload: options.reload,
    onLive: options.onLive,
    retryMs: options.retryMs,
  });
}
