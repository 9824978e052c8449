import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ModuleDefinition } from './define.ts';
import type { Manifest } from './manifest.ts';
import { validateModule, type ValidationIssue } from './validator.ts';
import { topologicalSort, TopologyError } from './topology.ts';
import type { MigrationObject } from '@mikro-orm/core';
import { loadMigrationsDir } from '../db/orm.ts';
import { footprintOf, isolationIssues, type MigrationFootprint } from './footprint.ts';
import { coreMigrations } from '../../migrations/index.ts';
import { prepareImport } from './loader.ts';

export interface DiscoveredModule {
  name: string;
  manifest: Manifest;
  definition: ModuleDefinition;
  packageDir: string;
  packageName: string;
  /** Namespaced permissions (`patients.read`). */
  permissions: string[];
  /** The module's migrations (its `migrations/` folder), in order. */
  migrations: MigrationObject[];
  /** Tables its migrations create, change and reference. */
  footprint: MigrationFootprint;
}

export interface DiscoveryResult {
  /** Valid modules in dependency order. */
  modules: DiscoveredModule[];
  /** Packages that declare a module but could not be loaded or validated. */
  issues: ValidationIssue[];
}

export class ModuleDiscoveryError extends Error {}

interface Candidate {
  packageDir: string;
  packageName: string;
  /** Absolute path of the file imported (see `moduleEntry`). */
  entry: string;
}

/**
 * The file the host imports. `dentalpin.module` is the package's entry: built JavaScript for a published
 * package (`./dist/src/index.js`), or TypeScript (`./src/index.ts`, transpiled when loaded) for a module
 * developed in place. A package that ships both names its sources in `dentalpin.source`: the host loads
 * them while the core itself runs from source (development, tests), and whenever the build is missing.
 */
function moduleEntry(packageDir: string, declared: { module: string; source?: string }): string {
  const built = join(packageDir, declared.module);
  const source = declared.source ? join(packageDir, declared.source) : null;
  if (source && existsSync(source) && (import.meta.url.endsWith('.ts') || !existsSync(built))) return source;
  return built;
}

/**
 * A module's migrations sit beside its sources (`migrations/`); a build that compiles them
 * (`dist/migrations/` next to `dist/src/`) is used with the built entry.
 */
function migrationsDirOf(packageDir: string, entryFile: string): string {
  const relativeEntry = entryFile.slice(packageDir.length + 1).split(sep);
  if (relativeEntry.length > 2 && relativeEntry[0] === 'dist') {
    const built = join(packageDir, 'dist', 'migrations');
    if (existsSync(built)) return built;
  }
  return join(packageDir, 'migrations');
}

function readCandidate(packageDir: string): Candidate | null {
  const pkgFile = join(packageDir, 'package.json');
  if (!existsSync(pkgFile)) return null;
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as {
    name?: string;
    dentalpin?: { module?: string; source?: string };
  };
  if (!pkg.dentalpin?.module) return null;
  const dir = realpathSync(packageDir);
  return {
    packageDir: dir,
    packageName: pkg.name ?? packageDir,
    entry: moduleEntry(dir, { module: pkg.dentalpin.module, source: pkg.dentalpin.source }),
  };
}

const subdirs = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory() || d.isSymbolicLink())
        .map((d) => join(dir, d.name))
    : [];

/**
 * Official modules live in `<root>/subgraphs/*`; community modules are installed npm packages whose
 * package.json has `"dentalpin": { "module": "<entry>" }`; `extraDirs` adds package folders (tests, DENTALPIN_MODULE_PATHS).
 * A root that is itself a module package (a command run in a module's own folder, e.g. `make-migration`)
 * discovers that module too.
 */
export function findModulePackages(rootDir: string, extraDirs: readonly string[] = []): Candidate[] {
  const seen = new Map<string, Candidate>();
  const add = (dir: string) => {
    const c = readCandidate(dir);
    if (c && !seen.has(c.packageDir)) seen.set(c.packageDir, c);
  };
  subdirs(join(rootDir, 'subgraphs')).forEach(add);
  add(rootDir);
  for (const dir of subdirs(join(rootDir, 'node_modules'))) {
    if (dir.split(sep).pop()!.startsWith('@')) subdirs(dir).forEach(add);
    else add(dir);
  }
  extraDirs.forEach((d) => add(resolve(d)));
  return [...seen.values()];
}

