import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Platform } from '../platform.ts';
import { createTestDatabase } from '../testing/database.ts';
import { findRootDir } from '../config.ts';
import { discoverModules, ModuleDiscoveryError } from './discovery.ts';
import { failureDetails } from './pending.ts';
import { DomainError } from '../errors.ts';

const fixtures = join(findRootDir(), 'tests/fixtures/modules');
const fixtureDirs = ['fixture_base', 'fixture_hello', 'fixture_broken'].map((d) => join(fixtures, d));

/** A module that depends on fixture_broken, whose install always fails. */
function afterBrokenModule(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dp-after-broken-'));
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'after-broken', type: 'module', dentalpin: { module: './index.js' } }),
  );
  writeFileSync(
    join(dir, 'index.js'),
    `export default {
      manifest: { name: 'after_broken', version: '1.0.0', depends: ['fixture_broken'] },
      typeDefs: 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"]) ' +
        'type Query { afterBroken: Boolean }',
      resolvers: {},
    };`,
  );
  return dir;
}

/** A module with a mutation and no agent tool for it: it breaks the agent tool contract. */
function untooledModule(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dp-untooled-'));
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'untooled-addon', type: 'module', dentalpin: { module: './index.js' } }),
  );
  writeFileSync(
    join(dir, 'index.js'),
    `export default {
      manifest: { name: 'untooled_addon', version: '1.0.0', depends: ['fixture_base'] },
      typeDefs: 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"]) ' +
        'type Query { untooled: Boolean } type Mutation { changeSomething: Boolean }',
      resolvers: {},
    };`,
  );
  return dir;
}

