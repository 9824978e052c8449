import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORE_VERSION } from '../config.ts';
import { scaffoldResolverTypes } from './scaffold-generated.ts';
import { snapshotOfEntities } from '../modules/make-migration.ts';
import { defineEntity } from '@mikro-orm/core';
import { uuidPrimaryKey } from '../entities/index.ts';

/** `npm run build`: the package's JavaScript with declarations, and the files it reads beside itself (its SDL). */
const BUILD_SCRIPT =
  "tsc -p tsconfig.build.json && node -e \"require('node:fs').cpSync('src','dist/src',{recursive:true,filter:(f)=>!f.endsWith('.ts')})\"";

/**
 * The MikroORM snapshot of the scaffold's entity (the same definition as its `src/entities.ts`), so the
 * module's first `make-migration` generates only what the author changed. scaffold.test.ts checks that
 * it is exactly what make-migration writes for the scaffolded package.
 */
function scaffoldSnapshot(Type: string, table: string): string {
  const entity = defineEntity({
    name: Type,
    tableName: table,
    properties: (p) => ({
      id: uuidPrimaryKey(p),
      clinicId: p.uuid(),
      title: p.string().length(200),
      createdBy: p.uuid(),
      createdAt: p
        .datetime()
        .columnType('timestamptz')
        .onCreate(() => new Date()),
    }),
  });
  return snapshotOfEntities([entity]);
}

const camel = (snake: string) => snake.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
const pascal = (snake: string) => camel(snake).replace(/^[a-z]/, (c) => c.toUpperCase());

/** The folder of the running @dentalpin/core package (sources or built), through any symlink. */
function runningCoreDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  const isCore = (d: string) =>
    existsSync(join(d, 'package.json')) &&
    (JSON.parse(readFileSync(join(d, 'package.json'), 'utf8')) as { name?: string }).name === '@dentalpin/core';
  while (!isCore(dir)) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('the running @dentalpin/core has no package.json above it');
    dir = parent;
  }
  return realpathSync(dir);
}

/**
 * The version range the scaffold's devDependency on @dentalpin/core asks for. A core installed from a registry
 * (under a node_modules folder) is asked for by version; a core running from a DentalPin checkout, which
 * is on no registry, is asked for by a `file:` path relative to the new package (npm links it, and its
 * dependencies resolve from the checkout): `npm install` then works in the new folder, on or off the network.
 */
export function coreDevDependency(target: string, coreDir = runningCoreDir()): string {
  if (coreDir.split(sep).includes('node_modules')) return `^${CORE_VERSION}`;
  const path = relative(target, coreDir).split(sep).join('/');
  return `file:${path.startsWith('.') ? path : `./${path}`}`;
}

