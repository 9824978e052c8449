import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { existsSync, readdirSync } from 'node:fs';
import { findRootDir } from '../../core/src/config.ts';
import { discoverModules } from '../../core/src/modules/discovery.ts';
import { agentContractIssues, mutationFieldsOf } from '../../core/src/agents/contract.ts';
import { ToolRegistry } from '../../core/src/agents/registry.ts';

const root = findRootDir();
const fixtures = join(root, 'tests/fixtures/modules');

describe('agent contract of every module', () => {
  it('official, example and installed modules: tool permissions exist; every GraphQL mutation has a tool or a stated reason', async () => {
    // Community examples (examples/*) are held to the same contract as the official modules.
    const examplesDir = join(root, 'examples');
    const examples = existsSync(examplesDir) ? readdirSync(examplesDir).map((d) => join(examplesDir, d)) : [];
    const { modules } = await discoverModules(root, { extraDirs: examples });
    expect(modules.length).toBeGreaterThan(0);
    const issues = modules.flatMap((m) => agentContractIssues(m, modules));
    expect(issues).toEqual([]);
    // And every module's tools register (names, categories, schemas) without clashing.
    const registry = new ToolRegistry();
    for (const m of modules) registry.registerModule(m);
    const patients = modules.find((m) => m.name === 'patients')!;
    expect(mutationFieldsOf(patients.definition.typeDefs).sort()).toEqual([
      'archivePatient',
      'createPatient',
      'updatePatient',
    ]);
  });

  it('the fixture modules with tools honour the contract too, and violations are reported', async () => {
    const dirs = readdirSync(fixtures).map((d) => join(fixtures, d));
    const { modules } = await discoverModules(join(root, 'nonexistent-root'), { extraDirs: dirs });
    const withTools = modules.filter((m) => m.definition.tools?.length);
    expect(withTools.map((m) => m.name)).toContain('fixture_agents');
    for (const m of withTools) expect(agentContractIssues(m, modules)).toEqual([]);

    const agents = modules.find((m) => m.name === 'fixture_agents')!;
    const broken = {
      ...agents,
      definition: {
        ...agents.definition,
        tools: agents.definition.tools!.map((tool, i) =>
          i === 0 ? { ...tool, permissions: ['billing.invoices.read'] } : { ...tool, graphqlMutations: [] },
        ),
        toolExemptions: { noSuchMutation: 'stale' },
      },
    };
    expect(agentContractIssues(broken, modules).map((i) => i.code)).toEqual([
      'UNKNOWN_TOOL_PERMISSION',
      'MUTATION_WITHOUT_TOOL',
      'MUTATION_WITHOUT_TOOL',
      'STALE_EXEMPTION',
    ]);
  });
});
