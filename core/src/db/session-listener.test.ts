import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createTestDatabase, serverUrl } from '../testing/database.ts';
import { eventually } from '../testing/index.ts';
import { SessionListener } from './session-listener.ts';

/** Issue 13 item 6a: a LISTEN connection that is cut comes back, catches up, and warns once per outage. */
describe('SessionListener', { timeout: 60_000 }, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let admin: pg.Client;
  const role = `dp_listener_${randomBytes(4).toString('hex')}`;
  const listeners: SessionListener[] = [];
  const q = async (text: string, params: unknown[] = []) => (await admin.query(text, params)).rows;
  /** The listener's backends on the test database (one per connected listener). */
  const backends = async (user: string) =>
    (
      await q(
        `select pid from pg_stat_activity where datname = current_database() and usename = $1 and query ilike 'listen%'`,
        [user],
      )
    ).map((r) => r.pid as number);

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    await q(`create role ${role} login`);
  });
  afterEach(async () => {
    await Promise.all(listeners.splice(0).map((l) => l.close()));
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });
  afterAll(async () => {
    await admin?.end();
    await db?.drop();
    const cleanup = new pg.Client({ connectionString: serverUrl() });
    await cleanup.connect();
    await cleanup.query(`drop role if exists ${role}`);
    await cleanup.end();
  });

  function listener(url: string) {
    const received: string[] = [];
    let resyncs = 0;
    const l = new SessionListener({
      url,
      name: 'test listener',
      channels: ['dp_test_channel'],
      onNotification: (m) => received.push(m.payload ?? ''),
      resync: async () => {
        resyncs++;
      },
      minDelayMs: 20,
      maxDelayMs: 200,
    });
    listeners.push(l);
    return { l, received, resyncs: () => resyncs };
  }

  const notify = (payload: string) => q(`select pg_notify('dp_test_channel', $1)`, [payload]);

  it('reconnects after pg_terminate_backend, catches up, and hears the next NOTIFY', async () => {
    const { l, received, resyncs } = listener(db.url);
    await l.start();
    expect(l.listening).toBe(true);
    expect(resyncs()).toBe(1);
    await notify('first');
    await eventually(async () => received.includes('first'));

    const [pid] = await backends('postgres');
    await q('select pg_terminate_backend($1)', [pid]);
    // Catching up runs once more, on the new connection.
    await eventually(async () => resyncs() === 2 && l.listening);
    const [next] = await backends('postgres');
    expect(next).toBeDefined();
    expect(next).not.toBe(pid);
    await notify('after');
    await eventually(async () => received.includes('after'));
  });

  it('keeps retrying while connections are refused, warns once for the outage, and resyncs when back', async () => {
    // The recovery is logged at info; vitest's default level is warn.
    vi.stubEnv('DENTALPIN_LOG', 'info');
    const warnings: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
      if (String(chunk).includes('test listener')) warnings.push(String(chunk));
      return write(chunk as string, ...(rest as []));
    });
    const url = new URL(db.url);
    url.username = role;
    const { l, received, resyncs } = listener(url.toString());
    await l.start();
    expect(resyncs()).toBe(1);

    await q(`alter role ${role} nologin`);
    const [pid] = await backends(role);
    await q('select pg_terminate_backend($1)', [pid]);
    await eventually(async () => !l.listening);
    // Several attempts are refused meanwhile (20 ms doubling up to 200 ms).
    await new Promise((r) => setTimeout(r, 1_500));
    expect(l.listening).toBe(false);
    await notify('missed');

    await q(`alter role ${role} login`);
    await eventually(async () => l.listening && resyncs() === 2, 10_000);
    expect(received).not.toContain('missed');
    expect(warnings.filter((w) => w.includes('"level":"warn"'))).toHaveLength(1);
    expect(warnings.filter((w) => w.includes('listening again'))).toHaveLength(1);
    await notify('back');
    await eventually(async () => received.includes('back'));
  });

  it('closes for good: no reconnect after close()', async () => {
    const { l, resyncs } = listener(db.url);
    await l.start();
    await l.close();
    expect(l.listening).toBe(false);
    await new Promise((r) => setTimeout(r, 300));
    expect(await backends('postgres')).toEqual([]);
    expect(resyncs()).toBe(1);
  });
});