/** The files of a new community module package: a small, complete, tested module to grow from. */
export function scaffoldFiles(name: string, coreRange = `^${CORE_VERSION}`): Record<string, string> {
  const Type = `${pascal(name)}Note`;
  const path = `/${name.replace(/_/g, '-')}`;
  const label = pascal(name).replace(/([a-z0-9])([A-Z])/g, '$1 $2');
  const snapshot = scaffoldSnapshot(Type, `${name}_notes`);
  const table = `${name}_notes`;
  const field = `${camel(name)}Notes`;
  const Service = `${pascal(name)}Service`;
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const migration = `Migration${stamp}_${name}`;
  return {
    'package.json':
      JSON.stringify(
        {
          name: `dentalpin-${name.replace(/_/g, '-')}`,
          version: '0.1.0',
          description: `DentalPin module ${name}`,
          type: 'module',
          license: 'MIT',
          // The host loads the built JavaScript; `source` is what it loads while developing (and before a build).
          dentalpin: { module: './dist/src/index.js', source: './src/index.ts' },
          exports: { '.': { types: './dist/src/index.d.ts', default: './dist/src/index.js' } },
          files: ['dist', 'src', 'migrations', 'data', 'web', 'README.md', 'CHANGELOG.md'],
          scripts: {
            build: BUILD_SCRIPT,
            test: 'vitest run',
            typecheck: 'tsc --noEmit',
            prepack: 'npm run build',
          },
          // Resolved from the host that installs the module (one copy of each for every module).
          peerDependencies: { '@dentalpin/core': `^${CORE_VERSION}`, zod: '^4.0.0' },
          // The published core is also the test kit (`@dentalpin/core/testing`), with the official modules;
          // `file:<checkout>/core` when scaffolded from a DentalPin checkout (coreDevDependency).
          devDependencies: {
            '@dentalpin/core': coreRange,
            '@types/node': '20.19.43',
            // The types src/generated/graphql.ts imports (at run time the host's graphql is the one loaded).
            graphql: '16.15.0',
            typescript: '5.9.3',
            vitest: '4.1.12',
            zod: '4.6.7',
          },
        },
        null,
        2,
      ) + '\n',
    '.gitignore': 'node_modules/\ndist/\n.dentalpin/\n*.tgz\n',
    'tsconfig.json':
      JSON.stringify(
        {
          compilerOptions: {
            target: 'ES2022',
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            strict: true,
            noImplicitOverride: true,
            skipLibCheck: true,
            resolveJsonModule: true,
            allowImportingTsExtensions: true,
            isolatedModules: true,
            noEmit: true,
            types: ['node'],
          },
          include: ['src', 'migrations', 'test', 'vitest.config.ts'],
        },
        null,
        2,
      ) + '\n',
    'tsconfig.build.json':
      JSON.stringify(
        {
          extends: './tsconfig.json',
          compilerOptions: {
            noEmit: false,
            rootDir: '.',
            outDir: 'dist',
            declaration: true,
            rewriteRelativeImportExtensions: true,
          },
          include: ['src', 'migrations'],
        },
        null,
        2,
      ) + '\n',
    'migrations/.snapshot.json': snapshot,
    'web/index.ts': `import { defineModuleLayer } from '@dentalpin/web/sdk';
import ${Type}CountWidget from './components/${Type}CountWidget.vue';

/** The ${name} module's web layer: its page and a dashboard widget. */
export default defineModuleLayer({
  module: '${name}',
  routes: [
    {
      path: '${path}',
      name: '${name}',
      component: () => import('./pages/${Type}Page.vue'),
      meta: { permission: '${name}.notes.read' },
    },
  ],
  slots: {
    'dashboard.widgets': [
      { id: '${name}.dashboard.widgets.count', component: ${Type}CountWidget, order: 80, permission: '${name}.notes.read' },
    ],
  },
  // Each language loads when it is shown (the app downloads only the person's).
  i18n: { en: () => import('./i18n/en.json'), es: () => import('./i18n/es.json') },
});
`,
    'web/operations.ts': `import { graphql } from '@dentalpin/web/gql';

// Typed by the host's \`npm run codegen\` (it reads every installed module's web layer).
export const ${Type}sQuery = graphql(\`
  query ${Type}s {
    ${field} {
      id
      title
    }
  }
\`);

export const Create${Type}Mutation = graphql(\`
  mutation Create${Type}($title: String!) {
    create${Type}(title: $title) {
      id
      title
    }
  }
\`);
`,
    [`web/pages/${Type}Page.vue`]: `<script setup lang="ts">
import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { useMutation, useQuery } from '@vue/apollo-composable';
import InputText from 'primevue/inputtext';
import Button from 'primevue/button';
import { INLINE_INPUT_ERRORS, notify, useFieldErrors, usePermissions } from '@dentalpin/web/sdk';
import { Create${Type}Mutation, ${Type}sQuery } from '../operations.ts';

const { t } = useI18n();
const { can } = usePermissions();
const { errors, clear, capture } = useFieldErrors();
const { result, refetch } = useQuery(${Type}sQuery, null, { fetchPolicy: 'network-only' });
const { mutate, loading } = useMutation(Create${Type}Mutation, { context: INLINE_INPUT_ERRORS });
const title = ref('');

async function submit() {
  clear();
  const saved = (await mutate({ title: title.value }).catch(capture))?.data?.create${Type};
  if (!saved) return;
  notify({ severity: 'success', summary: t('${name}.created', { title: saved.title }) });
  title.value = '';
  await refetch();
}
</script>

<template>
  <section class="page" data-test="${name}-page">
    <h1>{{ t('${name}.title') }}</h1>
    <form v-if="can('${name}.notes.write')" class="form-grid" novalidate @submit.prevent="submit">
      <div class="field">
        <label for="${name}-title">{{ t('${name}.noteTitle') }}</label>
        <InputText
          id="${name}-title"
          v-model="title"
          :invalid="!!errors.title"
          :aria-describedby="errors.title ? '${name}-title-error' : undefined"
        />
        <small v-if="errors.title" id="${name}-title-error" class="error">{{ errors.title }}</small>
      </div>
      <Button type="submit" :label="t('${name}.add')" :loading="loading" />
    </form>
    <p v-if="result && !result.${field}.length">{{ t('${name}.empty') }}</p>
    <ul v-else data-test="${name}-list">
      <li v-for="note in result?.${field} ?? []" :key="note.id">{{ note.title }}</li>
    </ul>
  </section>
</template>
`,
    [`web/components/${Type}CountWidget.vue`]: `<script setup lang="ts">
import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import { useQuery } from '@vue/apollo-composable';
import Card from 'primevue/card';
import { ${Type}sQuery } from '../operations.ts';

const { t } = useI18n();
const { result } = useQuery(${Type}sQuery, null, { fetchPolicy: 'network-only' });
const count = computed(() => result.value?.${field}.length);
</script>

<template>
  <Card data-test="widget-${name}">
    <template #title>{{ t('${name}.widget.title') }}</template>
    <template #content>
      <div style="font-size: 2rem; font-weight: 700">{{ count ?? '…' }}</div>
      <RouterLink to="${path}">{{ t('${name}.widget.open') }}</RouterLink>
    </template>
  </Card>
</template>
`,
    'web/i18n/en.json':
      JSON.stringify(
        {
          nav: { [name]: label },
          [name]: {
            title: label,
            noteTitle: 'Title',
            add: 'Add',
            empty: 'Nothing written yet.',
            created: '“{title}” was added.',
            widget: { title: label, open: 'Open' },
          },
        },
        null,
        2,
      ) + '\n',
    'web/i18n/es.json':
      JSON.stringify(
        {
          nav: { [name]: label },
          [name]: {
            title: label,
            noteTitle: 'Título',
            add: 'Añadir',
            empty: 'Aún no hay nada escrito.',
            created: 'Se añadió «{title}».',
            widget: { title: label, open: 'Abrir' },
          },
        },
        null,
        2,
      ) + '\n',
    'vitest.config.ts': `import { defineConfig } from 'vitest/config';
import { dentalpinVitest } from '@dentalpin/core/testing/vitest';

export default defineConfig(dentalpinVitest());
`,
    'src/index.ts': `import { defineModule, loadTypeDefs } from '@dentalpin/core';
import { manifest, permissions } from './manifest.ts';
import { ${Type} } from './entities.ts';
import { resolvers } from './resolvers.ts';
import { tools } from './tools.ts';

export default defineModule({
  manifest,
  permissions,
  entities: [${Type}],
  typeDefs: loadTypeDefs(import.meta.url, './schema.graphql'),
  resolvers,
  tools,
});
`,
    'src/manifest.ts': `import type { ManifestInput } from '@dentalpin/core';

export const permissions = ['notes.read', 'notes.write'] as const;

export const manifest: ManifestInput = {
  name: '${name}',
  version: '0.1.0',
  summary: 'Describe in one sentence what ${name} does for a clinic.',
  author: '',
  license: 'MIT',
  category: 'community',
  minCoreVersion: '${CORE_VERSION}',
  depends: [],
  autoInstall: false,
  removable: true,
  rolePermissions: { dentist: ['notes.*'], hygienist: ['notes.read'], assistant: ['notes.*'], receptionist: ['notes.read'] },
  frontend: { navigation: [{ label: 'nav.${name}', to: '${path}', permission: '${name}.notes.read', order: 80 }] },
};
`,
    'src/entities.ts': `import { defineEntity, type InferEntity, uuidPrimaryKey } from '@dentalpin/core';

export const ${Type} = defineEntity({
  name: '${Type}',
  tableName: '${table}',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    clinicId: p.uuid(),
    title: p.string().length(200),
    createdBy: p.uuid(),
    createdAt: p.datetime().columnType('timestamptz').onCreate(() => new Date()),
  }),
});
export type ${Type} = InferEntity<typeof ${Type}>;
`,
    'src/inputs.ts': `import { z } from 'zod';

/** Input rules, shared by the service (which enforces them) and the tools (which describe them to a model). */
export const createNoteInput = z.object({
  title: z.string().trim().min(1, 'is required').max(200, 'is longer than 200 characters'),
});
`,
    'src/schema.graphql': `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

scalar DateTime

type ${Type} @key(fields: "id") {
  id: ID!
  title: String!
  createdBy: ID!
  createdAt: DateTime!
}

type Query {
  ${field}: [${Type}!]!
}

type Mutation {
  create${Type}(title: String!): ${Type}!
}
`,
    'src/service.ts': `import { parseInput, type ServiceContext } from '@dentalpin/core';
import { ${Type} } from './entities.ts';
import { createNoteInput } from './inputs.ts';

/** Business rules of ${name}: no GraphQL and no permission checks here, every query scoped to the caller's clinic. */
export class ${Service} {
  constructor(private readonly ctx: ServiceContext) {}

  list(): Promise<${Type}[]> {
    return this.ctx.em.find(${Type}, { clinicId: this.ctx.identity.clinicId }, { orderBy: { createdAt: 'desc' } });
  }

  async create(raw: unknown): Promise<${Type}> {
    const input = parseInput(createNoteInput, raw);
    const { clinicId, userId } = this.ctx.identity;
    const note = this.ctx.em.create(${Type}, { clinicId, title: input.title, createdBy: userId });
    await this.ctx.em.flush();
    return note;
  }
}
`,
    'src/resolvers.ts': `import { authorize } from '@dentalpin/core';
import { enumResolvers, type Resolvers } from './generated/graphql.ts';
import { ${Service} } from './service.ts';

/** Thin: one permission check (authorize), then the service. Argument and parent types come from schema.graphql. */
export const resolvers: Resolvers = {
  ...enumResolvers,
  Query: {
    ${field}: (_, __, ctx) => new ${Service}(authorize(ctx, '${name}.notes.read')).list(),
  },
  Mutation: {
    create${Type}: (_, args, ctx) => new ${Service}(authorize(ctx, '${name}.notes.write')).create(args),
  },
};
`,
    'src/generated/graphql.ts': scaffoldResolverTypes(Type, field),
    'src/tools.ts': `import { z } from 'zod';
import { defineTool, type Tool } from '@dentalpin/core';
import type { ${Type} } from './entities.ts';
import { createNoteInput } from './inputs.ts';
import { ${Service} } from './service.ts';

/** How a note looks to an agent. */
const view = (n: ${Type}) => ({ id: n.id, title: n.title, createdAt: n.createdAt });

const listNotes = defineTool({
  name: 'list_notes',
  description:
    'List the notes of the current clinic, newest first. Returns [{ id, title, createdAt }]. Read-only; it cannot ' +
    'search or filter.',
  parameters: z.strictObject({}),
  permissions: ['${name}.notes.read'],
  category: 'READ',
  async handler(ctx) {
    return (await new ${Service}(ctx).list()).map(view);
  },
});

const createNote = defineTool({
  name: 'create_note',
  description:
    'Write a new note in the current clinic with a title of 1-200 characters. It does not check for duplicates; ' +
    'list_notes first when unsure. Returns the created note with its id.',
  parameters: z.strictObject({ title: createNoteInput.shape.title.describe('The note, 1-200 characters.') }),
  permissions: ['${name}.notes.write'],
  category: 'WRITE',
  graphqlMutations: ['create${Type}'],
  async handler(ctx, params) {
    return view(await new ${Service}(ctx).create(params));
  },
});

export const tools: Tool[] = [listNotes, createNote] as Tool[];
`,
    [`migrations/${migration}.ts`]: `import { Migration } from '@dentalpin/core';

export class ${migration} extends Migration {
  override async up(): Promise<void> {
    this.addSql(\`create table ${table} (
      id uuid primary key,
      clinic_id uuid not null references clinics(id),
      title varchar(200) not null,
      created_by uuid not null,
      created_at timestamptz not null default now())\`);
    this.addSql('create index ${table}_clinic_idx on ${table} (clinic_id, created_at desc)');
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists ${table}');
  }
}
`,
    [`test/${name}.test.ts`]: `import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { moduleProblems, startTestPlatform, type TestPlatform } from '@dentalpin/core/testing';

const moduleDir = fileURLToPath(new URL('..', import.meta.url));

describe('${name}', () => {
  let t: TestPlatform;
  let admin: { token: string; clinicId: string };

  beforeAll(async () => {
    t = await startTestPlatform({ moduleDirs: [moduleDir] });
    admin = await t.setup();
    await t.data('mutation { installModule(name: "${name}") { scheduled } }', {}, admin);
    const restart = await t.data('mutation { restartModules { processed { module status error } } }', {}, admin);
    expect(restart.restartModules.processed).toEqual([{ module: '${name}', status: 'completed', error: null }]);
  });
  afterAll(() => t.close());

  it('meets the module contract: layout, manifest, a tool (or a stated reason) for every mutation', async () => {
    expect(await moduleProblems(moduleDir)).toEqual([]);
  });

  it('creates and lists notes', async () => {
    await t.data('mutation { create${Type}(title: "First") { id } }', {}, admin);
    expect((await t.data('{ ${field} { title } }', {}, admin)).${field}).toEqual([{ title: 'First' }]);
  });

  it('refuses an empty title with BAD_USER_INPUT', async () => {
    const r = await t.gql('mutation { create${Type}(title: " ") { id } }', {}, admin);
    expect(r.errors?.[0]).toMatchObject({ message: 'title is required', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('checks permissions', async () => {
    const receptionist = await t.userWithRole(admin, 'receptionist');
    const r = await t.gql('mutation { create${Type}(title: "No") { id } }', {}, receptionist);
    expect(r.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('offers the same rules to agents through its tools', async () => {
    const { identity } = await t.platform.auth.authenticate(\`Bearer \${admin.token}\`, admin.clinicId);
    const created = await t.platform.agents.call({ identity: identity! }, '${name}.create_note', { title: 'By agent' });
    expect(created).toMatchObject({ status: 'SUCCESS', result: { title: 'By agent' } });
    const empty = await t.platform.agents.call({ identity: identity! }, '${name}.create_note', { title: '' });
    expect(empty).toMatchObject({ status: 'FAILED', errorCode: 'BAD_USER_INPUT' });
  });

  it('keeps clinics apart', async () => {
    const clinicB = (await t.data('mutation { createClinic(input: { name: "B" }) { id } }', {}, admin)).createClinic.id;
    const other = await t.userWithRole({ token: admin.token, clinicId: clinicB }, 'dentist', clinicB);
    expect((await t.data('{ ${field} { id } }', {}, other)).${field}).toEqual([]);
  });
});
`,
    'README.md': `# ${name}

What this module does for a clinic, in two or three sentences.

- **API**: \`${field}\`, \`create${Type}(title)\`.
- **Permissions**: \`${name}.notes.read\`, \`${name}.notes.write\` (grants in \`src/manifest.ts\`).
- **Events in / out**: none yet.
- **Removable**: yes; its data is backed up before its tables are dropped.

Run its tests with \`npm test\` (DATABASE_URL, or an embedded PostgreSQL).
`,
    'CHANGELOG.md': `# Changelog — ${name}

## 0.1.0
- First version, scaffolded by \`dentalpin modules new ${name}\`.
`,
  };
}

export function scaffoldModule(name: string, dir?: string): { dir: string; files: string[] } {
  if (!/^[a-z][a-z0-9_]*$/.test(name))
    throw new Error(`"${name}" is not a module name: use snake_case (lowercase letters, digits, "_").`);
  const target = resolve(dir ?? name);
  if (existsSync(target)) throw new Error(`${target} already exists; choose another --dir.`);
  const files = scaffoldFiles(name, coreDevDependency(target));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(join(target, file, '..'), { recursive: true });
    writeFileSync(join(target, file), content);
  }
  return { dir: target, files: Object.keys(files) };
}
