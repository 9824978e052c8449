import { defineModule, loadTypeDefs } from '@dentalpin/core';
import { manifest, permissions } from './manifest.ts';
import { InventoryCategory, InventoryItem, StockMovement } from './entities.ts';
import { resolvers } from './resolvers.ts';
import { tools } from './tools.ts';

export default defineModule({
  manifest,
  permissions,
  entities: [InventoryCategory, InventoryItem, StockMovement],
  typeDefs: loadTypeDefs(import.meta.url, './schema.graphql'),
  resolvers,
  tools,
});
