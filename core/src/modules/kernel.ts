import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Database } from '../db/database.ts';
import { withAdvisoryLock } from '../db/database.ts';
import { createOrm, migrationsTableOf } from '../db/orm.ts';
import { backupTables } from './backup.ts';
import { injectFault } from './faults.ts';
import { DomainError } from '../errors.ts';
import { logger } from '../logger.ts';
import { discoverModules, type DiscoveredModule } from './discovery.ts';
import type { ValidationIssue } from './validator.ts';
import { dependencyClosure, topologicalSort } from './topology.ts';
import { ModuleStore, TRANSIENT_STATES, type ModuleRow, type ModuleState, type Operation } from './store.ts';
import { loadSeeds, parseSeedFile } from './seeds.ts';
import { listDeadEvents, type DeadEvent } from '../events/relay.ts';
import { config } from '../config.ts';

export interface ModuleInfo {
  name: string;
  version: string;
  /** The version of the code on disk (differs from `version` when an upgrade is available). */
  codeVersion: string | null;
  state: ModuleState;
  category: string;
  summary: string;
  depends: string[];
  removable: boolean;
  /** Why the module cannot be removed (from its manifest); null when it is removable. */
  nonRemovableReason: string | null;
  autoInstall: boolean;
  installedAt: string | null;
  upgradeAvailable: boolean;
  error: string | null;
}

export interface DoctorReport {
  ok: boolean;
  orphans: string[];
  missingDependencies: { module: string; missing: string }[];
  manifestErrors: { module: string; code: string; error: string }[];
  erroredModules: { module: string; error: string }[];
  upgradesAvailable: { module: string; installed: string; available: string }[];
  migrationDrift: { module: string; pending: string[]; unknown: string[] }[];
  /** Event deliveries that failed every retry (the handler needs fixing; then retry them). */
  deadEvents: DeadEvent[];
  /** Jobs of installed modules whose last run failed. */
  failingJobs: { job: string; error: string; failedAt: string }[];
}

export interface OperationOutcome {
  module: string;
  operation: Operation;
  status: 'completed' | 'failed' | 'skipped';
  error: string | null;
}

type StepFn = (m: DiscoveredModule, row: ModuleRow) => Promise<Record<string, unknown> | void>;

const refused = (message: string) => new DomainError('MODULE_OPERATION_REFUSED', message);

/**
 * The module system: discovery, the `core_module` state machine, and the pending processor that
 * applies scheduled operations step by step (each step logged; a failed run resumes at its failed step).
 */
export class ModuleKernel {
  readonly store: ModuleStore;
  private discovered = new Map<string, DiscoveredModule>();
  private order: string[] = [];
  issues: ValidationIssue[] = [];
  private readonly orms = new Map<string, Promise<MikroORM>>();

  constructor(
    private readonly db: Database,
    private readonly rootDir: string,
    private readonly extraDirs: readonly string[] = [],
  ) {
    this.store = new ModuleStore(db.knex);
  }

  async discover(): Promise<void> {
    const result = await discoverModules(this.rootDir, { extraDirs: this.extraDirs });
    this.discovered = new Map(result.modules.map((m) => [m.name, m]));
    this.order = result.modules.map((m) => m.name);
    this.issues = result.issues;
    for (const i of result.issues) logger.error(`module ${i.module} rejected: ${i.code} ${i.message}`);
  }

  /** Discovered, valid modules in dependency order. */
  modules(): DiscoveredModule[] {
    return this.order.map((n) => this.discovered.get(n)!);
  }

  module(name: string): DiscoveredModule | undefined {
    return this.discovered.get(name);
  }

  /** The module's ORM (its entities, its migrations history table), created once per process. */
  orm(name: string): Promise<MikroORM> {
    let orm = this.orms.get(name);
    if (!orm) {
      const m = this.discovered.get(name);
      if (!m) throw new DomainError('NOT_FOUND', `Module "${name}" is not available on this instance.`);
      orm = createOrm(this.db, { name, entities: m.definition.entities ?? [], migrations: m.migrations });
      this.orms.set(name, orm);
    }
    return orm;
  }

