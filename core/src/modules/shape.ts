import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * The one layout of a module package (docs/creating-modules.md, "The layout"). Every official module, the
 * example and the scaffold follow it; `moduleShapeProblems` says where a folder does not.
 */
export const MODULE_LAYOUT = {
  /** Top-level entries a module package has (`required`) or may have. */
  root: {
    required: ['package.json', 'README.md', 'CHANGELOG.md', 'src'],
    optional: [
      'vitest.config.ts',
      'migrations',
      'data',
      'test',
      'web',
      'node_modules',
      // A published package's build (`npm run build`: tsc -p tsconfig.build.json → dist/) and lock file.
      'tsconfig.json',
      'tsconfig.build.json',
      'dist',
      'package-lock.json',
      // What working in the folder leaves (the scaffold's .gitignore lists them): the state of `dentalpin`
      // commands run there (its secret, an embedded PostgreSQL) and `npm pack`'s tarballs (*.tgz, below).
      '.gitignore',
      '.dentalpin',
    ],
  },
  src: {
    required: ['index.ts', 'manifest.ts'],
    optional: [
      'schema.graphql',
      'operations.graphql',
      'entities.ts',
      'inputs.ts',
      'service.ts',
      'resolvers.ts',
      'status.ts',
      'tools.ts',
      'events.ts',
      'subscriptions.ts',
      'jobs.ts',
      'agents.ts',
      'demo.ts',
    ],
    /**
     * Folders a file grows into: `entities/` and `service/` replace `entities.ts` and `service.ts` (an
     * `index.ts` plus one file per aggregate or concern); `generated/` holds codegen output, never edited.
     */
    folders: { entities: 'entities.ts', service: 'service.ts', generated: null },
  },
  generated: ['graphql.ts', 'operations.ts'],
} as const;

/** Patterns of helpers the core exports, copied into a module; each names what to use instead. */
const CORE_HELPER_COPIES: readonly { pattern: RegExp; instead: string }[] = [
  { pattern: /\[0-9a-f\]\{8\}-/i, instead: 'a UUID regex: use uuid(label), isUuid or uuidArg from @dentalpin/core' },
  {
    pattern: /\bcheckTransition\b/,
    instead: 'a hand-written checkTransition: use defineStatusMachine(…).assertTransition',
  },
  {
    pattern: /\bclinic_memberships\b/,
    instead: "a query of the core's clinic_memberships: use requireProfessional(em, clinicId, userId)",
  },
  {
    pattern: /cause\?\.code/,
    instead: 'a local PostgreSQL error-code reader: use pgErrorCode(error)',
  },
  {
    pattern: /\bconst service = \(ctx\b/,
    instead: 'a service factory: use new XService(authorize(ctx, permission)) or new XService(ctx)',
  },
];

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;

const entries = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : []);
const isDir = (path: string) => statSync(path).isDirectory();

function filesUnder(dir: string): string[] {
  return entries(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    return isDir(path) ? filesUnder(path) : [path];
  });
}

/**
 * What is wrong with the layout of the module package at `dir` (empty when nothing): missing or unexpected
 * files, imports of another module (`otherPackages`: their npm names) or outside the package, and local
 * copies of core helpers.
 */
export function moduleShapeProblems(dir: string, otherPackages: readonly string[] = []): string[] {
  const problems: string[] = [];
  const root = resolve(dir);
  const rootEntries = entries(root);
  const { root: top, src, generated } = MODULE_LAYOUT;
  for (const name of top.required) if (!rootEntries.includes(name)) problems.push(`${name} is missing`);
  for (const name of rootEntries)
    if (
      !(top.required as readonly string[]).includes(name) &&
      !(top.optional as readonly string[]).includes(name) &&
      !/^[a-z0-9@._-]+\.tgz$/.test(name)
    )
      problems.push(`${name} is not part of the layout (allowed: ${[...top.required, ...top.optional].join(', ')})`);

  const srcDir = join(root, 'src');
  const srcEntries = entries(srcDir);
  for (const name of src.required) if (!srcEntries.includes(name)) problems.push(`src/${name} is missing`);
  for (const name of srcEntries) {
    const path = join(srcDir, name);
    if (isDir(path)) {
      if (!(name in src.folders)) {
        problems.push(`src/${name}/ is not part of the layout (folders: ${Object.keys(src.folders).join(', ')})`);
        continue;
      }
      const replaces = src.folders[name as keyof typeof src.folders];
      if (replaces && srcEntries.includes(replaces))
        problems.push(`src/${name}/ and src/${replaces} both exist: keep one (the folder once the file grows)`);
      if (replaces && !existsSync(join(path, 'index.ts'))) problems.push(`src/${name}/index.ts is missing`);
      if (name === 'generated')
        for (const file of entries(path))
          if (!(generated as readonly string[]).includes(file))
            problems.push(`src/generated/${file} is not generated code (${generated.join(', ')})`);
      for (const file of filesUnder(path))
        if (!/\.ts$/.test(file)) problems.push(`${relative(root, file)} is not a TypeScript file`);
    } else if (
      !(src.required as readonly string[]).includes(name) &&
      !(src.optional as readonly string[]).includes(name)
    )
      problems.push(
        `src/${name} is not part of the layout: put it under src/service/ (a concern of the service) or use one of ${src.optional.join(', ')}`,
      );
  }

  for (const file of entries(join(root, 'migrations')))
    if (!/^Migration\d{14}_\w+\.ts$/.test(file) && file !== '.snapshot.json')
      problems.push(
        `migrations/${file} is neither a migration (Migration<yyyymmddhhmmss>_<name>.ts) nor .snapshot.json`,
      );
  for (const file of entries(join(root, 'data')))
    if (!/\.ya?ml$/.test(file)) problems.push(`data/${file} is not a seed file (.yaml)`);

  const code = ['src', 'test', 'web']
    .flatMap((folder) => filesUnder(join(root, folder)))
    .filter((f) => /\.(ts|vue)$/.test(f));
  for (const file of code) {
    const text = readFileSync(file, 'utf8');
    const at = relative(root, file);
    for (const [, target] of text.matchAll(IMPORT)) {
      if (target.startsWith('.')) {
        const path = resolve(dirname(file), target);
        if (path !== root && !path.startsWith(root + sep))
          problems.push(
            `${at} imports ${target}, outside its own package: talk to other modules through GraphQL or events`,
          );
      } else if (otherPackages.some((p) => target === p || target.startsWith(`${p}/`)))
        problems.push(`${at} imports the module ${target}: modules never import each other`);
    }
    if (at.startsWith(`src${sep}generated`) || !at.startsWith('src')) continue;
    for (const { pattern, instead } of CORE_HELPER_COPIES)
      if (pattern.test(text)) problems.push(`${at} has ${instead}`);
  }
  return problems;
}

/** The npm name of the module package at `dir` (its package.json `name`). */
export const packageName = (dir: string): string =>
  (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string }).name;
