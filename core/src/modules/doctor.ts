import semver from 'semver';
import type { Database } from '../db/database.ts';
import { migrationsTableOf } from '../db/orm.ts';
import type { DiscoveredModule } from './discovery.ts';
import type { ModuleStore } from './store.ts';
import type { ValidationIssue } from './validator.ts';
import { listDeadEvents, type DeadEvent } from '../events/relay.ts';
import { agentContractIssues } from '../agents/contract.ts';
import { TENANT_TABLE_WITHOUT_POLICY, tenantTables, unprotected } from '../db/tenancy.ts';
import { liveServers, serverName, type OutdatedModule } from '../server/presence.ts';

/** A module whose applied migrations differ from its files. */
export interface MigrationDrift {
  module: string;
  pending: string[];
  unknown: string[];
}

export interface DoctorReport {
  ok: boolean;
  orphans: string[];
  missingDependencies: { module: string; missing: string }[];
  manifestErrors: { module: string; code: string; error: string }[];
  erroredModules: { module: string; error: string }[];
  upgradesAvailable: { module: string; installed: string; available: string }[];
  migrationDrift: MigrationDrift[];
  /** Event deliveries that failed every retry (the handler needs fixing; then retry them). */
  deadEvents: DeadEvent[];
  /** Jobs of installed modules whose last run failed. */
  failingJobs: { job: string; error: string; failedAt: string }[];
  /**
   * Tables with a `clinic_id` column that PostgreSQL does not isolate (RLS not enabled or not forced, or no
   * `dentalpin_clinic_isolation` policy): code TENANT_TABLE_WITHOUT_POLICY. `dentalpin db migrate` restores them.
   */
  tenantTablesWithoutPolicy: { table: string; code: typeof TENANT_TABLE_WITHOUT_POLICY }[];
  /** Running servers that serve a module with older code than installed (restart them to load the new code). */
  outdatedServers: ({ server: string } & OutdatedModule)[];
}

/** What the doctor reads: the database, `core_module`, and the modules discovered now (with their issues). */
export interface DoctorInputs {
  db: Database;
  store: ModuleStore;
  discovered: ReadonlyMap<string, DiscoveredModule>;
  issues: readonly ValidationIssue[];
}

/** Applied migrations that differ from the module's files (pending ones, or ones the files no longer have). */
async function migrationDrift({ db, store, discovered }: DoctorInputs): Promise<MigrationDrift[]> {
  const drift: MigrationDrift[] = [];
  for (const row of await store.all()) {
    const m = discovered.get(row.name);
    if (!m || !['installed', 'disabled'].includes(row.state)) continue;
    const table = migrationsTableOf(m.name);
    const { rows } = await db.knex.raw('select to_regclass(?) is not null as ok', [`public.${table}`]);
    const applied: string[] = rows[0].ok ? await db.knex(table).pluck('name') : [];
    const files = m.migrations.map((x) => x.name);
    const strip = (n: string) => n.replace(/\.(ts|js|mjs)$/, '');
    const pending = files.filter((f) => !applied.map(strip).includes(f));
    const unknown = applied.map(strip).filter((a) => !files.includes(a));
    if (pending.length || unknown.length) drift.push({ module: m.name, pending, unknown });
  }
  return drift;
}

/** The doctor: everything about the installed modules that needs a person (`dentalpin modules doctor`). */
export async function diagnoseModules(inputs: DoctorInputs): Promise<DoctorReport> {
  const { db, store, discovered, issues } = inputs;
  const rows = await store.all();
  const rowNames = new Set(rows.map((r) => r.name));
  const orphans = rows
    .filter((r) => !discovered.has(r.name) && !['uninstalled', 'disabled'].includes(r.state))
    .map((r) => r.name);
  const missingDependencies: DoctorReport['missingDependencies'] = [];
  for (const r of rows)
    if (r.state !== 'uninstalled')
      for (const d of r.manifestSnapshot.depends ?? [])
        if (!discovered.has(d) && !rowNames.has(d)) missingDependencies.push({ module: r.name, missing: d });
  const report: DoctorReport = {
    orphans,
    missingDependencies,
    // A module's obligations beyond its manifest, with the codes the tests use: the agent tool contract
    // (MUTATION_WITHOUT_TOOL, UNKNOWN_TOOL_PERMISSION, STALE_EXEMPTION, UNKNOWN_MUTATION_REFERENCE).
    manifestErrors: [
      ...issues,
      ...[...discovered.values()].flatMap((m) => agentContractIssues(m, [...discovered.values()])),
    ].map((i) => ({ module: i.module, code: i.code, error: i.message })),
    erroredModules: rows.filter((r) => r.errorMessage).map((r) => ({ module: r.name, error: r.errorMessage! })),
    upgradesAvailable: rows
      .filter((r) => r.state === 'installed' && discovered.has(r.name))
      .filter((r) => semver.gt(discovered.get(r.name)!.manifest.version, r.version))
      .map((r) => ({
        module: r.name,
        installed: r.version,
        available: discovered.get(r.name)!.manifest.version,
      })),
    migrationDrift: await migrationDrift(inputs),
    deadEvents: await listDeadEvents(db),
    failingJobs: (
      await db
        .knex('core_job')
        .whereNotNull('last_error')
        .where((q) =>
          q
            .where({ module_name: 'core' })
            .orWhereIn('module_name', db.knex('core_module').where({ state: 'installed' }).select('name')),
        )
        .orderBy('name')
        .select('name', 'last_error', 'last_finished_at')
    ).map((j: { name: string; last_error: string; last_finished_at: Date }) => ({
      job: j.name,
      error: j.last_error.split('\n')[0]!,
      failedAt: new Date(j.last_finished_at).toISOString(),
    })),
    tenantTablesWithoutPolicy: (await tenantTables(db.knex))
      .filter(unprotected)
      .map((t) => ({ table: `${t.schema}.${t.table}`, code: TENANT_TABLE_WITHOUT_POLICY })),
    outdatedServers: (await liveServers(db.knex)).flatMap((s) =>
      s.outdatedModules.map((o) => ({ server: serverName(s), ...o })),
    ),
    ok: true,
  };
  report.ok =
    !report.deadEvents.length &&
    !report.failingJobs.length &&
    !report.orphans.length &&
    !report.missingDependencies.length &&
    !report.manifestErrors.length &&
    !report.erroredModules.length &&
    !report.upgradesAvailable.length &&
    !report.migrationDrift.length &&
    !report.tenantTablesWithoutPolicy.length &&
    !report.outdatedServers.length;
  return report;
}