  /**
   * Brings `core_module` in line with the code on disk: new modules get a row (autoInstall ones
   * are scheduled for a real install); flags are refreshed; installed versions are never adopted silently.
   * Returns the modules it scheduled.
   */
  async reconcile(): Promise<string[]> {
    const rows = new Map((await this.store.all()).map((r) => [r.name, r]));
    const scheduled: string[] = [];
    for (const m of this.modules()) {
      const row = rows.get(m.name);
      if (!row) {
        await this.store.insert(m.manifest, 'uninstalled');
        if (m.manifest.autoInstall && m.manifest.installable) scheduled.push(...(await this.scheduleInstall(m.name)));
        continue;
      }
      await this.store.refreshFlags(m.manifest);
      if (row.state === 'uninstalled')
        await this.store.update(m.name, { version: m.manifest.version, manifest_snapshot: JSON.stringify(m.manifest) });
      else if (semver.lt(m.manifest.version, row.version))
        await this.store.markError(
          m.name,
          `the code on disk is version ${m.manifest.version}, older than the installed ${row.version}; downgrades are not supported`,
        );
    }
    return scheduled;
  }

  private requireModule(name: string): DiscoveredModule {
    const m = this.discovered.get(name);
    if (!m)
      throw new DomainError(
        'NOT_FOUND',
        `Module "${name}" is not available on this instance (see "dentalpin modules list").`,
      );
    return m;
  }

  private async requireRow(name: string): Promise<ModuleRow> {
    const row = await this.store.get(name);
    if (!row) throw new DomainError('NOT_FOUND', `Module "${name}" is not known to this instance.`);
    return row;
  }

  /** Schedules `name` and every dependency not yet installed; returns what was scheduled, dependencies first. */
  async scheduleInstall(name: string, force = false): Promise<string[]> {
    const target = this.requireModule(name);
    if (!target.manifest.installable && !force)
      throw refused(`Module "${name}" is marked installable=false; pass force to install it anyway.`);
    const chain = dependencyClosure(name, (n) => this.discovered.get(n)?.manifest.depends);
    const ordered = this.order.filter((n) => chain.includes(n));
    const scheduled: string[] = [];
    for (const n of ordered) {
      const m = this.discovered.get(n)!;
      const row = await this.store.get(n);
      if (!row) await this.store.insert(m.manifest, 'uninstalled');
      else if (['installed', 'to_install', 'to_upgrade'].includes(row.state)) continue;
      else if (row.state === 'to_remove' && row.installedAt) {
        // Installing a module scheduled for removal cancels the removal: its data is still there.
        await this.store.setState(n, 'installed', { run_id: null });
        scheduled.push(n);
        continue;
      }
      await this.store.setState(n, 'to_install', {
        version: m.manifest.version,
        manifest_snapshot: JSON.stringify(m.manifest),
        run_id: null,
      });
      scheduled.push(n);
    }
    return scheduled;
  }

  async scheduleUpgrade(name: string): Promise<string[]> {
    const m = this.requireModule(name);
    const row = await this.requireRow(name);
    if (row.state !== 'installed') throw refused(`Only installed modules can be upgraded; "${name}" is ${row.state}.`);
    if (semver.eq(m.manifest.version, row.version)) return [];
    if (semver.lt(m.manifest.version, row.version))
      throw refused(
        `The code of "${name}" (${m.manifest.version}) is older than the installed ${row.version}; downgrades are not supported.`,
      );
    await this.store.setState(name, 'to_upgrade', { run_id: null });
    return [name];
  }

  /** Installed (or scheduled, or disabled) modules that declare `name` among their dependencies. */
  private async dependentsOf(name: string, states: readonly ModuleState[]): Promise<string[]> {
    return (await this.store.all())
      .filter((r) => states.includes(r.state) && (r.manifestSnapshot.depends ?? []).includes(name))
      .map((r) => r.name);
  }

