import { randomUUID } from 'node:crypto';
import {
  Kind,
  execute,
  parse,
  validate,
  type DocumentNode,
  type FormattedExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { MikroORM } from '@mikro-orm/postgresql';
import { gql } from 'graphql-tag';
import { AuthState, loaderCache, type LoadedKeys, type RequestContext } from './context.ts';
import { formatResolverError } from './errors.ts';
import { scalarResolvers } from './scalars.ts';
import type { ModuleResolvers } from '../modules/define.ts';
import type { SupergraphClient } from './supergraph-client.ts';
import { inSpan } from '../observability/spans.ts';
import { bindClinic } from '../db/tenancy.ts';

/** What travels with a request through the gateway: who calls, and a context per subgraph touched. */
export interface GatewayContext {
  requestId: string;
  /** The client's address (see client-address.ts); null for calls from inside the process. */
  clientAddress: string | null;
  auth: AuthState;
  /** Resolver contexts already built for this request, one per subgraph (shared EntityManager and loaders). */
  scopes: Map<string, RequestContext>;
  /** Keys this request's DataLoaders loaded, across subgraphs (bounded by the loader key limit). */
  loadedKeys: LoadedKeys;
}

export const newGatewayContext = (
  auth: AuthState,
  requestId: string = randomUUID(),
  clientAddress: string | null = null,
): GatewayContext => ({
  requestId,
  clientAddress,
  auth,
  scopes: new Map(),
  loadedKeys: { count: 0 },
});

export interface SubgraphRuntime {
  name: string;
  typeDefs: DocumentNode;
  schema: GraphQLSchema;
  execute(
    request: { query: string; variables?: Record<string, unknown>; operationName?: string },
    context: GatewayContext,
  ): Promise<FormattedExecutionResult>;
}

/** The gateway sends the same few query strings again and again: parse and validate each once. */
const MAX_CACHED_DOCUMENTS = 500;

export function buildSubgraph(
  name: string,
  typeDefs: DocumentNode | string,
  resolvers: ModuleResolvers,
  orm: MikroORM,
  supergraph: SupergraphClient,
): SubgraphRuntime {
  const doc = typeof typeDefs === 'string' ? gql(typeDefs) : typeDefs;
  const declared = new Set(
    doc.definitions.flatMap((d) => (d.kind === Kind.SCALAR_TYPE_DEFINITION ? [d.name.value] : [])),
  );
  const usedScalars = Object.fromEntries(Object.entries(scalarResolvers).filter(([scalar]) => declared.has(scalar)));
  const schema = buildSubgraphSchema([{ typeDefs: doc, resolvers: { ...usedScalars, ...resolvers } as never }]);
  const documents = new Map<string, DocumentNode>();
  const documentFor = (query: string): DocumentNode | { errors: FormattedExecutionResult['errors'] } => {
    let document = documents.get(query);
    if (document) return document;
    try {
      document = parse(query);
    } catch (e) {
      return { errors: [{ message: (e as Error).message, extensions: { code: 'BAD_USER_INPUT' } }] };
    }
    const errors = validate(schema, document);
    if (errors.length)
      return { errors: errors.map((e) => ({ message: e.message, extensions: { code: 'BAD_USER_INPUT' } })) };
    if (documents.size >= MAX_CACHED_DOCUMENTS) documents.delete(documents.keys().next().value!);
    documents.set(query, document);
    return document;
  };
  return {
    name,
    typeDefs: doc,
    schema,
    execute(request, context) {
      const attributes = { 'dentalpin.subgraph': name, 'graphql.operation.name': request.operationName ?? '' };
      return inSpan(`subgraph ${name}`, attributes, () => run(request, context));
    },
  };

  async function run(
    request: Parameters<SubgraphRuntime['execute']>[0],
    context: GatewayContext,
  ): Promise<FormattedExecutionResult> {
    const document = documentFor(request.query);
    if ('errors' in document) return { errors: document.errors };
    let scope = context.scopes.get(name);
    if (!scope) {
      scope = {
        requestId: context.requestId,
        clientAddress: context.clientAddress,
        auth: context.auth,
        em: orm.em.fork(),
        loader: loaderCache(context.loadedKeys),
        query: supergraph.forAuth(context.auth, context.requestId),
      };
      context.scopes.set(name, scope);
    }
    const run = () =>
      execute({
        schema,
        document,
        variableValues: request.variables,
        operationName: request.operationName,
        contextValue: scope,
      });
    // A module's resolvers run bound to the caller's clinic (none for an anonymous caller): PostgreSQL's
    // row-level security filters every statement they issue. The core's own subgraph (login, setup, the
    // module lifecycle) is the platform's maintenance path and filters by clinic itself.
    const result = await (name === 'core' ? run() : bindClinic(context.auth.identity?.clinicId ?? null, run));
    return {
      data: result.data,
      ...(result.errors?.length ? { errors: result.errors.map((e) => formatResolverError(e, context.requestId)) } : {}),
    };
  }
}
