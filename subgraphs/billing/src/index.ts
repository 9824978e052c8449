import { seedDemoBilling } from './demo.ts';
import { defineModule, loadTypeDefs } from '@dentalpin/core';
import { manifest, permissions } from './manifest.ts';
import { entities } from './entities.ts';
import { resolvers } from './resolvers.ts';
import { eventHandlers, events } from './events.ts';
import { toolExemptions, tools } from './tools.ts';
import { ensureDefaultSeriesForAllClinics } from './service/index.ts';
import { billingRoutes, invoicePdf } from './service/document.ts';

export default defineModule({
  manifest,
  permissions,
  entities,
  typeDefs: loadTypeDefs(import.meta.url, './schema.graphql'),
  resolvers,
  events,
  eventHandlers,
  tools,
  toolExemptions,
  http: billingRoutes,
  // The same PDF for other modules through the core (notifications attaches it to its e-mail).
  documents: { 'billing.invoice': { render: invoicePdf } },
  // Clinics that existed before the module get FAC and RECT; new clinics get them from `clinic.created`.
  async install(ctx) {
    const created = await ensureDefaultSeriesForAllClinics(ctx.em);
    ctx.logger.info(`billing: ${created} default series created`);
  },
  demo: seedDemoBilling,
});
