import semver from 'semver';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Database } from '../db/database.ts';
import { createOrm } from '../db/orm.ts';
import { DomainError } from '../errors.ts';
import { logger } from '../logger.ts';
import { discoverModules, type DiscoveredModule } from './discovery.ts';
import type { ValidationIssue } from './validator.ts';
import { dependencyClosure } from './topology.ts';
import { ModuleStore, TRANSIENT_STATES, type ModuleRow, type ModuleState } from './store.ts';
import { PendingProcessor, type OperationOutcome } from './pending.ts';
import { diagnoseModules, type DoctorReport } from './doctor.ts';
import { agentContractIssues } from '../agents/contract.ts';

export type { OperationOutcome } from './pending.ts';
export type { DoctorReport } from './doctor.ts';

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
  /** The error's `reason` and parameters, when it has them (a client words the error from these). */
  errorDetails: Record<string, unknown> | null;
}

/**
 * A refused module operation. `details` (a `reason`, the names involved, `forceable` when force overrides it) let
 * a client word the refusal in its person's language and offer force only where it applies.
 */
const refused = (message: string, details?: Record<string, unknown>) =>
  new DomainError('MODULE_OPERATION_REFUSED', message, details);

/**
 * The module system: discovery and the `core_module` state machine (scheduling operations, reading state).
 * The pending processor (pending.ts) applies what is scheduled; the doctor (doctor.ts) reports what needs a person.
 */
export class ModuleKernel {
  readonly store: ModuleStore;
  private discovered = new Map<string, DiscoveredModule>();
  private order: string[] = [];
  issues: ValidationIssue[] = [];
  private readonly orms = new Map<string, Promise<MikroORM>>();
  private readonly pending: PendingProcessor;

  constructor(
    private readonly db: Database,
    private readonly rootDir: string,
    private readonly extraDirs: readonly string[] = [],
  ) {
    this.store = new ModuleStore(db.knex);
    this.pending = new PendingProcessor({
      db,
      store: this.store,
      rootDir,
      module: (name) => this.discovered.get(name),
      orm: (name) => this.orm(name),
    });
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
          { reason: 'MODULE_CODE_OLDER', codeVersion: m.manifest.version, installed: row.version },
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
      throw refused(`Module "${name}" is marked installable=false; pass force to install it anyway.`, {
        reason: 'MODULE_NOT_INSTALLABLE',
        module: name,
        forceable: true,
      });
    const chain = dependencyClosure(name, (n) => this.discovered.get(n)?.manifest.depends);
    const ordered = this.order.filter((n) => chain.includes(n));
    // Every module of the chain meets the agent tool contract before anything is scheduled (CLI, GraphQL, web).
    const problems = ordered.flatMap((n) => agentContractIssues(this.discovered.get(n)!, this.modules()));
    if (problems.length && !force)
      throw new DomainError(
        'MODULE_OPERATION_REFUSED',
        [
          `Module "${name}" does not meet the module contract:`,
          ...problems.map((i) => `- ${i.module}: ${i.code}: ${i.message}`),
          'Fix it (docs/creating-modules.md, "Agent tools"), or pass force to install it anyway.',
        ].join('\n'),
        { reason: 'MODULE_CONTRACT', module: name, problems, forceable: true },
      );
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
    if (row.state !== 'installed')
      throw refused(`Only installed modules can be upgraded; "${name}" is ${row.state}.`, {
        reason: 'MODULE_UPGRADE_STATE',
        module: name,
        state: row.state,
      });
    if (semver.eq(m.manifest.version, row.version)) return [];
    if (semver.lt(m.manifest.version, row.version))
      throw refused(
        `The code of "${name}" (${m.manifest.version}) is older than the installed ${row.version}; downgrades are not supported.`,
        { reason: 'MODULE_DOWNGRADE', module: name, codeVersion: m.manifest.version, installed: row.version },
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
        `Module "${name}" cannot be removed: ${sentence(m.manifest.nonRemovableReason ?? 'it is marked removable=false')} Pass force (\`--force\` on the command line) to remove it anyway.`,
        {
          reason: 'MODULE_NOT_REMOVABLE',
          module: name,
          why: sentence(m.manifest.nonRemovableReason ?? 'it is marked removable=false'),
          forceable: true,
        },
      );
    const dependents = await this.dependentsOf(name, ['installed', 'to_install', 'to_upgrade', 'disabled']);
    if (dependents.length && !force)
      throw refused(
        `Cannot uninstall "${name}": required by ${dependents.join(', ')}. Uninstall them first or pass force.`,
        { reason: 'MODULE_REQUIRED_BY', module: name, dependents: dependents.join(', '), forceable: true },
      );
    await this.store.setState(name, 'to_remove', { run_id: null });
    return [name];
  }

