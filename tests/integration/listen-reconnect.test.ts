import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createTestDatabase, serverUrl } from '../../core/src/testing/database.ts';
import { eventually } from '@dentalpin/core/testing';
import { runCli, startServe, type ServeProcess } from './support/serve-process.ts';
import { eventDelaysMs, listenerPids, servesTimeline, setupClinic, type Admin } from './support/listeners.ts';

/**
 * DentalPin issue 13 item 6a: a `dentalpin serve` process whose LISTEN connections are terminated
 * still gets the next module change (and prompt events). Its session connections log in as a role of
 * their own (DATABASE_SESSION_URL), so the test can terminate exactly them and, by refusing that role
 * its logins, hold them down while the CLI changes the modules: the NOTIFY is lost and the process
 * must catch up when it reconnects.
 */
const POLL_MS = 10_000;
const MODULE = 'patient_timeline';

describe('LISTEN connections recover', { timeout: 600_000 }, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sql: pg.Client;
  let server: ServeProcess | undefined;
  let admin: Admin;
  const secret = randomBytes(32).toString('hex');
  const role = `dp_session_${randomBytes(4).toString('hex')}`;
  const backups = mkdtempSync(join(tmpdir(), 'dentalpin-listen-'));
  const cli = async (...args: string[]) => {
    const r = await runCli(db.url, secret, args, { DENTALPIN_BACKUP_DIR: backups });
    expect(r.code, r.stderr).toBe(0);
  };
  const terminateListeners = async () => {
    const pids = await listenerPids(sql, role);
    expect(pids).toHaveLength(2); // the event relay and the module-change listener
    await sql.query('select pg_terminate_backend(pid) from unnest($1::int[]) pid', [pids]);
    return pids;
  };
  const outageWarnings = () =>
    server!.log.filter(
      (l) => l.includes('"level":"warn"') && l.includes('"msg":"module changes: LISTEN connection lost'),
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    await sql.query(`create role ${role} login`);
    const sessionUrl = new URL(db.url);
    sessionUrl.username = role;
    server = await startServe(db.url, secret, {
      DATABASE_SESSION_URL: sessionUrl.toString(),
      DENTALPIN_EVENTS_POLL_MS: String(POLL_MS),
    });
    admin = await setupClinic(server.url);
  });
  afterAll(async () => {
    await server?.stop();
    await sql?.end();
    await db?.drop();
    const cleanup = new pg.Client({ connectionString: serverUrl() });
    await cleanup.connect();
    await cleanup.query(`drop role if exists ${role}`);
    await cleanup.end();
    rmSync(backups, { recursive: true, force: true });
  });

  it('reconnects after pg_terminate_backend: events stay prompt and the next module change arrives', async () => {
    expect(await servesTimeline(server!.url, admin)).toBe(true);
    const before = await terminateListeners();
    await eventually(async () => {
      const now = await listenerPids(sql, role);
      return now.length === 2 && now.every((pid) => !before.includes(pid));
    }, 30_000);

    // Well under the polling interval: the relay was woken by NOTIFY on its new connection.
    const [delay] = await eventDelaysMs([server!.url], admin, POLL_MS);
    expect(delay).toBeLessThan(POLL_MS / 4);

    await cli('modules', 'uninstall', MODULE);
    await cli('modules', 'restart');
    await eventually(async () => !(await servesTimeline(server!.url, admin)), 20_000, 200);
    expect(outageWarnings()).toHaveLength(1);
  });

  it('catches up on a change made while it could not listen (the NOTIFY was lost)', async () => {
    await sql.query(`alter role ${role} nologin`);
    await terminateListeners();
    await eventually(async () => (await listenerPids(sql, role)).length === 0);

    await cli('modules', 'install', MODULE);
    await cli('modules', 'restart');
    // Nothing told the process: it still serves the old schema while it cannot reconnect.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await servesTimeline(server!.url, admin)).toBe(false);

    await sql.query(`alter role ${role} login`);
    await eventually(async () => servesTimeline(server!.url, admin), 30_000, 200);
    // Both listeners are back (each on its own back-off, so the relay's may follow the module listener's).
    await eventually(async () => (await listenerPids(sql, role)).length === 2, 30_000, 200);
    // One warning for this outage however many attempts were refused, and one line when it recovered.
    expect(outageWarnings()).toHaveLength(2);
    const recovered = server!.log
      .map((l) => /module changes: listening again after .* \((\d+) attempt/.exec(l))
      .filter(Boolean);
    expect(recovered).toHaveLength(2);
    expect(Number(recovered[1]![1])).toBeGreaterThan(1);
  });
});
