import semver from 'semver';
import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { MikroORM } from '@mikro-orm/postgresql';
import { coreMigrations } from '../migrations/index.ts';
import { AuthService } from './auth/service.ts';
import { PermissionRegistry } from './auth/permissions.ts';
import { config, findRootDir } from './config.ts';
import { coreResolvers } from './core-subgraph/resolvers.ts';
import { openDatabase, type Database } from './db/database.ts';
import { SessionListener } from './db/session-listener.ts';
import { createOrm } from './db/orm.ts';
import { bindClinic, ensureTenancy } from './db/tenancy.ts';
import { moduleState, ServerPresence, type OutdatedModule } from './server/presence.ts';
import { CORE_ENTITIES } from './entities/index.ts';
import { buildSubgraph, type SubgraphRuntime } from './graphql/subgraph.ts';
import { describeSubgraph } from '@dentalpin/gateway';
import { logger } from './logger.ts';
import type { DiscoveredModule } from './modules/discovery.ts';
import { ModuleKernel, type OperationOutcome } from './modules/kernel.ts';
import { DomainError } from './errors.ts';
import { ToolRegistry } from './agents/registry.ts';
import { AgentService } from './agents/service.ts';
import { AgentCatalog, AgentRunner } from './agents/agent.ts';
import type { ModuleDefinition, RenderedDocument } from './modules/define.ts';
import { eventCatalog } from './events/catalog.ts';
import { CORE_EVENTS } from './events/core-events.ts';
import { EventRelay, type HandlerRegistration, type RelayOptions } from './events/relay.ts';
import { eventRetentionJob } from './events/retention.ts';
import type { SubscriptionSource } from './events/subscriptions.ts';
import { SupergraphClient, systemIdentity } from './graphql/supergraph-client.ts';
import { SupergraphCompositions } from './graphql/supergraph-compositions.ts';
import { JobRunner, type JobRegistration, type JobRunnerOptions } from './jobs/runner.ts';

export interface PlatformOptions {
  databaseUrl: string;
  /** Where LISTEN and session advisory locks go when `databaseUrl` is a transaction pooler (default: databaseUrl). */
  databaseSessionUrl?: string;
  /** Signs access and refresh tokens (at least 32 characters). */
  secret: string;
  rootDir?: string;
  /** Extra module package folders (tests, DENTALPIN_MODULE_PATHS). */
  moduleDirs?: string[];
  events?: RelayOptions;
  jobs?: JobRunnerOptions;
  /**
   * The active modules whose jobs and event handlers run in this process (default: all). Distributed
   * mode: a `serve --subgraph X` process runs X's alone, a gateway-only process those of every module
   * it does not reach over HTTP. Event fan-out still covers every active module, whichever process runs it.
   */
  runsModule?: (name: string) => boolean;
  /**
   * Apply pending core migrations on open (default). When false they must already be applied
   * (`dentalpin db migrate`); a process on a schema behind its code refuses to start.
   */
  migrate?: boolean;
}

export interface RestartResult {
  processed: OperationOutcome[];
  activeModules: string[];
  compositionErrors: string[];
}

const CHANGE_CHANNEL = 'dentalpin_modules_changed';

/** Refuses to run code on a schema behind it (a process started without --migrate). */
async function requireMigrated(name: string, orm: MikroORM): Promise<void> {
  const pending = await orm.getMigrator().getPendingMigrations();
  if (pending.length)
    throw new DomainError(
      'SERVICE_UNAVAILABLE',
      `The database is behind the code of ${name} (${pending.length} migration(s) pending: ` +
        `${pending.map((p) => p.name).join(', ')}). Run \`dentalpin db migrate\` first, or start this process with --migrate.`,
    );
}

const coreTypeDefs = readFileSync(new URL('./core-subgraph/schema.graphql', import.meta.url), 'utf8');

/**
 * One running DentalPin: the database, the module kernel, auth, and the subgraphs of the active
 * modules. Emits `changed` after the active set changes (the gateway swaps its supergraph then).
 */