  /** Takes an installed module out of service without touching its data. */
  async disable(name: string, force = false): Promise<string[]> {
    const row = await this.requireRow(name);
    if (row.state === 'disabled') return [];
    if (row.state !== 'installed')
      throw refused(`Only installed modules can be disabled; "${name}" is ${row.state}.`, {
        reason: 'MODULE_DISABLE_STATE',
        module: name,
        state: row.state,
      });
    const dependents = await this.dependentsOf(name, ['installed', 'to_upgrade']);
    if (dependents.length && !force)
      throw refused(
        `Cannot disable "${name}": ${dependents.join(', ')} depend on it. Disable them first or pass force.`,
        { reason: 'MODULE_DEPENDED_ON', module: name, dependents: dependents.join(', '), forceable: true },
      );
    await this.store.setState(name, 'disabled');
    return [name];
  }

  async enable(name: string): Promise<string[]> {
    const row = await this.requireRow(name);
    if (row.state === 'installed') return [];
    if (row.state !== 'disabled')
      throw refused(`Only disabled modules can be enabled; "${name}" is ${row.state}.`, {
        reason: 'MODULE_ENABLE_STATE',
        module: name,
        state: row.state,
      });
    const m = this.requireModule(name);
    const rows = new Map((await this.store.all()).map((r) => [r.name, r]));
    const dark = m.manifest.depends.filter((d) => rows.get(d)?.state !== 'installed');
    if (dark.length)
      throw refused(`Cannot enable "${name}": its dependencies ${dark.join(', ')} are not installed and enabled.`, {
        reason: 'MODULE_DEPENDENCIES_INACTIVE',
        module: name,
        dependencies: dark.join(', '),
      });
    await this.store.setState(name, 'installed');
    return [name];
  }

  /** Applies every scheduled operation (one processor at a time across processes). */
  runPending(): Promise<OperationOutcome[]> {
    return this.pending.run();
  }

  // ---- reading --------------------------------------------------------------------------

  /** Installed modules whose dependencies are all active, in dependency order. */
  async activeModules(servedNow: ReadonlySet<string> = new Set()): Promise<DiscoveredModule[]> {
    const rows = new Map((await this.store.all()).map((r) => [r.name, r]));
    const active = new Set<string>();
    const out: DiscoveredModule[] = [];
    for (const m of this.modules()) {
      const row = rows.get(m.name);
      if (row?.state !== 'installed') continue;
      // Code older than the installed version starts nothing; a process already serving it keeps it (another
      // process upgraded it meanwhile), and says so loudly (Platform.noteOutdated).
      if (semver.lt(m.manifest.version, row.version) && !servedNow.has(m.name)) continue;
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
      error: row?.errorMessage ?? null,
      errorDetails: row?.errorDetails ?? null,
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

  /** What needs a person about the modules (`dentalpin modules doctor`); see doctor.ts. */
  doctor(): Promise<DoctorReport> {
    return diagnoseModules({ db: this.db, store: this.store, discovered: this.discovered, issues: this.issues });
  }

  async close(): Promise<void> {
    // Module ORMs share the process pool (closed by the Database); nothing else to release.
    this.orms.clear();
  }
}

/** A manifest's reason as one sentence: ends with exactly one full stop, whatever its author wrote. */
function sentence(text: string): string {
  return `${text.trim().replace(/[.\s]+$/, '')}.`;
}
