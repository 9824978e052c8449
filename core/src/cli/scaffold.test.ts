import { afterAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findRootDir } from '../config.ts';
import { serverUrl } from '../testing/database.ts';
import { discoverModules } from '../modules/discovery.ts';
import { moduleShapeProblems } from '../modules/shape.ts';
import { generate } from '@graphql-codegen/cli';
import { moduleTargets } from '../../../codegen.ts';
import { coreDevDependency, scaffoldModule } from './scaffold.ts';
import { snapshotOfEntities } from '../modules/make-migration.ts';

const root = findRootDir();
const name = `scaffolded_${randomBytes(3).toString('hex')}`;
// Inside the repository, so the package resolves @dentalpin/core like an installed module would.
const dir = join(root, 'tests/.scaffold', name);

describe('dentalpin modules new', { timeout: 420_000 }, () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('scaffolds a valid module package whose own tests pass right away', async () => {
    const { files } = scaffoldModule(name, dir);
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        '.gitignore',
        'src/index.ts',
        'src/schema.graphql',
        `test/${name}.test.ts`,
        'README.md',
        'CHANGELOG.md',
        'tsconfig.json',
        'tsconfig.build.json',
        'migrations/.snapshot.json',
        'web/index.ts',
        'web/i18n/en.json',
        'web/i18n/es.json',
      ]),
    );
    // Published like any npm package: built JavaScript for the host, its sources while developing, the
    // tools its `npm test` and `npm run build` need, the core as a peer resolved from the host.
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    expect(pkg.dentalpin).toEqual({ module: './dist/src/index.js', source: './src/index.ts' });
    expect(Object.keys(pkg.devDependencies)).toEqual(
      expect.arrayContaining(['@dentalpin/core', 'vitest', 'typescript', 'graphql']),
    );
    // Scaffolded from this checkout, its test kit is this checkout's core (on no registry), by a relative path.
    expect(pkg.devDependencies['@dentalpin/core']).toBe('file:../../../core');
    expect(readFileSync(join(dir, '.gitignore'), 'utf8').split('\n')).toEqual(
      expect.arrayContaining(['node_modules/', 'dist/', '.dentalpin/', '*.tgz']),
    );
    expect(pkg.peerDependencies['@dentalpin/core']).toBe('^0.1.0');
    expect(pkg.files).toEqual(expect.arrayContaining(['dist', 'migrations', 'web']));
    // Exactly the one layout: every file of src/ the guide describes for a small module, and nothing else.
    expect(moduleShapeProblems(dir, ['@dentalpin/patients'])).toEqual([]);
    expect(files.filter((f) => f.startsWith('src/')).sort()).toEqual(
      [
        'index.ts',
        'manifest.ts',
        'entities.ts',
        'inputs.ts',
        'schema.graphql',
        'service.ts',
        'resolvers.ts',
        'tools.ts',
        'generated/graphql.ts',
      ]
        .map((f) => `src/${f}`)
        .sort(),
    );
    const discovered = await discoverModules(root, { extraDirs: [dir] });
    expect(discovered.issues.filter((i) => i.module === name)).toEqual([]);
    const scaffolded = discovered.modules.find((m) => m.name === name)!;
    expect(scaffolded.footprint.creates).toEqual([`${name}_notes`]);
    // Its snapshot is what make-migration writes for its entities: the first generated migration holds only the author's change.
    expect(readFileSync(join(dir, 'migrations/.snapshot.json'), 'utf8')).toBe(
      snapshotOfEntities(scaffolded.definition.entities ?? []),
    );

    const { stdout } = await promisify(execFile)(join(root, 'node_modules/.bin/vitest'), ['run'], {
      cwd: dir,
      env: { ...process.env, DATABASE_URL: serverUrl() },
    });
    expect(stdout).toMatch(/Tests\s+.*6 passed/);
  });

  it('ships the resolver types the codegen generates for its schema (its resolvers are typed from the start)', async () => {
    const generatedFile = join(dir, 'src/generated/graphql.ts');
    const shipped = readFileSync(generatedFile, 'utf8');
    expect(shipped).toContain(`export type QueryResolvers<`);
    await generate({ generates: moduleTargets(dir) }, true);
    // The codegen orders declarations by name, so where the module's own type lands depends on its name; the
    // declarations themselves must be exactly the shipped ones.
    const lines = (text: string) => text.split('\n').sort();
    expect(lines(readFileSync(generatedFile, 'utf8'))).toEqual(lines(shipped));
  });

  it('asks for a core installed from a registry by version, and for a checkout’s core by path', () => {
    expect(coreDevDependency('/work/clinic_notes', '/work/host/node_modules/@dentalpin/core')).toBe('^0.1.0');
    expect(coreDevDependency('/work/clinic_notes', '/work/dentalpin/core')).toBe('file:../dentalpin/core');
    expect(coreDevDependency('/work/dentalpin/modules/x', '/work/dentalpin/core')).toBe('file:../../core');
  });

  it('refuses names that are not snake_case and folders that exist', () => {
    expect(() => scaffoldModule('My-Module', join(dir, 'x'))).toThrow(/snake_case/);
    expect(() => scaffoldModule(name, dir)).toThrow(/already exists/);
  });
});
