import { randomUUID } from 'node:crypto';
import { bindClinic } from '../db/tenancy.ts';
import { callerScope } from '../auth/caller-scope.ts';
import { GraphQLError } from 'graphql';
import { sharedEvent, type SubscriptionField } from '@dentalpin/gateway';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, eventExpired, forbidden } from '../errors.ts';
import { config } from '../config.ts';
import { contractErrorOf } from '../graphql/errors.ts';
import { hasPermission } from '../auth/rbac.ts';
import { newGatewayContext, type GatewayContext } from '../graphql/subgraph.ts';
import type { Identity } from '../graphql/context.ts';
import type { ModuleSubscription } from '../modules/define.ts';
import type { PermissionRegistry } from '../auth/permissions.ts';
import { logger } from '../logger.ts';
import { eventCatalog, type DomainEvent } from './catalog.ts';
import type { EventRelay } from './relay.ts';
import { BoundedQueue } from './stream.ts';

export interface SubscriptionSource {
  relay: EventRelay;
  permissions(): PermissionRegistry;
  /** The active modules' subscription implementations, with their namespaced permission and an EntityManager. */
  moduleSubscriptions(): {
    name: string;
    module: string;
    definition: ModuleSubscription;
    em(): Promise<EntityManager>;
  }[];
  /** Undelivered events one subscriber may hold before the oldest are dropped. */
  queueLimit: number;
  /** The active modules now (name and version). */
  activeModules(): readonly { name: string; version: string }[];
  /** Calls `listener` after each change of the active set in this process; returns the unsubscribe. */
  onModulesChanged(listener: () => void): () => void;
}

/** What `activeModulesChanged` yields: a fingerprint of the active set (sorted `name@version`) and the names. */
export function activeModulesChange(modules: readonly { name: string; version: string }[]): {
  fingerprint: string;
  modules: string[];
} {
  const sorted = [...modules].sort((a, b) => a.name.localeCompare(b.name));
  return { fingerprint: sorted.map((m) => `${m.name}@${m.version}`).join(','), modules: sorted.map((m) => m.name) };
}

/**
 * The active set now, then after each change (a change that leaves the fingerprint as it was is not repeated).
 * Only the latest set matters: a queue of one keeps the newest pending value for a slow subscriber.
 */
function moduleChanges(source: SubscriptionSource): AsyncIterableIterator<unknown> {
  let lastPushed: string | null = null;
  const queue = new BoundedQueue<ReturnType<typeof activeModulesChange>>(1, () => unsubscribe());
  const push = () => {
    const change = activeModulesChange(source.activeModules());
    if (change.fingerprint === lastPushed) return;
    lastPushed = change.fingerprint;
    queue.push(change);
  };
  const unsubscribe = source.onModulesChanged(push);
  push();
  return queue;
}

/** Stats of every live subscription of this process (drops show subscribers that cannot keep up). */
export const subscriptionStats = { live: 0, dropped: 0 };

