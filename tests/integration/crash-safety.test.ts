import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findRootDir } from '../../core/src/config.ts';
import { Platform } from '../../core/src/platform.ts';
import { createTestDatabase } from '../../core/src/testing/database.ts';
import { waitForServers } from '../../core/src/server/presence.ts';

const root = findRootDir();
const V1 = join(root, 'tests/fixtures/modules/fixture_versioned_v1');
const V2 = join(root, 'tests/fixtures/modules/fixture_versioned_v2');
const MODULE = 'fixture_versioned';
const backupDir = mkdtempSync(join(tmpdir(), 'dp-crash-backups-'));
process.env.DENTALPIN_BACKUP_DIR = backupDir;

let db: Awaited<ReturnType<typeof createTestDatabase>>;
const open: Platform[] = [];
async function platformWith(dir: string): Promise<Platform> {
  const p = await Platform.open({ databaseUrl: db.url, secret: 'c'.repeat(40), moduleDirs: [dir] });
  open.push(p);
  await p.kernel.reconcile();
  return p;
}
async function close(p: Platform) {
  open.splice(open.indexOf(p), 1);
  await p.close();
}
const rows = (p: Platform, sql: string) => p.db.knex.raw(sql).then((r: { rows: Record<string, unknown>[] }) => r.rows);
const tableExists = async (p: Platform, t: string) =>
  (await rows(p, `select to_regclass('public.${t}') is not null as ok`))[0].ok;

async function installV1(): Promise<void> {
  const p = await platformWith(V1);
  await p.kernel.runPending();
  await p.kernel.scheduleInstall(MODULE);
  expect((await p.kernel.runPending())[0].status).toBe('completed');
  await close(p);
}

beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(async () => {
  delete process.env.DENTALPIN_FAULT;
  for (const p of [...open]) await close(p);
  await db.drop();
});
afterAll(() => {
  rmSync(backupDir, { recursive: true, force: true });
  delete process.env.DENTALPIN_BACKUP_DIR;
});

describe('upgrade', () => {
  it('reports a newer version on disk, never adopts it silently, and passes the installed version to postUpgrade', async () => {
    await installV1();
    const p = await platformWith(V2);
    const info = await p.kernel.info(MODULE);
    expect(info).toMatchObject({ state: 'installed', version: '1.0.0', codeVersion: '2.0.0', upgradeAvailable: true });
    const doctor = await p.kernel.doctor();
    expect(doctor.ok).toBe(false);
    expect(doctor.upgradesAvailable).toEqual([{ module: MODULE, installed: '1.0.0', available: '2.0.0' }]);
    expect(doctor.migrationDrift).toEqual([{ module: MODULE, pending: ['Migration0002_priority'], unknown: [] }]);

    expect(await p.kernel.scheduleUpgrade(MODULE)).toEqual([MODULE]);
    expect((await p.kernel.runPending())[0]).toMatchObject({ operation: 'upgrade', status: 'completed' });
    expect(await p.kernel.info(MODULE)).toMatchObject({
      state: 'installed',
      version: '2.0.0',
      upgradeAvailable: false,
    });
    expect(await rows(p, `select hook, from_version from fixture_versioned_hooks order by id`)).toEqual([
      { hook: 'install', from_version: null },
      { hook: 'postUpgrade', from_version: '1.0.0' },
    ]);
    // Seeds: updated unless noupdate, new ones added, nothing duplicated.
    expect(await rows(p, `select body, priority from fixture_versioned_notes order by body`)).toEqual([
      { body: 'Pinned (v1)', priority: 0 },
      { body: 'Welcome (v2)', priority: 1 },
      { body: 'What is new in v2', priority: 2 },
    ]);
    expect((await p.kernel.doctor()).ok).toBe(true);
  });

  it('treats older code than the installed version as an error, not a downgrade', async () => {
    await installV1();
    const p2 = await platformWith(V2);
    await p2.kernel.scheduleUpgrade(MODULE);
    await p2.kernel.runPending();
    await close(p2);
    const p1 = await platformWith(V1);
    expect((await p1.kernel.info(MODULE)).error).toMatch(/older than the installed 2\.0\.0/);
    expect((await p1.kernel.activeModules()).map((m) => m.name)).not.toContain(MODULE);
    await expect(p1.kernel.scheduleUpgrade(MODULE)).rejects.toMatchObject({ code: 'MODULE_OPERATION_REFUSED' });
    expect((await p1.kernel.info(MODULE)).version).toBe('2.0.0');
  });
});

