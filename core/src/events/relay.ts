import { systemIdentity, type SupergraphClient } from '../graphql/supergraph-client.ts';
import type { EventHandler } from '../modules/contract.ts';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Database } from '../db/database.ts';
import { SessionListener } from '../db/session-listener.ts';
import { bindClinic } from '../db/tenancy.ts';
import { logger } from '../logger.ts';
import { EVENT_CHANNEL, eventCatalog, type DomainEvent } from './catalog.ts';
import { config } from '../config.ts';

export type { EventHandler, EventHandlerContext } from '../modules/contract.ts';

export interface HandlerRegistration {
  module: string;
  type: string;
  handler: EventHandler;
  orm: MikroORM;
}

export interface RelayOptions {
  /** Polling fallback when no NOTIFY arrives (ms). */
  pollMs?: number;
  /** Attempts before a delivery is dead-lettered. */
  maxAttempts?: number;
  /** First retry delay (ms); doubles on each further attempt, capped at 10 minutes. */
  backoffMs?: number;
  /** How long a claimed delivery stays reserved for the process running it (s). */
  leaseSeconds?: number;
}

export interface DeadEvent {
  eventId: string;
  type: string;
  module: string;
  attempts: number;
  error: string | null;
  occurredAt: Date;
}

type FeedListener = (event: DomainEvent) => void;

/**
 * Which outbox positions this process's feed had passed to its listeners at one instant: every id up to
 * `through`, and the ids in `alsoFed` above it (out-of-order commits). Any other position is still to come.
 */
export interface FeedPosition {
  through: number;
  alsoFed: number[];
}

/** The outbox position of an event a subscriber resumes after, and whether retention still covers it. */
export interface ReplayStart {
  position: number;
  clinicId: string;
  expired: boolean;
}

interface OutboxRow {
  id: string;
  event_id: string;
  type: string;
  clinic_id: string;
  payload: Record<string, unknown>;
  occurred_at: Date;
}

const toEvent = (r: OutboxRow): DomainEvent => ({
  id: r.event_id,
  type: r.type,
  clinicId: r.clinic_id,
  occurredAt: r.occurred_at,
  payload: r.payload,
});

const MAX_BACKOFF_MS = 10 * 60_000;
/** How long the feed waits for an outbox id reserved by a transaction that has not committed. */
const GAP_TIMEOUT_MS = 2 * 60_000;

/**
 * Moves events from the outbox to (1) the handlers of active modules — each delivery claimed with
 * SKIP LOCKED so several processes share the work, recorded per handler, retried with exponential
 * backoff and dead-lettered after `maxAttempts` — and (2) this process's in-memory feed (subscriptions),
 * which every process reads in full (out-of-order commits included). Woken by LISTEN/NOTIFY, with polling
 * as fallback.
 */
export class EventRelay {
  private handlers = new Map<string, HandlerRegistration[]>();
  /** Event type → every active module subscribed to it (fan-out), whichever process delivers. */
  private subscribers = new Map<string, string[]>();
  private activeModules: string[] = [];
  private readonly listeners = new Set<FeedListener>();
  /** Modules with a delivery chain running in this process, and those chains. */
  private readonly busy = new Set<string>();
  private readonly chains = new Set<Promise<void>>();
  private listener: SessionListener | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** When the scheduled pass runs (ms since epoch). */
  private timerDue = 0;
  private running: Promise<void> | null = null;
  private rerun = false;
  /** The feed runs apart from the pass, so subscribers never wait on the fan-out or on handlers. */
  private feeding: Promise<void> | null = null;
  private feedAgain = false;
  private stopped = true;
  /** Feed position: every id ≤ `highWater` is done; above it, `seen` ids were fed and `gaps` are awaited. */
  private highWater = 0;
  private maxSeen = 0;
  private readonly seen = new Set<number>();
  private readonly gaps = new Map<number, number>();
  private readonly options: Required<RelayOptions>;
  readonly stats = { delivered: 0, failed: 0, dead: 0, fedEvents: 0 };

  constructor(
    private readonly db: Database,
    private readonly supergraph: SupergraphClient,
    options: RelayOptions = {},
  ) {
    this.options = {
      pollMs: options.pollMs ?? config().events.pollMs,
      maxAttempts: options.maxAttempts ?? config().events.maxAttempts,
      backoffMs: options.backoffMs ?? config().events.backoffMs,
      leaseSeconds: options.leaseSeconds ?? 60,
    };
  }

