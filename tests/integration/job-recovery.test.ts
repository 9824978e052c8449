import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { findRootDir } from '../../core/src/config.ts';
import { createTestDatabase } from '../../core/src/testing/database.ts';
import { eventually } from '@dentalpin/core/testing';
import { BIN, startServe, type Served } from './support/serve.ts';

/**
 * DentalPin issue 13 item 6b: a job that a `dentalpin serve` process is running when it is killed with
 * SIGKILL runs again on another process within ~30 s (short leases renewed by a heartbeat), while a
 * living runner keeps its job however long it runs. Real processes, default lease and tick.
 */
const SECRET = randomBytes(32).toString('hex');
const MODULE_PATHS = join(findRootDir(), 'tests/fixtures/modules/fixture_jobs');
const JOB = 'fixture_jobs.long';

describe('a killed job runner’s job runs again elsewhere', { timeout: 300_000 }, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sql: pg.Client;
  const started: Served[] = [];
  const serve = async () => {
    const served = await startServe(db.url, SECRET, [], { DENTALPIN_MODULE_PATHS: MODULE_PATHS });
    started.push(served);
    return served;
  };
  const runs = async () =>
    (
      await sql.query<{ pid: number; finished: boolean }>(
        `select pid, finished_at is not null as finished from fixture_jobs_run order by id`,
      )
    ).rows;

  beforeAll(async () => {
    db = await createTestDatabase();
    await promisify(execFile)(process.execPath, [BIN, 'modules', 'install', 'fixture_jobs'], {
      env: { ...process.env, DATABASE_URL: db.url, DENTALPIN_SECRET: SECRET, DENTALPIN_MODULE_PATHS: MODULE_PATHS },
    });
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
  });
  afterAll(async () => {
    for (const s of started) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
    await sql?.end();
    await db?.drop();
  });

  it('keeps a long job on its living runner, and re-runs it on another process within 30 s of a kill -9', async () => {
    const first = await serve();
    await eventually(async () => (await runs()).length === 1, 60_000, 200);
    expect(await runs()).toEqual([{ pid: first.child.pid, finished: false }]);
    const second = await serve();

    // Past one lease (15 s) and one tick (5 s) since the run began: the heartbeat kept it where it runs.
    const { rows: held } = await sql.query(
      `select extract(epoch from now() - last_started_at)::float8 as age from core_job where name = $1`,
      [JOB],
    );
    await new Promise((r) => setTimeout(r, Math.max(0, (22 - held[0].age) * 1000)));
    expect(await runs()).toEqual([{ pid: first.child.pid, finished: false }]);
    const { rows: renewed } = await sql.query(
      `select running_until > now() and running_until > last_started_at + interval '15 seconds' as renewed
       from core_job where name = $1`,
      [JOB],
    );
    expect(renewed[0].renewed).toBe(true);

    const killedAt = Date.now();
    first.child.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    await eventually(async () => (await runs()).length === 2, 60_000, 200);
    expect(Date.now() - killedAt).toBeLessThan(30_000);
    expect((await runs())[1]).toEqual({ pid: second.child.pid, finished: false });

    // The new run finishes and is recorded as the job's run.
    await sql.query(`insert into fixture_jobs_release default values`);
    await eventually(async () => (await runs())[1]!.finished, 30_000, 200);
    const job = await eventually(async () => {
      const { rows } = await sql.query(
        `select runs, failures, last_error, running_until, run_id from core_job where name = $1`,
        [JOB],
      );
      return rows[0].runs === 1 ? rows[0] : null;
    }, 30_000);
    expect(job).toMatchObject({ runs: 1, failures: 0, last_error: null, running_until: null, run_id: null });

    second.child.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });
  });
});
