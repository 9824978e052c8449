import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Database } from '../db/database.ts';
import { withAdvisoryLock } from '../db/database.ts';
import { migrationsTableOf } from '../db/orm.ts';
import { applyAndVerifyTenancy } from '../db/tenancy.ts';
import { backupDirectory, backupTables } from './backup.ts';
import { injectFault } from './faults.ts';
import { logger } from '../logger.ts';
import type { DiscoveredModule } from './discovery.ts';
import type { ModuleHookContext } from './contract.ts';
import { topologicalSort } from './topology.ts';
import { DomainError } from '../errors.ts';
import { TRANSIENT_STATES, type ModuleRow, type ModuleStore, type Operation } from './store.ts';
import { loadSeeds, parseSeedFile } from './seeds.ts';

export interface OperationOutcome {
  module: string;
  operation: Operation;
  status: 'completed' | 'failed' | 'skipped';
  error: string | null;
  /** The error's `reason` and parameters, when it has them: a client words it from these, not from `error`. */
  errorDetails: Record<string, unknown> | null;
}

/**
 * The reason and parameters of a failure, for a client to word it: those of the DomainError that caused it (a step
 * wraps its error, see `runOperation`), when that error names a reason; else null.
 */
export function failureDetails(error: unknown): Record<string, unknown> | null {
  for (let e = error; e instanceof Error; e = e.cause) {
    if (e instanceof DomainError && typeof e.details?.reason === 'string') return e.details;
  }
  return null;
}

type StepFn = (m: DiscoveredModule, row: ModuleRow) => Promise<Record<string, unknown> | void>;

/** What the processor needs of the kernel: the database, `core_module`, and the modules discovered now. */
export interface PendingHost {
  db: Database;
  store: ModuleStore;
  rootDir: string;
  module(name: string): DiscoveredModule | undefined;
  orm(name: string): Promise<MikroORM>;
}

/**
 * The pending processor: applies the operations the kernel scheduled (install, upgrade, uninstall) step
 * by step, each step logged, so a failed run resumes at its failed step.
 */
export class PendingProcessor {
  constructor(private readonly host: PendingHost) {}

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
  async run(): Promise<OperationOutcome[]> {
    return withAdvisoryLock(this.host.db, 'dentalpin.modules.processor', async () => {
      const pending = (await this.host.store.all()).filter((r) => TRANSIENT_STATES.includes(r.state));
      const known = pending.filter((r) => !!this.host.module(r.name));
      const ordered = topologicalSort(
        known,
        (r) => r.name,
        (r) => this.host.module(r.name)!.manifest.depends.filter((d) => known.some((k) => k.name === d)),
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
            : this.host.module(row.name)!.manifest.depends.find((d) => failed.has(d));
        if (blockedBy) {
          const error = `waiting for dependency "${blockedBy}", whose ${operation} failed`;
          const errorDetails = { reason: 'MODULE_DEPENDENCY_FAILED', dependency: blockedBy, operation };
          await this.host.store.markError(row.name, error, errorDetails);
          failed.add(row.name);
          outcomes.push({ module: row.name, operation, status: 'skipped', error, errorDetails });
          continue;
        }
        try {
          await this.runOperation(row, operation);
          outcomes.push({ module: row.name, operation, status: 'completed', error: null, errorDetails: null });
        } catch (e) {
          const error = (e as Error).message;
          const errorDetails = failureDetails(e);
          failed.add(row.name);
          await this.host.store.markError(row.name, error, errorDetails);
          logger.error(`module ${row.name}: ${operation} failed: ${error}`);
          outcomes.push({ module: row.name, operation, status: 'failed', error, errorDetails });
        }
      }
      return outcomes;
    });
  }

