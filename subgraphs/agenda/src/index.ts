import { defineModule, loadTypeDefs } from '@dentalpin/core';
import { manifest, permissions } from './manifest.ts';
import { ENTITIES } from './entities.ts';
import { resolvers } from './resolvers.ts';
import { eventHandlers, events } from './events.ts';
import { subscriptions } from './subscriptions.ts';
import { seedDemoAgenda } from './demo.ts';
import { toolExemptions, tools } from './tools.ts';
import { AppointmentRemindersAgent } from './agents.ts';
import { ensureDefaultCabinet } from './service/index.ts';

export default defineModule({
  manifest,
  permissions,
  // CABINET_REQUIRED: an IN_TREATMENT appointment needs a cabinet; SLOT_CONFLICT: the slot is taken.
  errorCodes: ['CABINET_REQUIRED', 'SLOT_CONFLICT'],
  entities: ENTITIES,
  typeDefs: loadTypeDefs(import.meta.url, './schema.graphql'),
  resolvers,
  events,
  eventHandlers,
  subscriptions,
  tools,
  toolExemptions,
  agents: [new AppointmentRemindersAgent()],
  demo: seedDemoAgenda,
  /** Every clinic that exists at install time gets its default cabinet (new clinics get it via clinic.created). */
  async install(ctx) {
    const clinics = await ctx.em
      .getConnection()
      .execute<{ id: string }[]>('select id from clinics', [], 'all', ctx.em.getTransactionContext());
    for (const c of clinics) await ensureDefaultCabinet(ctx.em, c.id);
  },
});