export class Platform extends EventEmitter<{
  changed: [];
  /** Modules found upgraded by another process while this one serves their older code (see `noteOutdated`). */
  outdated: [modules: readonly OutdatedModule[]];
}> {
  private active: DiscoveredModule[] = [];
  private permissionRegistry = new PermissionRegistry([]);
  private toolRegistry = new ToolRegistry();
  /** The definition each module's tools and agents were registered from (a changed one re-registers). */
  private registeredDefinitions = new Map<string, ModuleDefinition>();
  private agentCatalog = new AgentCatalog();
  /** The agent-tool chokepoint: calls, approvals, audit, guardrails. */
  readonly agents: AgentService;
  /** Agent runs (sessions). */
  readonly agentRuns: AgentRunner;
  private runtimes = new Map<string, SubgraphRuntime>();
  private coreSubgraph!: SubgraphRuntime;
  private moduleChanges: SessionListener | null = null;
  /** `core_module` as the last reload read it: a reconnected listener compares it to see what it missed. */
  private loadedModuleState: string | null = null;
  /** Reloads asked for by other processes, one at a time. */
  private externalReload: Promise<void> = Promise.resolve();
  private readonly instanceId = randomUUID();
  /** Active modules served with code older than their installed version (upgraded by another process). */
  private outdated: OutdatedModule[] = [];
  private presence: ServerPresence | null = null;
  /** Set by the gateway host: tries the new subgraph set and reports composition errors. */
  swapSupergraph: ((subgraphs: SubgraphRuntime[]) => Promise<string[]>) | null = null;
  /** Every composition of this process goes through here: once per subgraph set across processes. */
  readonly supergraphs: SupergraphCompositions;

  readonly auth: AuthService;
  /** Scheduled jobs of the active modules. */
  readonly jobs: JobRunner;

  private constructor(
    readonly db: Database,
    readonly coreOrm: MikroORM,
    readonly kernel: ModuleKernel,
    secret: string,
    /** Cross-module reads: the gateway host of this process attaches the supergraph to it. */
    readonly supergraph: SupergraphClient,
    readonly events: EventRelay,
    jobOptions: JobRunnerOptions | undefined,
    private readonly runsModule: (name: string) => boolean,
  ) {
    super();
    this.supergraphs = new SupergraphCompositions(db);
    this.jobs = new JobRunner(db.knex, supergraph, jobOptions, (clinicId, kind, id, locale) =>
      this.renderDocument(clinicId, kind, id, locale),
    );
    this.auth = new AuthService(coreOrm, secret, () => this.permissionRegistry);
    this.agents = new AgentService({
      knex: db.knex,
      registry: () => this.toolRegistry,
      orm: (name) => kernel.orm(name),
      identityOf: (userId, clinicId) => this.auth.identityOf(userId, clinicId),
      supergraph,
    });
    this.agentRuns = new AgentRunner(db.knex, this.agents, () => this.agentCatalog);
  }

  /** Puts the core's and every discovered module's event declarations in the catalog. */
  private catalogEvents(): void {
    eventCatalog.register('core', CORE_EVENTS);
    for (const m of this.kernel.modules()) if (m.definition.events) eventCatalog.register(m.name, m.definition.events);
  }

  /**
   * Hands the relay the event handlers, and the job runner the jobs, of the active modules this process
   * runs (only theirs); the relay fans events out to every active module's subscriptions.
   */
  private async registerModuleWork(): Promise<void> {
    const local = this.active.filter((m) => this.runsModule(m.name));
    const registrations: HandlerRegistration[] = [];
    for (const m of local)
      for (const [type, handler] of Object.entries(m.definition.eventHandlers ?? {}))
        registrations.push({ module: m.name, type, handler, orm: await this.kernel.orm(m.name) });
    this.events.setHandlers(
      registrations,
      local.map((m) => m.name),
      this.active.flatMap((m) =>
        Object.keys(m.definition.eventHandlers ?? {}).map((type) => ({ module: m.name, type })),
      ),
    );
    // The core's jobs run in the processes that serve the core (the claim in core_job keeps each to one at a time).
    const jobs: JobRegistration[] = this.runsModule('core')
      ? [{ module: 'core', name: 'event_retention', job: eventRetentionJob(this.db.knex), orm: this.coreOrm }]
      : [];
    for (const m of local)
      for (const [name, job] of Object.entries(m.definition.jobs ?? {}))
        jobs.push({ module: m.name, name, job, orm: await this.kernel.orm(m.name) });
    await this.jobs.setJobs(jobs);
  }

  /** What the gateway's subscription server needs from the platform. */
  subscriptionSource(queueLimit = config().subscriptions.queueLimit): SubscriptionSource {
    return {
      relay: this.events,
      queueLimit,
      activeModules: () => this.active.map((m) => ({ name: m.name, version: m.manifest.version })),
      onModulesChanged: (listener) => {
        this.on('changed', listener);
        return () => void this.off('changed', listener);
      },
      permissions: () => this.permissionRegistry,
      moduleSubscriptions: () =>
        this.active.flatMap((m) =>
          Object.entries(m.definition.subscriptions ?? {}).map(([name, definition]) => ({
            name,
            module: m.name,
            definition,
            em: async () => (await this.kernel.orm(m.name)).em.fork(),
          })),
        ),
    };
  }

  /** Opens the database, applies core migrations and discovers modules (nothing is installed yet). */
  static async open(options: PlatformOptions): Promise<Platform> {
    const db = openDatabase(options.databaseUrl, options.databaseSessionUrl);
    try {
      const coreOrm = await createOrm(db, { name: 'core', entities: CORE_ENTITIES, migrations: coreMigrations });
      if (options.migrate ?? true) {
        const ran = await coreOrm.getMigrator().up();
        await ensureTenancy(db.knex, 'core', ran.length > 0);
      } else await requireMigrated('core', coreOrm);
      const extra = [...(options.moduleDirs ?? []), ...config().modulePaths];
      const kernel = new ModuleKernel(db, options.rootDir ?? findRootDir(), extra);
      const supergraph = new SupergraphClient();
      const platform = new Platform(
        db,
        coreOrm,
        kernel,
        options.secret,
        supergraph,
        new EventRelay(db, supergraph, options.events),
        options.jobs,
        options.runsModule ?? (() => true),
      );
      platform.coreSubgraph = buildSubgraph('core', coreTypeDefs, coreResolvers(platform), coreOrm, supergraph);
      await kernel.discover();
      platform.catalogEvents();
      return platform;
    } catch (e) {
      await db.close();
      throw e;
    }
  }

  /** Reconciles with `core_module`, applies pending operations and activates installed modules. */
  async boot(): Promise<OperationOutcome[]> {
    await this.kernel.reconcile();
    const processed = await this.kernel.runPending();
    await this.activate();
    return processed;
  }

  /** Activates the installed modules and starts the relay and the jobs. */
  private async activate(): Promise<void> {
    await this.reload();
    await this.events.start();
    this.jobs.start();
  }

  /**
   * A `serve --subgraph <name>` process: module operations stay with the gateway and the CLI; this
   * module's pending migrations are applied when `migrate` is set, else they must have been applied.
   */
  async bootSubgraph(name: string, migrate: boolean): Promise<void> {
    if (name !== 'core') {
      if (!(await this.kernel.activeModules()).some((m) => m.name === name))
        throw new DomainError(
          'NOT_FOUND',
          `Module "${name}" is not installed and active in this database; install it first ` +
            `(dentalpin modules install ${name} && dentalpin modules restart).`,
        );
      const orm = await this.kernel.orm(name);
      if (migrate) {
        const ran = await orm.getMigrator().up();
        await ensureTenancy(this.db.knex, name, ran.length > 0);
      } else await requireMigrated(name, orm);
    }
    await this.activate();
  }

  activeModules(): readonly DiscoveredModule[] {
    return this.active;
  }

  /**
   * A document of kind `kind` (declared in a module's `documents`), rendered by the active module that owns it
   * as that module's system identity for `clinicId`: its statements see that clinic's rows only. Null when no
   * active module renders the kind.
   */
  async renderDocument(clinicId: string, kind: string, id: string, locale?: string): Promise<RenderedDocument | null> {
    const owner = this.active.find((m) => m.definition.documents?.[kind]);
    if (!owner) return null;
    const orm = await this.kernel.orm(owner.name);
    return bindClinic(clinicId, () =>
      owner.definition.documents![kind].render(
        {
          em: orm.em.fork(),
          identity: systemIdentity(clinicId, owner.name),
          query: this.supergraph.forClinic(clinicId, owner.name),
        },
        id,
        locale,
      ),
    );
  }

  permissions(): PermissionRegistry {
    return this.permissionRegistry;
  }

  /** Agent tools of the active modules. */
  tools(): ToolRegistry {
    return this.toolRegistry;
  }

  agentsCatalog(): AgentCatalog {
    return this.agentCatalog;
  }

  /**
   * Tools and agents follow the active set: a module that went dark (disabled, uninstalled, not
   * composing) loses its tools; a newly active one registers them. A module whose tools are invalid
   * (duplicate, bad name) keeps running without tools, and the reason is logged.
   */
  private syncAgentRegistries(active: readonly DiscoveredModule[]): void {
    for (const name of this.toolRegistry.modules())
      if (!active.some((m) => m.name === name && m.definition === this.registeredDefinitions.get(name))) {
        this.toolRegistry.unregisterModule(name);
        this.registeredDefinitions.delete(name);
      }
    const known = new Set(this.permissionRegistry.all);
    for (const m of active) {
      if (this.registeredDefinitions.has(m.name)) continue;
      try {
        this.toolRegistry.registerModule(m, known);
        this.registeredDefinitions.set(m.name, m.definition);
      } catch (e) {
        logger.error(`module ${m.name}: its agent tools were not registered: ${(e as Error).message}`);
      }
    }
    const catalog = new AgentCatalog();
    for (const m of active)
      try {
        catalog.register(m);
      } catch (e) {
        logger.error(`module ${m.name}: its agents were not registered: ${(e as Error).message}`);
      }
    this.agentCatalog = catalog;
  }

  /** The core subgraph and one per active module that has a schema. */
  subgraphs(): SubgraphRuntime[] {
    return this.subgraphsOf(this.active);
  }

  private subgraphsOf(modules: readonly DiscoveredModule[]): SubgraphRuntime[] {
    return [this.coreSubgraph, ...modules.flatMap((m) => this.runtimes.get(m.name) ?? [])];
  }

  /** Subgraphs of every discovered module, active or not (for composing the full schema, e.g. codegen). */
  async allSubgraphs(): Promise<SubgraphRuntime[]> {
    const all: SubgraphRuntime[] = [this.coreSubgraph];
    for (const m of this.kernel.modules()) {
      const runtime = await this.runtimeOf(m);
      if (runtime) all.push(runtime);
    }
    return all;
  }

  private async runtimeOf(m: DiscoveredModule): Promise<SubgraphRuntime | undefined> {
    if (!m.definition.typeDefs) return undefined;
    let runtime = this.runtimes.get(m.name);
    if (!runtime) {
      runtime = buildSubgraph(
        m.name,
        m.definition.typeDefs,
        m.definition.resolvers ?? {},
        await this.kernel.orm(m.name),
        this.supergraph,
      );
      this.runtimes.set(m.name, runtime);
    }
    return runtime;
  }

  /**
   * Keeps the modules whose subgraphs compose with the core and each other, in dependency order;
   * a module that breaks composition (and anything depending on it) stays dark, with the reason recorded.
   */
  private async composable(
    candidates: DiscoveredModule[],
  ): Promise<{ accepted: DiscoveredModule[]; errors: string[] }> {
    const compose = (ms: DiscoveredModule[]) => this.supergraphs.compose(this.subgraphsOf(ms).map(describeSubgraph));
    if ((await compose(candidates)).ok) return { accepted: candidates, errors: [] };
    const accepted: DiscoveredModule[] = [];
    const errors: string[] = [];
    for (const m of candidates) {
      const missing = m.manifest.depends.find((d) => !accepted.some((a) => a.name === d));
      const result = missing ? null : await compose([...accepted, m]);
      if (result?.ok) {
        accepted.push(m);
        continue;
      }
      const reason = missing
        ? `not activated: its dependency "${missing}" is not active`
        : `its subgraph does not compose with the active modules: ${result && !result.ok ? result.errors.join('; ') : ''}`;
      errors.push(`${m.name}: ${reason}`);
      await this.kernel.store.markError(m.name, reason);
    }
    return { accepted, errors };
  }

  /** Re-reads module states and activates what is installed and composes; returns composition errors. */
  async reload(): Promise<string[]> {
    // Read before the modules are: a change committed meanwhile makes the next comparison differ.
    const state = await moduleState(this.db.knex);
    await this.kernel.discover();
    this.catalogEvents();
    const installed = await this.kernel.activeModules(new Set(this.active.map((m) => m.name)));
    for (const m of installed) await this.runtimeOf(m);
    // The whole installed set is composed once; module by module only when that fails.
    let next = installed;
    let errors: string[] = [];
    let swapErrors = await this.trySupergraph(installed);
    if (swapErrors.length) {
      ({ accepted: next, errors } = await this.composable(installed));
      if (errors.length) logger.error(`modules left inactive:\n${errors.join('\n')}`);
      if (next.length < installed.length) swapErrors = await this.trySupergraph(next);
    }
    if (swapErrors.length) {
      logger.error(`the gateway refused the new supergraph; the previous one keeps serving:\n${swapErrors.join('\n')}`);
      return [...errors, ...swapErrors];
    }
    const before = new Set(this.active.map((m) => m.name));
    this.loadedModuleState = state;
    this.active = next;
    await this.noteOutdated(next);
    this.permissionRegistry = new PermissionRegistry(next);
    this.syncAgentRegistries(next);
    for (const m of next) if (!before.has(m.name)) m.definition.onActivate?.();
    await this.registerModuleWork();
    this.emit('changed');
    await this.presence?.beat();
    return errors;
  }

  /**
   * A module upgraded by another process keeps being served here with the code this process loaded (an ES
   * module cannot be loaded twice); that is said loudly — log, `/health/ready`, the doctor through
   * `core_server` — until the process restarts with the new code. A worker of `serve --workers` passes it on
   * (`outdated` event) to its primary, which replaces the workers one at a time.
   */
  private async noteOutdated(active: readonly DiscoveredModule[]): Promise<void> {
    const installed = new Map((await this.kernel.store.all()).map((r) => [r.name, r.version]));
    const outdated = active.flatMap((m) => {
      const version = installed.get(m.name);
      return version && semver.lt(m.manifest.version, version)
        ? [{ module: m.name, loaded: m.manifest.version, installed: version }]
        : [];
    });
    const fresh = outdated.filter(
      (o) => !this.outdated.some((p) => p.module === o.module && p.installed === o.installed),
    );
    for (const o of fresh)
      logger.error(
        `module ${o.module}: installed version is ${o.installed} but this server runs its code ${o.loaded}; ` +
          'it keeps serving that code until it restarts (a `serve --workers` cluster replaces its workers itself).',
      );
    this.outdated = outdated;
    if (fresh.length) this.emit('outdated', outdated);
  }

  /** Active modules this process serves with older code than installed (see `noteOutdated`). */
  outdatedModules(): readonly OutdatedModule[] {
    return this.outdated;
  }

  /**
   * What `/health/ready` adds to its answer on every kind of server: the modules served with outdated code, if
   * any (still ready, since it serves them; a restart loads the new code).
   */
  readinessDetail(): { outdatedModules?: readonly OutdatedModule[] } {
    return this.outdated.length ? { outdatedModules: this.outdated } : {};
  }

  /** Swaps the gateway to the supergraph of `modules` or, without a gateway here, checks that it composes. */
  private async trySupergraph(modules: readonly DiscoveredModule[]): Promise<string[]> {
    const subgraphs = this.subgraphsOf(modules);
    if (this.swapSupergraph) return this.swapSupergraph(subgraphs);
    const result = await this.supergraphs.compose(subgraphs.map(describeSubgraph));
    return result.ok ? [] : result.errors;
  }

  /** Applies pending operations, reloads, and tells other processes to reload too. */
  async restart(): Promise<RestartResult> {
    const processed = await this.kernel.runPending();
    // Told now, the other processes reload alongside this one: the first of them all to reach the new
    // subgraph set composes it, and the others wait for that composition and load it.
    await this.db.knex.raw(`select pg_notify(?, ?)`, [CHANGE_CHANNEL, this.instanceId]);
    const compositionErrors = await this.reload();
    return { processed, activeModules: this.active.map((m) => m.name), compositionErrors };
  }

  /** Reloads after another process's change, one reload at a time; `onlyIfChanged` compares `core_module` first. */
  private reloadForChange(onlyIfChanged: boolean): Promise<void> {
    this.externalReload = this.externalReload.then(async () => {
      if (onlyIfChanged && (await moduleState(this.db.knex)) === this.loadedModuleState) return;
      await this.reload();
    });
    this.externalReload = this.externalReload.catch((e) =>
      logger.error(`module reload after a change elsewhere failed: ${(e as Error).message}`),
    );
    return this.externalReload;
  }

  /**
   * Reload when another process (the CLI, another server) changes the modules. The listener reconnects
   * after losing its connection and then reloads if `core_module` changed meanwhile (the NOTIFY was lost).
   */
  async watchModuleChanges(): Promise<void> {
    this.moduleChanges ??= new SessionListener({
      url: this.db.sessionUrl,
      name: 'module changes',
      channels: [CHANGE_CHANNEL],
      onNotification: (msg) => {
        if (msg.payload !== this.instanceId) void this.reloadForChange(false);
      },
      resync: () => this.reloadForChange(true),
    });
    await this.moduleChanges.start();
    this.presence ??= new ServerPresence(this.db.knex, this.instanceId, () => ({
      moduleState: this.loadedModuleState,
      outdatedModules: this.outdated,
    }));
    await this.presence.start();
  }

  static async notifyModuleChange(db: Database): Promise<void> {
    await db.knex.raw(`select pg_notify(?, ?)`, [CHANGE_CHANNEL, 'cli']);
  }

  /** Stops the job runner and the event relay after their current unit, and the module-change listener. */
  async stopBackgroundWork(): Promise<void> {
    await Promise.all([this.jobs.stop(), this.events.stop(), this.moduleChanges?.close(), this.presence?.stop()]);
    this.moduleChanges = null;
    this.presence = null;
    await this.externalReload;
  }

  async close(): Promise<void> {
    await this.stopBackgroundWork();
    await this.kernel.close();
    await this.db.close();
  }
}
