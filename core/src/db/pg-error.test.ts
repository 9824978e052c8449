import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTestDatabase } from '../testing/database.ts';
import { pgErrorCode, retryingDeadlocks } from './pg-error.ts';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let pool: pg.Pool;

beforeAll(async () => {
  db = await createTestDatabase('dentalpin_pgerr');
  pool = new pg.Pool({ connectionString: db.url, max: 4 });
  // The drop after the tests terminates backends whose clients may still be closing (57P01): not a failure.
  pool.on('error', () => undefined);
  await pool.query(`create table accounts (id int primary key, balance int not null)`);
});
afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

/** One transaction updating `first` then `second`; both wait at a barrier between, so two such cross. */
function crossing(first: number, second: number, barrier: Promise<void>, arrived: () => void) {
  return async () => {
    const client = await pool.connect();
    try {
      await client.query('begin');
      await client.query(`update accounts set balance = balance + 1 where id = $1`, [first]);
      arrived();
      await barrier;
      await client.query(`update accounts set balance = balance + 1 where id = $1`, [second]);
      await client.query('commit');
    } catch (e) {
      await client.query('rollback');
      throw e;
    } finally {
      client.release();
    }
  };
}

function barrierFor(parties: number) {
  let count = 0;
  let open!: () => void;
  const barrier = new Promise<void>((r) => (open = r));
  return { barrier, arrived: () => ++count === parties && open() };
}

describe('retryingDeadlocks', () => {
  beforeAll(async () => {
    await pool.query(`insert into accounts values (1, 0), (2, 0)`);
  });

  it('two transactions crossing locks: without it one dies as a deadlock victim (40P01)', async () => {
    const { barrier, arrived } = barrierFor(2);
    const results = await Promise.allSettled([crossing(1, 2, barrier, arrived)(), crossing(2, 1, barrier, arrived)()]);
    const failures = results.filter((r) => r.status === 'rejected');
    expect(failures).toHaveLength(1);
    expect(pgErrorCode((failures[0] as PromiseRejectedResult).reason)).toBe('40P01');
  });

  it('runs the victim again, so both writes land', async () => {
    const before = (await pool.query(`select sum(balance)::int as n from accounts`)).rows[0].n as number;
    const { barrier, arrived } = barrierFor(2);
    // The retry passes the barrier at once: it is already open.
    await Promise.all([
      retryingDeadlocks(crossing(1, 2, barrier, arrived)),
      retryingDeadlocks(crossing(2, 1, barrier, arrived)),
    ]);
    const after = (await pool.query(`select sum(balance)::int as n from accounts`)).rows[0].n as number;
    expect(after - before).toBe(4);
  });

  it('does not retry other errors', async () => {
    let runs = 0;
    await expect(
      retryingDeadlocks(async () => {
        runs++;
        await pool.query(`insert into accounts values (1, 0)`);
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect(runs).toBe(1);
  });
});
