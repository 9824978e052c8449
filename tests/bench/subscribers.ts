/**
 * A process of graphql-ws subscribers for `events-agenda.ts`, so the subscribers do not share the server's
 * event loop. Started with IPC; told `{ url, token, query, count }`, it opens `count` sockets (one
 * subscription each, speaking the graphql-transport-ws protocol on a plain `ws` socket so that each
 * receipt is stamped when the frame arrives, not after a client library's work), answers `ready`, and for every event (keyed by `agendaChanged.appointment.id`) reports
 * the receipt times of all its sockets at once, on the shared clock `performance.timeOrigin + now()` (ms):
 * when all `count` sockets have it, or when asked to `flush` it (the parent's deadline passed).
 */
import { performance } from 'node:perf_hooks';
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
  const sockets: WebSocket[] = [];
  let stopping = false;
  process.on('message', (m: ToSubscribers) => {
    if (m.type === 'flush') report(m.id);
    else {
      stopping = true;
      for (const socket of sockets) socket.close(1000);
      setTimeout(() => process.exit(0), 200).unref();
    }
  });
  const receive = (at: number, message: { type: string; payload?: unknown }) => {
    const id = (message.payload as { data?: { agendaChanged?: { appointment?: { id?: string } } } } | undefined)?.data
      ?.agendaChanged?.appointment?.id;
    if (!id || reported.has(id)) return;
    const times = receipts.get(id) ?? receipts.set(id, []).get(id)!;
    times.push(at);
    if (times.length === count) report(id);
  };
  let connected = 0;
  for (let i = 0; i < count; i += 50)
    await Promise.all(
      [...Array(Math.min(50, count - i))].map(
        () =>
          new Promise<void>((resolve, reject) => {
            const socket = new WebSocket(url, 'graphql-transport-ws');
            sockets.push(socket);
            socket.on('open', () =>
              socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })),
            );
            socket.on('message', (data) => {
              // Stamped on arrival, before parsing: the delivery, not this process's work after it.
              const at = now();
              const message = JSON.parse(String(data)) as { type: string; payload?: unknown };
              if (message.type === 'next') receive(at, message);
              else if (message.type === 'connection_ack') {
                connected++;
                socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query } }));
                resolve();
              } else if (message.type === 'error') reject(new Error(JSON.stringify(message.payload)));
            });
            socket.on('close', (code, reason) => {
              if (!stopping) reject(new Error(`socket closed (${code} ${String(reason)})`));
            });
            socket.on('error', reject);
          }),
      ),
    );
  send({ type: 'ready', connected });
}

process.once('message', (start: SubscribersStart) => {
  run(start).catch((e: unknown) => send({ type: 'failed', message: e instanceof Error ? e.message : String(e) }));
});
