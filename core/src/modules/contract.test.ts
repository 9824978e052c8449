import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { findRootDir } from '../config.ts';

// The module contract is what every module imports: it must stay a leaf (types only, importing no runtime
// file of the core), or modules and the core's runtime files end up tied in import cycles again.
const coreSrc = join(findRootDir(), 'core/src');
const CONTRACT = join(coreSrc, 'modules/contract.ts');
const DEFINE = join(coreSrc, 'modules/define.ts');

interface ImportEdge {
  specifier: string;
  typeOnly: boolean;
}

const parse = (file: string, text: string) => ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, false);

function importsOf(source: ts.SourceFile): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier))
      edges.push({ specifier: statement.moduleSpecifier.text, typeOnly: !!statement.importClause?.isTypeOnly });
    else if (
      ts.isExportDeclaration(statement) &&
      statement.moduleSpecifier &&
      ts.isStringLiteral(statement.moduleSpecifier)
    )
      edges.push({ specifier: statement.moduleSpecifier.text, typeOnly: statement.isTypeOnly });
  }
  return edges;
}

/** What keeps a file from being types-only: imports that are not `import type`, and any runtime statement. */
function runtimeParts(source: ts.SourceFile): string[] {
  const found: string[] = [];
  for (const edge of importsOf(source))
    if (!edge.typeOnly) found.push(`a runtime import of ${edge.specifier} (write \`import type\`)`);
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) continue;
    if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) continue;
    const line = source.getLineAndCharacterOfPosition(statement.getStart(source)).line + 1;
    found.push(`a runtime statement at line ${line}: ${statement.getText(source).split('\n')[0]}`);
  }
  return found;
}

const isRelative = (specifier: string) => specifier.startsWith('./') || specifier.startsWith('../');

/** The contract file and every core file it imports, transitively (each must be types-only too). */
function contractFiles(): string[] {
  const files = new Set<string>([CONTRACT]);
  for (const file of files)
    for (const edge of importsOf(parse(file, readFileSync(file, 'utf8'))))
      if (isRelative(edge.specifier)) files.add(resolve(dirname(file), edge.specifier));
  return [...files];
}

/** Every non-test source file of core/src with the core files it imports (type-only imports included). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name))
        graph.set(
          path,
          importsOf(parse(path, readFileSync(path, 'utf8')))
            .filter((e) => isRelative(e.specifier))
            .map((e) => resolve(dirname(path), e.specifier)),
        );
    }
  };
  walk(coreSrc);
  return graph;
}

/** A path of imports from `file` back to itself, or null when `file` is in no cycle. */
function cycleThrough(graph: Map<string, string[]>, file: string): string[] | null {
  const seen = new Set<string>();
  const visit = (current: string, path: string[]): string[] | null => {
    for (const next of graph.get(current) ?? []) {
      if (next === file) return [...path, next];
      if (seen.has(next)) continue;
      seen.add(next);
      const found = visit(next, [...path, next]);
      if (found) return found;
    }
    return null;
  };
  return visit(file, [file]);
}

const shown = (files: string[]) => files.map((f) => relative(coreSrc, f)).join(' → ');

describe('the module contract', () => {
  it('is types-only: no runtime import, no runtime statement, only types-only core files imported', () => {
    const files = contractFiles();
    expect(files).toContain(CONTRACT);
    for (const file of files)
      expect(runtimeParts(parse(file, readFileSync(file, 'utf8'))), relative(coreSrc, file)).toEqual([]);
  });

  it('is in no import cycle, and neither is defineModule', () => {
    const graph = importGraph();
    for (const file of [...contractFiles(), DEFINE]) {
      expect(graph.has(file), relative(coreSrc, file)).toBe(true);
      const cycle = cycleThrough(graph, file);
      expect(cycle && shown(cycle)).toBeNull();
    }
  });

  it('the checks catch a runtime import, a type import of a runtime file in a cycle, and runtime code', () => {
    const contract = parse(
      'contract.ts',
      `import { logger } from '../logger.ts';\nimport type { Tool } from '../agents/tool.ts';\nexport const x = 1;\nexport interface A { t: Tool }\n`,
    );
    expect(runtimeParts(contract)).toEqual([
      'a runtime import of ../logger.ts (write `import type`)',
      'a runtime statement at line 3: export const x = 1;',
    ]);
    const graph = new Map([
      ['contract.ts', ['tool.ts']],
      ['tool.ts', ['service-context.ts']],
      ['service-context.ts', ['contract.ts']],
      ['errors.ts', ['contract.ts']],
    ]);
    expect(cycleThrough(graph, 'contract.ts')).toEqual(['contract.ts', 'tool.ts', 'service-context.ts', 'contract.ts']);
    expect(cycleThrough(graph, 'errors.ts')).toBeNull();
  });
});
