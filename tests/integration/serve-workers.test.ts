import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { findRootDir } from '../../core/src/config.ts';
import { createTestDatabase } from '../../core/src/testing/database.ts';
import { eventually } from '@dentalpin/core/testing';
import { DENTALPIN_BIN, dentalpinEnv, freePort, spawnUntil, type Spawned } from './support/processes.ts';
import { createPatient, setupClinic, type Admin } from './support/listeners.ts';
import { collect, wsClient } from './support/subscriptions.ts';

/**
 * DentalPin issue 19: `dentalpin serve --workers 2` is two processes (node:cluster) on one port, each a
 * full gateway. Across them, subscriptions get every event exactly once whichever worker the write went
 * through, a job runs once (on one worker) and again on the other when its worker is killed, a killed
 * worker is replaced, and SIGTERM drains both and exits 0.
 */
const SECRET = randomBytes(32).toString('hex');
const FIXTURES = join(findRootDir(), 'tests/fixtures/modules');
/**
 * fixture_versioned at 1.0.0, then 2.0.0 copied over it in place (as `npm install` of a newer version does): a
 * module upgraded on disk under the running server, at the same path, so a process that loaded it keeps 1.0.0.
 * Inside the repository (ignored), where `@dentalpin/core` resolves.
 */
const versionedDir = join(
  findRootDir(),
  'tests/.scaffold',
  `workers-${randomBytes(4).toString('hex')}`,
  'fixture_versioned',
);
cpSync(join(FIXTURES, 'fixture_versioned_v1'), versionedDir, { recursive: true });
const MODULE_PATHS = [join(FIXTURES, 'fixture_jobs'), versionedDir].join(':');
const cli = (...args: string[]) =>
  promisify(execFile)(process.execPath, [DENTALPIN_BIN, ...args], {
    env: { ...process.env, DATABASE_URL: db.url, DENTALPIN_SECRET: SECRET, DENTALPIN_MODULE_PATHS: MODULE_PATHS },
  });

/** GET a health path on a fresh connection (no keep-alive), so the cluster picks a worker for each. */
const health = <T>(port: number, path = '/health') =>
  new Promise<{ status: number; body: T }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(body) as T }));
    });
    req.on('error', reject);
    req.end();
  });
const healthWorker = async (port: number) => (await health<{ worker: number }>(port)).body.worker;

/** The pids of a process's children (the cluster's workers). */
/** The primary's worker processes (node), not helpers it may spawn such as tsx's esbuild service. */
const childPids = async (pid: number) => {
  const { stdout } = await promisify(execFile)('ps', ['-o', 'pid=,comm=', '--ppid', String(pid)]);
  return stdout
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([id, command]) => id && command === 'node')
    .map(([id]) => Number(id));
};

let db: Awaited<ReturnType<typeof createTestDatabase>>;

