import { defineModule, loadTypeDefs } from '@dentalpin/core';
import { manifest, permissions } from './manifest.ts';
import { InventoryCategory, InventoryItem, StockMovement } from './entities.ts';
import { resolvers } from './resolvers.ts';
import { tools } from './tools.ts';
import { InventoryService } from './service.ts';

export default defineModule({
  manifest,
  permissions,
  entities: [InventoryCategory, InventoryItem, StockMovement],
  typeDefs: loadTypeDefs(import.meta.url, './schema.graphql'),
  resolvers,
  tools,
  // By event name only: inventory does not depend on agenda.
  eventHandlers: {
    'appointment.completed': async (event, ctx) => {
      const p = event.payload as { appointment_id: string; treatment_type: string | null };
      await new InventoryService(ctx).consumeFor(p.appointment_id, p.treatment_type);
    },
  },
});
