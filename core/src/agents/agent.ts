import { randomUUID } from 'node:crypto';
import type { Knex } from '@mikro-orm/knex';
import { DomainError, forbidden, notFound } from '../errors.ts';
import { hasPermission } from '../auth/rbac.ts';
import { logger } from '../logger.ts';
import type { DiscoveredModule } from '../modules/discovery.ts';
import { toJson } from './json.ts';
import type { AgentService } from './service.ts';
import type {
  AgentMode,
  AgentPlan,
  AgentPlanner,
  AgentStep,
  Identity,
  JsonValue,
  ModuleAgent,
  PlanningContext,
  ToolCallResult,
} from '../modules/contract.ts';
import { pageSizeArgument } from '../limits.ts';

export type { AgentPlan, AgentPlanner, AgentStep, PlannedToolCall, PlanningContext } from '../modules/contract.ts';

/**
 * An agent a module ships. Every tool call it makes goes through the chokepoint with the
 * permissions of the user who started the run; `allowedTools` is a hard list (anything else is BLOCKED).
 */
export abstract class BaseAgent implements ModuleAgent {
  /** Module-local snake_case name; published as `<module>.<name>`. */
  abstract readonly name: string;
  abstract readonly description: string;
  /** SUPERVISED unless the guardrails and audit are enough for the risk. */
  readonly mode: AgentMode = 'SUPERVISED';
  /** Qualified tool names (`patients.search_patients`). */
  abstract readonly allowedTools: readonly string[];
  /** Planning rounds before the run is stopped as unfinished. */
  readonly maxSteps: number = 20;
  /** The agent's own planner; a run may be given another one (an LLM-backed planner, a script in tests). */
  abstract plan(context: PlanningContext): AgentPlan | Promise<AgentPlan>;
}

export interface RegisteredAgent {
  name: string;
  module: string;
  agent: BaseAgent;
}

export interface AgentRunResult {
  sessionId: string;
  agentName: string;
  status: 'COMPLETED' | 'FAILED';
  summary: string | null;
  data: JsonValue | null;
  error: string | null;
  steps: AgentStep[];
}

export interface AgentSessionView {
  id: string;
  agentName: string;
  mode: AgentMode;
  status: 'RUNNING' | 'COMPLETED' | 'FAILED';
  startedById: string;
  input: JsonValue | null;
  summary: string | null;
  error: string | null;
  steps: number;
  actionCount: number;
  startedAt: Date;
  endedAt: Date | null;
}

const LOCAL_NAME = /^[a-z][a-z0-9_]*$/;

/** The agents of the active modules; rebuilt with the tool registry when modules change. */
export class AgentCatalog {
  private readonly agents = new Map<string, RegisteredAgent>();

  register(module: Pick<DiscoveredModule, 'name' | 'definition'>): void {
    for (const agent of module.definition.agents ?? []) {
      const name = `${module.name}.${agent.name}`;
      if (!LOCAL_NAME.test(agent.name)) throw new DomainError('BAD_USER_INPUT', `Agent "${name}": bad name.`);
      if (this.agents.has(name)) throw new DomainError('CONFLICT', `Agent "${name}" is already registered.`);
      this.agents.set(name, { name, module: module.name, agent });
    }
  }

  get(name: string): RegisteredAgent | undefined {
    return this.agents.get(name);
  }

