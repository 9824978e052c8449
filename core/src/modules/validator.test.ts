import { describe, expect, it } from 'vitest';
import { validateModule, type ValidationCode } from './validator.ts';
import type { ModuleDefinition } from './define.ts';

const base = (
  manifest: Record<string, unknown>,
  permissions: string[] = ['items.read', 'items.write'],
): ModuleDefinition =>
  ({ manifest: { name: 'inventory', version: '1.0.0', ...manifest }, permissions }) as ModuleDefinition;
const codes = (def: ModuleDefinition, known?: Set<string>, core?: string) =>
  validateModule(def, known, core).issues.map((i) => i.code);

describe('manifest validator', () => {
  it('accepts a complete, consistent manifest', () => {
    const def = base({
      minCoreVersion: '0.1.0',
      depends: ['patients'],
      rolePermissions: { dentist: ['*'], assistant: ['items.*'], receptionist: ['items.read'] },
      frontend: { navigation: [{ label: 'nav.inventory', to: '/inventory', permission: 'inventory.items.read' }] },
    });
    expect(codes(def, new Set(['patients', 'inventory']))).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, ValidationCode]>([
    ['a missing version', { version: undefined }, 'MANIFEST_SCHEMA'],
    ['a name that is not snake_case', { name: 'Inventory-Pro' }, 'MANIFEST_SCHEMA'],
    ['a version that is not semver', { version: '1.0' }, 'VERSION_FORMAT'],
    ['a malformed minCoreVersion', { minCoreVersion: 'latest' }, 'MIN_CORE_VERSION_FORMAT'],
    ['a role the platform does not have', { rolePermissions: { janitor: ['*'] } }, 'UNKNOWN_ROLE'],
    ['a grant of an undeclared permission', { rolePermissions: { dentist: ['stock.delete'] } }, 'UNKNOWN_PERMISSION'],
    ['a wildcard over nothing declared', { rolePermissions: { dentist: ['stock.*'] } }, 'UNKNOWN_PERMISSION'],
    [
      'a navigation permission without namespace',
      { frontend: { navigation: [{ label: 'x', to: '/x', permission: 'read' }] } },
      'NAV_PERM_NOT_NAMESPACED',
    ],
    ['removable=false with no reason', { removable: false }, 'NON_REMOVABLE_WITHOUT_REASON'],
  ])('rejects %s', (_label, manifest, code) => {
    expect(codes(base(manifest))).toContain(code);
  });

  it('stops at MANIFEST_SCHEMA (no further checks on an unparseable manifest)', () => {
    expect(codes(base({ version: 3, rolePermissions: { janitor: [] } }))).toEqual(['MANIFEST_SCHEMA']);
  });

  it('reports a dependency on an unknown module only when the known set is given', () => {
    const def = base({ depends: ['ghost'] });
    expect(codes(def)).toEqual([]);
    expect(codes(def, new Set(['inventory']))).toEqual(['UNKNOWN_DEPENDENCY']);
  });

  it('enforces minCoreVersion against the running core (the original never did)', () => {
    expect(codes(base({ minCoreVersion: '2.0.0' }), undefined, '0.1.0')).toEqual(['MIN_CORE_VERSION_UNMET']);
    expect(codes(base({ minCoreVersion: '0.1.0' }), undefined, '0.1.0')).toEqual([]);
  });

  it('explains what is wrong in the message', () => {
    const [issue] = validateModule(base({ version: 'one' })).issues;
    expect(issue.message).toMatch(/"one" is not semver/);
  });
});