  /**
   * Schedules removal. Refused (unless forced) for non-removable modules and while installed modules
   * depend on it; the data is backed up before anything is dropped.
   */
  async scheduleUninstall(name: string, force = false): Promise<string[]> {
    const row = await this.requireRow(name);
    if (row.state === 'uninstalled') return [];
    const m = this.requireModule(name);
    if (!m.manifest.removable && !force)
      throw refused(
        `Module "${name}" cannot be removed: ${m.manifest.nonRemovableReason ?? 'it is marked removable=false'}. Pass force to remove it anyway.`,
      );
    const dependents = await this.dependentsOf(name, ['installed', 'to_install', 'to_upgrade', 'disabled']);
    if (dependents.length && !force)
      throw refused(
        `Cannot uninstall "${name}": required by ${dependents.join(', ')}. Uninstall them first or pass force.`,
      );
    await this.store.setState(name, 'to_remove', { run_id: null });
    return [name];
  }

  /** Takes an installed module out of service without touching its data. */
  async disable(name: string, force = false): Promise<string[]> {
    const row = await this.requireRow(name);
    if (row.state === 'disabled') return [];
    if (row.state !== 'installed') throw refused(`Only installed modules can be disabled; "${name}" is ${row.state}.`);
    const dependents = await this.dependentsOf(name, ['installed', 'to_upgrade']);
    if (dependents.length && !force)
      throw refused(
        `Cannot disable "${name}": ${dependents.join(', ')} depend on it. Disable them first or pass force.`,
      );
    await this.store.setState(name, 'disabled');
    return [name];
  }

  async enable(name: string): Promise<string[]> {
    const row = await this.requireRow(name);
    if (row.state === 'installed') return [];
    if (row.state !== 'disabled') throw refused(`Only disabled modules can be enabled; "${name}" is ${row.state}.`);
    const m = this.requireModule(name);
    const rows = new Map((await this.store.all()).map((r) => [r.name, r]));
    const dark = m.manifest.depends.filter((d) => rows.get(d)?.state !== 'installed');
    if (dark.length)
      throw refused(`Cannot enable "${name}": its dependencies ${dark.join(', ')} are not installed and enabled.`);
    await this.store.setState(name, 'installed');
    return [name];
  }

  /** Applied migrations that differ from the module's files (pending ones, or ones the files no longer have). */
  async migrationDrift(): Promise<{ module: string; pending: string[]; unknown: string[] }[]> {
    const drift: { module: string; pending: string[]; unknown: string[] }[] = [];
    for (const row of await this.store.all()) {
      const m = this.discovered.get(row.name);
      if (!m || !['installed', 'disabled'].includes(row.state)) continue;
      const table = migrationsTableOf(m.name);
      const { rows } = await this.db.knex.raw('select to_regclass(?) is not null as ok', [`public.${table}`]);
      const applied: string[] = rows[0].ok ? await this.db.knex(table).pluck('name') : [];
      const files = m.migrations.map((x) => x.name);
      const strip = (n: string) => n.replace(/\.(ts|js|mjs)$/, '');
      const pending = files.filter((f) => !applied.map(strip).includes(f));
      const unknown = applied.map(strip).filter((a) => !files.includes(a));
      if (pending.length || unknown.length) drift.push({ module: m.name, pending, unknown });
    }
    return drift;
  }

  // ---- the pending processor -------------------------------------------------------------

  private readonly steps: Record<Operation, [string, StepFn][]> = {
    install: [
      ['migrate', (m) => this.migrateUp(m)],
      ['seed', (m) => this.seed(m)],
      ['lifecycle', (m) => this.hook(m, (ctx) => m.definition.install?.(ctx))],
      ['finalize', (m) => this.finalizeInstalled(m)],
    ],
    upgrade: [
      ['migrate', (m) => this.migrateUp(m)],
      ['seed', (m) => this.seed(m)],
      ['lifecycle', (m, row) => this.hook(m, (ctx) => m.definition.postUpgrade?.(ctx, row.version))],
      ['finalize', (m) => this.finalizeInstalled(m)],
    ],
    uninstall: [
      ['backup', (m) => this.backup(m)],
      ['lifecycle', (m) => this.hook(m, (ctx) => m.definition.uninstall?.(ctx))],
      ['delete_data', (m) => this.deleteSeededData(m)],
      ['migrate_down', (m) => this.migrateDown(m)],
      ['finalize', (m) => this.finalizeUninstalled(m)],
    ],
  };

