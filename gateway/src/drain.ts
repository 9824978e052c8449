import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/** The graceful end of an HTTP server, for shutdown. */
export interface HttpDrain {
  /** True once `drain()` was called (readiness answers 503 from then on). */
  readonly draining: boolean;
  /**
   * Stops accepting connections, closes idle keep-alive connections and answers every request already
   * read with `Connection: close`; resolves when the last connection is gone.
   */
  drain(): Promise<void>;
  /** Connections still open, for the shutdown report. */
  openConnections(): Promise<number>;
}

export function drainable(server: Server): HttpDrain {
  let draining = false;
  let drained: Promise<void> | null = null;
  server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => {
    const writeHead = res.writeHead;
    // Decided when the headers leave, so requests already running when the drain began also close
    // their connection: a client never sends another request on a socket that is about to go away.
    res.writeHead = function (this: ServerResponse, ...args: Parameters<typeof writeHead>) {
      if (draining && !this.headersSent) this.setHeader('connection', 'close');
      return writeHead.apply(this, args);
    } as typeof writeHead;
  });
  return {
    get draining() {
      return draining;
    },
    drain() {
      draining = true;
      // Node ≥ 19 closes the idle keep-alive connections here; busy ones end after their answer.
      drained ??= new Promise((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
      return drained;
    },
    openConnections: () => new Promise((resolve) => server.getConnections((_e, count) => resolve(count ?? 0))),
  };
}
