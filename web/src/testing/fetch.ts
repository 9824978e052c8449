/** Browser-free pieces of `@dentalpin/web/testing`: storage, responses and a mock GraphQL fetch. */

/** An in-memory stand-in for localStorage (what `createSession({ storage })` keeps the selected clinic in). */
export function memoryStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
  };
}

/** A JSON `Response`, as the gateway sends it. */
export function jsonResponse(body: unknown): Response {
  return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
}

/** One GraphQL request as the client sent it. */
export interface SentOperation {
  operationName: string;
  query: string;
  variables: Record<string, unknown>;
}
export type GraphQLAnswer = (operation: SentOperation) => Response | Promise<Response>;
/**
 * How the mock gateway answers: one function for every request, a list used in order (one per request),
 * or a function per operation name (any other operation gets a GraphQL error).
 */
export type GraphQLAnswers = GraphQLAnswer | GraphQLAnswer[] | Record<string, GraphQLAnswer>;

/** A `fetch` that answers GraphQL requests from the test and records every operation sent. */
export function graphqlFetch(answers: GraphQLAnswers = []): { fetch: typeof fetch; sent: SentOperation[] } {
  const sent: SentOperation[] = [];
  const queue = Array.isArray(answers) ? [...answers] : null;
  const impl = async (_url: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const operation = JSON.parse(String(init?.body)) as SentOperation;
    sent.push(operation);
    if (queue) {
      const next = queue.shift();
      if (!next) throw new Error(`graphqlFetch: no answer left for ${operation.operationName}`);
      return next(operation);
    }
    if (typeof answers === 'function') return answers(operation);
    const byName = (answers as Record<string, GraphQLAnswer>)[operation.operationName];
    return byName
      ? byName(operation)
      : jsonResponse({ errors: [{ message: `unexpected ${operation.operationName}` }] });
  };
  return { fetch: impl as typeof fetch, sent };
}

export type SessionEndpoint = 'login' | 'refresh' | 'logout';
/** How the mock `/auth/*` endpoints answer: a queue per endpoint; an empty queue answers UNAUTHENTICATED (401). */
export type SessionAnswers = Partial<Record<SessionEndpoint, (() => Response)[]>>;

/** The answer of a refused `/auth/*` call, as the server sends it. */
export function sessionError(code: string, message: string, extensions: Record<string, unknown> = {}): Response {
  return new Response(JSON.stringify({ errors: [{ message, extensions: { code, ...extensions } }] }), {
    status: code === 'RATE_LIMITED' ? 429 : 401,
    headers: { 'content-type': 'application/json' },
  });
}

/** A `fetch` for the web session endpoints that answers from the test and records each call (endpoint and body). */
export function sessionFetch(answers: SessionAnswers = {}): {
  fetch: typeof fetch;
  calls: { endpoint: SessionEndpoint; body: unknown; init: RequestInit }[];
} {
  const calls: { endpoint: SessionEndpoint; body: unknown; init: RequestInit }[] = [];
  const impl = async (url: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const endpoint = String(url).split('/auth/')[1] as SessionEndpoint;
    calls.push({ endpoint, body: JSON.parse(String(init.body ?? '{}')), init });
    return answers[endpoint]?.shift()?.() ?? sessionError('UNAUTHENTICATED', 'No session.');
  };
  return { fetch: impl as typeof fetch, calls };
}