  /** Applies every scheduled operation (one processor at a time across processes). */
  async runPending(): Promise<OperationOutcome[]> {
    return withAdvisoryLock(this.db, 'dentalpin.modules.processor', async () => {
      const pending = (await this.store.all()).filter((r) => TRANSIENT_STATES.includes(r.state));
      const known = pending.filter((r) => this.discovered.has(r.name));
      const ordered = topologicalSort(
        known,
        (r) => r.name,
        (r) => this.discovered.get(r.name)!.manifest.depends.filter((d) => known.some((k) => k.name === d)),
      );
      // Installs and upgrades go dependencies first; removals go last, dependents first.
      const removals = ordered.filter((r) => r.state === 'to_remove').reverse();
      const sequence = [...ordered.filter((r) => r.state !== 'to_remove'), ...removals];
      const outcomes: OperationOutcome[] = [];
      const failed = new Set<string>();
      for (const row of sequence) {
        const operation: Operation =
          row.state === 'to_install' ? 'install' : row.state === 'to_upgrade' ? 'upgrade' : 'uninstall';
        const blockedBy =
          operation === 'uninstall'
            ? undefined
            : this.discovered.get(row.name)!.manifest.depends.find((d) => failed.has(d));
        if (blockedBy) {
          const error = `waiting for dependency "${blockedBy}", whose ${operation} failed`;
          await this.store.markError(row.name, error);
          failed.add(row.name);
          outcomes.push({ module: row.name, operation, status: 'skipped', error });
          continue;
        }
        try {
          await this.runOperation(row, operation);
          outcomes.push({ module: row.name, operation, status: 'completed', error: null });
        } catch (e) {
          const error = (e as Error).message;
          failed.add(row.name);
          await this.store.markError(row.name, error);
          logger.error(`module ${row.name}: ${operation} failed: ${error}`);
          outcomes.push({ module: row.name, operation, status: 'failed', error });
        }
      }
      return outcomes;
    });
  }

  private async runOperation(row: ModuleRow, operation: Operation): Promise<void> {
    const m = this.discovered.get(row.name)!;
    const runId = row.runId ?? randomUUID();
    if (!row.runId) await this.store.update(row.name, { run_id: runId });
    const done = await this.store.completedSteps(runId);
    for (const [step, fn] of this.steps[operation]) {
      if (done.has(step)) continue;
      const base = { moduleName: m.name, runId, operation, step };
      await this.store.logStep({ ...base, status: 'started' });
      try {
        injectFault(m.name, operation, step);
        const details = (await fn(m, row)) ?? undefined;
        await this.store.logStep({ ...base, status: 'completed', details });
      } catch (e) {
        await this.store.logStep({ ...base, status: 'failed', details: { error: (e as Error).message } });
        throw new Error(`${step}: ${(e as Error).message}`, { cause: e });
      }
    }
  }

  private async migrateUp(m: DiscoveredModule) {
    const orm = await this.orm(m.name);
    const applied = await orm.getMigrator().up();
    return { applied: applied.map((a) => a.name) };
  }

  private async seed(m: DiscoveredModule) {
    const files = m.manifest.dataFiles.map((f) => {
      const path = join(m.packageDir, f);
      if (!existsSync(path)) throw new Error(`data file ${f} of module ${m.name} does not exist (${path})`);
      return { path, entries: parseSeedFile(path) };
    });
    if (!files.length) return { files: 0 };
    const result = await this.db.knex.transaction((trx) =>
      loadSeeds(trx, { module: m.name, depends: m.manifest.depends }, files),
    );
    return { files: files.length, ...result };
  }

