import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';

export interface SubscriptionCaller {
  token: string;
  clinicId?: string;
}

/** A graphql-ws client over a real WebSocket (null caller: anonymous); records close codes. */
export function wsClient(url: string, caller: SubscriptionCaller | null, closes: number[] = []): Client {
  return createClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
    connectionParams: caller
      ? { authorization: `Bearer ${caller.token}`, ...(caller.clinicId ? { 'x-clinic-id': caller.clinicId } : {}) }
      : {},
    on: { closed: (e) => closes.push((e as { code: number }).code) },
  });
}

/** Subscribes and collects every `next` payload; `done` resolves on complete or error. */
export function collect<T = Record<string, any>>(
  client: Client,
  query: string,
  variables: Record<string, unknown> = {},
) {
  const items: T[] = [];
  const errors: unknown[] = [];
  let unsubscribe = () => undefined as void;
  const done = new Promise<void>((resolve) => {
    unsubscribe = client.subscribe<T>(
      { query, variables },
      {
        next: (v) => {
          if (v.errors) errors.push(...v.errors);
          else items.push(v.data as T);
        },
        error: (e) => {
          errors.push(e);
          resolve();
        },
        complete: () => resolve(),
      },
    );
  });
  return { items, errors, done, unsubscribe: () => unsubscribe() };
}