  /**
   * Replaces the handler set (called whenever the active modules change): `registrations` and
   * `activeModules` are what this process delivers; `subscribers` every active module's event types,
   * which fan-out covers even when another process runs the module (distributed mode). Default: the same.
   */
  setHandlers(
    registrations: HandlerRegistration[],
    activeModules: string[],
    subscribers: readonly { module: string; type: string }[] = registrations,
  ): void {
    const next = new Map<string, HandlerRegistration[]>();
    for (const r of registrations) next.set(r.type, [...(next.get(r.type) ?? []), r]);
    this.handlers = next;
    const fanOut = new Map<string, string[]>();
    for (const s of subscribers) fanOut.set(s.type, [...(fanOut.get(s.type) ?? []), s.module]);
    this.subscribers = fanOut;
    this.activeModules = activeModules;
    this.wake();
  }

  /** Every committed event, once, in this process (for subscriptions). Returns an unsubscribe function. */
  onEvent(listener: FeedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    // Only events committed from now on are fed; ids reserved by transactions still running are awaited.
    const start = await this.db.knex.raw(`select coalesce(max(id), 0)::int8 as id from core_event_outbox`);
    this.highWater = this.maxSeen = Number(start.rows[0].id);
    const reserved = await this.db.knex.raw(`select last_value, is_called from core_event_outbox_id_seq`);
    const last = Number(reserved.rows[0].last_value) - (reserved.rows[0].is_called ? 0 : 1);
    for (let id = this.highWater + 1; id <= last && id - this.highWater <= 10_000; id++) this.gaps.set(id, Date.now());
    if (last > this.maxSeen) this.maxSeen = last;
    await this.listen();
    this.schedule(0);
  }

  /** Wakes on NOTIFY; after a reconnect, one pass picks up what was committed while nothing listened. */
  private async listen(): Promise<void> {
    if (this.stopped) return;
    this.listener = new SessionListener({
      url: this.db.sessionUrl,
      name: 'event relay',
      channels: [EVENT_CHANNEL],
      onNotification: () => this.committed(),
      resync: async () => this.committed(),
    });
    await this.listener.start();
  }

  /** An event was committed (its NOTIFY arrived): feed it now, fan it out and deliver it soon. */
  private committed(): void {
    this.feed();
    this.wake();
  }

  /** Runs a pass soon (events were committed, a handler chain ended or the handler set changed). */
  wake(): void {
    // 5 ms: the NOTIFYs of one burst of commits share a pass.
    this.schedule(5);
  }

  /** Reads newly committed events into this process's feed now, or once more after the read under way. */
  private feed(): void {
    if (this.stopped) return;
    if (this.feeding) {
      this.feedAgain = true;
      return;
    }
    this.feeding = (async () => {
      do {
        this.feedAgain = false;
        if (await this.pumpFeed()) this.feedAgain = true;
      } while (this.feedAgain && !this.stopped);
    })()
      // The next poll retries (a lost connection, say).
      .catch((e) => {
        if (!this.stopped) logger.error(`event feed failed: ${(e as Error).message}`);
      })
      .finally(() => (this.feeding = null));
  }

