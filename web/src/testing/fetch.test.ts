import { describe, expect, it } from 'vitest';
import { graphqlFetch, jsonResponse, memoryStorage } from './fetch.ts';

const post = (f: typeof fetch, operationName: string, variables: Record<string, unknown> = {}) =>
  f('http://test/graphql', { method: 'POST', body: JSON.stringify({ operationName, query: '{ x }', variables }) });

describe('@dentalpin/web/testing: graphqlFetch', () => {
  it('answers from a list in order, records every operation, and fails loudly when the list runs out', async () => {
    const { fetch, sent } = graphqlFetch([
      () => jsonResponse({ data: { a: 1 } }),
      () => jsonResponse({ data: { a: 2 } }),
    ]);
    expect(await (await post(fetch, 'A', { n: 1 })).json()).toEqual({ data: { a: 1 } });
    expect(await (await post(fetch, 'A', { n: 2 })).json()).toEqual({ data: { a: 2 } });
    await expect(post(fetch, 'B')).rejects.toThrow('no answer left for B');
    expect(sent.map((s) => [s.operationName, s.variables])).toEqual([
      ['A', { n: 1 }],
      ['A', { n: 2 }],
      ['B', {}],
    ]);
  });

  it('answers by operation name, with a GraphQL error for any other operation', async () => {
    const { fetch } = graphqlFetch({ A: (op) => jsonResponse({ data: { echo: op.variables.v } }) });
    expect(await (await post(fetch, 'A', { v: 'x' })).json()).toEqual({ data: { echo: 'x' } });
    expect(await (await post(fetch, 'B')).json()).toEqual({ errors: [{ message: 'unexpected B' }] });
  });

  it('keeps session storage in memory', () => {
    const storage = memoryStorage();
    storage.setItem('k', 'v');
    expect(storage.getItem('k')).toBe('v');
    storage.removeItem('k');
    expect(storage.getItem('k')).toBeNull();
  });
});
