/**
 * The module contract: every type a module author writes against (the module definition, its hooks,
 * resolvers, tools, agents, event handlers, jobs and their contexts). Types only: it imports no runtime
 * file of the core, so the core's runtime files can depend on it without cycles
 * (core/src/modules/contract.test.ts checks both). The runtime lists of its unions (ROLES, ERROR_CODES,
 * TOOL_CATEGORIES…) live beside the code that uses them and are checked against these with `EveryMember`.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntitySchema } from '@mikro-orm/core';
import type { DocumentNode } from 'graphql';
import type { IResolvers } from '@graphql-tools/utils';
import type DataLoader from 'dataloader';
import type { z } from 'zod';
import type { IncomingMessage } from 'node:http';
import type { Router } from 'express';

/** `L` when it lists every member of `T`, `never` otherwise: ties a runtime list to its contract union. */
export type EveryMember<T, L extends readonly T[]> = [Exclude<T, L[number]>] extends [never] ? L : never;

// ── Errors ────────────────────────────────────────────────────────────────────────────────────────

/** The core's error codes (CONTRACT.md); the runtime list is `ERROR_CODES` in errors.ts. */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'CONFLICT'
  | 'ALREADY_INITIALIZED'
  | 'INVALID_TRANSITION'
  | 'ALREADY_IN_STATE'
  | 'MODULE_OPERATION_REFUSED'
  | 'RATE_LIMITED'
  | 'SERVICE_UNAVAILABLE'
  | 'QUERY_TOO_COMPLEX'
  | 'SUBGRAPH_UNAVAILABLE';
/** A code a module declares in `defineModule({ errorCodes })` (SCREAMING_SNAKE_CASE, e.g. agenda's `SLOT_CONFLICT`). */
export type ModuleErrorCode = Uppercase<string>;
/** Any code a DomainError may carry: the core's or one a module declared. */
export type ContractCode = ErrorCode | (ModuleErrorCode & {});

// ── Manifest ──────────────────────────────────────────────────────────────────────────────────────

/** Clinic roles; the runtime list is `ROLES` in manifest.ts. */
export type Role = 'admin' | 'dentist' | 'hygienist' | 'assistant' | 'receptionist';

export interface NavigationItemInput {
  label: string;
  /** A web route, starting with `/`. */
  to: string;
  icon?: string;
  permission?: string;
  order?: number;
}

/** The declarative manifest of a module as written (DESIGN.md "Module contract"); manifest.ts validates it. */
export interface ManifestInput {
  /** snake_case: lowercase letters, digits, underscores. */
  name: string;
  version: string;
  summary?: string;
  author?: string;
  license?: string;
  category?: 'official' | 'community';
  minCoreVersion?: string;
  depends?: string[];
  installable?: boolean;
  autoInstall?: boolean;
  removable?: boolean;
  /** Reason a module cannot be removed; required when `removable` is false. */
  nonRemovableReason?: string;
  dataFiles?: string[];
  rolePermissions?: Record<string, string[]>;
  frontend?: { navigation?: NavigationItemInput[] };
}

// ── Callers and contexts ──────────────────────────────────────────────────────────────────────────

/** Who is calling, in which clinic, with which grants. Travels from the gateway to every subgraph. */
export interface Identity {
  userId: string;
  /** The login session the access token belongs to; absent for work run later on the user's behalf. */
  sessionId?: string;
  email: string;
  clinicId: string;
  role: Role;
  isPlatformAdmin: boolean;
  /** Grant patterns (`*`, `patients.*`, `patients.read`) of the role in this clinic. */
  grants: string[];
}

/** A request's authentication (implemented by AuthState). */
export interface RequestAuth {
  readonly identity: Identity | null;
  /** Why authentication failed (bad, expired or revoked token; foreign clinic). */
  readonly failure: (Error & { readonly code: ContractCode }) | null;
  /** The caller; UNAUTHENTICATED when there is none. */
  user(): Identity;
  can(permission: string): boolean;
  /** The caller if they hold `permission` in the selected clinic; FORBIDDEN otherwise. */
  require(permission: string): Identity;
  requirePlatformAdmin(): Identity;
}