  private async hook(
    m: DiscoveredModule,
    run: (ctx: import('./define.ts').ModuleHookContext) => Promise<void> | undefined,
  ) {
    const orm = await this.orm(m.name);
    await orm.em.fork().transactional(async (em) => {
      await run({ moduleName: m.name, em, logger });
    });
  }

  private backupDir(): string {
    return config().backup.dir ?? join(this.rootDir, 'storage', 'backups');
  }

  /** The module's tables that exist now, in creation order (parents first). */
  async tablesOf(m: DiscoveredModule): Promise<string[]> {
    const existing: string[] = [];
    for (const t of m.footprint.creates) {
      const { rows } = await this.db.knex.raw('select to_regclass(?) is not null as ok', [`public.${t}`]);
      if (rows[0].ok) existing.push(t);
    }
    return existing;
  }

  private async backup(m: DiscoveredModule) {
    const result = await backupTables(this.db, m.name, await this.tablesOf(m), this.backupDir());
    logger.info(`module ${m.name}: backed up ${result.rows} rows to ${result.path}`);
    return { ...result };
  }

  /**
   * Records the module seeded into other modules' tables are deleted (newest first), then every
   * pointer; records in its own tables go with those tables in migrate_down.
   */
  private async deleteSeededData(m: DiscoveredModule) {
    return this.db.knex.transaction(async (trx) => {
      const pointers = await trx('core_external_id').where({ module_name: m.name }).orderBy('created_at', 'desc');
      let records = 0;
      for (const p of pointers) {
        if (m.footprint.creates.includes(p.table_name)) continue;
        const { rows } = await trx.raw('select to_regclass(?) is not null as ok', [`public.${p.table_name}`]);
        if (rows[0].ok) records += await trx(p.table_name).where({ id: p.record_id }).delete();
      }
      const ids = await trx('core_external_id').where({ module_name: m.name }).delete();
      return { records, externalIds: ids };
    });
  }

  private async migrateDown(m: DiscoveredModule) {
    const orm = await this.orm(m.name);
    const reverted = await orm.getMigrator().down({ to: 0 });
    await this.db.knex.schema.dropTableIfExists(migrationsTableOf(m.name));
    return { reverted: reverted.map((r) => r.name) };
  }

  private async finalizeUninstalled(m: DiscoveredModule) {
    // Its jobs' schedule goes with it (a re-install starts them afresh).
    await this.db.knex('core_job').where({ module_name: m.name }).delete();
    await this.store.setState(m.name, 'uninstalled', {
      version: m.manifest.version,
      manifest_snapshot: JSON.stringify(m.manifest),
      installed_at: null,
      run_id: null,
    });
  }

  private async finalizeInstalled(m: DiscoveredModule) {
    await this.store.setState(m.name, 'installed', {
      version: m.manifest.version,
      manifest_snapshot: JSON.stringify(m.manifest),
      installed_at: this.db.knex.raw('coalesce(installed_at, now())'),
      run_id: null,
    });
  }

  // ---- reading --------------------------------------------------------------------------

  /** Installed modules whose dependencies are all active, in dependency order. */
  async activeModules(): Promise<DiscoveredModule[]> {
    const rows = new Map((await this.store.all()).map((r) => [r.name, r]));
    const active = new Set<string>();
    const out: DiscoveredModule[] = [];
    for (const m of this.modules()) {
      const row = rows.get(m.name);
      if (row?.state !== 'installed' || semver.lt(m.manifest.version, row.version)) continue;
      if (!m.manifest.depends.every((d) => active.has(d))) continue;
      active.add(m.name);
      out.push(m);
    }
    return out;
  }

