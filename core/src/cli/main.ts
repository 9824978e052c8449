import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CORE_VERSION } from '../version.ts';
import { DomainError } from '../errors.ts';
import { CliExit, EXIT, exitCodeOf, print, table } from './output.ts';
import type { Platform } from '../platform.ts';
import type { Environment } from '../server/environment.ts';

// Only commander, the configuration and the output helpers load at start: `--help` and a mistyped command
// answer at once. Each command imports what it uses (the platform, the ORM, Apollo) when it runs.
const lazy = {
  platform: () => import('../platform.ts'),
  environment: () => import('../server/environment.ts'),
  discovery: () => import('../modules/discovery.ts'),
  frontend: () => import('../modules/frontend.ts'),
  backup: () => import('../modules/backup.ts'),
  makeMigration: () => import('../modules/make-migration.ts'),
  registry: () => import('../server/subgraph-registry.ts'),
  composeModules: () => import('../graphql/compose-modules.ts'),
  gateway: () => import('@dentalpin/gateway'),
  serve: () => import('./serve-command.ts'),
  scaffold: () => import('./scaffold.ts'),
  logger: () => import('../logger.ts'),
  config: () => import('../config.ts'),
  tenancy: () => import('../db/tenancy.ts'),
  presence: () => import('../server/presence.ts'),
};

/** Opens the platform (database + discovered modules) for one command and always closes it. */
async function withPlatform<T>(fn: (platform: Platform, env: Environment) => Promise<T>): Promise<T> {
  const [{ resolveEnvironment }, { Platform }] = await Promise.all([lazy.environment(), lazy.platform()]);
  const env = await resolveEnvironment();
  try {
    const platform = await Platform.open({
      databaseUrl: env.databaseUrl,
      databaseSessionUrl: env.databaseSessionUrl,
      secret: env.secret,
      rootDir: env.rootDir,
    });
    try {
      // Modules met for the first time with autoInstall are installed for real, as at server start.
      if ((await platform.kernel.reconcile()).length) await platform.kernel.runPending();
      return await fn(platform, env);
    } finally {
      await platform.close();
    }
  } finally {
    await env.close();
  }
}

/** How long `modules restart` waits for running servers to load a module change. */
const SERVER_SWITCH_TIMEOUT_MS = 30_000;

const jsonOption = new Option('--json', 'machine-readable output');

