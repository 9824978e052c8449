import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { createTestDatabase, serverUrl } from '../../core/src/testing/database.ts';
import { eventually, graphqlRequest } from '@dentalpin/core/testing';
import { dentalpinEnv, freePort, ROOT, spawnUntil, type Spawned } from './support/processes.ts';
import { setupClinic, type Admin } from './support/listeners.ts';

/**
 * DentalPin issue 18: a community module's whole path, outside the repository, following
 * docs/creating-modules.md ("The whole path, command for command") literally. In a temporary folder: a copy
 * of the host checkout (`dentalpin/`, its sources copied, its node_modules hard-linked) and the module
 * beside it (`clinic_notes/`). The guide's commands run in order, as an author types them, each in a shell;
 * between them the test edits files as the author would (a field, its tool, the page, a test; then a
 * version bump) and checks what a running `dentalpin serve` of the host answers over HTTP.
 */
const GUIDE = join(ROOT, 'docs/creating-modules.md');
const SECRET = randomBytes(32).toString('hex');
const NAME = 'clinic_notes';

/** The commands of the guide's author-path block, in order, without comments. */
function guideCommands(): string[] {
  const text = readFileSync(GUIDE, 'utf8');
  const block = text.slice(text.indexOf('<!-- author-path:start -->'), text.indexOf('<!-- author-path:end -->'));
  const code = /```sh\n([\s\S]*?)```/.exec(block)?.[1];
  if (!code) throw new Error('docs/creating-modules.md has no author-path block');
  return code
    .split('\n')
    .map((line) => line.replace(/(^|\s+)#.*$/, '').trim())
    .filter(Boolean);
}

/** Replaces `from` by `to` in a file of the module, as an author's edit; fails when `from` is not there. */
function edit(dir: string, file: string, from: string | RegExp, to: string) {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  const changed = text.replace(from, to);
  if (changed === text) throw new Error(`${file} has no ${String(from)}`);
  writeFileSync(path, changed);
}

function editJson(dir: string, file: string, change: (value: Record<string, any>) => void) {
  const path = join(dir, file);
  const value = JSON.parse(readFileSync(path, 'utf8')) as Record<string, any>;
  change(value);
  writeFileSync(path, JSON.stringify(value, null, 2) + '\n');
}

/** The environment a shell in a terminal has: none of this test runner's own variables. */
function terminalEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env))
    if (!/^(VITEST|TEST_|DENTALPIN_|NODE_ENV$|NODE_OPTIONS$|npm_)/.test(key)) env[key] = value;
  return {
    ...env,
    APOLLO_TELEMETRY_DISABLED: '1',
    // CI installs only what `npm ci` already cached.
    npm_config_prefer_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    ...extra,
  };
}

/** Runs one command line in a shell, as typed; resolves with what it wrote, rejects when it fails. */
function sh(line: string, cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  const child = spawn('sh', ['-c', line], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  return new Promise((resolve, reject) =>
    child.once('close', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`\`${line}\` (in ${cwd}) exited ${code}:\n${output}`)),
    ),
  );
}

type Step = string | { edit: string; apply(): void | Promise<void> } | { check: string; run(): Promise<void> };

