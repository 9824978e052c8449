import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, chmodSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import pg from 'pg';
import { databaseNameOf } from '../../core/src/db/database.ts';
import { createTestDatabase, serverUrl } from '../../core/src/testing/database.ts';
import { eventually } from '@dentalpin/core/testing';
import { freePort, runCli, startServe, type ServeProcess } from './support/serve-process.ts';
import { eventDelaysMs, servesTimeline, setupClinic, type Admin } from './support/listeners.ts';

/**
 * DentalPin issue 13 item 7: behind PgBouncer in transaction pooling mode, LISTEN on a pooled connection
 * hears nothing (the server connection goes back to the pool), so events came only by polling and
 * module changes never. Two `dentalpin serve` processes and the CLI run with DATABASE_URL through a real
 * PgBouncer and DATABASE_SESSION_URL straight to PostgreSQL.
 */
const POLL_MS = 10_000;
const MODULE = 'patient_timeline';

function findPgbouncer(): string | null {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin'];
  for (const dir of dirs.filter(Boolean)) {
    try {
      accessSync(join(dir, 'pgbouncer'), constants.X_OK);
      return join(dir, 'pgbouncer');
    } catch {
      // not in this folder
    }
  }
  return null;
}

const PGBOUNCER = findPgbouncer();
if (!PGBOUNCER)
  console.warn('pgbouncer.test.ts skipped: no pgbouncer binary on PATH or in /usr/sbin (apt-get install pgbouncer)');

interface Bouncer {
  child: ChildProcess;
  port: number;
  log: string[];
  dir: string;
}

/** A PgBouncer of its own on a free loopback port, transaction pooling, in front of the test server. */
async function startPgbouncer(binary: string): Promise<Bouncer> {
  const server = new URL(serverUrl());
  const user = decodeURIComponent(server.username) || 'postgres';
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'dentalpin-pgbouncer-'));
  // PgBouncer refuses to run as root: it then runs as `nobody`, which must read its files.
  chmodSync(dir, 0o755);
  const write = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    chmodSync(join(dir, name), 0o644);
  };
  write('users.txt', `"${user}" ""\n`);
  write(
    'pgbouncer.ini',
    [
      '[databases]',
      `* = host=${server.hostname} port=${server.port || 5432}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = trust',
      `auth_file = ${join(dir, 'users.txt')}`,
      `admin_users = ${user}`,
      'pool_mode = transaction',
      'max_client_conn = 200',
      'default_pool_size = 20',
      '',
    ].join('\n'),
  );
  const asRoot = process.getuid?.() === 0;
  const child = spawn(binary, [...(asRoot ? ['-u', 'nobody'] : []), join(dir, 'pgbouncer.ini')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  child.stdout!.on('data', (d) => log.push(String(d)));
  child.stderr!.on('data', (d) => log.push(String(d)));
  const bouncer = { child, port, log, dir };
  await eventually(
    async () => {
      if (child.exitCode !== null) throw new Error(`pgbouncer exited (${child.exitCode}):\n${log.join('')}`);
      const rows = await adminConsole(bouncer, 'show version').catch(() => null);
      return rows !== null;
    },
    20_000,
    100,
  );
  return bouncer;
}

/** Runs one command on PgBouncer's admin console (simple query protocol only). */
async function adminConsole(bouncer: Bouncer, command: string): Promise<Record<string, unknown>[]> {
  const url = new URL(serverUrl());
  url.hostname = '127.0.0.1';
  url.port = String(bouncer.port);
  url.pathname = '/pgbouncer';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return (await client.query(command)).rows;
  } finally {
    await client.end();
  }
}

describe.skipIf(!PGBOUNCER)('behind PgBouncer in transaction pooling mode', { timeout: 600_000 }, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let bouncer: Bouncer | undefined;
  let pooledUrl: string;
  const servers: ServeProcess[] = [];
  let admin: Admin;
  const secret = randomBytes(32).toString('hex');
  const backups = mkdtempSync(join(tmpdir(), 'dentalpin-pgbouncer-backups-'));
  const env = () => ({ DATABASE_SESSION_URL: db.url, DENTALPIN_EVENTS_POLL_MS: String(POLL_MS) });

  beforeAll(async () => {
    db = await createTestDatabase();
    bouncer = await startPgbouncer(PGBOUNCER!);
    const pooled = new URL(db.url);
    pooled.hostname = '127.0.0.1';
    pooled.port = String(bouncer.port);
    pooledUrl = pooled.toString();
    // One after the other: the first boot installs the modules.
    servers.push(await startServe(pooledUrl, secret, env()));
    servers.push(await startServe(pooledUrl, secret, env()));
    admin = await setupClinic(servers[0]!.url);
  });
  afterAll(async () => {
    for (const s of servers) await s.stop();
    if (bouncer) {
      bouncer.child.kill('SIGTERM');
      await new Promise((r) => (bouncer!.child.exitCode === null ? bouncer!.child.once('exit', r) : r(null)));
      rmSync(bouncer.dir, { recursive: true, force: true });
    }
    await db?.drop();
    rmSync(backups, { recursive: true, force: true });
  });

  it('the processes run their pooled queries through PgBouncer', async () => {
    const clients = await adminConsole(bouncer!, 'show clients');
    const name = databaseNameOf(db.url);
    expect(clients.filter((c) => c.database === name).length).toBeGreaterThan(0);
  });

  it('events reach every process well within the polling interval', async () => {
    const delays = await eventDelaysMs(
      servers.map((s) => s.url),
      admin,
      POLL_MS,
    );
    for (const delay of delays) expect(delay).toBeLessThan(POLL_MS / 4);
  });

  it('a module change made by the CLI reaches every process', async () => {
    for (const s of servers) expect(await servesTimeline(s.url, admin)).toBe(true);
    for (const args of [
      ['modules', 'uninstall', MODULE],
      ['modules', 'restart'],
    ]) {
      const r = await runCli(pooledUrl, secret, args, { ...env(), DENTALPIN_BACKUP_DIR: backups });
      expect(r.code, r.stderr).toBe(0);
    }
    for (const s of servers) await eventually(async () => !(await servesTimeline(s.url, admin)), 20_000, 200);
  });
});
