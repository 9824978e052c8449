import { defineModule, loadTypeDefs } from '@dentalpin/core';
import { manifest, permissions } from './manifest.ts';
import { resolvers } from './resolvers.ts';
import { tools } from './tools.ts';
import { accountingExportRoutes } from './service/http.ts';

export default defineModule({
  manifest,
  permissions,
  typeDefs: loadTypeDefs(import.meta.url, './schema.graphql'),
  resolvers,
  tools,
  http: accountingExportRoutes,
});
