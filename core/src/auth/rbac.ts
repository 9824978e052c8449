import type { Role } from '../modules/manifest.ts';

/** Permissions owned by the core (not by any module). */
export const CORE_PERMISSIONS = [
  'admin.users.read',
  'admin.users.write',
  'admin.clinic.read',
  'admin.clinic.write',
  // AI agents: view tools, audit and runs; supervise = approve or reject requests; configure =
  // guardrails; manage = start agent runs.
  'agents.view',
  'agents.supervise',
  'agents.configure',
  'agents.manage',
];

export const CORE_ROLE_GRANTS: Record<Role, string[]> = {
  admin: ['*'],
  dentist: ['agents.view', 'agents.supervise'],
  hygienist: [],
  assistant: [],
  receptionist: [],
};

/** `*` grants everything, `x.*` grants every permission under `x.`, anything else is exact. */
export function permissionMatches(required: string, granted: string): boolean {
  if (granted === '*') return true;
  if (granted.endsWith('.*')) return required.startsWith(granted.slice(0, -1));
  return granted === required;
}

export const hasPermission = (grants: readonly string[], required: string) =>
  grants.some((g) => permissionMatches(required, g));

/** A manifest's module-local grant (`*`, `items.*`, `items.read`) namespaced by its module. */
export const namespaceGrant = (module: string, grant: string) => (grant === '*' ? `${module}.*` : `${module}.${grant}`);

/** Every known permission the grants cover (for `me.permissions`). */
export const expandGrants = (grants: readonly string[], all: readonly string[]) =>
  all.filter((p) => hasPermission(grants, p));
