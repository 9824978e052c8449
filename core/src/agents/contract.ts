import { Kind, parse, type DocumentNode } from 'graphql';
import { CORE_PERMISSIONS } from '../auth/rbac.ts';
import type { DiscoveredModule } from '../modules/discovery.ts';

export interface AgentContractIssue {
  module: string;
  code: 'UNKNOWN_TOOL_PERMISSION' | 'MUTATION_WITHOUT_TOOL' | 'STALE_EXEMPTION' | 'UNKNOWN_MUTATION_REFERENCE';
  message: string;
}

/** The Mutation fields a module's SDL declares (`type Mutation` and `extend type Mutation`). */
export function mutationFieldsOf(typeDefs: DocumentNode | string | undefined): string[] {
  if (!typeDefs) return [];
  const doc = typeof typeDefs === 'string' ? parse(typeDefs) : typeDefs;
  return doc.definitions.flatMap((d) =>
    (d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION) && d.name.value === 'Mutation'
      ? (d.fields ?? []).map((f) => f.name.value)
      : [],
  );
}

/**
 * The agent contract of one module (creating-modules §12): every tool permission exists (core,
 * the module's own, or a module it depends on), and every write operation exposed in GraphQL has
 * a tool (`graphqlMutations`) or a stated reason why not (`toolExemptions`).
 */
export function agentContractIssues(module: DiscoveredModule, all: readonly DiscoveredModule[]): AgentContractIssue[] {
  const issues: AgentContractIssue[] = [];
  const reachable = new Set<string>([module.name]);
  const queue = [...module.manifest.depends];
  while (queue.length) {
    const dep = queue.shift()!;
    if (reachable.has(dep)) continue;
    reachable.add(dep);
    queue.push(...(all.find((m) => m.name === dep)?.manifest.depends ?? []));
  }
  const known = new Set([
    ...CORE_PERMISSIONS,
    ...all.filter((m) => reachable.has(m.name)).flatMap((m) => m.permissions),
  ]);
  const tools = module.definition.tools ?? [];
  for (const tool of tools)
    for (const p of tool.permissions)
      if (!known.has(p))
        issues.push({
          module: module.name,
          code: 'UNKNOWN_TOOL_PERMISSION',
          message: `tool ${module.name}.${tool.name} requires "${p}", which neither the core, this module nor its dependencies declare`,
        });
  const mutations = mutationFieldsOf(module.definition.typeDefs);
  const covered = new Set(tools.flatMap((t) => t.graphqlMutations ?? []));
  const exemptions = module.definition.toolExemptions ?? {};
  for (const field of mutations)
    if (!covered.has(field) && !exemptions[field]?.trim())
      issues.push({
        module: module.name,
        code: 'MUTATION_WITHOUT_TOOL',
        message: `Mutation.${field} has no agent tool (declare it in a tool's graphqlMutations) and no reason in toolExemptions`,
      });
  for (const field of covered)
    if (!mutations.includes(field))
      issues.push({
        module: module.name,
        code: 'UNKNOWN_MUTATION_REFERENCE',
        message: `a tool claims to expose Mutation.${field}, which the module's SDL does not declare`,
      });
  for (const field of Object.keys(exemptions))
    if (!mutations.includes(field) || covered.has(field))
      issues.push({
        module: module.name,
        code: 'STALE_EXEMPTION',
        message: `toolExemptions names ${field}, which is ${covered.has(field) ? 'covered by a tool' : 'not a Mutation field of the module'}`,
      });
  return issues;
}
