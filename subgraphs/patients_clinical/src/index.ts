import { defineModule, loadTypeDefs } from '@dentalpin/core';
import { manifest, permissions } from './manifest.ts';
import {
  Allergy,
  EmergencyContact,
  LegalGuardian,
  MedicalAuditEntry,
  MedicalContext,
  Medication,
  SurgicalProcedure,
  SystemicDisease,
} from './entities.ts';
import { resolvers } from './resolvers.ts';
import { toolExemptions, tools } from './tools.ts';
import { seedDemoMedicalHistory } from './demo.ts';
import { refuseUninstallWhileRecordsExist } from './service/retention.ts';
import { events } from './events.ts';

export default defineModule({
  manifest,
  permissions,
  entities: [
    MedicalContext,
    Allergy,
    Medication,
    SystemicDisease,
    SurgicalProcedure,
    EmergencyContact,
    LegalGuardian,
    MedicalAuditEntry,
  ],
  typeDefs: loadTypeDefs(import.meta.url, './schema.graphql'),
  events,
  resolvers,
  tools,
  toolExemptions,
  demo: seedDemoMedicalHistory,
  uninstall: refuseUninstallWhileRecordsExist,
});
