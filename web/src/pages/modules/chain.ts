export interface ModuleNode {
  name: string;
  state: string;
  depends: string[];
}

/**
 * What installing `name` will schedule: the module and its not-yet-installed dependencies,
 * dependencies first. A preview only: the server's `scheduled` answer is authoritative.
 */
export function installChain(name: string, modules: readonly ModuleNode[]): string[] {
  const byName = new Map(modules.map((m) => [m.name, m]));
  const out: string[] = [];
  const visiting = new Set<string>();
  const visit = (n: string) => {
    if (out.includes(n) || visiting.has(n)) return;
    visiting.add(n);
    const node = byName.get(n);
    for (const dep of node?.depends ?? []) visit(dep);
    if (!node || node.state === 'uninstalled') out.push(n);
    visiting.delete(n);
  };
  visit(name);
  return out;
}

export const PENDING_STATES = ['to_install', 'to_upgrade', 'to_remove'];

export function stateSeverity(state: string): 'success' | 'info' | 'warn' | 'danger' | 'secondary' {
  if (state === 'installed') return 'success';
  if (PENDING_STATES.includes(state)) return 'warn';
  if (state === 'disabled') return 'secondary';
  return 'info';
}

export type ModuleAction = 'install' | 'upgrade' | 'disable' | 'enable' | 'uninstall';

/**
 * The actions a module's state allows (the server decides; this only hides what it would refuse anyway).
 * Pending states offer nothing until they are applied. Non-removable modules still offer uninstall: the
 * server refuses with the manifest's reason and the confirm dialog then offers force, as the original did.
 */
export function actionsFor(m: { state: string; upgradeAvailable: boolean }): ModuleAction[] {
  if (m.state === 'uninstalled') return ['install'];
  if (m.state === 'installed') return [...(m.upgradeAvailable ? (['upgrade'] as const) : []), 'disable', 'uninstall'];
  if (m.state === 'disabled') return ['enable', 'uninstall'];
  return [];
}

/**
 * Refusals that force overrides (dependents still using the module, a module marked removable=false): the server
 * marks them `forceable`.
 */
export function forceOverridable(extensions: Readonly<Record<string, unknown>> | undefined): boolean {
  return extensions?.code === 'MODULE_OPERATION_REFUSED' && extensions.forceable === true;
}
