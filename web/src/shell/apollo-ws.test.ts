// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { gql } from '@apollo/client/core';
import { createRequire } from 'node:module';
import { WebSocketServer, WebSocket } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { createApolloClient, onSubscriptionsReconnected } from './apollo.ts';
import { createSession } from './session.ts';
import { jsonResponse as json, memoryStorage as memory, sessionFetch } from '../testing/fetch.ts';

// graphql-ws's server loads graphql's CommonJS build; the schema must come from the same copy.
const { buildSchema } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A graphql-ws server like the gateway's: `Subscription` over WebSocket, credentials in connection_init. */
async function wsServer(acceptToken: (authorization: unknown) => boolean = (a) => a === 'Bearer token-a') {
  const schema = buildSchema(`type Query { ok: Boolean } type Subscription { ticks(count: Int!): Int! }`);
  const seen: Record<string, unknown>[] = [];
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', path: '/graphql' });
  await new Promise((r) => wss.once('listening', r));
  const server = useServer(
    {
      schema,
      onConnect: (ctx) => {
        seen.push(ctx.connectionParams ?? {});
        return acceptToken(ctx.connectionParams?.authorization);
      },
      roots: {
        subscription: {
          ticks: async function* ({ count }: { count: number }) {
            for (let i = 1; i <= count; i++) yield { ticks: i };
            // count 0: stays open, as a live feed does.
            if (count === 0) await new Promise(() => undefined);
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
  return { url: `ws://127.0.0.1:${(wss.address() as { port: number }).port}/graphql`, seen, wss };
}

/** A session signed in with this access token; `/auth/refresh` answers with `refreshed` in order. */
async function signedIn(accessToken: string, refreshed: string[] = []) {
  const auth = sessionFetch({
    login: [() => json({ accessToken })],
    refresh: refreshed.map((token) => () => json({ accessToken: token })),
  });
  const session = createSession({ authBase: 'http://unused', storage: memory(), fetchImpl: auth.fetch });
  await session.login('a@b.c', 'p');
  return session;
}

/** An Apollo client of the web app on `session`, talking graphql-ws to `url`; disposed after the test. */
function connect(url: string, session: Awaited<ReturnType<typeof signedIn>>) {
  const { client, ws } = createApolloClient({
    session,
    httpUri: 'http://unused/graphql',
    wsUrl: url,
    webSocketImpl: WebSocket,
    onGraphQLError: () => undefined,
    onNetworkError: () => undefined,
    onSessionLost: () => undefined,
  });
  closers.push(() => ws.dispose() as Promise<void>);
  return client;
}

/** A subscription that never completes (ended after the test); returns the errors it receives. */
function endlessTicks(client: ReturnType<typeof connect>): unknown[] {
  const errors: unknown[] = [];
  const live = client
    .subscribe({
      query: gql`
        subscription {
          ticks(count: 0)
        }
      `,
    })
    .subscribe({ error: (e) => errors.push(e) });
  closers.push(async () => live.unsubscribe());
  return errors;
}

describe('Apollo client subscriptions (graphql-ws link)', () => {
  it('sends subscriptions over graphql-ws with the token and clinic in connection_init', async () => {
    const server = await wsServer();
    const session = await signedIn('token-a');
    session.setClinic('clinic-7');
    const client = connect(server.url, session);
    const values = await new Promise<number[]>((resolve, reject) => {
      const got: number[] = [];
      client
        .subscribe({
          query: gql`
            subscription {
              ticks(count: 3)
            }
          `,
        })
        .subscribe({
          next: (r) => got.push(r.data.ticks),
          error: reject,
          complete: () => resolve(got),
        });
    });
    expect(values).toEqual([1, 2, 3]);
    expect(server.seen).toEqual([{ authorization: 'Bearer token-a', 'x-clinic-id': 'clinic-7' }]);
  });

  it('resubscribes after the server closes with 4205 (supergraph changed) and tells live views to re-read', async () => {
    const server = await wsServer();
    const session = await signedIn('token-a');
    const client = connect(server.url, session);
    let reconnected = 0;
    const stop = onSubscriptionsReconnected(() => reconnected++);
    closers.push(async () => stop());
    const errors = endlessTicks(client);
    await expect.poll(() => server.seen.length).toBe(1);
    for (const socket of server.wss.clients) socket.close(4205, 'Supergraph changed');
    await expect.poll(() => server.seen.length, { timeout: 10_000 }).toBe(2);
    await expect.poll(() => reconnected).toBe(1);
    expect(errors).toEqual([]);
  }, 20_000);

  it('reconnects with a fresh token from memory before the socket’s token expires, keeping the subscription', async () => {
    const server = await wsServer((a) => typeof a === 'string' && a.startsWith('Bearer '));
    const seconds = Math.floor(Date.now() / 1000);
    // A 4-second token: refreshed (and the socket renewed) a quarter of its lifetime before expiry.
    const shortLived = `h.${btoa(JSON.stringify({ exp: seconds + 3, iat: seconds - 1 }))}.s`;
    const session = await signedIn(shortLived, ['token-b']);
    const client = connect(server.url, session);
    const errors = endlessTicks(client);
    await expect.poll(() => server.seen.length).toBe(1);
    await expect.poll(() => server.seen.length, { timeout: 10_000 }).toBe(2);
    expect(server.seen.map((p) => p.authorization)).toEqual([`Bearer ${shortLived}`, 'Bearer token-b']);
    expect(session.state.accessToken).toBe('token-b');
    expect(errors).toEqual([]);
    // The renewal waits out most of the token's life; the polls above may take 10 s on a loaded machine.
  }, 20_000);
});
