import { defineModule, loadTypeDefs } from '@dentalpin/core';
import { manifest, permissions } from './manifest.ts';
import { entities } from './entities.ts';
import { resolvers } from './resolvers.ts';
import { toolExemptions, tools } from './tools.ts';
import { CatalogService } from './service/index.ts';
import { ensureClinicDefaults, ensureDefaultsForAllClinics } from './service/defaults.ts';

export default defineModule({
  manifest,
  permissions,
  entities,
  typeDefs: loadTypeDefs(import.meta.url, './schema.graphql'),
  resolvers,
  tools,
  toolExemptions,
  eventHandlers: { 'clinic.created': async (_event, ctx) => void (await new CatalogService(ctx).restoreDefaults()) },
  // Clinics that existed before the module get their default catalog; new clinics get it from `clinic.created`.
  async install(ctx) {
    const created = await ensureDefaultsForAllClinics(ctx.em);
    ctx.logger.info(`catalog: clinic defaults created ${JSON.stringify(created)}`);
  },
  async demo(ctx) {
    await ensureClinicDefaults(ctx.em, ctx.clinicId);
  },
});
