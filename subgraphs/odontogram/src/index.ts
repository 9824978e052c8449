import { defineModule, loadTypeDefs } from '@dentalpin/core';
import { manifest, permissions } from './manifest.ts';
import { ToothChange, ToothRecord, Treatment, TreatmentTooth } from './entities.ts';
import { resolvers } from './resolvers.ts';
import { toolExemptions, tools } from './tools.ts';
import { events } from './events.ts';
import { seedDemoOdontograms } from './demo.ts';

export default defineModule({
  manifest,
  permissions,
  entities: [ToothRecord, ToothChange, Treatment, TreatmentTooth],
  typeDefs: loadTypeDefs(import.meta.url, './schema.graphql'),
  resolvers,
  tools,
  toolExemptions,
  events,
  demo: seedDemoOdontograms,
});