  private infoOf(row: ModuleRow | undefined, m: DiscoveredModule | undefined): ModuleInfo {
    const manifest = m?.manifest ?? row!.manifestSnapshot;
    const version = row?.version ?? m!.manifest.version;
    const codeVersion = m?.manifest.version ?? null;
    return {
      name: row?.name ?? m!.name,
      version,
      codeVersion,
      state: row?.state ?? 'uninstalled',
      category: row?.category ?? m!.manifest.category,
      summary: manifest.summary ?? '',
      depends: [...(manifest.depends ?? [])],
      removable: row?.removable ?? m!.manifest.removable,
      nonRemovableReason: (row?.removable ?? m!.manifest.removable) ? null : (manifest.nonRemovableReason ?? null),
      autoInstall: row?.autoInstall ?? m!.manifest.autoInstall,
      installedAt: row?.installedAt ? row.installedAt.toISOString() : null,
      upgradeAvailable: !!row && row.state === 'installed' && !!codeVersion && semver.gt(codeVersion, version),
      error: row?.errorMessage && row.state !== 'installed' ? row.errorMessage : (row?.errorMessage ?? null),
    };
  }

  async list(): Promise<ModuleInfo[]> {
    const rows = new Map((await this.store.all()).map((r) => [r.name, r]));
    const names = [...new Set([...this.order, ...rows.keys()])].sort();
    return names.map((n) => this.infoOf(rows.get(n), this.discovered.get(n)));
  }

  async info(name: string): Promise<ModuleInfo> {
    const row = (await this.store.get(name)) ?? undefined;
    const m = this.discovered.get(name);
    if (!row && !m) throw new DomainError('NOT_FOUND', `Module "${name}" is not known to this instance.`);
    return this.infoOf(row, m);
  }

  async status() {
    const list = await this.list();
    const byState: Record<string, number> = {};
    for (const i of list) byState[i.state] = (byState[i.state] ?? 0) + 1;
    return {
      total: list.length,
      byState,
      pending: list.filter((i) => TRANSIENT_STATES.includes(i.state)).map((i) => i.name),
      errored: list.filter((i) => i.error).map((i) => i.name),
      upgradesAvailable: list.filter((i) => i.upgradeAvailable).map((i) => i.name),
    };
  }

  async doctor(): Promise<DoctorReport> {
    const rows = await this.store.all();
    const rowNames = new Set(rows.map((r) => r.name));
    const orphans = rows
      .filter((r) => !this.discovered.has(r.name) && !['uninstalled', 'disabled'].includes(r.state))
      .map((r) => r.name);
    const missingDependencies: DoctorReport['missingDependencies'] = [];
    for (const r of rows)
      if (r.state !== 'uninstalled')
        for (const d of r.manifestSnapshot.depends ?? [])
          if (!this.discovered.has(d) && !rowNames.has(d)) missingDependencies.push({ module: r.name, missing: d });
    const report: DoctorReport = {
      orphans,
      missingDependencies,
      manifestErrors: this.issues.map((i) => ({ module: i.module, code: i.code, error: i.message })),
      erroredModules: rows.filter((r) => r.errorMessage).map((r) => ({ module: r.name, error: r.errorMessage! })),
      upgradesAvailable: rows
        .filter((r) => r.state === 'installed' && this.discovered.has(r.name))
        .filter((r) => semver.gt(this.discovered.get(r.name)!.manifest.version, r.version))
        .map((r) => ({
          module: r.name,
          installed: r.version,
          available: this.discovered.get(r.name)!.manifest.version,
        })),
      migrationDrift: await this.migrationDrift(),
      deadEvents: await listDeadEvents(this.db),
      failingJobs: (
        await this.db
          .knex('core_job')
          .whereNotNull('last_error')
          .where((q) =>
            q
              .where({ module_name: 'core' })
              .orWhereIn('module_name', this.db.knex('core_module').where({ state: 'installed' }).select('name')),
          )
          .orderBy('name')
          .select('name', 'last_error', 'last_finished_at')
      ).map((j: { name: string; last_error: string; last_finished_at: Date }) => ({
        job: j.name,
        error: j.last_error.split('\n')[0]!,
        failedAt: new Date(j.last_finished_at).toISOString(),
      })),
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
      !report.migrationDrift.length;
    return report;
  }

  async close(): Promise<void> {
    // Module ORMs share the process pool (closed by the Database); nothing else to release.
    this.orms.clear();
  }
}