  private async runOperation(row: ModuleRow, operation: Operation): Promise<void> {
    const m = this.host.module(row.name)!;
    const runId = row.runId ?? randomUUID();
    if (!row.runId) await this.host.store.update(row.name, { run_id: runId });
    const done = await this.host.store.completedSteps(runId);
    for (const [step, fn] of this.steps[operation]) {
      if (done.has(step)) continue;
      const base = { moduleName: m.name, runId, operation, step };
      await this.host.store.logStep({ ...base, status: 'started' });
      try {
        injectFault(m.name, operation, step);
        const details = (await fn(m, row)) ?? undefined;
        await this.host.store.logStep({ ...base, status: 'completed', details });
      } catch (e) {
        await this.host.store.logStep({
          ...base,
          status: 'failed',
          details: { error: (e as Error).message, ...failureDetails(e) },
        });
        throw new Error(`${step}: ${(e as Error).message}`, { cause: e });
      }
    }
  }

  private async migrateUp(m: DiscoveredModule) {
    const orm = await this.host.orm(m.name);
    const applied = await orm.getMigrator().up();
    // Every table with clinic_id the migrations created gets its forced policy; one that cannot is refused.
    const protectedTables = await applyAndVerifyTenancy(this.host.db.knex, m.name);
    return { applied: applied.map((a) => a.name), protectedTables };
  }

  private async seed(m: DiscoveredModule) {
    const files = m.manifest.dataFiles.map((f) => {
      const path = join(m.packageDir, f);
      if (!existsSync(path)) throw new Error(`data file ${f} of module ${m.name} does not exist (${path})`);
      return { path, entries: parseSeedFile(path) };
    });
    if (!files.length) return { files: 0 };
    const result = await this.host.db.knex.transaction((trx) =>
      loadSeeds(trx, { module: m.name, depends: m.manifest.depends }, files),
    );
    return { files: files.length, ...result };
  }

  private async hook(m: DiscoveredModule, run: (ctx: ModuleHookContext) => Promise<void> | undefined) {
    const orm = await this.host.orm(m.name);
    await orm.em.fork().transactional(async (em) => {
      await run({ moduleName: m.name, em, logger });
    });
  }

  /** The module's tables that exist now, in creation order (parents first). */
  private async tablesOf(m: DiscoveredModule): Promise<string[]> {
    const existing: string[] = [];
    for (const t of m.footprint.creates) {
      const { rows } = await this.host.db.knex.raw('select to_regclass(?) is not null as ok', [`public.${t}`]);
      if (rows[0].ok) existing.push(t);
    }
    return existing;
  }

  private async backup(m: DiscoveredModule) {
    const result = await backupTables(this.host.db, m.name, await this.tablesOf(m), backupDirectory(this.host.rootDir));
    logger.info(`module ${m.name}: backed up ${result.rows} rows to ${result.path}`);
    return { ...result };
  }

  /**
   * Records the module seeded into other modules' tables are deleted (newest first), then every
   * pointer; records in its own tables go with those tables in migrate_down.
   */
  private async deleteSeededData(m: DiscoveredModule) {
    return this.host.db.knex.transaction(async (trx) => {
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
    const orm = await this.host.orm(m.name);
    const reverted = await orm.getMigrator().down({ to: 0 });
    await this.host.db.knex.schema.dropTableIfExists(migrationsTableOf(m.name));
    return { reverted: reverted.map((r) => r.name) };
  }

  private async finalizeUninstalled(m: DiscoveredModule) {
    // Its jobs' schedule goes with it (a re-install starts them afresh).
    await this.host.db.knex('core_job').where({ module_name: m.name }).delete();
    await this.host.store.setState(m.name, 'uninstalled', {
      version: m.manifest.version,
      manifest_snapshot: JSON.stringify(m.manifest),
      installed_at: null,
      run_id: null,
    });
  }

  private async finalizeInstalled(m: DiscoveredModule) {
    await this.host.store.setState(m.name, 'installed', {
      version: m.manifest.version,
      manifest_snapshot: JSON.stringify(m.manifest),
      installed_at: this.host.db.knex.raw('coalesce(installed_at, now())'),
      run_id: null,
    });
  }
}
