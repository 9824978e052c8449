import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261126000001_core } from './Migration20261126000001_core.ts';
import { Migration20261126000002_events } from './Migration20261126000002_events.ts';
import { Migration20261126000003_jobs } from './Migration20261126000003_jobs.ts';
import { Migration20261126000010_agents } from './Migration20261126000010_agents.ts';
import { Migration20261202000030_sessions } from './Migration20261202000030_sessions.ts';
import { Migration20261202000040_recovery } from './Migration20261202000040_recovery.ts';
import { Migration20261202000041_core_subgraph_registry } from './Migration20261202000041_core_subgraph_registry.ts';
import { Migration20261202000050_supergraph } from './Migration20261202000050_supergraph.ts';
import { Migration20261202000060_row_level_security } from './Migration20261202000060_row_level_security.ts';
import { Migration20261202000070_core_server } from './Migration20261202000070_core_server.ts';
import { Migration20261203160000_session_previous_token } from './Migration20261203160000_session_previous_token.ts';
import { Migration20261203200000_module_error_details } from './Migration20261203200000_module_error_details.ts';

/** Core migrations, in order. Every module's migration set runs after these. */
export const coreMigrations: MigrationObject[] = [
  { name: 'Migration20261126000001_core', class: Migration20261126000001_core },
  { name: 'Migration20261126000002_events', class: Migration20261126000002_events },
  { name: 'Migration20261126000003_jobs', class: Migration20261126000003_jobs },
  { name: 'Migration20261126000010_agents', class: Migration20261126000010_agents },
  { name: 'Migration20261202000030_sessions', class: Migration20261202000030_sessions },
  { name: 'Migration20261202000040_recovery', class: Migration20261202000040_recovery },
  { name: 'Migration20261202000041_core_subgraph_registry', class: Migration20261202000041_core_subgraph_registry },
  { name: 'Migration20261202000050_supergraph', class: Migration20261202000050_supergraph },
  { name: 'Migration20261202000060_row_level_security', class: Migration20261202000060_row_level_security },
  { name: 'Migration20261202000070_core_server', class: Migration20261202000070_core_server },
  { name: 'Migration20261203160000_session_previous_token', class: Migration20261203160000_session_previous_token },
  { name: 'Migration20261203200000_module_error_details', class: Migration20261203200000_module_error_details },
];
