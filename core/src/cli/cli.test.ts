import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { findRootDir } from '../config.ts';
import { createTestDatabase } from '../testing/database.ts';

const root = findRootDir();
const fixtures = ['fixture_base', 'fixture_hello', 'fixture_broken', 'fixture_clash'].map((d) =>
  join(root, 'tests/fixtures/modules', d),
);

// Every step spawns a real CLI process (startup, discovery, database): give them room on a busy machine.
describe('dentalpin CLI', { timeout: 180_000 }, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let moduleDirs = fixtures;
  const run = (...args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', join(root, 'core/src/cli/run.ts'), ...args],
        {
          cwd: root,
          env: {
            ...process.env,
            DATABASE_URL: db.url,
            DENTALPIN_MODULE_PATHS: moduleDirs.join(':'),
            DENTALPIN_SECRET: 's'.repeat(40),
            DENTALPIN_LOG: 'silent',
          },
        },
        (err, stdout, stderr) =>
          resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });
  const json = async (...args: string[]) => {
    const r = await run(...args, '--json');
    return { ...r, data: r.stdout ? JSON.parse(r.stdout) : null };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('lists modules as JSON with the contract fields; patients is installed', async () => {
    const { code, data } = await json('modules', 'list');
    expect(code).toBe(0);
    const patients = data.find((m: { name: string }) => m.name === 'patients');
    expect(patients).toMatchObject({
      name: 'patients',
      version: '0.2.0',
      state: 'installed',
      category: 'official',
      depends: [],
      removable: false,
      autoInstall: true,
      error: null,
    });
    expect(Object.keys(patients)).toEqual(
      expect.arrayContaining([
        'name',
        'version',
        'state',
        'category',
        'depends',
        'removable',
        'autoInstall',
        'installedAt',
        'error',
      ]),
    );
    expect(data.find((m: { name: string }) => m.name === 'fixture_hello').state).toBe('uninstalled');
  });

  it('exits 2 for unknown modules and bad arguments', async () => {
    const info = await run('modules', 'info', 'ghost');
    expect(info.code).toBe(2);
    expect(info.stderr).toMatch(/Module "ghost" is not known/);
    expect((await run('modules', 'install', 'ghost')).code).toBe(2);
    expect((await run('modules', 'frobnicate')).code).toBe(2);
  });

  it('exits 3 when a guard refuses the operation', async () => {
    const r = await run('modules', 'install', 'fixture_clash');
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/installable=false/);
  });

  it('schedules an install with its dependencies, applies it on restart and shows the operation log', async () => {
    const scheduled = await json('modules', 'install', 'fixture_hello');
    expect(scheduled.data).toEqual({ scheduled: ['fixture_base', 'fixture_hello'], requiresRestart: true });
    const status = await json('modules', 'status');
    expect(status.data.pending).toEqual(['fixture_base', 'fixture_hello']);
    const restart = await json('modules', 'restart');
    expect(restart.code).toBe(0);
    expect(restart.data.processed.map((p: { module: string; status: string }) => `${p.module}:${p.status}`)).toEqual([
      'fixture_base:completed',
      'fixture_hello:completed',
    ]);
    expect(restart.data.activeModules).toEqual(expect.arrayContaining(['patients', 'fixture_base', 'fixture_hello']));
    const ops = await json('modules', 'operations', 'fixture_hello', '--limit', '3');
    expect(ops.data.map((o: { step: string; status: string }) => `${o.step}:${o.status}`)).toEqual([
      'finalize:completed',
      'finalize:started',
      'lifecycle:completed',
    ]);
    const text = await run('modules', 'list');
    expect(text.stdout).toMatch(/^NAME\s+VERSION\s+STATE/m);
    expect(text.stdout).toMatch(/fixture_hello\s+1\.0\.0\s+installed/);
  });

  it('doctor exits 0 when healthy and 1 once a module failed', async () => {
    const healthy = await json('modules', 'doctor');
    expect(healthy.code).toBe(0);
    expect(healthy.data.ok).toBe(true);
    await run('modules', 'install', 'fixture_broken');
    expect((await run('modules', 'restart')).code).toBe(1);
    const sick = await json('modules', 'doctor');
    expect(sick.code).toBe(1);
    expect(sick.data.erroredModules).toEqual([
      { module: 'fixture_broken', error: expect.stringMatching(/refuses to install/) },
    ]);
  });

  it('doctor reports an orphan (a module whose code is gone) and exits 1', async () => {
    moduleDirs = fixtures.filter((d) => !d.endsWith('fixture_hello'));
    try {
      const r = await json('modules', 'doctor');
      expect(r.code).toBe(1);
      expect(r.data.orphans).toEqual(['fixture_hello']);
      const text = await run('modules', 'doctor');
      expect(text.stdout).toMatch(/Orphan modules \(in the database, missing from disk\):\n- fixture_hello/);
    } finally {
      moduleDirs = fixtures;
    }
  });

  it('creates the first admin, who can then log in', async () => {
    const r = await json(
      'users',
      'create-admin',
      '--email',
      'boss@cli.test',
      '--password',
      'abcdefg12',
      '--clinic',
      'CLI Clinic',
    );
    expect(r.code).toBe(0);
    expect(r.data).toMatchObject({ email: 'boss@cli.test', clinic: 'CLI Clinic' });
    const again = await run('users', 'create-admin', '--email', 'boss@cli.test', '--password', 'abcdefg12');
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
    const weak = await run('users', 'create-admin', '--email', 'weak@cli.test', '--password', 'short');
    expect(weak.code).toBe(2);
    expect(weak.stderr).toMatch(/at least 8 characters/);
  });

  it('migrates core and installed modules idempotently', async () => {
    const r = await json('db', 'migrate');
    expect(r.code).toBe(0);
    expect(r.data.applied.patients).toEqual([]);
  });
});