/**
 * A parsed operation carrying its result and variables types: what `npm run codegen` writes to a module's
 * `src/generated/operations.ts` (structurally the `@graphql-typed-document-node/core` type).
 */
export interface TypedDocumentNode<
  TResult = Record<string, unknown>,
  TVariables = Record<string, unknown>,
> extends DocumentNode {
  __apiType?: (variables: TVariables) => TResult;
}

/** The variables argument: optional when the operation declares no required variable. */
type VariablesOf<TVariables> =
  Record<string, never> extends TVariables ? [variables?: TVariables] : [variables: TVariables];

/** A cross-module read: an operation on the supergraph, returning its `data` or throwing its first error. */
export interface SupergraphQuery {
  /** A generated typed document: the variables and the result are checked against the supergraph. */
  <TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables>,
    ...variables: VariablesOf<TVariables>
  ): Promise<TResult>;
  /** An operation as text with a hand-written result type (modules not yet converted to typed documents). */
  <T = Record<string, unknown>>(document: string, variables?: Record<string, unknown>): Promise<T>;
}

/** What every resolver of every subgraph receives. */
export interface RequestContext {
  requestId: string;
  /** The client's address (socket, or forwarded through a trusted proxy); null for calls from inside the process. */
  clientAddress: string | null;
  auth: RequestAuth;
  /** A fresh EntityManager of the module that owns the resolver. */
  em: EntityManager;
  /** A per-request DataLoader, created on first use under `key` (batch entity resolution). */
  loader<K, V>(key: string, batch: (keys: readonly K[]) => Promise<(V | Error)[]>): DataLoader<K, V>;
  /**
   * Reads other modules through the supergraph as this caller (same clinic, same permissions); returns
   * `data` or throws the first error as a DomainError. It does not see this request's uncommitted writes.
   */
  query: SupergraphQuery;
}

/** JSON lines on stderr, with the `requestId` of the request the code runs for (logger.ts). */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/**
 * What every module service is constructed with: `new XService(ctx)`. Tool, event-handler and demo
 * contexts are ServiceContexts already; a resolver gets one from `authorize(ctx, permission)`, a job
 * from `forClinic(ctx, clinicId)`. Services check no permissions: whoever builds the context has.
 */
export interface ServiceContext {
  /** The module's own EntityManager (inside a transaction for tools, event handlers and demo data). */
  em: EntityManager;
  /** Who acts; `identity.clinicId` scopes every read and write. */
  identity: Identity;
  /** Reads other modules through the supergraph as `identity`. */
  query: SupergraphQuery;
}

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

// ── Events and subscriptions ──────────────────────────────────────────────────────────────────────

/**
 * How a module declares an event it owns: the payload schema, and the module-local permission a
 * caller needs to see the event (in `events(types)` and any subscription fed by it).
 */
export interface EventDeclaration {
  payload: z.ZodType<Record<string, unknown>>;
  /** Module-local (`appointments.read`); namespaced like the module's permissions (`agenda.appointments.read`). */
  permission: string;
  /**
   * Delivered to module event handlers only, never to `events` subscribers or any subscription (nor,
   * through them, to the timeline or agents): for payloads that carry a secret, such as a sign-in link.
   */
  internal?: boolean;
}

/** A delivered domain event, as handlers and subscriptions see it. */
export interface DomainEvent<P extends Record<string, unknown> = Record<string, unknown>> {
  /** The event's id (uuid): handlers use it to be idempotent. */
  id: string;
  type: string;
  occurredAt: Date;
  clinicId: string;
  payload: P;
}

/**
 * What a module's event handler receives besides the event: a ServiceContext acting as the event's clinic
 * (`identity` is the clinic's system identity, every permission of that clinic and no other; `query` reads
 * through the supergraph as it; `em` is the module's own, inside the handler's own transaction).
 */
export interface EventHandlerContext extends ServiceContext {
  moduleName: string;
  /** The clinic the event belongs to; every read and write of the handler must stay inside it. */
  clinicId: string;
  logger: Logger;
  /**
   * The permission that guards this event at its source (its owner's catalog declaration, namespaced):
   * what a handler keeping a copy of it must ask of its readers. `*` (only full grants) when no active
   * module declares the type any more.
   */
  eventPermission: string;
}