export async function discoverModules(
  rootDir: string,
  options: { extraDirs?: readonly string[]; strict?: boolean } = {},
): Promise<DiscoveryResult> {
  const issues: ValidationIssue[] = [];
  const loaded: { candidate: Candidate; definition: ModuleDefinition }[] = [];
  for (const candidate of findModulePackages(rootDir, options.extraDirs)) {
    try {
      const entry = candidate.entry;
      await prepareImport(entry);
      const mod = (await import(pathToFileURL(entry).href)) as {
        default?: ModuleDefinition;
      };
      if (!mod.default?.manifest) throw new Error('its entry has no default export made with defineModule()');
      loaded.push({ candidate, definition: mod.default });
    } catch (e) {
      issues.push({
        module: candidate.packageName,
        code: 'MANIFEST_SCHEMA',
        message: `cannot load module: ${(e as Error).message}`,
      });
    }
  }
  const names = new Set(loaded.map((l) => String(l.definition.manifest.name)));
  const modules: DiscoveredModule[] = [];
  for (const { candidate, definition } of loaded) {
    const result = validateModule(definition, names);
    issues.push(...result.issues);
    if (!result.manifest || result.issues.length) continue;
    const name = result.manifest.name;
    if (modules.some((m) => m.name === name)) {
      issues.push({
        module: name,
        code: 'MANIFEST_SCHEMA',
        message: `two packages declare module "${name}" (${candidate.packageName})`,
      });
      continue;
    }
    let migrations: MigrationObject[];
    try {
      migrations = await loadMigrationsDir(migrationsDirOf(candidate.packageDir, candidate.entry));
    } catch (e) {
      issues.push({
        module: name,
        code: 'MANIFEST_SCHEMA',
        message: `cannot load its migrations: ${(e as Error).message}`,
      });
      continue;
    }
    modules.push({
      name,
      manifest: result.manifest,
      definition,
      packageDir: candidate.packageDir,
      packageName: candidate.packageName,
      permissions: (definition.permissions ?? []).map((p) => `${name}.${p}`),
      migrations,
      footprint: await footprintOf(migrations),
    });
  }
  const coreTables = new Set((await footprintOf(coreMigrations)).creates);
  const isolation = isolationIssues(
    modules.map((m) => ({
      name: m.name,
      removable: m.manifest.removable,
      depends: m.manifest.depends,
      footprint: m.footprint,
    })),
    coreTables,
  );
  issues.push(...isolation);
  for (const bad of new Set(isolation.map((i) => i.module)))
    modules.splice(
      modules.findIndex((m) => m.name === bad),
      1,
    );
  // A module whose dependency was rejected cannot run either.
  let changed = true;
  while (changed) {
    changed = false;
    for (const m of [...modules])
      for (const dep of m.manifest.depends)
        if (!modules.some((o) => o.name === dep)) {
          if (!issues.some((i) => i.module === m.name && i.code === 'UNKNOWN_DEPENDENCY'))
            issues.push({
              module: m.name,
              code: 'UNKNOWN_DEPENDENCY',
              message: `depends on "${dep}", which is not available`,
            });
          modules.splice(modules.indexOf(m), 1);
          changed = true;
          break;
        }
  }
  let ordered: DiscoveredModule[];
  try {
    ordered = topologicalSort(
      modules,
      (m) => m.name,
      (m) => m.manifest.depends,
    );
  } catch (e) {
    if (!(e instanceof TopologyError)) throw e;
    throw new ModuleDiscoveryError(e.message);
  }
  if (options.strict && issues.length)
    throw new ModuleDiscoveryError(issues.map((i) => `${i.module}: ${i.code} ${i.message}`).join('\n'));
  return { modules: ordered, issues };
}
