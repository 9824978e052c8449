import type { DiscoveredModule } from '../modules/discovery.ts';
import { ROLES, type Role } from '../modules/manifest.ts';
import { CORE_PERMISSIONS, CORE_ROLE_GRANTS, expandGrants, namespaceGrant } from './rbac.ts';

/** Permissions and role grants of the core plus the *active* modules; rebuilt whenever that set changes. */
export class PermissionRegistry {
  readonly all: string[];
  private readonly grantsByRole: Map<Role, string[]>;

  constructor(active: readonly DiscoveredModule[]) {
    this.all = [...CORE_PERMISSIONS, ...active.flatMap((m) => m.permissions)];
    this.grantsByRole = new Map(
      ROLES.map((role) => [
        role,
        [
          ...new Set([
            ...CORE_ROLE_GRANTS[role],
            ...active.flatMap((m) => (m.manifest.rolePermissions[role] ?? []).map((g) => namespaceGrant(m.name, g))),
          ]),
        ],
      ]),
    );
  }

  grants(role: Role): string[] {
    return this.grantsByRole.get(role) ?? [];
  }

  expanded(role: Role): string[] {
    return expandGrants(this.grants(role), this.all);
  }
}
