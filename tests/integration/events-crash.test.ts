import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { findRootDir } from '../../core/src/config.ts';
import { createTestDatabase } from '../../core/src/testing/database.ts';
import { eventually, graphqlRequest, TEST_PASSWORD } from '@dentalpin/core/testing';

/**
 * DentalPin issue 4: kill the process between commit and delivery — the event is delivered after the
 * restart, once per handler effect. The platform runs in a child process (the real relay, real handlers
 * of patients → patient_timeline); the test blocks the timeline's handler with a table lock so that
 * the events are committed and claimed but not delivered, SIGKILLs the process, and starts it again.
 */
const root = findRootDir();
const SERVER = join(root, 'tests/integration/support/events-crash-server.ts');
const PATIENTS = 5;

interface Server {
  child: ChildProcess;
  url: string;
}

function startServer(databaseUrl: string, secret: string): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER], {
    cwd: root,
    env: { ...process.env, CRASH_DATABASE_URL: databaseUrl, CRASH_SECRET: secret, DENTALPIN_LOG: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the platform did not start within 90 s')), 90_000);
    child.once('exit', (code) => reject(new Error(`the platform exited (${code}) before it served`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = /^READY (\S+)/.exec(line);
      if (!m) return;
      clearTimeout(timer);
      resolve({ child, url: m[1] });
    });
  });
}

function killHard(s: Server): Promise<void> {
  return new Promise((resolve) => {
    if (s.child.exitCode !== null || s.child.signalCode !== null) return resolve();
    s.child.once('exit', () => resolve());
    s.child.kill('SIGKILL');
  });
}

describe('events survive a crash between commit and delivery', { timeout: 240_000 }, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sql: pg.Client;
  const servers: Server[] = [];
  const secret = randomBytes(32).toString('hex');
  const q = async (text: string, params: unknown[] = []) => (await sql.query(text, params)).rows;

  beforeAll(async () => {
    db = await createTestDatabase();
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
  });
  afterAll(async () => {
    for (const s of servers) await killHard(s);
    await sql?.end().catch(() => undefined);
    await db?.drop();
  });

  it('delivers every committed event after a SIGKILL and restart, each handler effect exactly once', async () => {
    const first = await startServer(db.url, secret);
    servers.push(first);
    const setup = await graphqlRequest<{ setup: { accessToken: string } }>(
      first.url,
      `mutation($input: SetupInput!) { setup(input: $input) { accessToken } }`,
      {
        input: {
          clinicName: 'Crash Clinic',
          adminEmail: 'admin@crash.test',
          adminPassword: TEST_PASSWORD,
          adminFirstName: 'Ada',
          adminLastName: 'Admin',
        },
      },
    );
    const token = setup.data!.setup.accessToken;

    // The timeline's handler cannot write while this session holds the table: its deliveries are
    // claimed and started, never finished.
    await q('begin');
    await q('lock table patient_timeline in share mode');
    const ids: string[] = [];
    for (let i = 0; i < PATIENTS; i++) {
      const r = await graphqlRequest<{ createPatient: { id: string } }>(
        first.url,
        `mutation($i: CreatePatientInput!) { createPatient(input: $i) { id } }`,
        { i: { firstName: `Crash${i}`, lastName: 'Test' } },
        { token },
      );
      expect(r.errors).toBeUndefined();
      ids.push(r.data!.createPatient.id);
    }
    // Committed: every patient.created is in the outbox (the mutations returned).
    expect((await q(`select count(*)::int as n from core_event_outbox where type = 'patient.created'`))[0].n).toBe(
      PATIENTS,
    );
    // The relay of the first process has claimed the timeline's deliveries and its handler is stuck.
    await eventually(
      async () =>
        (
          await q(
            `select count(*)::int as n from core_event_delivery d join core_event_outbox o on o.id = d.outbox_id
             where d.module_name = 'patient_timeline' and o.type = 'patient.created' and d.attempts >= 1`,
          )
        )[0].n >= 1,
      60_000,
      100,
    );
    await eventually(
      async () =>
        (
          await q(
            `select count(*)::int as n from pg_locks where relation = 'patient_timeline'::regclass and not granted`,
          )
        )[0].n >= 1,
      60_000,
      100,
    );

    await killHard(first);
    // PostgreSQL only notices a dead client on its next write; end the killed process's sessions now so
    // the test does not depend on TCP timing. Its open handler transaction rolls back.
    await q(
      `select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
    );
    await q('rollback');

    const pending = await q(
      `select d.status from core_event_delivery d join core_event_outbox o on o.id = d.outbox_id
       where d.module_name = 'patient_timeline' and o.type = 'patient.created'`,
    );
    // Nothing was delivered; events committed after the last fan-out have no delivery row yet.
    expect(pending.length).toBeGreaterThanOrEqual(1);
    expect(pending.every((r) => r.status === 'pending')).toBe(true);
    expect((await q(`select count(*)::int as n from patient_timeline`))[0].n).toBe(0);

    // Restart: the claims of the dead process expire and the new relay delivers every event.
    const second = await startServer(db.url, secret);
    servers.push(second);
    const timeline = async () =>
      (await q(
        `select patient_id, count(*)::int as n from patient_timeline where event_type = 'patient.created'
         group by patient_id order by patient_id`,
      )) as { patient_id: string; n: number }[];
    const everyPatientOnce = [...ids].sort().map((patient_id) => ({ patient_id, n: 1 }));
    expect(
      await eventually(async () => ((await timeline()).length === PATIENTS ? timeline() : null), 90_000, 200),
    ).toEqual(everyPatientOnce);
    const delivered = async () =>
      (await q(
        `select d.status, d.attempts from core_event_delivery d join core_event_outbox o on o.id = d.outbox_id
         where d.module_name = 'patient_timeline' and o.type = 'patient.created'`,
      )) as { status: string; attempts: number }[];
    await eventually(async () => (await delivered()).every((r) => r.status === 'delivered'), 60_000, 200);
    // Claimed once by the dead process at most, then once by the new one.
    for (const r of await delivered()) expect(r.attempts).toBeLessThanOrEqual(2);
    expect((await delivered()).some((r) => r.attempts === 2)).toBe(true);

    // At-least-once: a process can also die after a handler committed but before its delivery was marked.
    // Re-running those deliveries must not repeat the effect.
    await q(
      `update core_event_delivery set status = 'pending', attempts = 0, next_attempt_at = now(), locked_until = null,
         delivered_at = null
       where module_name = 'patient_timeline'`,
    );
    await eventually(
      async () => (await delivered()).every((r) => r.status === 'delivered' && r.attempts === 1),
      60_000,
      200,
    );
    expect(await timeline()).toEqual(everyPatientOnce);
    expect((await q(`select count(*)::int as n from patient_timeline`))[0].n).toBe(PATIENTS);

    second.child.kill('SIGTERM');
    await new Promise((r) => second.child.once('exit', r));
  });
});
