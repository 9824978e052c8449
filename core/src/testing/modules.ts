import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveBackupFile, restoreBackup } from '../modules/backup.ts';
import { findRootDir } from '../config.ts';
import type { CallOptions, TestPlatform } from './index.ts';

export interface ModuleOutcome {
  module: string;
  operation: string;
  status: string;
  error: string | null;
}

export interface RestartOutcome {
  processed: ModuleOutcome[];
  activeModules: string[];
}

const RESTART = `mutation { restartModules { processed { module operation status error } activeModules } }`;

/** Module operations as the platform admin, the way a lifecycle test needs them. */
export function moduleLifecycle(t: Pick<TestPlatform, 'data' | 'platform'>, admin: CallOptions) {
  const restart = async () => (await t.data<{ restartModules: RestartOutcome }>(RESTART, {}, admin)).restartModules;
  const schedule = async (operation: 'installModule' | 'uninstallModule', names: string[], force = false) => {
    for (const name of names)
      await t.data(
        `mutation($n: String!) { ${operation}(name: $n${force ? ', force: true' : ''}) { scheduled } }`,
        { n: name },
        admin,
      );
    return restart();
  };
  return {
    restart,
    /** Schedules the installs and applies them. */
    install: (...names: string[]) => schedule('installModule', names),
    /** Schedules the uninstalls (give dependants first) and applies them. */
    uninstall: (...names: string[]) => schedule('uninstallModule', names),
    /**
     * Uninstalls every installed module that depends on `name`, directly or not, deepest first (the core
     * refuses to remove a module others depend on), forcing past a dependant's own `removable: false` (a
     * lifecycle test clears the way for the module it tests); returns them in that order.
     */
    async uninstallDependants(name: string): Promise<string[]> {
      const { modules } = await t.data<{ modules: { name: string; depends: string[]; state: string }[] }>(
        `{ modules { name depends state } }`,
        {},
        admin,
      );
      const installed = modules.filter((m) => m.state === 'installed');
      const dependants: string[] = [];
      const visit = (of: string) => {
        for (const m of installed)
          if (m.depends.includes(of) && !dependants.includes(m.name)) {
            visit(m.name);
            dependants.push(m.name);
          }
      };
      visit(name);
      if (dependants.length) await schedule('uninstallModule', dependants, true);
      return dependants;
    },
    /** The public tables, sorted, optionally filtered. */
    async tables(filter: (name: string) => boolean = () => true): Promise<string[]> {
      const names = (await t.platform.db
        .knex('information_schema.tables')
        .where({ table_schema: 'public' })
        .orderBy('table_name')
        .pluck('table_name')) as string[];
      return names.filter(filter);
    },
    /** An uninstall backup's file, from the name `moduleOperations` gives (or a path). */
    backupFile: (file: string) => resolveBackupFile(file, findRootDir()),
    /** Replays an uninstall backup as `dentalpin modules restore` does (a path or the name the log shows). */
    restore: (file: string) => restoreBackup(t.platform.db, resolveBackupFile(file, findRootDir())),
  };
}

export type ModuleLifecycle = ReturnType<typeof moduleLifecycle>;

export interface TemporaryBackupDir {
  dir: string;
  remove(): void;
}

/**
 * Points DENTALPIN_BACKUP_DIR at a fresh temporary folder (uninstall backups of this test file go
 * there, not into the repository); the returned function removes it and unsets the variable.
 */
export function temporaryBackupDir(label: string): TemporaryBackupDir {
  const dir = mkdtempSync(join(tmpdir(), `dp-${label}-backups-`));
  process.env.DENTALPIN_BACKUP_DIR = dir;
  return {
    dir,
    remove() {
      rmSync(dir, { recursive: true, force: true });
      delete process.env.DENTALPIN_BACKUP_DIR;
    },
  };
}
