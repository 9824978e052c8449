import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { findRootDir } from '../config.ts';
import { moduleShapeProblems, packageName } from './shape.ts';

const root = findRootDir();
const MODULES = ['subgraphs', 'examples'].flatMap((parent) =>
  readdirSync(join(root, parent), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => `${parent}/${d.name}`),
);
const PACKAGES = MODULES.map((m) => packageName(join(root, m)));
const problemsOf = (module: string) =>
  moduleShapeProblems(
    join(root, module),
    PACKAGES.filter((p) => p !== packageName(join(root, module))),
  );

/**
 * Modules not yet converted to the one layout (issue 14). This list only shrinks: convert a module by
 * following docs/creating-modules.md, then delete its line here (the test below fails until you do).
 */
const PENDING_CONVERSION = [
  'subgraphs/agenda',
  'subgraphs/billing',
  'subgraphs/budget',
  'subgraphs/catalog',
  'subgraphs/notifications',
  'subgraphs/patients_clinical',
  'subgraphs/reports',
  'examples/inventory',
];

describe('the one module layout', () => {
  it.each(MODULES.filter((m) => !PENDING_CONVERSION.includes(m)))('%s follows it', (module) => {
    expect(problemsOf(module)).toEqual([]);
  });

  it.each(PENDING_CONVERSION)(
    '%s is still pending conversion (remove it from PENDING_CONVERSION once it follows the layout)',
    (module) => {
      expect(MODULES).toContain(module);
      expect(problemsOf(module)).not.toEqual([]);
    },
  );
});
