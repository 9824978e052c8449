import { defineModule, loadTypeDefs } from '@dentalpin/core';
import { manifest, permissions } from './manifest.ts';
import { ENTITIES } from './entities.ts';
import { resolvers } from './resolvers.ts';
import { eventHandlers, events } from './events.ts';
import { toolExemptions, tools } from './tools.ts';
import { seedDemoSchedules } from './demo.ts';

export default defineModule({
  manifest,
  permissions,
  entities: ENTITIES,
  typeDefs: loadTypeDefs(import.meta.url, './schema.graphql'),
  resolvers,
  events,
  eventHandlers,
  tools,
  toolExemptions,
  // No install hook: a clinic without hours of its own works the default hours (service/hours.ts), so clinics
  // that exist at install have them at once, and a re-install writes nothing a restored backup would clash with.
  demo: seedDemoSchedules,
});
