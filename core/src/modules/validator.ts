import semver from 'semver';
import { ManifestError, parseManifest, ROLES, SEMVER, type Manifest } from './manifest.ts';
import type { ModuleDefinition } from './define.ts';
import { CORE_VERSION } from '../config.ts';

export const VALIDATION_CODES = [
  'MANIFEST_SCHEMA',
  'VERSION_FORMAT',
  'MIN_CORE_VERSION_FORMAT',
  'MIN_CORE_VERSION_UNMET',
  'UNKNOWN_ROLE',
  'UNKNOWN_PERMISSION',
  'NAV_PERM_NOT_NAMESPACED',
  'UNKNOWN_DEPENDENCY',
  'NON_REMOVABLE_WITHOUT_REASON',
  'REMOVABLE_BRANCH_NOT_ISOLATED',
  'UNDECLARED_CROSS_MODULE_FK',
  'TENANT_POLICY_WEAKENED',
] as const;
export type ValidationCode = (typeof VALIDATION_CODES)[number];

export interface ValidationIssue {
  module: string;
  code: ValidationCode;
  message: string;
}

/**
 * Checks one module against the ecosystem rules. `knownModules`, when given, is the set of
 * names a `depends` entry may point at.
 */
export function validateModule(
  definition: ModuleDefinition,
  knownModules?: ReadonlySet<string>,
  coreVersion = CORE_VERSION,
): { manifest: Manifest | null; issues: ValidationIssue[] } {
  const rawName = String((definition?.manifest as { name?: unknown } | undefined)?.name ?? '(unnamed)');
  let manifest: Manifest;
  try {
    manifest = parseManifest(definition?.manifest);
  } catch (e) {
    const message = e instanceof ManifestError ? e.message : String(e);
    return { manifest: null, issues: [{ module: rawName, code: 'MANIFEST_SCHEMA', message }] };
  }
  const issues: ValidationIssue[] = [];
  const add = (code: ValidationCode, message: string) => issues.push({ module: manifest.name, code, message });

  if (!SEMVER.test(manifest.version)) add('VERSION_FORMAT', `version "${manifest.version}" is not semver (x.y.z)`);
  if (manifest.minCoreVersion !== undefined) {
    if (!SEMVER.test(manifest.minCoreVersion))
      add('MIN_CORE_VERSION_FORMAT', `minCoreVersion "${manifest.minCoreVersion}" is not semver (x.y.z)`);
    else if (semver.gt(manifest.minCoreVersion, coreVersion))
      add('MIN_CORE_VERSION_UNMET', `needs core ${manifest.minCoreVersion} or newer; this core is ${coreVersion}`);
  }
  const declared = definition.permissions ?? [];
  for (const [role, grants] of Object.entries(manifest.rolePermissions)) {
    if (!(ROLES as readonly string[]).includes(role)) {
      add('UNKNOWN_ROLE', `role "${role}" is not one of ${ROLES.join(', ')}`);
      continue;
    }
    for (const grant of grants) {
      const ok =
        grant === '*' ||
        (grant.endsWith('.*') && declared.some((p) => p.startsWith(grant.slice(0, -1)))) ||
        declared.includes(grant);
      if (!ok) add('UNKNOWN_PERMISSION', `role "${role}" is granted "${grant}", which the module does not declare`);
    }
  }
  for (const item of manifest.frontend.navigation)
    if (item.permission !== undefined && !item.permission.includes('.'))
      add(
        'NAV_PERM_NOT_NAMESPACED',
        `navigation ${item.to} uses permission "${item.permission}"; write it in full (e.g. "${manifest.name}.${item.permission}")`,
      );
  if (knownModules)
    for (const dep of manifest.depends)
      if (!knownModules.has(dep)) add('UNKNOWN_DEPENDENCY', `depends on "${dep}", which is not an available module`);
  if (!manifest.removable && !manifest.nonRemovableReason)
    add('NON_REMOVABLE_WITHOUT_REASON', 'removable is false but nonRemovableReason says nothing about why');
  return { manifest, issues };
}