describe('upgrade seen from a running server', () => {
  it('a server running the old code keeps serving it and says so (outdatedModules, doctor); the change counts as loaded', async () => {
    await installV1();
    const running = await platformWith(V1);
    await running.boot();
    await running.watchModuleChanges();
    expect(running.activeModules().map((m) => m.name)).toContain(MODULE);

    const cli = await platformWith(V2);
    await cli.kernel.scheduleUpgrade(MODULE);
    await cli.kernel.runPending();
    await Platform.notifyModuleChange(cli.db);
    // The running server reloads on the NOTIFY and records what it loaded: nothing is left behind.
    expect(await waitForServers(cli.db.knex, 20_000)).toEqual([]);
    expect(running.activeModules().map((m) => m.name)).toContain(MODULE);
    expect(running.outdatedModules()).toEqual([{ module: MODULE, loaded: '1.0.0', installed: '2.0.0' }]);
    const doctor = await cli.kernel.doctor();
    expect(doctor.ok).toBe(false);
    expect(doctor.outdatedServers).toEqual([
      { server: expect.stringMatching(/ pid \d+$/), module: MODULE, loaded: '1.0.0', installed: '2.0.0' },
    ]);
    // A restarted server loads the new code, and the doctor is satisfied once the old one is gone.
    await close(running);
    const restarted = await platformWith(V2);
    await restarted.boot();
    expect(restarted.outdatedModules()).toEqual([]);
    expect((await cli.kernel.doctor()).outdatedServers).toEqual([]);
  });
});

describe('uninstall guards and hooks', () => {
  it('lets the uninstall hook refuse; the tables stay and installing again cancels the removal', async () => {
    await installV1();
    const p = await platformWith(V1);
    await rows(p, `insert into fixture_versioned_notes (id, body) values (gen_random_uuid(), 'keep me')`);
    await p.kernel.scheduleUninstall(MODULE);
    const [outcome] = await p.kernel.runPending();
    expect(outcome).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/lifecycle: a note says "keep me"/),
    });
    expect((await p.kernel.info(MODULE)).state).toBe('to_remove');
    expect(await tableExists(p, 'fixture_versioned_notes')).toBe(true);
    expect(await p.kernel.scheduleInstall(MODULE)).toEqual([MODULE]);
    expect(await p.kernel.info(MODULE)).toMatchObject({ state: 'installed', error: null });
    expect(await rows(p, `select count(*)::int as n from fixture_versioned_hooks where hook = 'install'`)).toEqual([
      { n: 1 },
    ]);
  });
});

const STEPS = {
  install: ['migrate', 'seed', 'lifecycle', 'finalize'],
  upgrade: ['migrate', 'seed', 'lifecycle', 'finalize'],
  uninstall: ['backup', 'lifecycle', 'delete_data', 'migrate_down', 'finalize'],
} as const;
const cases = (Object.keys(STEPS) as (keyof typeof STEPS)[]).flatMap((op) =>
  STEPS[op].map((step) => [op, step] as const),
);

