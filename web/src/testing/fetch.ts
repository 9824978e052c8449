/** Browser-free pieces of `@dentalpin/web/testing`: storage, responses and a mock GraphQL fetch. */

/** An in-memory stand-in for localStorage (what `createSession({ storage })` needs). */
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
