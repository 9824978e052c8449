import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findRootDir } from '../config.ts';
import { scaffoldModule } from '../cli/scaffold.ts';
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

describe('the one module layout', () => {
  it.each(MODULES)('%s follows it', (module) => {
    expect(problemsOf(module)).toEqual([]);
  });

  it('a freshly scaffolded module follows it', () => {
    const parent = mkdtempSync(join(tmpdir(), 'shape-'));
    try {
      const { dir } = scaffoldModule('clinic_notes', join(parent, 'clinic_notes'));
      expect(moduleShapeProblems(dir, PACKAGES)).toEqual([]);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });

  it('accepts what working in the folder leaves: dentalpin state, npm pack tarballs (not other stray files)', () => {
    const parent = mkdtempSync(join(tmpdir(), 'shape-'));
    try {
      const { dir } = scaffoldModule('clinic_notes', join(parent, 'clinic_notes'));
      mkdirSync(join(dir, '.dentalpin'));
      writeFileSync(join(dir, '.dentalpin/secret'), 'x');
      writeFileSync(join(dir, 'dentalpin-clinic-notes-0.1.0.tgz'), '');
      expect(moduleShapeProblems(dir, PACKAGES)).toEqual([]);
      writeFileSync(join(dir, 'notes.txt'), '');
      expect(moduleShapeProblems(dir, PACKAGES)).toEqual([
        expect.stringMatching(/^notes.txt is not part of the layout/),
      ]);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });

  it('refuses what is outside it: stray files, a file beside its folder, other modules, copied core helpers', () => {
    const parent = mkdtempSync(join(tmpdir(), 'shape-'));
    try {
      const { dir } = scaffoldModule('clinic_notes', join(parent, 'clinic_notes'));
      writeFileSync(join(dir, 'src/lifecycle.ts'), 'export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-/;\n');
      mkdirSync(join(dir, 'src/service'));
      writeFileSync(join(dir, 'src/service/index.ts'), "export * from '../../../patients/src/service.ts';\n");
      writeFileSync(join(dir, 'src/tools.ts'), "import { PatientService } from '@dentalpin/patients';\n");
      rmSync(join(dir, 'CHANGELOG.md'));
      expect(moduleShapeProblems(dir, ['@dentalpin/patients'])).toEqual([
        'CHANGELOG.md is missing',
        expect.stringMatching(/^src\/lifecycle.ts is not part of the layout/),
        'src/service/ and src/service.ts both exist: keep one (the folder once the file grows)',
        expect.stringMatching(/^src\/lifecycle.ts has a UUID regex/),
        expect.stringMatching(
          /^src\/service\/index.ts imports \.\.\/\.\.\/\.\.\/patients\/src\/service.ts, outside its own package/,
        ),
        expect.stringMatching(/^src\/tools.ts imports the module @dentalpin\/patients/),
      ]);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
