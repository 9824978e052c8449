import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import type { Knex } from 'knex';
import { logger } from '../logger.ts';

/**
 * Which servers run and what they serve (`core_server`). Every process that follows module changes records,
 * when it starts, after each module reload and on a heartbeat, the `core_module` state it loaded and the
 * modules it serves with code older than the installed version. The doctor names those servers; the CLI
 * waits after a module change until every live server has loaded it (or says which did not).
 */

/** A module this process serves with older code than the database's installed version. */
export interface OutdatedModule {
  module: string;
  /** The version of the code this process loaded. */
  loaded: string;
  /** The version installed in the database (another process upgraded it). */
  installed: string;
}

export interface ServerRecord {
  instanceId: string;
  host: string;
  pid: number;
  /** Hash of the `core_module` state this server loaded (`moduleStateHash`). */
  moduleState: string;
  outdatedModules: OutdatedModule[];
  seenAt: Date;
}

const TABLE = 'core_server';
const HEARTBEAT_MS = 5_000;
/** A server not seen for this long is gone (crashed, or stopped without cleaning up). */
const LIVE_MS = 4 * HEARTBEAT_MS;

/** What decides the active set: every module's state and version, and when its state last changed. */
export async function moduleState(knex: Knex): Promise<string> {
  const rows = await knex('core_module').select('name', 'state', 'version', 'last_state_change').orderBy('name');
  return JSON.stringify(rows);
}

export const moduleStateHash = (state: string) => createHash('sha256').update(state).digest('hex');

/** This process's entry in `core_server`, kept fresh by a heartbeat; a failed beat is retried by the next. */
export class ServerPresence {
  private timer: NodeJS.Timeout | null = null;
  private lastFailure: string | null = null;

  constructor(
    private readonly knex: Knex,
    private readonly instanceId: string,
    private readonly describe: () => { moduleState: string | null; outdatedModules: OutdatedModule[] },
  ) {}

  async start(): Promise<void> {
    await this.beat();
    this.timer = setInterval(() => void this.beat(), HEARTBEAT_MS);
    this.timer.unref();
  }

  /** Records what this process serves now (called on the heartbeat and after every reload). */
  async beat(): Promise<void> {
    const { moduleState: state, outdatedModules } = this.describe();
    const row = {
      module_state: state ? moduleStateHash(state) : '',
      outdated_modules: JSON.stringify(outdatedModules),
      seen_at: this.knex.fn.now(),
    };
    try {
      await this.knex(TABLE)
        .insert({ instance_id: this.instanceId, host: hostname(), pid: process.pid, ...row })
        .onConflict('instance_id')
        .merge(row);
      if (this.lastFailure) logger.info('server presence: recorded again');
      this.lastFailure = null;
    } catch (e) {
      const message = (e as Error).message;
      if (message !== this.lastFailure) logger.warn(`server presence: not recorded (${message}); retrying`);
      this.lastFailure = message;
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.knex(TABLE)
      .where({ instance_id: this.instanceId })
      .delete()
      .catch(() => undefined);
  }
}

/** Servers seen within the last heartbeats. */
export async function liveServers(knex: Knex): Promise<ServerRecord[]> {
  const rows = (await knex(TABLE)
    .where('seen_at', '>', knex.raw(`now() - interval '${LIVE_MS} milliseconds'`))
    .orderBy('started_at')
    .select('instance_id', 'host', 'pid', 'module_state', 'outdated_modules', 'seen_at')) as {
    instance_id: string;
    host: string;
    pid: number;
    module_state: string;
    outdated_modules: OutdatedModule[];
    seen_at: Date;
  }[];
  return rows.map((r) => ({
    instanceId: r.instance_id,
    host: r.host,
    pid: r.pid,
    moduleState: r.module_state,
    outdatedModules: r.outdated_modules,
    seenAt: r.seen_at,
  }));
}

/**
 * After a module change: waits until every live server has loaded the current `core_module` state, for at
 * most `timeoutMs`. Returns the servers that did not (a refused composition, a crashed reload, a lost NOTIFY
 * not yet resynced).
 */
export async function waitForServers(knex: Knex, timeoutMs: number): Promise<ServerRecord[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const current = moduleStateHash(await moduleState(knex));
    const behind = (await liveServers(knex)).filter((s) => s.moduleState !== current);
    if (!behind.length || Date.now() >= deadline) return behind;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** "host pid 1234" for messages. */
export const serverName = (s: Pick<ServerRecord, 'host' | 'pid'>) => `${s.host} pid ${s.pid}`;
