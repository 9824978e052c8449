// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { WebSocketServer, WebSocket } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import {
  createApolloClient,
  createSession,
  jsonResponse,
  memoryStorage,
  sessionFetch,
} from '@dentalpin/web/testing/client';
import { followAgenda, type AgendaChange } from '../live.ts';

// graphql-ws's server loads graphql's CommonJS build; the schema and errors must come from the same copy.
const { buildSchema, GraphQLError } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

const appointment = {
  id: 'a1',
  startTime: '2026-11-26T09:00:00.000Z',
  endTime: '2026-11-26T09:30:00.000Z',
  status: 'SCHEDULED',
  allowedTransitions: ['CONFIRMED'],
  treatmentType: 'Cleaning',
  notes: null,
  currentStatusSince: '2026-11-26T08:00:00.000Z',
  patient: { id: 'p1', fullName: 'Mario Blanco' },
  professional: null,
  cabinet: null,
};

/**
 * A gateway stand-in speaking graphql-ws with the real supergraph schema: records the variables of every
 * `agendaChanged` subscribe, lets the test push changes to the live ones, and answers EVENT_EXPIRED for
 * the `after` ids the test marks as no longer kept.
 */
async function agendaServer() {
  const schema = buildSchema(readFileSync(new URL('../../../../web/supergraph.graphql', import.meta.url), 'utf8'));
  const subscribes: { from: string; to: string; after: string | null }[] = [];
  const live = new Set<(change: Record<string, unknown>) => void>();
  const forgotten = new Set<string>();
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', path: '/graphql' });
  await new Promise((r) => wss.once('listening', r));
  const server = useServer(
    {
      schema,
      roots: {
        subscription: {
          agendaChanged: (args: { from: string; to: string; after?: string | null }) => {
            subscribes.push({ from: args.from, to: args.to, after: args.after ?? null });
            if (args.after && forgotten.has(args.after))
              throw new GraphQLError('The event to resume after is no longer kept; reload the data.', {
                extensions: { code: 'BAD_USER_INPUT', reason: 'EVENT_EXPIRED' },
              });
            // An iterator rather than an async generator: a generator parked on an await would not end on return().
            const waiting: IteratorResult<unknown>[] = [];
            let wake: ((r: IteratorResult<unknown>) => void) | null = null;
            const push = (change: Record<string, unknown>) => {
              const result = { value: { agendaChanged: change }, done: false };
              if (wake) wake(result);
              else waiting.push(result);
              wake = null;
            };
            live.add(push);
            const iterator: AsyncIterableIterator<unknown> = {
              next: () =>
                waiting.length ? Promise.resolve(waiting.shift()!) : new Promise((resolve) => (wake = resolve)),
              return: () => {
                live.delete(push);
                wake?.({ value: undefined, done: true });
                return Promise.resolve({ value: undefined, done: true });
              },
              [Symbol.asyncIterator]: () => iterator,
            };
            return iterator;
          },
        },
      },
    },
    wss,
  );
  closers.push(async () => {
    await server.dispose();
    await new Promise((r) => wss.close(r));
  });
  return {
    url: `ws://127.0.0.1:${(wss.address() as { port: number }).port}/graphql`,
    subscribes,
    forgotten,
    /** Subscriptions open on the server now. */
    live: () => live.size,
    push: (eventId: string) => {
      for (const send of live) send({ eventId, type: 'appointment.confirmed', appointment });
    },
    dropSockets: () => {
      for (const socket of wss.clients) socket.close(4205, 'Supergraph changed');
    },
  };
}

async function followOn(url: string) {
  const auth = sessionFetch({ login: [() => jsonResponse({ accessToken: 'token-a' })] });
  const session = createSession({ authBase: 'http://unused', storage: memoryStorage(), fetchImpl: auth.fetch });
  await session.login('a@b.c', 'p');
  const graphQLErrors: unknown[] = [];
  const { client, ws } = createApolloClient({
    session,
    httpUri: 'http://unused/graphql',
    wsUrl: url,
    webSocketImpl: WebSocket,
    onGraphQLError: (e) => void graphQLErrors.push(e),
    onNetworkError: () => undefined,
    onSessionLost: () => undefined,
  });
  closers.push(() => ws.dispose() as Promise<void>);
  const changes: AgendaChange[] = [];
  let reloads = 0;
  const stop = followAgenda({
    client,
    range: { from: '2026-11-26T00:00', to: '2026-11-27T00:00' },
    onChange: (c) => changes.push(c),
    reload: () => reloads++,
  });
  closers.push(stop);
  return { changes, reloads: () => reloads, graphQLErrors };
}

describe('agenda live board: following changes across reconnects', () => {
  it('resubscribes with after = the last change received when the socket comes back', async () => {
    const server = await agendaServer();
    const board = await followOn(server.url);
    await expect.poll(() => server.subscribes.length).toBe(1);
    expect(server.subscribes[0]).toEqual({ from: '2026-11-26T00:00', to: '2026-11-27T00:00', after: null });
    server.push('e-1');
    server.push('e-2');
    await expect.poll(() => board.changes.map((c) => c.eventId)).toEqual(['e-1', 'e-2']);

    server.dropSockets();
    await expect.poll(() => server.subscribes.at(-1)?.after, { timeout: 10_000 }).toBe('e-2');
    await expect.poll(() => server.live()).toBe(1);
    // Replayed, not re-read: the board re-reads only when a change arrives.
    expect(board.reloads()).toBe(0);
    server.push('e-3');
    await expect.poll(() => board.changes.at(-1)?.eventId).toBe('e-3');
  }, 20_000);

  it('re-reads the board when nothing was received yet, or when the server no longer keeps that change', async () => {
    const server = await agendaServer();
    const board = await followOn(server.url);
    await expect.poll(() => server.subscribes.length).toBe(1);
    server.dropSockets();
    await expect.poll(() => board.reloads(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => server.live()).toBe(1);

    server.push('e-7');
    await expect.poll(() => board.changes.length).toBe(1);
    server.forgotten.add('e-7');
    const before = server.subscribes.length;
    server.dropSockets();
    await expect.poll(() => board.reloads(), { timeout: 10_000 }).toBe(2);
    // It asked to resume after e-7, was told it is gone, and follows live from now on without `after`.
    expect(server.subscribes.slice(before).map((s) => s.after)).toContain('e-7');
    await expect.poll(() => server.subscribes.at(-1)?.after).toBe(null);
    await expect.poll(() => server.live()).toBe(1);
    expect(board.graphQLErrors).toEqual([]);
    server.push('e-8');
    await expect.poll(() => board.changes.at(-1)?.eventId).toBe('e-8');
  }, 20_000);
});