export type EventHandler = (event: DomainEvent, ctx: EventHandlerContext) => Promise<void>;

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
   * `undefined` to skip it. The value may depend only on the event, the arguments and the subscriber's
   * identity: subscribers with the same identity scope (clinic, user, role, grants), document and variables
   * share one execution of each event.
   */
  setup(
    args: Record<string, unknown>,
    ctx: SubscriptionSetupContext,
  ): Promise<(event: DomainEvent) => unknown | undefined>;
}

// ── Jobs ──────────────────────────────────────────────────────────────────────────────────────────

/** What a job's `run` receives. A job spans clinics: it must scope every row it touches itself. */
export interface JobContext {
  moduleName: string;
  /** A fresh EntityManager of the module (open transactions with `em.transactional`). */
  em: EntityManager;
  logger: Logger;
  /** The time the run started (use it instead of reading the clock, so a run is one instant). */
  now: Date;
  /** Reads other modules through the supergraph as the system identity of one clinic. */
  query<T = Record<string, unknown>>(
    clinicId: string,
    document: string,
    variables?: Record<string, unknown>,
  ): Promise<T>;
  /** The same reads as one clinic's system identity, typed documents included (what `forClinic` hands services). */
  queryFor(clinicId: string): SupergraphQuery;
  /**
   * Renders a document of another (or this) module as one clinic's system identity: null when no active module
   * renders `kind`; a DomainError NOT_FOUND when the record is not the clinic's.
   */
  document(clinicId: string, kind: string, id: string, locale?: string): Promise<RenderedDocument | null>;
}

/** A rendered document: its file name and bytes. */
export interface RenderedDocument {
  filename: string;
  pdf: Buffer;
}

/** One kind of document a module renders (see `ModuleDefinition.documents`). */
export interface ModuleDocument {
  /** Renders record `id` as `ctx.identity` sees it (a DomainError NOT_FOUND outside its clinic), in `locale`. */
  render(ctx: ServiceContext, id: string, locale: string | undefined): Promise<RenderedDocument>;
}

/** Work a module wants done on a schedule (expiring budgets, dispatching messages). */
export interface ModuleJob {
  description: string;
  everySeconds: number;
  run(ctx: JobContext): Promise<void>;
}

// ── Tools and agents ──────────────────────────────────────────────────────────────────────────────

/** READ never mutates; WRITE mutates but can be undone; DESTRUCTIVE deletes, sends or moves money. */
export type ToolCategory = 'READ' | 'WRITE' | 'DESTRUCTIVE';
/** AUTONOMOUS: execute subject to guardrails; SUPERVISED: every WRITE/DESTRUCTIVE call waits for a human. */
export type AgentMode = 'SUPERVISED' | 'AUTONOMOUS';
export type CallStatus = 'SUCCESS' | 'FAILED' | 'BLOCKED' | 'PENDING_APPROVAL';

/** JSON values (what tool results and arguments are normalised to). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * What a tool handler receives: a ServiceContext (`em` is the owning module's, inside the call's
 * transaction and flushed after the handler; `identity` the caller, already holding the tool's permissions).
 */
export interface ToolContext extends ServiceContext {
  clinicId: string;
  logger: Logger;
  /** The agent run the call belongs to, if any. */
  agent: { name: string; sessionId: string } | null;
}

/**
 * An action a module exposes to AI agents. `name` is module-local snake_case; the registry
 * publishes it as `<module>.<name>`.
 */
export interface Tool<P extends z.ZodObject = z.ZodObject> {
  name: string;
  /** Prose for a model that has never seen the module: what it does, what it does NOT do, what it returns. */
  description: string;
  /** Arguments, as a zod object (rendered to JSON Schema for function calling). */
  parameters: P;
  /** Fully namespaced permissions (`patients.read`); the caller must hold ALL of them. */
  permissions: readonly string[];
  category: ToolCategory;
  /** The module's GraphQL Mutation fields this tool exposes (checked by the contract test). */
  graphqlMutations?: readonly string[];
  handler(ctx: ToolContext, params: z.output<P>): Promise<unknown>;
}

