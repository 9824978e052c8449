/**
 * A stock gateway for the side-by-side bench (`tests/bench/gateways.ts`), run as its own process:
 * `node --import tsx tests/bench/stock-gateway.ts <apollo|hive|hive-nodedup> <supergraph file> <port>`.
 * Both forward the caller's `authorization` header to the subgraphs (which accept a caller's bearer token
 * from a router) and are otherwise left at their defaults. Prints `gateway ready <url>` once listening.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

type Caller = { authorization?: string };

const [kind, supergraphFile, portArg] = process.argv.slice(2);
const supergraphSdl = readFileSync(supergraphFile, 'utf8');
const port = Number(portArg);

async function apollo(): Promise<void> {
  class Forwarding extends RemoteGraphQLDataSource<Caller> {
    override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<Caller>) {
      if ('authorization' in context && context.authorization)
        request.http?.headers.set('authorization', context.authorization);
    }
  }
  const gateway = new ApolloGateway({ supergraphSdl, buildService: ({ url }) => new Forwarding({ url }) });
  const server = new ApolloServer<{ authorization?: string }>({ gateway, csrfPrevention: false });
  const { url } = await startStandaloneServer(server, {
    listen: { port, host: '127.0.0.1' },
    context: async ({ req }) => ({ authorization: req.headers.authorization }),
  });
  process.stdout.write(`gateway ready ${url.replace(/\/$/, '')}/graphql\n`);
}

async function hive(deduplicate: boolean): Promise<void> {
  const { createGatewayRuntime } = await import('@graphql-hive/gateway');
  const runtime = createGatewayRuntime({
    supergraph: supergraphSdl,
    logging: 'error',
    // Hive dedupes identical in-flight subgraph calls by default; the nodedup variant turns that off.
    ...(deduplicate ? {} : { transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } } }),
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get('authorization') ?? undefined }),
    },
  });
  const server = createServer(runtime);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  process.stdout.write(`gateway ready http://127.0.0.1:${port}/graphql\n`);
}

if (kind === 'apollo') await apollo();
else if (kind === 'hive') await hive(true);
else if (kind === 'hive-nodedup') await hive(false);
else throw new Error(`unknown gateway "${kind}": apollo, hive or hive-nodedup`);
