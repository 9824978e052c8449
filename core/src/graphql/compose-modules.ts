import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { composeSupergraph, type CompositionResult } from '@dentalpin/gateway';
import { discoverModules } from '../modules/discovery.ts';
import type { ValidationIssue } from '../modules/validator.ts';

/**
 * The supergraph of the core and every module found on disk (installed or not), composed from their
 * SDL alone: no database and no network, so codegen and CI can compose it anywhere. Modules served by
 * other processes get the URL given for them (DENTALPIN_SUBGRAPH_URLS),  else the `in-process:` scheme (served inside this process).
 */
export async function composeDiscoveredModules(
  rootDir: string,
  extraDirs: readonly string[],
  urls: Readonly<Record<string, string>> = {},
): Promise<CompositionResult & { issues: ValidationIssue[] }> {
  const { modules, issues } = await discoverModules(rootDir, { extraDirs });
  const core = readFileSync(new URL('../core-subgraph/schema.graphql', import.meta.url), 'utf8');
  const subgraphs = [
    { name: 'core', typeDefs: core },
    ...modules.flatMap((m) => (m.definition.typeDefs ? [{ name: m.name, typeDefs: m.definition.typeDefs }] : [])),
  ];
  const result = composeSupergraph(
    subgraphs.map((s) => ({
      name: s.name,
      typeDefs: typeof s.typeDefs === 'string' ? parse(s.typeDefs) : s.typeDefs,
      url: urls[s.name] ?? `in-process:${s.name}`,
    })),
  );
  return { ...result, issues };
}
