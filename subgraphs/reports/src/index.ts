import { defineModule, loadTypeDefs } from '@dentalpin/core';
import { manifest, permissions } from './manifest.ts';
import { resolvers } from './resolvers.ts';
import { toolExemptions, tools } from './tools.ts';

/** No entities, no migrations: every report reads the other modules through the supergraph, as the caller. */
export default defineModule({
  manifest,
  permissions,
  typeDefs: loadTypeDefs(import.meta.url, './schema.graphql'),
  resolvers,
  tools,
  toolExemptions,
});
