import type { Knex } from '@mikro-orm/knex';
import type { Manifest } from './manifest.ts';
import { pageSizeArgument } from '../limits.ts';

export const MODULE_STATES = ['uninstalled', 'to_install', 'installed', 'to_upgrade', 'to_remove', 'disabled'] as const;
export type ModuleState = (typeof MODULE_STATES)[number];
export const TRANSIENT_STATES: readonly ModuleState[] = ['to_install', 'to_upgrade', 'to_remove'];
export type Operation = 'install' | 'upgrade' | 'uninstall';
export type StepStatus = 'started' | 'completed' | 'failed';

export interface ModuleRow {
  name: string;
  version: string;
  state: ModuleState;
  category: string;
  removable: boolean;
  autoInstall: boolean;
  installedAt: Date | null;
  lastStateChange: Date;
  manifestSnapshot: Partial<Manifest>;
  runId: string | null;
  errorMessage: string | null;
  /** The error's `reason` and parameters, when it has them (see `failureDetails`). */
  errorDetails: Record<string, unknown> | null;
  errorAt: Date | null;
}

export interface OperationLogEntry {
  id: number;
  moduleName: string;
  runId: string;
  operation: Operation;
  step: string;
  status: StepStatus;
  details: Record<string, unknown> | null;
  createdAt: Date;
}

const toRow = (r: Record<string, any>): ModuleRow => ({
  name: r.name,
  version: r.version,
  state: r.state,
  category: r.category,
  removable: r.removable,
  autoInstall: r.auto_install,
  installedAt: r.installed_at,
  lastStateChange: r.last_state_change,
  manifestSnapshot: r.manifest_snapshot ?? {},
  runId: r.run_id,
  errorMessage: r.error_message,
  errorDetails: r.error_details ?? null,
  errorAt: r.error_at,
});

/** The `core_module` and `core_module_operation_log` tables. */
/** An absolute file path inside a text: its last part is kept (`/srv/x/backups/a.sql` → `a.sql`). */
const SERVER_PATH = /(?:\/[\w.@+-]+)+\/([\w.@+-]+)/g;

/**
 * An operation's details as the API shows them: the server's file paths (a backup's `path`, a path inside an
 * error) become file names. Operators read the full paths in the server's log and in `dentalpin modules log`.
 */
export function withoutServerPaths(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(SERVER_PATH, '$1');
  if (Array.isArray(value)) return value.map(withoutServerPaths);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutServerPaths(v)]));
  return value;
}

export class ModuleStore {
  constructor(private readonly knex: Knex) {}

  async all(): Promise<ModuleRow[]> {
    return (await this.knex('core_module').select('*').orderBy('name')).map(toRow);
  }

  async get(name: string): Promise<ModuleRow | null> {
    const r = await this.knex('core_module').where({ name }).first();
    return r ? toRow(r) : null;
  }

  async insert(manifest: Manifest, state: ModuleState): Promise<void> {
    await this.knex('core_module')
      .insert({
        name: manifest.name,
        version: manifest.version,
        state,
        category: manifest.category,
        removable: manifest.removable,
        auto_install: manifest.autoInstall,
        manifest_snapshot: JSON.stringify(manifest),
      })
      .onConflict('name')
      .ignore();
  }

  /** Refreshes what the manifest says about the module, without touching its installed version. */
  async refreshFlags(manifest: Manifest): Promise<void> {
    await this.knex('core_module').where({ name: manifest.name }).update({
      category: manifest.category,
      removable: manifest.removable,
      auto_install: manifest.autoInstall,
    });
  }

  async setState(name: string, state: ModuleState, extra: Record<string, unknown> = {}): Promise<void> {
    await this.knex('core_module')
      .where({ name })
      .update({
        state,
        last_state_change: this.knex.fn.now(),
        error_message: null,
        error_details: null,
        error_at: null,
        ...extra,
      });
  }

  async update(name: string, values: Record<string, unknown>): Promise<void> {
    await this.knex('core_module').where({ name }).update(values);
  }

  async markError(name: string, message: string, details: Record<string, unknown> | null = null): Promise<void> {
    await this.knex('core_module')
      .where({ name })
      .update({
        error_message: message,
        error_details: details && JSON.stringify(details),
        error_at: this.knex.fn.now(),
      });
  }

  async logStep(
    entry: Pick<OperationLogEntry, 'moduleName' | 'runId' | 'operation' | 'step' | 'status'> & {
      details?: Record<string, unknown>;
    },
  ): Promise<void> {
    await this.knex('core_module_operation_log').insert({
      module_name: entry.moduleName,
      run_id: entry.runId,
      operation: entry.operation,
      step: entry.step,
      status: entry.status,
      details: entry.details ? JSON.stringify(entry.details) : null,
    });
  }

  async completedSteps(runId: string): Promise<Set<string>> {
    const rows = await this.knex('core_module_operation_log')
      .where({ run_id: runId, status: 'completed' })
      .select('step');
    return new Set(rows.map((r: { step: string }) => r.step));
  }

  async operations(name: string, limit: number): Promise<OperationLogEntry[]> {
    const rows = await this.knex('core_module_operation_log')
      .where({ module_name: name })
      .orderBy('id', 'desc')
      .limit(pageSizeArgument('limit', limit, 20, 500));
    return rows.map((r: Record<string, any>) => ({
      id: Number(r.id),
      moduleName: r.module_name,
      runId: r.run_id,
      operation: r.operation,
      step: r.step,
      status: r.status,
      details: r.details,
      createdAt: r.created_at,
    }));
  }
}
