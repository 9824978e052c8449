import { defineModule, loadTypeDefs } from '@dentalpin/core';
import { manifest, permissions } from './manifest.ts';
import { entities } from './entities.ts';
import { resolvers } from './resolvers.ts';
import { eventHandlers, events } from './events.ts';
import { toolExemptions, tools } from './tools.ts';
import { jobs } from './jobs.ts';

export { dispatchDue, backoffSeconds } from './service/dispatch.ts';

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
  jobs,
});