/** The outcome of one call through the chokepoint. */
export interface ToolCallResult {
  status: CallStatus;
  result: JsonValue | null;
  error: string | null;
  /** A CONTRACT.md code when the failure has one (BAD_USER_INPUT, FORBIDDEN, NOT_FOUND, CONFLICT…). */
  errorCode: ContractCode | null;
  /** Set when status is PENDING_APPROVAL (and on the result of an approval). */
  approvalId: string | null;
  /** The audit row of this outcome (null only for a call that never reached a tool, e.g. an unknown name in an agent run). */
  auditId: string | null;
  executionTimeMs: number;
}

export type SchemaDialect = 'anthropic' | 'openai';

export interface AnthropicToolSchema {
  name: string;
  description: string;
  input_schema: Record<string, JsonValue>;
}
export interface OpenAiToolSchema {
  type: 'function';
  function: { name: string; description: string; parameters: Record<string, JsonValue> };
}

/** One tool call an agent's planner wants to make. `tool` is the qualified or the function-calling name. */
export interface PlannedToolCall {
  tool: string;
  arguments: Record<string, unknown>;
}

export interface AgentStep {
  call: PlannedToolCall;
  result: ToolCallResult;
}

/** What the planner sees before each step. */
export interface PlanningContext {
  agent: { name: string; description: string; mode: AgentMode; allowedTools: readonly string[] };
  /** What the run was asked to do (free JSON from whoever started it). */
  input: JsonValue;
  identity: Identity;
  /** The allowed tools that exist now, with their JSON Schemas. */
  tools: { name: string; description: string; category: ToolCategory; inputSchema: Record<string, JsonValue> }[];
  /** Function-calling schemas of the allowed tools, for an LLM-backed planner. */
  schemas(dialect: SchemaDialect): AnthropicToolSchema[] | OpenAiToolSchema[];
  /** Every call made so far in this run, with its result. */
  history: readonly AgentStep[];
  step: number;
}

/** Either more calls to make, or the end of the run. */
export type AgentPlan = { calls: PlannedToolCall[] } | { done: true; summary: string; data?: unknown };

/** The planning step. Core ships no LLM provider: a planner may be rules, a script, or a model call. */
export type AgentPlanner = (context: PlanningContext) => AgentPlan | Promise<AgentPlan>;

/**
 * An agent a module ships (modules extend BaseAgent, which implements it). Every tool call it makes goes
 * through the chokepoint with the permissions of the user who started the run; `allowedTools` is a hard
 * list (anything else is BLOCKED).
 */
export interface ModuleAgent {
  /** Module-local snake_case name; published as `<module>.<name>`. */
  readonly name: string;
  readonly description: string;
  /** SUPERVISED unless the guardrails and audit are enough for the risk. */
  readonly mode: AgentMode;
  /** Qualified tool names (`patients.search_patients`). */
  readonly allowedTools: readonly string[];
  /** Planning rounds before the run is stopped as unfinished. */
  readonly maxSteps: number;
  /** The agent's own planner; a run may be given another one (an LLM-backed planner, a script in tests). */
  plan(context: PlanningContext): AgentPlan | Promise<AgentPlan>;
}

// ── The module ────────────────────────────────────────────────────────────────────────────────────

/** Everything a module contributes. Only `manifest` is required. */
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
  agents?: readonly ModuleAgent[];
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
  /**
   * Documents this module renders for its records, by kind (`<module>.<record>`, e.g. `billing.invoice`): other
   * modules get them through the core (a job's `document(…)`) without importing this one — notifications
   * attaches the invoice's PDF to its e-mail.
   */
  documents?: Readonly<Record<string, ModuleDocument>>;
  install?(ctx: ModuleHookContext): Promise<void>;
  uninstall?(ctx: ModuleHookContext): Promise<void>;
  postUpgrade?(ctx: ModuleHookContext, fromVersion: string): Promise<void>;
  /** Demo data for a freshly created demo clinic (`serve --demo`). */
  demo?(ctx: DemoContext): Promise<void>;
  /** Called once each time the module becomes active in a process (no database work). */
  onActivate?(): void;
}
