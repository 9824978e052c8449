import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { logger } from '../logger.ts';
import type { OutdatedModule } from './presence.ts';

/**
 * `dentalpin serve --workers N`: N processes (node:cluster) sharing one port, each a full platform and
 * gateway. The primary only supervises: it starts the first worker alone (it applies migrations, boots the
 * modules and seeds the demo), then the others together; replaces a worker that dies; and on SIGTERM/SIGINT
 * asks every worker to drain and waits for them. When a worker finds a module upgraded under it (it serves the
 * code it loaded: an ES module cannot be loaded twice), the primary replaces the workers one at a time — a new
 * one serving before an old one drains — so the new code is served without a restart or a refused request.
 * Everything that must be right across workers already is
 * across processes: jobs and event handlers claim their work in the database (SKIP LOCKED), every
 * process's relay reads the whole outbox for its own subscribers, supergraph changes are notified to all.
 */

export interface WorkerReady {
  type: 'dentalpin:ready';
  url: string;
  port: number;
  /** What the worker would have printed alone ("DentalPin is running: …"); the primary prints it once. */
  line: string;
}

/** A worker serves older code of these modules than installed. */
interface WorkerOutdated {
  type: 'dentalpin:outdated';
  modules: readonly OutdatedModule[];
}

const isMessage =
  <T extends { type: string }>(type: T['type']) =>
  (m: unknown): m is T =>
    typeof m === 'object' && m !== null && (m as { type?: unknown }).type === type;
const isReady = isMessage<WorkerReady>('dentalpin:ready');
const isOutdated = isMessage<WorkerOutdated>('dentalpin:outdated');

/** `--workers`, else DENTALPIN_WORKERS, else one per core the process may use. */
export function workerCount(option: number | undefined, configured: number | undefined): number {
  return option ?? configured ?? availableParallelism();
}

/** In a worker: tells the primary this worker is serving (it prints the one "is running" line). */
export function reportWorkerReady(ready: Omit<WorkerReady, 'type'>): void {
  process.send?.({ type: 'dentalpin:ready', ...ready } satisfies WorkerReady);
}

/** In a worker: tells the primary this worker serves older code than installed (it replaces the workers). */
export function reportWorkerOutdated(modules: readonly OutdatedModule[]): void {
  process.send?.({ type: 'dentalpin:outdated', modules } satisfies WorkerOutdated);
}

export const isClusterWorker = (): boolean => cluster.isWorker;

/**
 * Runs the primary: forks `count` workers with `env` added to theirs, resolves once all serve (with the
 * first one's address); rejects if a worker dies before it serves. `onExit` runs once every worker has
 * stopped after a termination signal, with the exit code to use.
 */
export async function runPrimary(options: {
  count: number;
  env: Record<string, string>;
  shutdownTimeoutMs: number;
  onExit: (code: number) => Promise<void>;
}): Promise<WorkerReady> {
  let stopping = false;
  let serving = false;
  /** Workers that reported ready: only those are replaced when they die (a failed start is its forker's error). */
  const ready = new Set<number>();
  const fork = (): Promise<{ worker: Worker; ready: WorkerReady }> =>
    new Promise((resolve, reject) => {
      const worker = cluster.fork(options.env);
      const onMessage = (message: unknown) => {
        if (!isReady(message)) return;
        ready.add(worker.id);
        worker.off('message', onMessage);
        worker.off('exit', onEarlyExit);
        resolve({ worker, ready: message });
      };
      const onEarlyExit = (code: number | null, signal: string | null) =>
        reject(new Error(`worker ${worker.id} exited before serving (${signal ?? `code ${code}`})`));
      worker.on('message', onMessage);
      worker.once('exit', onEarlyExit);
    });

  /** Workers asked to drain because a replacement serves in their place. */
  const retiring = new Set<number>();
  // A worker that dies while the others serve is replaced; one that cannot start stops the whole server.
  cluster.on('exit', (worker, code, signal) => {
    const wasServing = ready.delete(worker.id);
    if (stopping || !serving || retiring.delete(worker.id) || !wasServing) return;
    logger.error(
      `worker ${worker.id} (pid ${worker.process.pid}) exited (${signal ?? `code ${code}`}); starting another`,
    );
    void fork().catch((e: unknown) => {
      logger.error(`a replacement worker could not start: ${(e as Error).message}`);
      void stop('SIGTERM', 1);
    });
  });

  /**
   * After a module upgrade: each worker in turn is replaced by a new one (which loads the code on disk) and
   * drains once that one serves. Workers that still report the same versions afterwards (older code on disk
   * than installed) are not replaced again: they keep saying so in their log and `/health/ready`.
   */
  let replacing = false;
  let replacedFor = '';
  cluster.on('message', (_worker, message: unknown) => {
    if (!isOutdated(message) || stopping || !serving || replacing) return;
    const versions = JSON.stringify(message.modules.map((m) => [m.module, m.installed]).sort());
    if (versions === replacedFor) return;
    replacedFor = versions;
    replacing = true;
    void replaceWorkers(message.modules).finally(() => (replacing = false));
  });
  const replaceWorkers = async (modules: readonly OutdatedModule[]) => {
    const old = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
    logger.info(
      `${modules.map((m) => `${m.module} ${m.loaded} → ${m.installed}`).join(', ')} installed: replacing ` +
        `${old.length} worker(s) one at a time to load the new code`,
    );
    for (const worker of old) {
      if (stopping) return;
      try {
        await fork();
      } catch (e) {
        logger.error(`a worker with the new code could not start (${(e as Error).message}); the others keep serving`);
        return;
      }
      if (stopping) return;
      retiring.add(worker.id);
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.process.kill('SIGTERM');
      await exited;
    }
    logger.info('every worker serves the new code');
  };

  const stop = async (signal: NodeJS.Signals, code = 0) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: stopping ${Object.keys(cluster.workers ?? {}).length} worker(s)`);
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
    const exited = workers.map(
      (w) =>
        new Promise<number>((resolve) => {
          if (w.isDead()) return resolve(w.process.exitCode ?? 0);
          // Ended by this SIGTERM before its own handler was in place (still booting): a clean stop too.
          w.once('exit', (c: number | null, sig: string | null) => resolve(c ?? (sig === 'SIGTERM' ? 0 : 1)));
          w.process.kill('SIGTERM');
        }),
    );
    // Each worker drains within the shutdown timeout; past it (and a margin), it is killed.
    const timer = setTimeout(() => {
      for (const w of workers) if (!w.isDead()) w.process.kill('SIGKILL');
    }, options.shutdownTimeoutMs + 5_000);
    const codes = await Promise.all(exited);
    clearTimeout(timer);
    await options.onExit(codes.some((c) => c !== 0) ? 1 : code);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  try {
    // The first worker alone: migrations, module boot and the demo seed are not run twice at once.
    const first = await fork();
    await Promise.all([...Array(options.count - 1)].map(() => fork()));
    serving = true;
    return first.ready;
  } catch (e) {
    // A termination signal during boot stops the workers on purpose: `stop` ends the process with its code.
    if (stopping) return new Promise<WorkerReady>(() => undefined);
    await stop('SIGTERM', 1);
    throw e;
  }
}
