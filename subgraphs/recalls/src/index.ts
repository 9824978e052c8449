import { defineModule, loadTypeDefs } from '@dentalpin/core';
import { manifest, permissions } from './manifest.ts';
import { ENTITIES } from './entities.ts';
import { resolvers } from './resolvers.ts';
import { eventHandlers, events } from './events.ts';
import { jobs } from './jobs.ts';
import { toolExemptions, tools } from './tools.ts';
import { seedDemoRecalls } from './demo.ts';

export default defineModule({
  manifest,
  permissions,
  entities: ENTITIES,
  typeDefs: loadTypeDefs(import.meta.url, './schema.graphql'),
  resolvers,
  events,
  eventHandlers,
  jobs,
  tools,
  toolExemptions,
  demo: seedDemoRecalls,
});
