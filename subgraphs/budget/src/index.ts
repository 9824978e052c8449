import { defineModule, loadTypeDefs } from '@dentalpin/core';
import { manifest, permissions } from './manifest.ts';
import { entities } from './entities.ts';
import { resolvers } from './resolvers.ts';
import { events } from './events.ts';
import { toolExemptions, tools } from './tools.ts';
import { expireBudgets } from './service.ts';
import { seedDemoBudgets } from './demo.ts';

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
  jobs: {
    expire_budgets: {
      everySeconds: 3600,
      description: 'DRAFT and SENT budgets whose validUntil has passed (clinic time zone) become EXPIRED.',
      async run(ctx) {
        const expired = await expireBudgets(ctx.em, ctx.now);
        if (expired) ctx.logger.info(`budget: ${expired} budget(s) expired`);
      },
    },
  },
});