  /**
   * Runs a pass in `ms`, unless one is already due sooner: a steady stream of commits must not keep
   * postponing the feed, and a pass ending must not push back the wake-up a NOTIFY asked for meanwhile.
   */
  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer && this.timerDue <= Date.now() + ms) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerDue = Date.now() + ms;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.tick();
    }, ms);
  }

  private tick(): void {
    // Polling covers NOTIFYs that never arrived.
    this.feed();
    if (this.running) {
      this.rerun = true;
      return;
    }
    this.running = this.runOnce()
      .then((more) => {
        this.running = null;
        if (this.rerun || more) {
          this.rerun = false;
          this.schedule(more ? 50 : 0);
        } else this.schedule(this.options.pollMs);
      })
      .catch((e) => {
        this.running = null;
        if (!this.stopped) logger.error(`event relay pass failed: ${(e as Error).message}`);
        this.schedule(this.options.pollMs);
      });
  }

  /** One pass: fan out new events, run due deliveries. True when more work is waiting. */
  private async runOnce(): Promise<boolean> {
    const fanned = await this.fanOut();
    const delivered = await this.deliverDue();
    return fanned || delivered;
  }

  /** Creates one delivery row per subscribed active module for each new event. */
  private async fanOut(): Promise<boolean> {
    const batch = 200;
    return this.db.knex.transaction(async (trx) => {
      const { rows } = await trx.raw(
        `select id::text as id, type from core_event_outbox where dispatched_at is null
         order by id limit ? for update skip locked`,
        [batch],
      );
      if (!rows.length) return false;
      const deliveries = (rows as { id: string; type: string }[]).flatMap((r) =>
        (this.subscribers.get(r.type) ?? []).map((module) => ({ outbox_id: r.id, module_name: module })),
      );
      if (deliveries.length)
        await trx('core_event_delivery').insert(deliveries).onConflict(['outbox_id', 'module_name']).ignore();
      await trx('core_event_outbox')
        .whereIn(
          'id',
          rows.map((r: { id: string }) => r.id),
        )
        .update({ dispatched_at: trx.fn.now() });
      return rows.length === batch;
    });
  }

  private async deliverDue(): Promise<boolean> {
    const knex = this.db.knex;
    // Deliveries of modules that went dark (disabled, uninstalled) are never run; a module waiting for its
    // upgrade or removal is still running and keeps receiving.
    await knex.raw(
      `update core_event_delivery set status = 'skipped', locked_until = null
       where status = 'pending' and module_name not in
         (select name from core_module where state in ('installed', 'to_upgrade', 'to_remove'))`,
    );
    // A module whose previous batch still runs is not claimed for again (its chain wakes the relay when done).
    const free = this.activeModules.filter((m) => !this.busy.has(m));
    if (!free.length) return false;
    const batch = 50;
    const { rows } = await knex.raw(
      `update core_event_delivery d
         set attempts = d.attempts + 1, locked_until = now() + make_interval(secs => ?)
       from (select outbox_id, module_name from core_event_delivery
             where status = 'pending' and next_attempt_at <= now()
               and (locked_until is null or locked_until < now()) and module_name = any(?)
             order by outbox_id limit ? for update skip locked) c,
            core_event_outbox o
       where d.outbox_id = c.outbox_id and d.module_name = c.module_name and o.id = d.outbox_id
       returning d.outbox_id::text as outbox_id, d.module_name, d.attempts, o.event_id, o.type, o.clinic_id,
                 o.payload, o.occurred_at`,
      [this.options.leaseSeconds, free, batch],
    );
    const claimed = rows as (OutboxRow & { outbox_id: string; module_name: string; attempts: number })[];
    // One chain per module, not awaited here: a slow or failing handler never holds up another module's
    // handlers, the fan-out or the subscription feed.
    const byModule = new Map<string, typeof claimed>();
    for (const r of claimed) byModule.set(r.module_name, [...(byModule.get(r.module_name) ?? []), r]);
    for (const [module, list] of byModule) {
      this.busy.add(module);
      const chain = (async () => {
        for (const r of list.sort((a, b) => Number(a.outbox_id) - Number(b.outbox_id))) await this.deliver(r);
      })()
        .catch((e) => logger.error(`event delivery chain of ${module} failed: ${(e as Error).message}`))
        .finally(() => {
          this.busy.delete(module);
          this.chains.delete(chain);
          this.wake();
        });
      this.chains.add(chain);
    }
    return false;
  }

  private async deliver(r: OutboxRow & { outbox_id: string; module_name: string; attempts: number }): Promise<void> {
    const knex = this.db.knex;
    const key = { outbox_id: r.outbox_id, module_name: r.module_name };
    const registration = this.handlers.get(r.type)?.find((h) => h.module === r.module_name);
    if (!registration) {
      // The module is active but no longer handles this type (e.g. after an upgrade).
      await knex('core_event_delivery').where(key).update({ status: 'skipped', locked_until: null });
      return;
    }
    const event = toEvent(r);
    try {
      // The handler serves the event's clinic: its statements see only that clinic's rows.
      await bindClinic(event.clinicId, () =>
        registration.orm.em.fork().transactional(async (em) => {
          await registration.handler(event, {
            moduleName: r.module_name,
            clinicId: event.clinicId,
            em,
            logger,
            identity: systemIdentity(event.clinicId, r.module_name),
            query: this.supergraph.forClinic(event.clinicId, r.module_name),
            eventPermission: eventCatalog.get(event.type)?.permission ?? '*',
          });
        }),
      );
      await knex('core_event_delivery')
        .where(key)
        .update({ status: 'delivered', delivered_at: knex.fn.now(), locked_until: null, last_error: null });
      this.stats.delivered++;
    } catch (e) {
      const error = (e as Error).stack ?? String(e);
      const dead = r.attempts >= this.options.maxAttempts;
      const delay = Math.min(this.options.backoffMs * 2 ** (r.attempts - 1), MAX_BACKOFF_MS);
      await knex('core_event_delivery')
        .where(key)
        .update({
          status: dead ? 'dead' : 'pending',
          locked_until: null,
          last_error: error.slice(0, 4000),
          next_attempt_at: knex.raw(`now() + make_interval(secs => ?)`, [delay / 1000]),
        });
      this.stats.failed++;
      if (dead) this.stats.dead++;
      logger.warn(
        `event handler ${r.module_name} failed on ${r.type} ${r.event_id} (attempt ${r.attempts}${dead ? ', dead-lettered' : ''}): ${(e as Error).message}`,
      );
    }
  }

  /**
   * Reads every event committed since the last pass. Ids come from one sequence but commit out of order:
   * an id below the newest one seen that is not there yet belongs to a transaction still running (or
   * rolled back), so it is awaited as a gap — its commit NOTIFY wakes the relay — and given up after
   * GAP_TIMEOUT_MS. Other transactions of the server never hold the feed back.
   */
  private async pumpFeed(): Promise<boolean> {
    const now = Date.now();
    for (const [id, since] of this.gaps) if (now - since > GAP_TIMEOUT_MS) this.gaps.delete(id);
    const { rows } = await this.db.knex.raw(
      `select id::int8 as id, event_id, type, clinic_id, payload, occurred_at from core_event_outbox
       where id > ? or id = any(?::int8[]) order by id limit 500`,
      [this.maxSeen, [...this.gaps.keys()]],
    );
    for (const r of rows as (OutboxRow & { id: string })[]) {
      const id = Number(r.id);
      if (id > this.maxSeen) {
        for (let gap = this.maxSeen + 1; gap < id; gap++) if (!this.seen.has(gap)) this.gaps.set(gap, now);
        this.maxSeen = id;
      }
      this.gaps.delete(id);
      this.seen.add(id);
      this.stats.fedEvents++;
      const event = toEvent(r);
      for (const l of this.listeners) {
        try {
          l(event);
        } catch (e) {
          logger.error(`event feed listener failed: ${(e as Error).message}`);
        }
      }
    }
    // Everything up to the first awaited gap is settled.
    while (this.highWater < this.maxSeen && !this.gaps.has(this.highWater + 1)) {
      this.highWater++;
      this.seen.delete(this.highWater);
    }
    return rows.length === 500;
  }

  /** Taken in the same tick as an `onEvent` registration, it splits history (replayed) from what comes live. */
  feedPosition(): FeedPosition {
    return { through: this.highWater, alsoFed: [...this.seen] };
  }

  /** Where event `eventId` sits in the outbox, or null when it is not there (never was, or pruned). */
  async replayStart(eventId: string, retentionSeconds: number): Promise<ReplayStart | null> {
    const { rows } = await this.db.knex.raw(
      `select id::int8 as id, clinic_id, occurred_at < now() - make_interval(secs => ?) as expired
       from core_event_outbox where event_id = ?`,
      [retentionSeconds, eventId],
    );
    const row = rows[0] as { id: string; clinic_id: string; expired: boolean } | undefined;
    return row ? { position: Number(row.id), clinicId: row.clinic_id, expired: row.expired } : null;
  }

  /**
   * The next `limit` events of one clinic after outbox position `after` (of `types` when given) that the
   * feed had passed on at `fed`, in outbox order, with their positions.
   */
  async replayPage(
    clinicId: string,
    after: number,
    fed: FeedPosition,
    types: readonly string[] | null,
    limit: number,
  ): Promise<{ position: number; event: DomainEvent }[]> {
    const { rows } = await this.db.knex.raw(
      `select id::int8 as id, event_id, type, clinic_id, payload, occurred_at from core_event_outbox
       where clinic_id = ? and id > ? and (id <= ? or id = any(?::int8[])) ${types ? 'and type = any(?)' : ''}
       order by id limit ?`,
      [clinicId, after, fed.through, fed.alsoFed, ...(types ? [[...types]] : []), limit],
    );
    return (rows as (OutboxRow & { id: string })[]).map((r) => ({ position: Number(r.id), event: toEvent(r) }));
  }

  deadLetters(limit = 100): Promise<DeadEvent[]> {
    return listDeadEvents(this.db, limit);
  }

  /** Puts dead-lettered deliveries back in the queue (after the handler was fixed). */
  async retryDead(module?: string): Promise<number> {
    const q = this.db
      .knex('core_event_delivery')
      .where({ status: 'dead' })
      .update({ status: 'pending', attempts: 0, next_attempt_at: this.db.knex.fn.now(), locked_until: null });
    const count = await (module ? q.andWhere({ module_name: module }) : q);
    this.wake();
    return count;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
    await this.feeding;
    await Promise.all([...this.chains]);
    await this.listener?.close();
    this.listener = null;
  }
}

/** Dead-lettered deliveries, newest first (doctor reports them). */
export async function listDeadEvents(db: Database, limit = 100): Promise<DeadEvent[]> {
  const { rows } = await db.knex.raw(
    `select o.event_id, o.type, d.module_name, d.attempts, d.last_error, o.occurred_at
     from core_event_delivery d join core_event_outbox o on o.id = d.outbox_id
     where d.status = 'dead' order by d.outbox_id desc limit ?`,
    [limit],
  );
  return (rows as Record<string, any>[]).map((r) => ({
    eventId: r.event_id,
    type: r.type,
    module: r.module_name,
    attempts: r.attempts,
    error: r.last_error ? String(r.last_error).split('\n')[0] : null,
    occurredAt: r.occurred_at,
  }));
}