describe('the author path of docs/creating-modules.md, outside the repository', { timeout: 540_000 }, () => {
  let base: string;
  let host: string;
  let moduleDir: string;
  let hostDb: Awaited<ReturnType<typeof createTestDatabase>>;
  let authorDb: Awaited<ReturnType<typeof createTestDatabase>>;
  let server: Promise<Spawned & { url: string }>;
  let admin: Admin;
  const timings: { step: string; seconds: number }[] = [];

  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'dentalpin-author-'));
    host = join(base, 'dentalpin');
    moduleDir = join(base, NAME);
    // A fresh copy of the host checkout: its sources (what git tracks or would track) copied, every
    // node_modules hard-linked. Files npm rewrites in place (its hidden lock file) are real copies.
    const started = Date.now();
    const files = (await sh('git ls-files -co --exclude-standard -z', ROOT, process.env)).split('\0').filter(Boolean);
    for (const file of files)
      if (existsSync(join(ROOT, file))) cpSync(join(ROOT, file), join(host, file), { verbatimSymlinks: true });
    for (const modules of [
      'node_modules',
      ...readdirSync(join(ROOT, 'subgraphs')).map((d) => `subgraphs/${d}/node_modules`),
      'core/node_modules',
      'gateway/node_modules',
      'web/node_modules',
    ])
      if (existsSync(join(ROOT, modules)))
        // Hard links need one filesystem; a temporary folder elsewhere (a tmpfs) gets a real copy.
        await sh(`cp -al ${join(ROOT, modules)} ${join(host, modules)}`, ROOT, process.env).catch(() =>
          sh(`rm -rf ${join(host, modules)} && cp -a ${join(ROOT, modules)} ${join(host, modules)}`, ROOT, process.env),
        );
    rmSync(join(host, 'node_modules/.package-lock.json'));
    cpSync(join(ROOT, 'node_modules/.package-lock.json'), join(host, 'node_modules/.package-lock.json'));
    timings.push({ step: 'copy of the host checkout', seconds: (Date.now() - started) / 1000 });

    [hostDb, authorDb] = await Promise.all([
      createTestDatabase('dentalpin_host'),
      createTestDatabase('dentalpin_author'),
    ]);
    // The host runs (`npm start`) while the author works: started now, awaited where the guide needs it.
    server = startHost();
  }, 300_000);

  /** `npm start` of the host: `dentalpin serve` in production, on the host's database. */
  function startHost(): Promise<Spawned & { url: string }> {
    const started = freePort().then(async (port) => ({
      ...(await spawnUntil(process.execPath, [join(host, 'core/bin/dentalpin.js'), 'serve', '--port', String(port)], {
        cwd: host,
        env: dentalpinEnv(hostDb.url, SECRET, { DENTALPIN_JOBS: 'off' }),
        ready: (line) => line.startsWith('DentalPin is running'),
        timeoutMs: 300_000,
      })),
      url: `http://127.0.0.1:${port}/graphql`,
    }));
    started.catch(() => undefined);
    return started;
  }

  afterAll(async () => {
    (await server.catch(() => null))?.kill();
    await Promise.all([hostDb?.drop(), authorDb?.drop()]);
    if (base) rmSync(base, { recursive: true, force: true });
    console.log(timings.map((t) => `${t.seconds.toFixed(1).padStart(6)} s  ${t.step}`).join('\n'));
  });

  const gql = async <T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}) =>
    graphqlRequest<T>((await server).url, query, variables, admin);

  it('scaffolds, grows, tests, packs, installs, upgrades and removes a module with exactly the guide’s commands', async () => {
    const steps: Step[] = [
      'npx dentalpin modules new clinic_notes --dir ../clinic_notes',
      'cd ../clinic_notes',
      'npm install',
      'npm test',
      {
        edit: 'a field (entity + schema), its tool, the page and its text, a test',
        apply() {
          edit(
            moduleDir,
            'src/entities.ts',
            /( {4}title: p\.string\(\)\.length\(200\),\n)/,
            '$1    pinned: p.boolean().default(false),\n',
          );
          edit(moduleDir, 'src/schema.graphql', /( {2}title: String!\n)/, '$1  pinned: Boolean!\n');
          edit(moduleDir, 'src/tools.ts', 'title: n.title,', 'title: n.title, pinned: n.pinned,');
          edit(moduleDir, 'web/operations.ts', /( {6}title\n)/g, '$1      pinned\n');
          edit(
            moduleDir,
            'web/pages/ClinicNotesNotePage.vue',
            '{{ note.title }}</li>',
            `{{ note.title }}<span v-if="note.pinned"> · {{ t('clinic_notes.pinned') }}</span></li>`,
          );
          editJson(moduleDir, 'web/i18n/en.json', (m) =>
            Object.assign(m.clinic_notes, { title: 'Notes of the clinic', pinned: 'pinned' }),
          );
          editJson(moduleDir, 'web/i18n/es.json', (m) =>
            Object.assign(m.clinic_notes, { title: 'Notas de la clínica', pinned: 'fijada' }),
          );
          edit(
            moduleDir,
            'test/clinic_notes.test.ts',
            /\n\}\);\n$/,
            `

  it('writes notes unpinned', async () => {
    await t.data('mutation { createClinicNotesNote(title: "Unpinned") { id } }', {}, admin);
    expect((await t.data('{ clinicNotesNotes { title pinned } }', {}, admin)).clinicNotesNotes).toContainEqual({
      title: 'Unpinned',
      pinned: false,
    });
  });
});
`,
          );
        },
      },
      'cd ../dentalpin',
      'npm run codegen:module -- ../clinic_notes',
      {
        check: 'the resolver types know the new field',
        async run() {
          const generated = readFileSync(join(moduleDir, 'src/generated/graphql.ts'), 'utf8');
          expect(generated).toContain("pinned?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;");
        },
      },
      'cd ../clinic_notes',
      'npx dentalpin modules make-migration clinic_notes',
      {
        check: 'the generated migration holds only the new column',
        async run() {
          const migrations = readdirSync(join(moduleDir, 'migrations'))
            .filter((f) => f.endsWith('.ts'))
            .sort();
          expect(migrations).toHaveLength(2);
          const generated = readFileSync(join(moduleDir, 'migrations', migrations[1]!), 'utf8');
          expect(generated).toContain(
            'alter table "clinic_notes_notes" add column "pinned" boolean not null default false;',
          );
          expect(generated).not.toContain('create table');
        },
      },
      'npm test',
      'npm pack',
      'cd ../dentalpin',
      'npm install ../clinic_notes/dentalpin-clinic-notes-0.1.0.tgz',
      'npx dentalpin modules sync-frontend',
      {
        check: 'the web app lists the installed package’s layer',
        async run() {
          const layers = readFileSync(join(host, 'web/src/generated/module-layers.ts'), 'utf8');
          expect(layers).toContain("from '../../../node_modules/dentalpin-clinic-notes/web/index.ts'");
          admin = await setupClinic((await server).url);
        },
      },
      'npx dentalpin modules install clinic_notes',
      'npx dentalpin modules restart',
      {
        check: 'the running server serves the new module, field included',
        async run() {
          const created = await eventually(async () => {
            const r = await gql('mutation { createClinicNotesNote(title: "From the tarball") { id title pinned } }');
            expect(r.errors).toBeUndefined();
            return r.data!.createClinicNotesNote;
          });
          expect(created).toMatchObject({ title: 'From the tarball', pinned: false });
          const bad = await gql('mutation { createClinicNotesNote(title: " ") { id } }');
          expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
          expect((await gql('{ clinicNotesNotes { title pinned } }')).data).toEqual({
            clinicNotesNotes: [{ title: 'From the tarball', pinned: false }],
          });
          // Built JavaScript from the tarball, not the sources.
          expect(existsSync(join(host, 'node_modules/dentalpin-clinic-notes/dist/src/index.js'))).toBe(true);
        },
      },
      {
        edit: '0.2.0: version in package.json and the manifest, its summary, a CHANGELOG entry',
        apply() {
          editJson(moduleDir, 'package.json', (p) => (p.version = '0.2.0'));
          edit(moduleDir, 'src/manifest.ts', "version: '0.1.0'", "version: '0.2.0'");
          edit(moduleDir, 'src/manifest.ts', /summary: '[^']*'/, "summary: 'Short notes a clinic pins for everyone.'");
          edit(moduleDir, 'CHANGELOG.md', '\n## 0.1.0', '\n## 0.2.0\n- Notes can be pinned.\n\n## 0.1.0');
        },
      },
      'cd ../clinic_notes',
      'npm pack',
      'cd ../dentalpin',
      'npm install ../clinic_notes/dentalpin-clinic-notes-0.2.0.tgz',
      'npx dentalpin modules upgrade clinic_notes',
      'npx dentalpin modules restart',
      {
        check: 'the running server keeps serving the data with 0.1.0’s code, and says so until it restarts',
        async run() {
          const { url } = await server;
          const ready = async () => (await fetch(new URL('/health/ready', url))).json();
          const outdated = [{ module: NAME, loaded: '0.1.0', installed: '0.2.0' }];
          await eventually(async () => JSON.stringify(await ready()).includes('outdatedModules'), 60_000).catch(
            () => undefined,
          );
          expect(await ready(), `${new Date().toISOString()}\n${(await server).output.slice(-8).join('\n')}`).toEqual({
            status: 'ready',
            outdatedModules: outdated,
          });
          expect((await gql('{ clinicNotesNotes { title } }')).data).toEqual({
            clinicNotesNotes: [{ title: 'From the tarball' }],
          });
          expect((await server).output.join('\n')).toContain(
            `module ${NAME}: installed version is 0.2.0 but this server runs its code 0.1.0`,
          );
        },
      },
      {
        check: 'restarted (stop `npm start`, start it again), the host serves 0.2.0 with the data kept',
        async run() {
          const old = await server;
          old.child.kill('SIGTERM');
          await old.exited;
          server = startHost();
          const modules = async () =>
            (await gql('{ modules { name version codeVersion summary state } }')).data!.modules.find(
              (m: { name: string }) => m.name === NAME,
            );
          expect(await modules()).toEqual({
            name: NAME,
            version: '0.2.0',
            codeVersion: '0.2.0',
            summary: 'Short notes a clinic pins for everyone.',
            state: 'installed',
          });
          expect(await (await fetch(new URL('/health/ready', (await server).url))).json()).toEqual({ status: 'ready' });
          expect((await gql('{ clinicNotesNotes { title pinned } }')).data).toEqual({
            clinicNotesNotes: [{ title: 'From the tarball', pinned: false }],
          });
        },
      },
      'npx dentalpin modules uninstall clinic_notes',
      'npx dentalpin modules restart',
      {
        check: 'the module is gone from the running server and the database, its data backed up',
        async run() {
          await eventually(async () => {
            const r = await gql('{ clinicNotesNotes { id } }');
            expect(r.errors?.[0]?.message).toMatch(/Cannot query field "clinicNotesNotes"/);
            return true;
          });
          const sql = new pg.Client({ connectionString: hostDb.url });
          await sql.connect();
          try {
            const { rows } = await sql.query(`select to_regclass('clinic_notes_notes') as t`);
            expect(rows[0].t).toBeNull();
          } finally {
            await sql.end();
          }
          const backups = readdirSync(join(host, 'storage/backups')).filter((f) => f.startsWith(`${NAME}-`));
          expect(backups).toHaveLength(1);
          expect(readFileSync(join(host, 'storage/backups', backups[0]!), 'utf8')).toContain('From the tarball');
        },
      },
    ];

    // The test runs the guide's commands, all of them, in the guide's order.
    expect(steps.filter((s): s is string => typeof s === 'string')).toEqual(guideCommands());

    let cwd = host;
    for (const step of steps) {
      const started = Date.now();
      if (typeof step === 'string') {
        const cd = /^cd (\S+)$/.exec(step);
        if (cd) {
          cwd = resolve(cwd, cd[1]!);
          continue;
        }
        if (cwd === host && step.startsWith('npx dentalpin')) await server; // the host is running
        const env =
          cwd === host
            ? // The host's commands act on the running server's database, in production like the server.
              terminalEnv(step.startsWith('npx dentalpin') ? dentalpinEnv(hostDb.url, SECRET) : {})
            : // The author's folder: tests on DATABASE_URL (each run in its own database), commands on a scratch one.
              terminalEnv({ DATABASE_URL: step === 'npm test' ? serverUrl() : authorDb.url });
        await sh(step, cwd, env);
        timings.push({ step, seconds: (Date.now() - started) / 1000 });
      } else if ('edit' in step) await step.apply();
      else {
        await step.run();
        timings.push({ step: `check: ${step.check}`, seconds: (Date.now() - started) / 1000 });
      }
    }
  });
});
