import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntitySchema } from '@mikro-orm/core';
import type { DocumentNode } from 'graphql';
import type { IResolvers } from '@graphql-tools/utils';
import type { ManifestInput } from './manifest.ts';
import type { RequestContext } from '../graphql/context.ts';
import type { Logger } from '../logger.ts';
import type { Tool } from '../agents/tool.ts';
import type { BaseAgent } from '../agents/agent.ts';
import type { Identity } from '../graphql/context.ts';
import type { DomainEvent, EventDeclaration } from '../events/catalog.ts';
import type { EventHandler } from '../events/relay.ts';
import type { ModuleJob } from '../jobs/runner.ts';
import type { ServiceContext } from './service-context.ts';
import type { IncomingMessage } from 'node:http';
import type { Router } from 'express';
import { registerErrorCodes } from '../errors.ts';

/** What lifecycle hooks receive: the module's own EntityManager (inside a transaction) and a logger. */
export interface ModuleHookContext {
  moduleName: string;
  em: EntityManager;
  logger: Logger;
}

/** A ServiceContext acting as the demo clinic's admin (`identity` is `admin`): `new XService(ctx)` works as is. */
export interface DemoContext extends ModuleHookContext, ServiceContext {
  clinicId: string;
  /** The demo users by role (admin, dentist, receptionist). */
  users: Record<string, string>;
  /** The demo clinic's admin (for services that record who did what). */
  admin: Identity;
}

export type ModuleResolvers = IResolvers<unknown, RequestContext>;

/** What a subscription's `setup` gets: the subscriber and the module's own EntityManager. */
export interface SubscriptionSetupContext {
  identity: Identity;
  em: EntityManager;
}

/**
 * A `Subscription` field declared in the module's SDL and fed by catalogued events. The core filters
 * events by the subscriber's clinic and by permission (at subscribe time and per event) before `setup`'s mapper runs.
 */
export interface ModuleSubscription {
  /** Event types feeding the field. */
  events: readonly string[];
  /** Module-local permission needed to subscribe (`appointments.read`). */
  permission: string;
  /**
   * Runs at subscribe time: validates the arguments (throw a DomainError to refuse) and returns the
   * per-event mapper: the field's value for an event (use `lookup(...)` for supergraph entities), or
   * `undefined` to skip it.
   */
  setup(
    args: Record<string, unknown>,
    ctx: SubscriptionSetupContext,
  ): Promise<(event: DomainEvent) => unknown | undefined>;
}

/** What a module's HTTP routes (`http`) get: who calls, and a signer for links that carry their own proof. */
export interface ModuleHttpContext {
  /**
   * The request's caller (`authorization: Bearer …` and `x-clinic-id`) as a ServiceContext once they hold
   * `permission` (namespaced); a DomainError UNAUTHENTICATED or FORBIDDEN otherwise.
   */
  authorize(req: IncomingMessage, permission: string): Promise<ServiceContext>;
  /** The clinic's system identity, for a request proven by a signed link rather than a token. */
  forClinic(clinicId: string): Promise<ServiceContext>;
  /** HMAC-SHA256 (base64url) of `value` with a key derived from the platform secret for this module. */
  sign(value: string): string;
}

/** Everything a module contributes. Only `manifest` is required. */
export interface ModuleDefinition {
  manifest: ManifestInput;
  /** Module-local permission names (`items.read`); the registry namespaces them (`inventory.items.read`). */
  permissions?: readonly string[];
  entities?: readonly EntitySchema<any, any>[];
  /** This subgraph's SDL (Federation 2, with its own `@link`). */
  typeDefs?: DocumentNode | string;
  resolvers?: ModuleResolvers;
  /** Actions exposed to AI agents (and MCP clients); published as `<module>.<tool.name>`. */
  tools?: readonly Tool[];
  /**
   * GraphQL Mutation fields deliberately without a tool, with the reason
   * (`{ archivePatient: 'archiving is a human decision' }`); the contract test reads it.
   */
  toolExemptions?: Readonly<Record<string, string>>;
  /** Agents this module ships (instances of BaseAgent subclasses). */
  agents?: readonly BaseAgent[];
  /**
   * Error codes of this module's own (SCREAMING_SNAKE_CASE, e.g. agenda's `SLOT_CONFLICT`): thrown as
   * `new DomainError(code, message)`, they reach clients as `extensions.code` like the core's codes.
   */
  errorCodes?: readonly Uppercase<string>[];
  /** The events this module owns (publishes): payload schema and the permission needed to see them. */
  events?: Record<string, EventDeclaration>;
  /** Handlers for events of any module, run by the relay in the module's own transaction, at least once. */
  eventHandlers?: Record<string, EventHandler>;
  /** Implementations of the `Subscription` fields of this module's SDL. */
  subscriptions?: Record<string, ModuleSubscription>;
  /**
   * HTTP endpoints beside `/graphql` (uploads, downloads), mounted on the gateway once at start and
   * answered only while the module is active. Errors passed to `next` answer as contract JSON errors.
   */
  http?(router: Router, ctx: ModuleHttpContext): void;
  /** Work on a schedule (snake_case names; run as `<module>.<name>`, at most once at a time across processes). */
  jobs?: Record<string, ModuleJob>;
  install?(ctx: ModuleHookContext): Promise<void>;
  uninstall?(ctx: ModuleHookContext): Promise<void>;
  postUpgrade?(ctx: ModuleHookContext, fromVersion: string): Promise<void>;
  /** Demo data for a freshly created demo clinic (`serve --demo`). */
  demo?(ctx: DemoContext): Promise<void>;
  /** Called once each time the module becomes active in a process (no database work). */
  onActivate?(): void;
}

export function defineModule<T extends ModuleDefinition>(definition: T): T {
  // Registered on import, so every process that loads the module (gateway included) knows its codes.
  if (definition.errorCodes) registerErrorCodes(definition.manifest.name, definition.errorCodes);
  return definition;
}