export function buildCli(): Command {
  const program = new Command('dentalpin').version(CORE_VERSION).description('DentalPin platform command line');
  program.exitOverride();

  program
    .command('serve')
    .description('run the platform (gateway + subgraphs) in one process')
    .option('--demo', 'create the demo clinic, users and data')
    .option('--port <n>', 'HTTP port (default: PORT, else 4000)', (v) => Number(v))
    .option('--host <address>', 'address to listen on (default: HOST, else 127.0.0.1; 0.0.0.0 in a container)')
    .option('--subgraph <module>', "serve one module's subgraph alone (distributed mode)")
    .option('--gateway-only', 'serve the gateway, calling subgraphs over HTTP (DENTALPIN_SUBGRAPH_URLS)')
    .option(
      '--gateway-url <url>',
      'with --subgraph: the gateway its cross-module queries go to (DENTALPIN_GATEWAY_URL)',
    )
    .option('--migrate', "with --subgraph: apply the core's and this module's pending migrations first")
    .option(
      '--workers <n>',
      'processes sharing the port, each a full gateway (default: DENTALPIN_WORKERS, else one per core)',
      (v) => {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1)
          throw new InvalidArgumentError('expected a whole number of processes, at least 1');
        return n;
      },
    )
    .action(async (opts) => (await lazy.serve()).serve(opts));

  const modules = program.command('modules').description('inspect and change the modules of this instance');
  modules
    .command('list')
    .addOption(jsonOption)
    .action((opts) =>
      withPlatform(async (p) => {
        const list = await p.kernel.list();
        print(opts.json, list, () =>
          table([
            ['NAME', 'VERSION', 'STATE', 'CATEGORY', 'DEPENDS', 'ERROR'],
            ...list.map((m) => [
              m.name,
              m.upgradeAvailable ? `${m.version}→${m.codeVersion}` : m.version,
              m.state,
              m.category,
              m.depends.join(',') || '-',
              m.error ?? '',
            ]),
          ]),
        );
      }),
    );
  modules
    .command('info <module>')
    .addOption(jsonOption)
    .action((name, opts) =>
      withPlatform(async (p) => {
        const info = await p.kernel.info(name);
        print(opts.json, info, () =>
          Object.entries(info)
            .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : v}`)
            .join('\n'),
        );
      }),
    );
  modules
    .command('status')
    .addOption(jsonOption)
    .action((opts) =>
      withPlatform(async (p) => {
        const s = await p.kernel.status();
        print(opts.json, s, () =>
          [
            `Total modules: ${s.total}`,
            'By state:',
            ...Object.entries(s.byState).map(([k, v]) => `  ${k}: ${v}`),
            `Pending: ${s.pending.join(', ') || '-'}`,
            `Errored: ${s.errored.join(', ') || '-'}`,
            `Upgrades available: ${s.upgradesAvailable.join(', ') || '-'}`,
          ].join('\n'),
        );
      }),
    );
  modules
    .command('doctor')
    .addOption(jsonOption)
    .action((opts) =>
      withPlatform(async (p) => {
        const r = await p.kernel.doctor();
        print(opts.json, r, () =>
          r.ok && !r.upgradesAvailable.length
            ? 'All checks passed.'
            : [
                ...(r.orphans.length
                  ? ['Orphan modules (in the database, missing from disk):', ...r.orphans.map((o) => `- ${o}`)]
                  : []),
                ...(r.missingDependencies.length
                  ? [
                      'Missing dependencies:',
                      ...r.missingDependencies.map((d) => `- ${d.module} requires ${d.missing}`),
                    ]
                  : []),
                ...(r.manifestErrors.length
                  ? ['Manifest errors:', ...r.manifestErrors.map((d) => `- ${d.module}: ${d.code} ${d.error}`)]
                  : []),
                ...(r.erroredModules.length
                  ? ['Modules with errors:', ...r.erroredModules.map((d) => `- ${d.module}: ${d.error}`)]
                  : []),
                ...(r.tenantTablesWithoutPolicy.length
                  ? [
                      'Tenant tables without a forced row-level security policy (run `dentalpin db migrate`):',
                      ...r.tenantTablesWithoutPolicy.map((d) => `- ${d.table}: ${d.code}`),
                    ]
                  : []),
                ...(r.outdatedServers.length
                  ? [
                      'Servers running older code than installed (restart them):',
                      ...r.outdatedServers.map(
                        (d) => `- ${d.server}: ${d.module} ${d.loaded} (installed ${d.installed})`,
                      ),
                    ]
                  : []),
                ...(r.deadEvents.length
                  ? [
                      'Dead-lettered event deliveries:',
                      ...r.deadEvents.map(
                        (d) => `- ${d.module} <- ${d.type} ${d.eventId} (${d.attempts} attempts): ${d.error}`,
                      ),
                    ]
                  : []),
                ...(r.failingJobs.length
                  ? [
                      'Jobs whose last run failed:',
                      ...r.failingJobs.map((j) => `- ${j.job} at ${j.failedAt}: ${j.error}`),
                    ]
                  : []),
                ...(r.upgradesAvailable.length
                  ? [
                      'Upgrades available:',
                      ...r.upgradesAvailable.map((d) => `- ${d.module}: ${d.installed} → ${d.available}`),
                    ]
                  : []),
              ].join('\n'),
        );
        if (!r.ok) throw new CliExit(EXIT.checkFailed, '');
      }),
    );
  const scheduling = (
    command: string,
    description: string,
    change: (p: Platform, name: string, force: boolean) => Promise<string[]>,
    done: (name: string, scheduled: string[]) => string,
    withForce = true,
  ) => {
    const cmd = modules.command(`${command} <module>`).description(description).addOption(jsonOption);
    if (withForce) cmd.option('--force', 'override the guard (removable=false, installable=false, dependents)');
    cmd.action((name, opts) =>
      withPlatform(async (p) => {
        const scheduled = await change(p, name, !!opts.force);
        print(opts.json, { scheduled, requiresRestart: scheduled.length > 0 }, () =>
          scheduled.length
            ? `${done(name, scheduled)}\nRun \`dentalpin modules restart\` to apply.`
            : `Nothing to do for ${name}.`,
        );
      }),
    );
  };
  scheduling(
    'install',
    'schedule an install with its dependency chain',
    // The kernel checks the chain's obligations (the agent tool contract) before scheduling anything.
    (p, n, f) => p.kernel.scheduleInstall(n, f),
    (_n, s) => ['Scheduled for install:', ...s.map((x) => `  - ${x}`)].join('\n'),
  );
  scheduling(
    'uninstall',
    'schedule removal (its data is backed up first)',
    (p, n, f) => p.kernel.scheduleUninstall(n, f),
    (n) => `Scheduled uninstall of ${n}. A backup of its data is taken before its tables are dropped.`,
  );
  scheduling(
    'upgrade',
    'schedule an upgrade to the version on disk',
    (p, n) => p.kernel.scheduleUpgrade(n),
    (n) => `Scheduled upgrade of ${n}.`,
    false,
  );
  scheduling(
    'disable',
    'take a module out of service, keeping its data',
    (p, n, f) => p.kernel.disable(n, f),
    (n) => `Disabled ${n}.`,
  );
  scheduling(
    'enable',
    'put a disabled module back in service',
    (p, n) => p.kernel.enable(n),
    (n) => `Enabled ${n}.`,
    false,
  );
  modules
    .command('make-migration <module>')
    .description("generate the module's next migration from its entities (never touching other modules' tables)")
    .option('--snapshot-only', 'only write migrations/.snapshot.json, for a module whose migrations already match')
    .addOption(jsonOption)
    .action((name, opts) =>
      withPlatform(async (p) => {
        const m = p.kernel.module(name);
        if (!m) throw new CliExit(EXIT.notFound, `Module "${name}" is not available on this instance.`);
        const { generateMigration, writeSnapshot } = await lazy.makeMigration();
        if (opts.snapshotOnly) {
          const file = await writeSnapshot(p.db, m);
          return print(opts.json, { snapshot: file }, () => `Wrote ${file}`);
        }
        const result = await generateMigration(p.db, m);
        print(opts.json, result, () =>
          result.file
            ? [`Wrote ${result.file}:`, ...result.up.map((s) => `  ${s}`)].join('\n')
            : `The entities of ${name} match its migrations; nothing to generate.`,
        );
      }),
    );
  modules
    .command('new <name>')
    .description('scaffold a community module package (its own tests pass right away)')
    .option('--dir <dir>', 'where to create it (default: ./<name>)')
    .addOption(jsonOption)
    .action(async (name, opts) => {
      const { scaffoldModule } = await lazy.scaffold();
      let result: ReturnType<typeof scaffoldModule>;
      try {
        result = scaffoldModule(name, opts.dir);
      } catch (e) {
        throw new CliExit(EXIT.notFound, (e as Error).message);
      }
      print(opts.json, result, () =>
        [
          `Created module ${name} in ${result.dir}:`,
          ...result.files.map((f) => `  ${f}`),
          '',
          `Next: cd ${result.dir} && npm install && npm test; then npm pack, and in the host npm install <the .tgz>, ` +
            `dentalpin modules install ${name} and dentalpin modules restart (docs/creating-modules.md).`,
        ].join('\n'),
      );
    });
  modules
    .command('restore <backup-file>')
    .description('replay a module backup (after re-installing the module)')
    .addOption(jsonOption)
    .action((file, opts) =>
      withPlatform(async (p, env) => {
        const backup = await lazy.backup();
        // A path, or the file name the admin page's log shows (found in the backup directory).
        const path = backup.resolveBackupFile(file, env.rootDir);
        if (!existsSync(path)) throw new CliExit(EXIT.notFound, `No backup file at ${path}.`);
        const result = await backup.restoreBackup(p.db, path);
        print(opts.json, { file: path, ...result }, () => `Restored ${result.statements} rows from ${path}.`);
      }),
    );
  modules
    .command('restart')
    .description('apply pending operations; running servers reload their supergraph')
    .addOption(jsonOption)
    .action((opts) =>
      withPlatform(async (p) => {
        const processed = await p.kernel.runPending();
        await (await lazy.platform()).Platform.notifyModuleChange(p.db);
        const active = (await p.kernel.activeModules()).map((m) => m.name);
        // Returns once every running server has loaded the change, or says which did not.
        const { waitForServers, serverName } = await lazy.presence();
        const behind = (await waitForServers(p.db.knex, SERVER_SWITCH_TIMEOUT_MS)).map(serverName);
        print(opts.json, { processed, activeModules: active, serversNotSwitched: behind }, () =>
          [
            ...(processed.length
              ? processed.map((o) => `${o.module}: ${o.operation} ${o.status}${o.error ? ` — ${o.error}` : ''}`)
              : ['Nothing pending.']),
            `Active modules: ${active.join(', ')}`,
            behind.length
              ? `Not switched after ${SERVER_SWITCH_TIMEOUT_MS / 1000} s (see their logs): ${behind.join(', ')}`
              : 'Every running server has switched.',
          ].join('\n'),
        );
        if (processed.some((o) => o.status !== 'completed')) throw new CliExit(EXIT.checkFailed, '');
      }),
    );
  modules
    .command('sync-frontend')
    .description(
      "regenerate the web host's list of module layers (every module found on disk; inactive ones stay hidden)",
    )
    .option('--out <file>', 'where to write the list', 'web/src/generated/module-layers.ts')
    .addOption(jsonOption)
    .action(async (opts) => {
      // Needs no database: layers come from the module packages on disk, gated at run time by activeModules.
      const { config, findRootDir } = await lazy.config();
      const rootDir = findRootDir();
      const extraDirs = config().modulePaths;
      const [{ discoverModules }, { findFrontendLayers, writeFrontendLayers }] = await Promise.all([
        lazy.discovery(),
        lazy.frontend(),
      ]);
      const { modules: found, issues } = await discoverModules(rootDir, { extraDirs });
      const layers = findFrontendLayers(found);
      const outFile = resolve(rootDir, opts.out);
      const changed = writeFrontendLayers(layers, outFile);
      print(opts.json, { out: outFile, changed, layers, issues }, () =>
        [
          `${changed ? 'Wrote' : 'Unchanged'} ${outFile}`,
          ...layers.map((l) => `  ${l.module}: ${l.entry}`),
          ...issues.map((i) => `  skipped ${i.module}: ${i.code} ${i.message}`),
        ].join('\n'),
      );
    });
  modules
    .command('operations <module>')
    .option('--limit <n>', 'how many entries', (v) => Number(v), 20)
    .addOption(jsonOption)
    .action((name, opts) =>
      withPlatform(async (p) => {
        await p.kernel.info(name);
        const ops = await p.kernel.store.operations(name, opts.limit);
        print(opts.json, ops, () =>
          table([
            ['WHEN', 'OPERATION', 'STEP', 'STATUS', 'DETAILS'],
            ...ops.map((o) => [
              o.createdAt.toISOString(),
              o.operation,
              o.step,
              o.status,
              o.details ? JSON.stringify(o.details) : '',
            ]),
          ]),
        );
      }),
    );

  program
    .command('db')
    .description('database maintenance')
    .command('migrate')
    .description('apply core migrations and those of every installed module')
    .addOption(jsonOption)
    .action((opts) =>
      withPlatform(async (p) => {
        const applied: Record<string, string[]> = {};
        for (const m of await p.kernel.activeModules()) {
          const orm = await p.kernel.orm(m.name);
          applied[m.name] = (await orm.getMigrator().up()).map((x) => x.name);
        }
        await (await lazy.tenancy()).applyAndVerifyTenancy(p.db.knex, 'db migrate');
        print(
          opts.json,
          { applied },
          () =>
            Object.entries(applied)
              .map(([m, names]) => `${m}: ${names.length ? names.join(', ') : 'up to date'}`)
              .join('\n') || 'No installed modules.',
        );
      }),
    );

  program
    .command('users')
    .command('create-admin')
    .requiredOption('--email <email>')
    .requiredOption('--password <password>')
    .option('--clinic <name>', 'clinic name (created when missing)', 'My clinic')
    .addOption(jsonOption)
    .action((opts) =>
      withPlatform(async (p) => {
        const user = await p.auth.createAdmin({ email: opts.email, password: opts.password, clinicName: opts.clinic });
        print(
          opts.json,
          { id: user.id, email: user.email, clinic: opts.clinic },
          () => `Created platform admin ${user.email} (clinic "${opts.clinic}").`,
        );
      }),
    );

  program
    .command('supergraph')
    .description(
      'print (or write) the supergraph composed from every discovered module; subgraphs served alone ' +
        '(DENTALPIN_SUBGRAPH_URLS, else the URL they registered) get their SDL and URL from there, so any ' +
        'federation router can serve it',
    )
    .option('--out <file>')
    .option('--registered', "take the SDL and URL of subgraphs served alone from the database's registry")
    .action(async (opts: { out?: string; registered?: boolean }) => {
      const { config, findRootDir } = await lazy.config();
      const urls = config().distributed.subgraphUrls;
      const result = opts.registered
        ? await withPlatform(async (p) => {
            const [{ registeredSubgraphs }, { composeSupergraph }] = await Promise.all([
              lazy.registry(),
              lazy.gateway(),
            ]);
            const registered = await registeredSubgraphs(p.db);
            const composed = composeSupergraph(
              (await p.allSubgraphs()).map((s) => {
                const remote = registered.get(s.name);
                const url = urls[s.name] ?? remote?.url;
                return url
                  ? { name: s.name, typeDefs: remote?.typeDefs ?? s.typeDefs, url }
                  : { name: s.name, typeDefs: s.typeDefs, url: `in-process:${s.name}` };
              }),
            );
            return { ...composed, issues: [] };
          })
        : // Needs no database: composed from the SDL of the modules on disk (codegen and CI run it anywhere).
          await (await lazy.composeModules()).composeDiscoveredModules(findRootDir(), config().modulePaths, urls);
      for (const i of result.issues) process.stderr.write(`skipped ${i.module}: ${i.code} ${i.message}\n`);
      if (!result.ok) throw new CliExit(EXIT.checkFailed, result.errors.join('\n'));
      if (opts.out) writeFileSync(opts.out, result.supergraphSdl);
      else process.stdout.write(result.supergraphSdl);
    });
  const events = program.command('events').description('the domain event bus');
  events
    .command('dead')
    .description('event deliveries that failed every retry')
    .addOption(jsonOption)
    .action((opts) =>
      withPlatform(async (p) => {
        const dead = await p.events.deadLetters();
        print(opts.json, dead, () =>
          dead.length
            ? table([
                ['MODULE', 'TYPE', 'EVENT', 'ATTEMPTS', 'ERROR'],
                ...dead.map((d) => [d.module, d.type, d.eventId, String(d.attempts), d.error ?? '']),
              ])
            : 'No dead-lettered deliveries.',
        );
      }),
    );
  events
    .command('retry')
    .description('queue dead-lettered deliveries again (after fixing the handler)')
    .option('--module <module>', 'only this module')
    .addOption(jsonOption)
    .action((opts) =>
      withPlatform(async (p) => {
        const retried = await p.events.retryDead(opts.module);
        print(opts.json, { retried }, () => `Queued ${retried} deliveries again.`);
      }),
    );
  return program;
}

export async function runCli(argv: string[]): Promise<number> {
  const program = buildCli();
  try {
    // Every command starts from a valid configuration: all that is wrong is listed at once.
    // (`--help` and `--version` need none: they answer without loading it.)
    const args = argv.slice(2);
    if (!args.some((a) => ['-h', '--help', '-V', '--version', 'help'].includes(a))) (await lazy.config()).config();
    await program.parseAsync(argv);
    return EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.notFound;
    if (e instanceof CliExit) {
      if (e.message) process.stderr.write(e.message + '\n');
      return e.code;
    }
    if (e instanceof DomainError || e instanceof (await lazy.config()).ConfigError) {
      process.stderr.write(`${e.message}\n`);
      return exitCodeOf(e);
    }
    (await lazy.logger()).logger.error((e as Error).stack ?? String(e));
    return EXIT.checkFailed;
  }
}
