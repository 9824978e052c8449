import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { createGateway, type Gateway } from './gateway.ts';
import type { QueryLimits } from './limits.ts';

const SUBGRAPH = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query { hello: String greeting(name: String): String }
`);

const LIMITS: QueryLimits = {
  characters: 1_000,
  tokens: 100,
  depth: 3,
  aliases: 2,
  rootFields: 3,
  directives: 2,
  cost: 100,
};

async function gatewayWith(introspection: boolean) {
  const gateway = await createGateway({
    subgraphs: [
      { name: 'hello', typeDefs: SUBGRAPH, execute: async () => ({ data: { hello: 'hi', greeting: 'hi' } }) },
    ],
    context: async () => ({}),
    introspection,
    queryLimits: () => LIMITS,
  });
  const port = await gateway.listen(0);
  const ask = async (query: string) => {
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    return (await response.json()) as {
      data?: unknown;
      errors?: { message: string; extensions?: { code?: string } }[];
    };
  };
  return { gateway, ask };
}

describe('gateway query limits', () => {
  let gateway: Gateway | undefined;
  afterEach(async () => {
    await gateway?.close();
    gateway = undefined;
  });

  it('hides "Did you mean …" when introspection is off, and only then', async () => {
    const closed = await gatewayWith(false);
    gateway = closed.gateway;
    const hidden = await closed.ask(`{ helo }`);
    expect(hidden.errors?.[0].message).toContain('Cannot query field "helo"');
    expect(hidden.errors?.[0].message).not.toMatch(/Did you mean|hello/);
    await gateway.close();
    const open = await gatewayWith(true);
    gateway = open.gateway;
    expect((await open.ask(`{ helo }`)).errors?.[0].message).toContain('Did you mean "hello"?');
  });

  it('refuses each limit by name before anything runs, and lets a document within them through', async () => {
    const { gateway: g, ask } = await gatewayWith(false);
    gateway = g;
    expect((await ask(`{ hello }`)).data).toEqual({ hello: 'hi' });
    const cases: [string, string][] = [
      ['characters', `{ hello ${' '.repeat(1_000)}}`],
      ['tokens', `{ ${'hello '.repeat(101)}}`],
      ['aliases', `{ a: hello b: hello c: hello }`],
      ['rootFields', `{ hello greeting hello __typename }`],
      ['directives', `{ hello @skip(if: false) @include(if: true) greeting @skip(if: false) }`],
    ];
    for (const [limit, query] of cases) {
      const r = await ask(query);
      expect(r.errors?.[0].extensions, limit).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit });
      expect(r.errors?.[0].message, limit).toMatch(/limit/i);
    }
    expect((await ask(`{ hello `)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