describe('module kernel against PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let platform: Platform;
  const untooled = untooledModule();
  const afterBroken = afterBrokenModule();

  beforeAll(async () => {
    db = await createTestDatabase();
    platform = await Platform.open({
      databaseUrl: db.url,
      secret: 'x'.repeat(32),
      moduleDirs: [...fixtureDirs, untooled, afterBroken],
    });
  });
  afterAll(async () => {
    await platform.close();
    await db.drop();
    rmSync(untooled, { recursive: true, force: true });
    rmSync(afterBroken, { recursive: true, force: true });
  });

  it('reconcile really installs autoInstall modules and records the others as uninstalled', async () => {
    const processed = await platform.boot();
    // Every official autoInstall module (patients, catalog, …) is installed; no fixture is.
    expect(processed).toContainEqual({
      module: 'patients',
      operation: 'install',
      status: 'completed',
      error: null,
      errorDetails: null,
    });
    expect(processed.filter((p) => p.status !== 'completed' || p.module.startsWith('fixture_'))).toEqual([]);
    const states = Object.fromEntries((await platform.kernel.list()).map((m) => [m.name, m.state]));
    expect(states).toMatchObject({ patients: 'installed', fixture_base: 'uninstalled', fixture_hello: 'uninstalled' });
    const tables = await platform.db.knex.raw(
      `select to_regclass('patients') as t, to_regclass('mikro_orm_migrations_patients') as h`,
    );
    expect(tables.rows[0]).toEqual({ t: 'patients', h: 'mikro_orm_migrations_patients' });
    const steps = (await platform.kernel.store.operations('patients', 20))
      .reverse()
      .map((o) => `${o.step}:${o.status}`);
    expect(steps).toEqual([
      'migrate:started',
      'migrate:completed',
      'seed:started',
      'seed:completed',
      'lifecycle:started',
      'lifecycle:completed',
      'finalize:started',
      'finalize:completed',
    ]);
  });

  it('installs a module with its whole dependency chain, in order, through the pending processor', async () => {
    const scheduled = await platform.kernel.scheduleInstall('fixture_hello');
    expect(scheduled).toEqual(['fixture_base', 'fixture_hello']);
    expect((await platform.kernel.info('fixture_base')).state).toBe('to_install');
    const result = await platform.restart();
    expect(result.processed.map((o) => `${o.module}:${o.status}`)).toEqual([
      'fixture_base:completed',
      'fixture_hello:completed',
    ]);
    expect(result.activeModules).toEqual(expect.arrayContaining(['patients', 'fixture_base', 'fixture_hello']));
    const words = await platform.db.knex('fixture_base_words').orderBy('word').pluck('word');
    expect(words).toEqual(['Hello', 'Hola']);
    expect(await platform.db.knex('fixture_hello_installs').count('* as n').first()).toEqual({ n: '1' });
    const seeded = await platform.db
      .knex('core_external_id')
      .where({ module_name: 'fixture_base' })
      .orderBy('xml_id')
      .pluck('xml_id');
    expect(seeded).toEqual(['hello', 'hola']);
    const hello = await platform.kernel.info('fixture_hello');
    expect(hello).toMatchObject({ state: 'installed', version: '1.0.0', error: null });
    expect(hello.installedAt).not.toBeNull();
  });

  it('refuses to schedule a chain with a module that breaks the agent tool contract, and schedules nothing', async () => {
    const refusal = await platform.kernel.scheduleInstall('untooled_addon').catch((e: unknown) => e);
    expect(refusal).toMatchObject({
      code: 'MODULE_OPERATION_REFUSED',
      details: { reason: 'MODULE_CONTRACT', problems: [{ module: 'untooled_addon', code: 'MUTATION_WITHOUT_TOOL' }] },
    });
    expect((refusal as Error).message).toMatch(/changeSomething/);
    expect((await platform.kernel.info('untooled_addon')).state).toBe('uninstalled');
  });

  it('does nothing when asked to install what is installed', async () => {
    expect(await platform.kernel.scheduleInstall('fixture_hello')).toEqual([]);
  });

  it('keeps a module whose install step throws in to_install, with the error and a failed log entry', async () => {
    expect(await platform.kernel.scheduleInstall('fixture_broken')).toEqual(['fixture_broken']);
    const result = await platform.restart();
    expect(result.processed).toEqual([
      {
        module: 'fixture_broken',
        operation: 'install',
        status: 'failed',
        error: 'lifecycle: the fixture refuses to install',
        errorDetails: null,
      },
    ]);
    const info = await platform.kernel.info('fixture_broken');
    expect(info.state).toBe('to_install');
    expect(info.error).toMatch(/refuses to install/);
    const [last] = await platform.kernel.store.operations('fixture_broken', 1);
    expect(last).toMatchObject({
      step: 'lifecycle',
      status: 'failed',
      details: { error: 'the fixture refuses to install' },
    });
    expect(result.activeModules).not.toContain('fixture_broken');
    expect(result.activeModules).toContain('fixture_hello');
    const doctor = await platform.kernel.doctor();
    expect(doctor.ok).toBe(false);
    expect(doctor.erroredModules).toEqual([{ module: 'fixture_broken', error: expect.stringMatching(/refuses/) }]);
  });

  it('resumes a failed run at the failed step (completed steps are not repeated)', async () => {
    await platform.restart();
    const runs = await platform.kernel.store.operations('fixture_broken', 50);
    const migrateStarts = runs.filter((o) => o.step === 'migrate' && o.status === 'started');
    const lifecycleFailures = runs.filter((o) => o.step === 'lifecycle' && o.status === 'failed');
    expect(migrateStarts).toHaveLength(1);
    expect(lifecycleFailures).toHaveLength(2);
    expect(new Set(runs.map((o) => o.runId)).size).toBe(1);
  });

  it('keeps the reason and parameters of a failure beside its message, for a client to word it', async () => {
    expect(await platform.kernel.scheduleInstall('after_broken')).toEqual(['after_broken']);
    const skipped = { reason: 'MODULE_DEPENDENCY_FAILED', dependency: 'fixture_broken', operation: 'install' };
    expect((await platform.restart()).processed).toContainEqual({
      module: 'after_broken',
      operation: 'install',
      status: 'skipped',
      error: 'waiting for dependency "fixture_broken", whose install failed',
      errorDetails: skipped,
    });
    expect(await platform.kernel.info('after_broken')).toMatchObject({ state: 'to_install', errorDetails: skipped });
    // A step's failure with a reason (a DomainError, wrapped by the step) keeps it too; a plain error has none.
    const refusal = new DomainError('MODULE_OPERATION_REFUSED', 'x', {
      reason: 'TENANT_TABLE_WITHOUT_POLICY',
      tables: [],
    });
    expect(failureDetails(new Error('migrate: x', { cause: refusal }))).toEqual({
      reason: 'TENANT_TABLE_WITHOUT_POLICY',
      tables: [],
    });
    expect(failureDetails(new Error('lifecycle: boom'))).toBeNull();
  });

  it('refuses unknown modules with NOT_FOUND and bad upgrades with MODULE_OPERATION_REFUSED', async () => {
    await expect(platform.kernel.scheduleInstall('ghost')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(platform.kernel.scheduleUpgrade('fixture_base')).resolves.toEqual([]);
    await expect(platform.kernel.scheduleUpgrade('fixture_broken')).rejects.toMatchObject({
      code: 'MODULE_OPERATION_REFUSED',
      details: { reason: 'MODULE_UPGRADE_STATE', module: 'fixture_broken', state: expect.any(String) },
    });
  });

  it('names the reason of every refusal and its parameters, for a client to word it', async () => {
    // untooled_addon was refused above: it is still uninstalled.
    await expect(platform.kernel.disable('untooled_addon')).rejects.toMatchObject({
      details: { reason: 'MODULE_DISABLE_STATE', module: 'untooled_addon', state: 'uninstalled' },
    });
    await expect(platform.kernel.enable('untooled_addon')).rejects.toMatchObject({
      details: { reason: 'MODULE_ENABLE_STATE', module: 'untooled_addon', state: 'uninstalled' },
    });
    await expect(platform.kernel.scheduleInstall('untooled_addon')).rejects.toMatchObject({
      details: { reason: 'MODULE_CONTRACT', module: 'untooled_addon', forceable: true },
    });
  });
});