describe(
  'crash safety: each step fails in turn, the next restart resumes and ends in the right state',
  { timeout: 180_000 },
  () => {
    it.each(cases)('%s fails at %s', async (operation, step) => {
      if (operation !== 'install') await installV1();
      const p = await platformWith(operation === 'upgrade' ? V2 : V1);
      await p.kernel.runPending();
      if (operation === 'install') await p.kernel.scheduleInstall(MODULE);
      if (operation === 'upgrade') await p.kernel.scheduleUpgrade(MODULE);
      if (operation === 'uninstall') await p.kernel.scheduleUninstall(MODULE);
      const pendingState = { install: 'to_install', upgrade: 'to_upgrade', uninstall: 'to_remove' }[operation];

      process.env.DENTALPIN_FAULT = `${MODULE}:${operation}:${step}`;
      const [failed] = await p.kernel.runPending();
      expect(failed).toMatchObject({
        status: 'failed',
        error: `${step}: injected fault at ${MODULE} ${operation} ${step}`,
      });
      expect(await p.kernel.info(MODULE)).toMatchObject({
        state: pendingState,
        error: expect.stringMatching(/injected fault/),
      });
      const [lastLog] = await p.kernel.store.operations(MODULE, 1);
      expect(lastLog).toMatchObject({ operation, step, status: 'failed' });

      delete process.env.DENTALPIN_FAULT;
      const [resumed] = await p.kernel.runPending();
      expect(resumed).toMatchObject({ status: 'completed', error: null });
      const log = await p.kernel.store.operations(MODULE, 100);
      const run = log.filter((l) => l.runId === lastLog.runId);
      // Steps completed before the failure ran once; the failed step ran again and completed.
      for (const s of STEPS[operation])
        expect(run.filter((l) => l.step === s && l.status === 'completed')).toHaveLength(1);

      if (operation === 'uninstall') {
        expect(await p.kernel.info(MODULE)).toMatchObject({ state: 'uninstalled', error: null, installedAt: null });
        expect(await tableExists(p, 'fixture_versioned_notes')).toBe(false);
        expect(await tableExists(p, 'mikro_orm_migrations_fixture_versioned')).toBe(false);
        expect(
          await rows(p, `select count(*)::int as n from core_external_id where module_name = '${MODULE}'`),
        ).toEqual([{ n: 0 }]);
        return;
      }
      expect(await p.kernel.info(MODULE)).toMatchObject({
        state: 'installed',
        error: null,
        version: operation === 'upgrade' ? '2.0.0' : '1.0.0',
      });
      const hooks = await rows(p, `select hook from fixture_versioned_hooks order by id`);
      expect(hooks.map((h) => h.hook)).toEqual(operation === 'upgrade' ? ['install', 'postUpgrade'] : ['install']);
      const notes = await rows(p, `select count(*)::int as n from fixture_versioned_notes`);
      expect(notes).toEqual([{ n: operation === 'upgrade' ? 3 : 2 }]);
    });

    it('survives the process being killed in the middle of a step', async () => {
      const env = {
        ...process.env,
        DATABASE_URL: db.url,
        DENTALPIN_MODULE_PATHS: V1,
        DENTALPIN_SECRET: 'k'.repeat(40),
        DENTALPIN_LOG: 'silent',
      };
      const cli = (...args: string[]) =>
        new Promise<{ code: number | null; signal: string | null }>((resolve) => {
          const child = execFile(process.execPath, ['--import', 'tsx', join(root, 'core/src/cli/run.ts'), ...args], {
            cwd: root,
            env: { ...env, ...extra },
          });
          child.on('exit', (code, signal) => resolve({ code, signal }));
        });
      let extra: Record<string, string> = {};
      expect((await cli('modules', 'install', MODULE)).code).toBe(0);
      extra = { DENTALPIN_FAULT: `${MODULE}:install:seed:kill` };
      expect(await cli('modules', 'restart')).toEqual({ code: null, signal: 'SIGKILL' });
      extra = {};
      const p = await platformWith(V1);
      const [last] = await p.kernel.store.operations(MODULE, 1);
      expect(last).toMatchObject({ step: 'seed', status: 'started' });
      expect((await p.kernel.info(MODULE)).state).toBe('to_install');
      expect((await cli('modules', 'restart')).code).toBe(0);
      expect((await p.kernel.info(MODULE)).state).toBe('installed');
      expect(await rows(p, `select count(*)::int as n from fixture_versioned_notes`)).toEqual([{ n: 2 }]);
      expect(await rows(p, `select count(*)::int as n from fixture_versioned_hooks`)).toEqual([{ n: 1 }]);
    });
  },
);