function asGraphQLError(e: unknown): GraphQLError {
  if (e instanceof GraphQLError) return e;
  const known = contractErrorOf(e);
  if (known) return new GraphQLError(known.message, { extensions: { code: known.code, ...(known.details ?? {}) } });
  logger.error(`subscription failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  return new GraphQLError('Internal server error.', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}

/** Events read back from the outbox at a time, as the subscriber consumes them. */
const REPLAY_PAGE = 200;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The outbox position a subscriber resumes after (`after`: an event id it received), null to start live.
 * An event older than the retention window, pruned, or not of the caller's clinic cannot be resumed after.
 */
async function resumePosition(source: SubscriptionSource, identity: Identity, after: unknown): Promise<number | null> {
  if (after === undefined || after === null) return null;
  if (typeof after !== 'string' || !UUID.test(after))
    throw badInput('"after" must be the id of an event received earlier (DomainEvent.id, AgendaChange.eventId).', {
      field: 'after',
    });
  const start = await source.relay.replayStart(after, config().events.retentionSeconds);
  // Another clinic's event is answered like a forgotten one: an id reveals nothing about other clinics.
  if (!start || start.expired || start.clinicId !== identity.clinicId) throw eventExpired();
  return start.position;
}

/**
 * Streams the events of `types` visible to `identity`: same clinic, and the event type's read
 * permission plus `permission` held now (re-checked per event, as grants follow the active modules).
 * From `after` (an outbox position), the events since are replayed first, in outbox order and through
 * the same filter, then live ones follow: each event once, none missed across the switch.
 */
function stream(
  source: SubscriptionSource,
  identity: Identity,
  types: ReadonlySet<string> | null,
  permission: string | null,
  map: (event: DomainEvent) => unknown | undefined,
  after: number | null = null,
): AsyncIterable<unknown> {
  /** The subscriber's value for an event, or undefined when the subscriber may not see it (one place for live and replay). */
  const valueOf = (event: DomainEvent): unknown => {
    if (types && !types.has(event.type)) return undefined;
    if (event.clinicId !== identity.clinicId) return undefined;
    const entry = eventCatalog.visible(event.type);
    if (!entry) return undefined;
    const grants = source.permissions().grants(identity.role);
    if (!hasPermission(grants, entry.permission)) return undefined;
    if (permission && !hasPermission(grants, permission)) return undefined;
    try {
      const value = map(event);
      // Past the checks above (this subscriber's clinic and grants, now), the value depends on the event
      // only: subscribers of one scope with the same document share its execution.
      return value === undefined ? undefined : sharedEvent(event.id, value);
    } catch (e) {
      logger.error(`subscription mapper failed on ${event.type}: ${(e as Error).message}`);
      return undefined;
    }
  };
  let unsubscribe: () => void = () => undefined;
  const queue = new BoundedQueue<unknown>(
    source.queueLimit,
    () => {
      unsubscribe();
      subscriptionStats.live--;
    },
    (dropped) => {
      subscriptionStats.dropped++;
      if (dropped === 1 || dropped % 100 === 0)
        logger.warn(`a subscriber of ${identity.email} is too slow: ${dropped} events dropped`);
    },
  );
  subscriptionStats.live++;
  // Positioned and registered in one tick: what the feed passed on before is replayed from the outbox,
  // everything after it arrives through the listener (and waits in the queue while the replay runs).
  const fed = source.relay.feedPosition();
  unsubscribe = source.relay.onEvent((event) => {
    const value = valueOf(event);
    if (value !== undefined) queue.push(value);
  });
  if (after === null) return queue;
  const typeList = types ? [...types] : null;
  return new ReplayThenLive(
    (position) => source.relay.replayPage(identity.clinicId, position, fed, typeList, REPLAY_PAGE),
    after,
    valueOf,
    queue,
  );
}

/** Replays the outbox page by page as the subscriber reads (no page is read ahead), then goes live. */
class ReplayThenLive implements AsyncIterableIterator<unknown> {
  private readonly pending: unknown[] = [];
  private replaying = true;
  private closed = false;

  constructor(
    private readonly readPage: (after: number) => Promise<{ position: number; event: DomainEvent }[]>,
    private position: number,
    private readonly valueOf: (event: DomainEvent) => unknown,
    private readonly live: BoundedQueue<unknown>,
  ) {}

  async next(): Promise<IteratorResult<unknown>> {
    for (;;) {
      if (this.closed) return { value: undefined, done: true };
      if (this.pending.length) return { value: this.pending.shift(), done: false };
      if (!this.replaying) return this.live.next();
      let page: Awaited<ReturnType<typeof this.readPage>>;
      try {
        page = await this.readPage(this.position);
      } catch (e) {
        throw asGraphQLError(e);
      }
      if (page.length < REPLAY_PAGE) this.replaying = false;
      for (const { position, event } of page) {
        this.position = position;
        const value = this.valueOf(event);
        if (value !== undefined) this.pending.push(value);
      }
    }
  }

  return(): Promise<IteratorResult<unknown>> {
    this.closed = true;
    this.pending.length = 0;
    return this.live.return();
  }

  throw(error: unknown): Promise<IteratorResult<unknown>> {
    void this.return();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<unknown> {
    return this;
  }
}

/** The `Subscription` fields this process serves: the core's `events` and every active module's. */
export function subscriptionFields(source: SubscriptionSource): Map<string, SubscriptionField<GatewayContext>> {
  const fields = new Map<string, SubscriptionField<GatewayContext>>();
  fields.set('events', {
    async subscribe(args, ctx) {
      try {
        const identity = ctx.auth.user();
        const requested = args.types as string[] | null | undefined;
        let types: Set<string> | null = null;
        if (requested) {
          const grants = source.permissions().grants(identity.role);
          for (const type of requested) {
            const entry = eventCatalog.visible(type);
            if (!entry) throw badInput(`"${type}" is not a catalogued event type.`);
            if (!hasPermission(grants, entry.permission)) throw forbidden(entry.permission);
          }
          types = new Set(requested);
        }
        const after = await resumePosition(source, identity, args.after);
        return stream(
          source,
          identity,
          types,
          null,
          (e) => ({
            id: e.id,
            type: e.type,
            occurredAt: e.occurredAt.toISOString(),
            clinicId: e.clinicId,
            payload: e.payload,
          }),
          after,
        );
      } catch (e) {
        throw asGraphQLError(e);
      }
    },
  });
  fields.set('activeModulesChanged', {
    async subscribe(_args, ctx) {
      try {
        ctx.auth.user();
        return moduleChanges(source);
      } catch (e) {
        throw asGraphQLError(e);
      }
    },
  });
  for (const s of source.moduleSubscriptions()) {
    const permission = `${s.module}.${s.definition.permission}`;
    fields.set(s.name, {
      async subscribe(args, ctx) {
        try {
          const identity = ctx.auth.require(permission);
          // The module's setup reads as the subscriber's clinic, like its resolvers (row-level security).
          const em = await s.em();
          const map = await bindClinic(identity.clinicId, () => s.definition.setup(args, { identity, em }));
          const after = await resumePosition(source, identity, args.after);
          return stream(source, identity, new Set(s.definition.events), permission, map, after);
        } catch (e) {
          throw asGraphQLError(e);
        }
      },
    });
  }
  return fields;
}

/** A fresh per-event context for lookups (new EntityManagers and loaders, same caller). */
export const lookupContext = (ctx: GatewayContext): GatewayContext => newGatewayContext(ctx.auth, randomUUID());

/**
 * Subscribers with the same caller scope see the same data through a lookup or an event's execution: they
 * may share one resolution.
 */
export const lookupScope = (ctx: GatewayContext): string | null => callerScope(ctx.auth.identity);