describe('discovery', () => {
  const made: string[] = [];
  const fakeModule = (name: string, depends: string[]) => {
    const dir = mkdtempSync(join(tmpdir(), `dp-${name}-`));
    made.push(dir);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name, type: 'module', dentalpin: { module: './index.js' } }),
    );
    writeFileSync(
      join(dir, 'index.js'),
      `export default { manifest: { name: ${JSON.stringify(name)}, version: '1.0.0', depends: ${JSON.stringify(depends)} } };`,
    );
    return dir;
  };
  afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('finds official modules under subgraphs/ and extra packages, dependencies first', async () => {
    const result = await discoverModules(findRootDir(), { extraDirs: [fakeModule('zeta_addon', ['patients'])] });
    const names = result.modules.map((m) => m.name);
    expect(names).toContain('patients');
    expect(names.indexOf('patients')).toBeLessThan(names.indexOf('zeta_addon'));
    expect(result.modules.find((m) => m.name === 'patients')!.permissions).toEqual(['patients.read', 'patients.write']);
  });

  it('fails loudly on a dependency cycle', async () => {
    await expect(
      discoverModules(findRootDir(), { extraDirs: [fakeModule('cyc_a', ['cyc_b']), fakeModule('cyc_b', ['cyc_a'])] }),
    ).rejects.toThrow(new ModuleDiscoveryError('Circular dependency detected: cyc_a -> cyc_b -> cyc_a'));
  });

  it('rejects a module whose dependency is missing, and says which', async () => {
    const result = await discoverModules(findRootDir(), { extraDirs: [fakeModule('orphan_addon', ['nowhere'])] });
    expect(result.modules.map((m) => m.name)).not.toContain('orphan_addon');
    expect(result.issues).toContainEqual({
      module: 'orphan_addon',
      code: 'UNKNOWN_DEPENDENCY',
      message: expect.stringMatching(/"nowhere"/),
    });
    await expect(
      discoverModules(findRootDir(), { extraDirs: [fakeModule('orphan_two', ['nowhere'])], strict: true }),
    ).rejects.toThrow(/orphan_two: UNKNOWN_DEPENDENCY/);
  });
});
