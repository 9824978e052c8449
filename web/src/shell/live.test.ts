import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApolloClient } from '@apollo/client/core';
import { followDomainEvents } from './live.ts';

/** A client whose subscriptions the test drives: each `subscribe` call is recorded with its observer. */
function fakeClient() {
  const calls: { variables: Record<string, unknown>; error(e: unknown): void; next(v: unknown): void }[] = [];
  const client = {
    subscribe: ({ variables }: { variables: Record<string, unknown> }) => ({
      subscribe: (observer: { next(v: unknown): void; error(e: unknown): void }) => {
        calls.push({ variables, error: observer.error, next: observer.next });
        return { unsubscribe: () => undefined };
      },
    }),
  } as unknown as ApolloClient<unknown>;
  return { client, calls };
}

const graphQLError = (extensions: Record<string, unknown>) => ({ graphQLErrors: [{ message: 'x', extensions }] });

describe('followDomainEvents', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('starts again after a lost connection, resuming after the last event received', () => {
    const { client, calls } = fakeClient();
    const stop = followDomainEvents({
      client,
      types: ['patient.created'],
      onEvent: () => undefined,
      reload: vi.fn(),
      retryMs: 1000,
    });
    calls[0]!.next({ data: { events: { id: 'e1', payload: {} } } });
    calls[0]!.error(new Error('socket closed'));
    vi.advanceTimersByTime(1000);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.variables).toEqual({ types: ['patient.created'], after: 'e1' });
    stop();
  });

  it('reads the view again and resubscribes from now when the event is no longer kept', () => {
    const { client, calls } = fakeClient();
    const reload = vi.fn();
    const stop = followDomainEvents({ client, types: ['a.b'], onEvent: () => undefined, reload });
    calls[0]!.next({ data: { events: { id: 'e7', payload: {} } } });
    calls[0]!.error(graphQLError({ code: 'BAD_USER_INPUT', reason: 'EVENT_EXPIRED' }));
    expect(reload).toHaveBeenCalledOnce();
    expect(calls[1]!.variables).toEqual({ types: ['a.b'], after: null });
    stop();
  });

  it('does not hammer the server with a refused subscription: no timer retry for FORBIDDEN or bad input', () => {
    for (const code of ['FORBIDDEN', 'BAD_USER_INPUT']) {
      const { client, calls } = fakeClient();
      const stop = followDomainEvents({
        client,
        types: ['a.b'],
        onEvent: () => undefined,
        reload: vi.fn(),
        retryMs: 500,
      });
      calls[0]!.error(graphQLError({ code }));
      vi.advanceTimersByTime(10_000);
      expect(calls).toHaveLength(1);
      stop();
    }
  });

  it('retries a passing server fault', () => {
    const { client, calls } = fakeClient();
    const stop = followDomainEvents({
      client,
      types: ['a.b'],
      onEvent: () => undefined,
      reload: vi.fn(),
      retryMs: 500,
    });
    calls[0]!.error(graphQLError({ code: 'SUBGRAPH_UNAVAILABLE' }));
    vi.advanceTimersByTime(500);
    expect(calls).toHaveLength(2);
    stop();
  });
});