  list(): RegisteredAgent[] {
    return [...this.agents.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}

/** Starts agent runs and records them as sessions (`agent_sessions`). */
export class AgentRunner {
  constructor(
    private readonly knex: Knex,
    private readonly tools: AgentService,
    private readonly catalog: () => AgentCatalog,
  ) {}

  /**
   * Runs an agent for `identity` (who needs `agents.manage`); its calls carry that identity's
   * permissions. `planner` replaces the agent's own; `mode` may only make the run stricter.
   */
  async run(
    identity: Identity,
    name: string,
    options: { input?: unknown; planner?: AgentPlanner; mode?: AgentMode | null } = {},
  ): Promise<AgentRunResult> {
    if (!hasPermission(identity.grants, 'agents.manage')) throw forbidden('agents.manage');
    const registered = this.catalog().get(name);
    if (!registered) throw notFound(`Agent "${name}"`);
    const { agent } = registered;
    const mode: AgentMode = agent.mode === 'SUPERVISED' ? 'SUPERVISED' : (options.mode ?? agent.mode);
    const planner = options.planner ?? ((ctx: PlanningContext) => agent.plan(ctx));
    const input = toJson(options.input ?? null);
    const sessionId = randomUUID();
    await this.knex('agent_sessions').insert({
      id: sessionId,
      clinic_id: identity.clinicId,
      agent_name: name,
      mode,
      status: 'RUNNING',
      started_by: identity.userId,
      input: JSON.stringify(input),
    });
    const steps: AgentStep[] = [];
    const registry = this.tools.registry();
    const available = agent.allowedTools.flatMap((t) => registry.get(t) ?? []);
    const finish = async (
      status: 'COMPLETED' | 'FAILED',
      summary: string | null,
      data: unknown,
      error: string | null,
    ) => {
      await this.knex('agent_sessions')
        .where({ id: sessionId })
        .update({ status, summary, error, steps: steps.length, ended_at: this.knex.fn.now() });
      return { sessionId, agentName: name, status, summary, data: toJson(data ?? null), error, steps };
    };
    try {
      for (let step = 0; step < agent.maxSteps; step++) {
        const plan = await planner({
          agent: { name, description: agent.description, mode, allowedTools: agent.allowedTools },
          input,
          identity,
          tools: available.map((t) => ({
            name: t.name,
            description: t.tool.description,
            category: t.category,
            inputSchema: t.inputSchema,
          })),
          schemas: (dialect) =>
            registry.schemasFor(
              available.map((t) => t.name),
              dialect,
            ),
          history: steps,
          step,
        });
        if ('done' in plan) return await finish('COMPLETED', plan.summary, plan.data, null);
        if (!plan.calls.length) return await finish('COMPLETED', null, null, null);
        for (const call of plan.calls) {
          let result: ToolCallResult;
          try {
            result = await this.tools.call(
              { identity, channel: 'agent', agent: { name, sessionId, allowedTools: agent.allowedTools } },
              call.tool,
              call.arguments,
              mode,
            );
          } catch (e) {
            if (!(e instanceof DomainError)) throw e;
            result = {
              status: 'FAILED',
              result: null,
              error: e.message,
              errorCode: e.code,
              approvalId: null,
              auditId: null,
              executionTimeMs: 0,
            };
          }
          steps.push({ call, result });
        }
      }
      return await finish('FAILED', null, null, `The agent did not finish within ${agent.maxSteps} planning steps.`);
    } catch (e) {
      logger.warn(`agent run ${name} (${sessionId}) failed: ${(e as Error)?.stack ?? String(e)}`);
      return finish('FAILED', null, null, (e as Error)?.message ?? String(e));
    }
  }

  async sessions(identity: Identity, limit: number | null = 50): Promise<AgentSessionView[]> {
    if (!hasPermission(identity.grants, 'agents.view')) throw forbidden('agents.view');
    const rows = await this.knex('agent_sessions')
      .where({ clinic_id: identity.clinicId })
      .orderBy('started_at', 'desc')
      .limit(pageSizeArgument('limit', limit, 50, 500));
    return rows.map((r) => ({
      id: r.id,
      agentName: r.agent_name,
      mode: r.mode,
      status: r.status,
      startedById: r.started_by,
      input: r.input,
      summary: r.summary,
      error: r.error,
      steps: r.steps,
      actionCount: r.action_count,
      startedAt: r.started_at,
      endedAt: r.ended_at,
    }));
  }
}
