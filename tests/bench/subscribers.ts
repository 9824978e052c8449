/**
 * A process of graphql-ws subscribers for `events-agenda.ts`, so the subscribers do not share the server's
 * event loop. Started with IPC; told `{ url, token, query, count }`, it opens `count` sockets (one
 * subscription each), answers `ready`, and for every event (keyed by `agendaChanged.appointment.id`) reports
 * the receipt times of all its sockets at once, on the shared clock `performance.timeOrigin + now()` (ms):
 * when all `count` sockets have it, or when asked to `flush` it (the parent's deadline passed).
 */
import { performance } from 'node:perf_hooks';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface SubscribersStart {
  url: string;
  token: string;
  query: string;
  count: number;
}
export type ToSubscribers = { type: 'flush'; id: string } | { type: 'stop' };
export type FromSubscribers =
  | { type: 'ready'; connected: number }
  | { type: 'receipts'; id: string; times: number[] }
  | { type: 'failed'; message: string };

const send = (m: FromSubscribers) => process.send!(m);
const now = () => performance.timeOrigin + performance.now();

async function run({ url, token, query, count }: SubscribersStart): Promise<void> {
  const receipts = new Map<string, number[]>();
  const reported = new Set<string>();
  const report = (id: string) => {
    if (reported.has(id)) return;
    reported.add(id);
    send({ type: 'receipts', id, times: receipts.get(id) ?? [] });
    receipts.delete(id);
  };
  const clients: Client[] = [];
  process.on('message', (m: ToSubscribers) => {
    if (m.type === 'flush') report(m.id);
    else void Promise.all(clients.map((c) => c.dispose())).then(() => process.exit(0));
  });
  let connected = 0;
  for (let i = 0; i < count; i += 50)
    await Promise.all(
      [...Array(Math.min(50, count - i))].map(
        () =>
          new Promise<void>((resolve, reject) => {
            const client = createClient({
              url,
              webSocketImpl: WebSocket,
              retryAttempts: 0,
              connectionParams: { authorization: `Bearer ${token}` },
            });
            clients.push(client);
            client.on('connected', () => {
              connected++;
              resolve();
            });
            client.subscribe<{ agendaChanged: { appointment: { id: string } } }>(
              { query },
              {
                next: (m) => {
                  const at = now();
                  const id = m.data?.agendaChanged.appointment.id;
                  if (!id || reported.has(id)) return;
                  const times = receipts.get(id) ?? receipts.set(id, []).get(id)!;
                  times.push(at);
                  if (times.length === count) report(id);
                },
                error: (e) => reject(e instanceof Error ? e : new Error(JSON.stringify(e))),
                complete: () => undefined,
              },
            );
          }),
      ),
    );
  send({ type: 'ready', connected });
}

process.once('message', (start: SubscribersStart) => {
  run(start).catch((e: unknown) => send({ type: 'failed', message: e instanceof Error ? e.message : String(e) }));
});
