import { defineModule, loadTypeDefs } from '@dentalpin/core';
import { manifest, permissions } from './manifest.ts';
import { Patient } from './entities.ts';
import { resolvers } from './resolvers.ts';
import { seedDemoPatients } from './demo.ts';
import { toolExemptions, tools } from './tools.ts';
import { events } from './events.ts';

export default defineModule({
  manifest,
  permissions,
  entities: [Patient],
  typeDefs: loadTypeDefs(import.meta.url, './schema.graphql'),
  resolvers,
  tools,
  toolExemptions,
  events,
  demo: seedDemoPatients,
});
