import { defineModule, loadTypeDefs } from '@dentalpin/core';
import { manifest, permissions } from './manifest.ts';
import { ENTITIES } from './entities.ts';
import { resolvers } from './resolvers.ts';
import { eventHandlers, events } from './events.ts';
import { toolExemptions, tools } from './tools.ts';
import { seedDemoSchedules } from './demo.ts';
import { ensureDefaultHours } from './service/index.ts';

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
  demo: seedDemoSchedules,
  /** Every clinic that exists at install time gets the default hours (new clinics get them via clinic.created). */
  async install(ctx) {
    const clinics = await ctx.em
      .getConnection()
      .execute<{ id: string }[]>('select id from clinics', [], 'all', ctx.em.getTransactionContext());
    for (const c of clinics) await ensureDefaultHours(ctx.em, c.id);
  },
});
