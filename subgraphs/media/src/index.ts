import { defineModule, loadTypeDefs } from '@dentalpin/core';
import { manifest, permissions } from './manifest.ts';
import { Document, MediaAttachment, MediaOwnerType } from './entities.ts';
import { resolvers } from './resolvers.ts';
import { toolExemptions, tools } from './tools.ts';
import { eventHandlers, events } from './events.ts';
import { mediaRoutes } from './service/http.ts';
import { seedDemoDocuments } from './demo.ts';
import { backupMediaFiles } from './service/backup.ts';
import { configuredStore } from './service/store.ts';

export default defineModule({
  manifest,
  permissions,
  entities: [Document, MediaAttachment, MediaOwnerType],
  typeDefs: loadTypeDefs(import.meta.url, './schema.graphql'),
  resolvers,
  errorCodes: ['FILE_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'],
  tools,
  toolExemptions,
  events,
  eventHandlers,
  http: mediaRoutes,
  demo: seedDemoDocuments,
  /** The platform has dumped the tables; the files go beside them (the store keeps its copy). */
  async uninstall(ctx) {
    const store = configuredStore();
    const result = await backupMediaFiles(store);
    ctx.logger.info(`media: copied ${result.files} file(s) from ${store.location} to ${result.path}`);
  },
});
