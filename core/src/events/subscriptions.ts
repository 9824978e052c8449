import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { SubscriptionField } from '@dentalpin/gateway';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, badInput, forbidden } from '../errors.ts';
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
}

/** Stats of every live subscription of this process (drops show subscribers that cannot keep up). */
export const subscriptionStats = { live: 0, dropped: 0 };

const asGraphQLError = (e: unknown) =>
  e instanceof DomainError
    ? new GraphQLError(e.message, { extensions: { code: e.code, ...(e.details ?? {}) } })
    : e instanceof GraphQLError
      ? e
      : new GraphQLError('Internal server error.', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });

/**
 * Streams the events of `types` visible to `identity`: same clinic, and the event type's read
 * permission plus `permission` held now (re-checked per event, as grants follow the active modules).
 */
function stream(
  source: SubscriptionSource,
  identity: Identity,
  types: ReadonlySet<string> | null,
  permission: string | null,
  map: (event: DomainEvent) => unknown | undefined,
): AsyncIterable<unknown> {
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
  unsubscribe = source.relay.onEvent((event) => {
    if (types && !types.has(event.type)) return;
    if (event.clinicId !== identity.clinicId) return;
    const entry = eventCatalog.visible(event.type);
    if (!entry) return;
    const grants = source.permissions().grants(identity.role);
    if (!hasPermission(grants, entry.permission)) return;
    if (permission && !hasPermission(grants, permission)) return;
    let value: unknown;
    try {
      value = map(event);
    } catch (e) {
      logger.error(`subscription mapper failed on ${event.type}: ${(e as Error).message}`);
      return;
    }
    if (value !== undefined) queue.push(value);
  });
  return queue;
}

/** The `Subscription` fields this process serves: the core's `events` and every active module's. */
export function subscriptionFields(source: SubscriptionSource): Map<string, SubscriptionField<GatewayContext>> {
  const fields = new Map<string, SubscriptionField<GatewayContext>>();
  fields.set('events', {
    subscribe(args, ctx) {
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
        return stream(source, identity, types, null, (e) => ({
          id: e.id,
          type: e.type,
          occurredAt: e.occurredAt.toISOString(),
          clinicId: e.clinicId,
          payload: e.payload,
        }));
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
          const map = await s.definition.setup(args, { identity, em: await s.em() });
          return stream(source, identity, new Set(s.definition.events), permission, map);
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
 * Subscribers of one clinic holding the same grants see the same data through a lookup (resolvers are
 * scoped by clinic and checked by permission), so they may share one resolution of an event.
 */
export const lookupScope = (ctx: GatewayContext): string | null =>
  ctx.auth.identity ? `${ctx.auth.identity.clinicId}|${[...ctx.auth.identity.grants].sort().join(',')}` : null;
