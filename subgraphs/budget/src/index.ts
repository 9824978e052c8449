import { defineModule, loadTypeDefs } from '@dentalpin/core';
import { manifest, permissions } from './manifest.ts';
import { entities } from './entities.ts';
import { resolvers } from './resolvers.ts';
import { events } from './events.ts';
import { toolExemptions, tools } from './tools.ts';
import { jobs } from './jobs.ts';
import { seedDemoBudgets } from './demo.ts';
import { budgetRoutes, budgetPdf } from './service/document.ts';

export default defineModule({
  manifest,
  permissions,
  entities,
  typeDefs: loadTypeDefs(import.meta.url, './schema.graphql'),
  resolvers,
  events,
  tools,
  toolExemptions,
  demo: seedDemoBudgets,
  jobs,
  http: budgetRoutes,
  // The same PDF for other modules through the core (notifications attaches it to its e-mail).
  documents: { 'budget.budget': { render: budgetPdf } },
});