describe('serve --workers', { timeout: 400_000 }, () => {
  let sql: pg.Client;
  let server: Spawned & { port: number; url: string };
  let admin: Admin;
  const runs = async () =>
    (
      await sql.query<{ pid: number; finished: boolean }>(
        `select pid, finished_at is not null as finished from fixture_jobs_run order by id`,
      )
    ).rows;

  beforeAll(async () => {
    db = await createTestDatabase();
    await cli('modules', 'install', 'fixture_jobs');
    await cli('modules', 'install', 'fixture_versioned');
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    // Two workers boot one after the other: on a loaded machine that takes minutes.
    const port = await freePort();
    const served = await spawnUntil(
      process.execPath,
      [DENTALPIN_BIN, 'serve', '--port', String(port), '--workers', '2'],
      {
        env: dentalpinEnv(db.url, SECRET, { DENTALPIN_MODULE_PATHS: MODULE_PATHS }),
        ready: (line) => line.startsWith('DentalPin is running'),
        timeoutMs: 580_000,
      },
    );
    server = { ...served, port, url: `http://127.0.0.1:${port}/graphql` };
    admin = await setupClinic(server.url);
  }, 600_000);
  afterAll(async () => {
    if (server && server.child.exitCode === null) {
      for (const pid of await childPids(server.child.pid!).catch(() => [])) process.kill(pid, 'SIGKILL');
      server.kill();
    }
    await sql?.end();
    await db?.drop();
    rmSync(join(versionedDir, '..'), { recursive: true, force: true });
  });

  it('serves from two worker processes on one port, announced once', async () => {
    expect(await childPids(server.child.pid!)).toHaveLength(2);
    const seen = new Set<number>();
    for (let i = 0; i < 20 && seen.size < 2; i++) seen.add(await healthWorker(server.port));
    expect([...seen].sort()).toEqual([1, 2]);
    expect(server.output.filter((l) => l.startsWith('DentalPin is running'))).toEqual([
      `DentalPin is running: ${server.url} (web app at http://127.0.0.1:${server.port}/) (2 workers)`,
    ]);
  });

  it('delivers every event exactly once to subscribers on both workers, whichever worker took the write', async () => {
    // Connections alternate between the workers (round-robin): six sockets land on both.
    const subscribers = [...Array(6)].map(() => {
      const client = wsClient(server.url, admin);
      const feed = collect<{ events: { payload: { patient_id?: string } } }>(
        client,
        `subscription { events(types: ["patient.created"]) { payload } }`,
      );
      return { client, feed };
    });
    try {
      await Promise.all(
        subscribers.map(({ client }) => new Promise<void>((resolve) => client.on('connected', () => resolve()))),
      );
      await new Promise((r) => setTimeout(r, 300));
      // Each write on a new connection: they go through both workers too.
      const created: string[] = [];
      for (let i = 0; i < 4; i++) created.push(await createPatient(server.url, admin, `Worker${i}`));
      await eventually(async () => subscribers.every(({ feed }) => feed.items.length >= created.length), 30_000, 50);
      await new Promise((r) => setTimeout(r, 500));
      for (const { feed } of subscribers) {
        expect(feed.errors).toEqual([]);
        expect(feed.items.map((i) => i.events.payload.patient_id).sort()).toEqual([...created].sort());
      }
    } finally {
      for (const { client, feed } of subscribers) {
        feed.unsubscribe();
        await client.dispose();
      }
    }
  });

  it('runs a job once across workers, again on the other when its worker is killed, and replaces the worker', async () => {
    const workers = await childPids(server.child.pid!);
    await eventually(async () => (await runs()).length === 1, 60_000, 200);
    await new Promise((r) => setTimeout(r, 6_000)); // more than a runner tick: nobody else picked it up
    const [first] = await runs();
    expect(first).toMatchObject({ finished: false });
    expect(workers).toContain(first!.pid);
    expect(await runs()).toHaveLength(1);

    process.kill(first!.pid, 'SIGKILL');
    await eventually(async () => (await runs()).length === 2, 60_000, 200);
    const second = (await runs())[1]!;
    expect(second.pid).not.toBe(first!.pid);
    // The other worker, or the replacement when it starts first (a loaded machine): a live worker either way.
    expect(await childPids(server.child.pid!)).toContain(second.pid);
    await sql.query(`insert into fixture_jobs_release default values`);
    await eventually(async () => (await runs())[1]!.finished, 30_000, 200);

    // The primary started a replacement: two workers again, and both answer.
    const now = await eventually(async () => {
      const pids = await childPids(server.child.pid!);
      return pids.length === 2 && !pids.includes(first!.pid) ? pids : null;
    }, 120_000);
    expect(now).toContain(second.pid);
    await eventually(async () => {
      const seen = new Set<number>();
      for (let i = 0; i < 10; i++) seen.add(await healthWorker(server.port));
      return seen.size === 2;
    }, 120_000);
  });

  it('replaces its workers one at a time when a module is upgraded under it, refusing no request', async () => {
    const before = await childPids(server.child.pid!);
    expect(before).toHaveLength(2);
    // Every 50 ms a new connection asks /health: none may fail while workers come and go.
    const failures: string[] = [];
    let answered = 0;
    let polling = true;
    const poller = (async () => {
      while (polling) {
        try {
          const { status } = await health(server.port);
          if (status === 200) answered++;
          else failures.push(`status ${status}`);
        } catch (e) {
          failures.push((e as Error).message);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    try {
      cpSync(join(FIXTURES, 'fixture_versioned_v2'), versionedDir, { recursive: true });
      await cli('modules', 'upgrade', 'fixture_versioned');
      await cli('modules', 'restart');
      // Two new workers (each serving before an old one drained), and neither serves outdated code.
      await eventually(async () => {
        const pids = await childPids(server.child.pid!);
        return pids.length === 2 && pids.every((pid) => !before.includes(pid));
      }, 300_000);
      await eventually(async () => {
        for (let i = 0; i < 6; i++) {
          const ready = await health<{ outdatedModules?: unknown }>(server.port, '/health/ready');
          if (ready.status !== 200 || ready.body.outdatedModules) return false;
        }
        return true;
      }, 120_000);
    } finally {
      polling = false;
      await poller;
    }
    expect(failures).toEqual([]);
    expect(answered).toBeGreaterThan(5);
    expect(server.output.join('\n')).toMatch(/fixture_versioned 1\.0\.0 → 2\.0\.0 installed: replacing 2 worker/);
    expect((await sql.query(`select version from core_module where name = 'fixture_versioned'`)).rows).toEqual([
      { version: '2.0.0' },
    ]);
  });

  it('drains every worker on SIGTERM and exits 0', async () => {
    const workers = await childPids(server.child.pid!);
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
  });
});
