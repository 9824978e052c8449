import { AuthState } from '../graphql/context.ts';
import type { SupergraphClient } from '../graphql/supergraph-client.ts';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import type { Knex } from '@mikro-orm/knex';
import type { MikroORM } from '@mikro-orm/postgresql';
import { DriverException, UniqueConstraintViolationException } from '@mikro-orm/core';
import { DomainError, forbidden, notFound, type ContractCode } from '../errors.ts';
import { hasPermission } from '../auth/rbac.ts';
import type { Identity } from '../graphql/context.ts';
import { logger, type Logger } from '../logger.ts';
import { parseInput } from '../validation.ts';
import {
  approvalReason,
  guardrailConfigSchema,
  loadGuardrails,
  matchesAny,
  saveGuardrails,
  takeRateToken,
  takeSessionAction,
  type GuardrailConfig,
} from './guardrails.ts';
import { toJson } from './json.ts';
import { bindClinic } from '../db/tenancy.ts';
import { pageSizeSchema } from '../limits.ts';
import type { RegisteredTool, ToolRegistry } from './registry.ts';
import {
  AGENT_MODES,
  type AgentMode,
  type CallChannel,
  type CallStatus,
  type JsonValue,
  type ToolCallResult,
} from './tool.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Who calls, through what, and (for agent runs) which agent with which hard tool list. */
export interface CallContext {
  identity: Identity;
  channel?: CallChannel;
  agent?: { name: string; sessionId: string; allowedTools: readonly string[] } | null;
}

export type ApprovalStatus = 'PENDING' | 'APPROVED' | 'REJECTED';

export interface ApprovalView {
  id: string;
  toolName: string;
  arguments: JsonValue;
  mode: AgentMode;
  reason: string;
  status: ApprovalStatus;
  requestedById: string;
  agentName: string | null;
  sessionId: string | null;
  reviewedById: string | null;
  reviewedAt: Date | null;
  reviewNotes: string | null;
  executionStatus: CallStatus | null;
  executionResult: JsonValue | null;
  executionError: string | null;
  executedAt: Date | null;
  createdAt: Date;
}

export interface AuditEntry {
  id: string;
  toolName: string;
  status: CallStatus;
  category: string | null;
  mode: AgentMode;
  channel: CallChannel;
  arguments: JsonValue;
  result: JsonValue | null;
  error: string | null;
  errorCode: string | null;
  executionTimeMs: number;
  userId: string;
  agentName: string | null;
  sessionId: string | null;
  approvalId: string | null;
  approvedById: string | null;
  createdAt: Date;
}

interface Outcome {
  status: CallStatus;
  result: JsonValue | null;
  error: string | null;
  errorCode: ContractCode | null;
}

export interface AgentServiceDeps {
  knex: Knex;
  registry(): ToolRegistry;
  /** The ORM of a module (its own EntityManager runs the module's handlers). */
  orm(moduleName: string): Promise<MikroORM>;
  /** The current identity of a user in a clinic (null when inactive or no longer a member). */
  identityOf(userId: string, clinicId: string): Promise<Identity | null>;
  /** Cross-module reads as the caller of a tool. */
  supergraph: SupergraphClient;
}

const approvalDecision = z.object({
  id: z.string().regex(UUID, 'is not a valid approval id'),
  notes: z.string().trim().max(1000, 'is longer than 1000 characters').nullish(),
});
const auditQuery = z.object({
  limit: pageSizeSchema(100, 500),
  toolName: z.string().trim().max(200).nullish(),
});

const failure = (status: CallStatus, error: string, errorCode: ContractCode | null): Outcome => ({
  status,
  result: null,
  error,
  errorCode,
});

/** What a handler's exception becomes: contract errors keep their code, anything else is logged. */
function outcomeOfError(e: unknown, toolName: string): Outcome {
  if (e instanceof DomainError) return failure('FAILED', e.message, e.code);
  if (e instanceof UniqueConstraintViolationException)
    return failure('FAILED', 'A record with these values already exists.', 'CONFLICT');
  if (e instanceof DriverException && (e as { code?: string }).code === '22P02')
    return failure('FAILED', 'A value has the wrong format (for example an id that is not a UUID).', 'BAD_USER_INPUT');
  logger.error(`agent tool ${toolName} failed: ${(e as Error)?.stack ?? String(e)}`);
  return failure('FAILED', `The tool failed unexpectedly: ${(e as Error)?.message ?? String(e)}`, null);
}

/** The logger a handler gets: every line carries the tool, clinic, user and agent run. */
function toolLogger(tool: string, identity: Identity, agent: { name: string; sessionId: string } | null): Logger {
  const base = {
    tool,
    clinicId: identity.clinicId,
    userId: identity.userId,
    ...(agent ? { agent: agent.name, sessionId: agent.sessionId } : {}),
  };
  return {
    debug: (m, f) => logger.debug(m, { ...base, ...f }),
    info: (m, f) => logger.info(m, { ...base, ...f }),
    warn: (m, f) => logger.warn(m, { ...base, ...f }),
    error: (m, f) => logger.error(m, { ...base, ...f }),
  };
}

const truncate = (s: string | null, max: number) => (s && s.length > max ? `${s.slice(0, max - 1)}…` : s);

/**
 * The one chokepoint every agent tool call goes through (GraphQL, MCP, agent runs, approvals):
 * allowed-tools list → rate limits → blocked list → RBAC → parameter validation → approval rules →
 * handler in the caller's clinic, inside the module's transaction → JSON result; one audit row per outcome.
 */
export class AgentService {
  constructor(private readonly deps: AgentServiceDeps) {}

  private get knex() {
    return this.deps.knex;
  }

  registry(): ToolRegistry {
    return this.deps.registry();
  }

  /** Tools the caller holds every permission of. */
  toolsFor(identity: Identity): RegisteredTool[] {
    return this.registry()
      .list()
      .filter((t) => t.tool.permissions.every((p) => hasPermission(identity.grants, p)));
  }

  async call(
    ctx: CallContext,
    name: string,
    args: unknown,
    requestedMode: AgentMode | null = 'AUTONOMOUS',
  ): Promise<ToolCallResult> {
    const entry = this.registry().resolve(name);
    if (!entry) throw notFound(`Agent tool "${name}"`);
    const mode = requestedMode ?? 'AUTONOMOUS';
    if (!(AGENT_MODES as readonly string[]).includes(mode))
      throw new DomainError('BAD_USER_INPUT', `mode must be one of ${AGENT_MODES.join(', ')}.`);
    const { identity } = ctx;
    const channel = ctx.channel ?? 'internal';
    const agent = ctx.agent ?? null;
    const started = performance.now();
    const record = (outcome: Outcome, extra: { approvalId?: string } = {}) =>
      this.finish(this.knex, {
        identity,
        entry,
        args,
        mode,
        channel,
        agent,
        outcome,
        started,
        approvalId: extra.approvalId ?? null,
      });

    if (agent && !agent.allowedTools.includes(entry.name))
      return record(
        failure(
          'BLOCKED',
          `The agent "${agent.name}" may not use ${entry.name}: it is not in the agent's allowed tools.`,
          'FORBIDDEN',
        ),
      );
    const config = await loadGuardrails(this.knex, identity.clinicId);
    // Every attempt counts (also forbidden or invalid ones): a looping model is slowed down either way.
    if (!(await takeRateToken(this.knex, `${identity.clinicId}:${identity.userId}`, config.maxActionsPerMinute)))
      return record(
        failure(
          'BLOCKED',
          `Rate limit: at most ${config.maxActionsPerMinute} agent tool calls per minute per user; wait and retry.`,
          'RATE_LIMITED',
        ),
      );
    if (agent && !(await takeSessionAction(this.knex, agent.sessionId, config.maxActionsPerSession)))
      return record(
        failure(
          'BLOCKED',
          `This agent run reached its limit of ${config.maxActionsPerSession} tool calls.`,
          'RATE_LIMITED',
        ),
      );
    const blockedBy = matchesAny(entry.name, config.blockedTools);
    if (blockedBy)
      return record(
        failure('BLOCKED', `${entry.name} is blocked by the clinic's guardrails ("${blockedBy}").`, 'FORBIDDEN'),
      );
    const missing = entry.tool.permissions.find((p) => !hasPermission(identity.grants, p));
    if (missing) return record(failure('BLOCKED', forbidden(missing).message, 'FORBIDDEN'));
    const parsed = this.validate(entry, args);
    if ('status' in parsed) return record(parsed);
    const reason = approvalReason(entry.name, entry.category, mode, config);
    if (reason) {
      const approvalId = randomUUID();
      return this.knex.transaction(async (trx) => {
        await trx('agent_approvals').insert({
          id: approvalId,
          clinic_id: identity.clinicId,
          tool_name: entry.name,
          arguments: JSON.stringify(toJson(args)),
          mode,
          reason,
          requested_by: identity.userId,
          agent_name: agent?.name ?? null,
          session_id: agent?.sessionId ?? null,
        });
        return this.finish(trx, {
          identity,
          entry,
          args,
          mode,
          channel,
          agent,
          started,
          approvalId,
          outcome: {
            status: 'PENDING_APPROVAL',
            result: { approvalId, reason },
            error: `Waiting for a human approval (request ${approvalId}): ${reason}`,
            errorCode: null,
          },
        });
      });
    }
    return this.execute(entry, identity, parsed.params, { mode, channel, agent, args, started });
  }

  private validate(entry: RegisteredTool, args: unknown): { params: unknown } | Outcome {
    const result = entry.tool.parameters.safeParse(args ?? {});
    if (result.success) return { params: result.data };
    const fields = result.error.issues.map((i) => `${i.path.join('.') || 'arguments'} ${i.message}`);
    return failure('FAILED', `Invalid arguments for ${entry.name}: ${fields.join('; ')}`, 'BAD_USER_INPUT');
  }

  /**
   * Runs the handler in the module's own EntityManager, in one transaction with its audit row
   * (and, for an approval, with the claim of the request: `claim` runs first and may throw).
   * A failing handler is rolled back to a savepoint so the failure itself is still recorded.
   */
  private async execute(
    entry: RegisteredTool,
    identity: Identity,
    params: unknown,
    opts: {
      mode: AgentMode;
      channel: CallChannel;
      agent: { name: string; sessionId: string } | null;
      args: unknown;
      started: number;
      approval?: {
        id: string;
        reviewerId: string;
        /** Claims the request; returns who runs it with which parameters, or the outcome that stops the run. */
        claim(trx: Knex.Transaction): Promise<{ params: unknown; identity: Identity } | Outcome>;
      };
    },
  ): Promise<ToolCallResult> {
    const orm = await this.deps.orm(entry.module);
    // The tool serves the caller's clinic: its transaction (audit row included) sees only that clinic's rows.
    return bindClinic(identity.clinicId, () =>
      orm.em.fork().transactional(async (em) => {
        const trx = em.getTransactionContext<Knex.Transaction>()!;
        const claimed = opts.approval ? await opts.approval.claim(trx) : { params, identity };
        let outcome: Outcome;
        if ('status' in claimed) outcome = claimed;
        else {
          await trx.raw('savepoint dentalpin_tool_call');
          try {
            const value = await entry.tool.handler(
              {
                em,
                identity: claimed.identity,
                clinicId: claimed.identity.clinicId,
                logger: toolLogger(entry.name, identity, opts.agent),
                agent: opts.agent ? { name: opts.agent.name, sessionId: opts.agent.sessionId } : null,
                query: this.deps.supergraph.forAuth(new AuthState(claimed.identity)),
              },
              claimed.params as never,
            );
            await em.flush();
            outcome = { status: 'SUCCESS', result: toJson(value), error: null, errorCode: null };
            await trx.raw('release savepoint dentalpin_tool_call');
          } catch (e) {
            await trx.raw('rollback to savepoint dentalpin_tool_call');
            em.clear();
            outcome = outcomeOfError(e, entry.name);
          }
        }
        const result = await this.finish(trx, {
          identity,
          entry,
          args: opts.args,
          mode: opts.mode,
          channel: opts.channel,
          agent: opts.agent,
          outcome,
          started: opts.started,
          approvalId: opts.approval?.id ?? null,
          approvedBy: opts.approval?.reviewerId ?? null,
        });
        if (opts.approval)
          await trx('agent_approvals')
            .where({ id: opts.approval.id })
            .update({
              execution_status: outcome.status,
              execution_result: outcome.result === null ? null : JSON.stringify(outcome.result),
              execution_error: outcome.error,
              executed_at: trx.fn.now(),
              updated_at: trx.fn.now(),
            });
        return result;
      }),
    );
  }

  /** Writes the audit row of an outcome and shapes the result. */
  private async finish(
    knex: Knex,
    row: {
      identity: Identity;
      entry: RegisteredTool;
      args: unknown;
      mode: AgentMode;
      channel: CallChannel;
      agent: { name: string; sessionId: string } | null;
      outcome: Outcome;
      started: number;
      approvalId: string | null;
      approvedBy?: string | null;
    },
  ): Promise<ToolCallResult> {
    const auditId = randomUUID();
    const executionTimeMs = Math.round(performance.now() - row.started);
    await knex('agent_audit_log').insert({
      id: auditId,
      clinic_id: row.identity.clinicId,
      user_id: row.identity.userId,
      tool_name: row.entry.name,
      category: row.entry.category,
      mode: row.mode,
      channel: row.channel,
      status: row.outcome.status,
      arguments: JSON.stringify(toJson(row.args ?? {})),
      result: row.outcome.result === null ? null : JSON.stringify(row.outcome.result),
      error: truncate(row.outcome.error, 2000),
      error_code: row.outcome.errorCode,
      execution_time_ms: executionTimeMs,
      agent_name: row.agent?.name ?? null,
      session_id: row.agent?.sessionId ?? null,
      approval_id: row.approvalId,
      approved_by: row.approvedBy ?? null,
    });
    return { ...row.outcome, approvalId: row.approvalId, auditId, executionTimeMs };
  }

  private async approvalRow(clinicId: string, id: string) {
    const row = await this.knex('agent_approvals').where({ id, clinic_id: clinicId }).first();
    if (!row) throw notFound('Approval request', id);
    return row;
  }

  /** Four eyes: whoever made a request never decides it, whatever their permissions. */
  private static refuseSelfReview(reviewer: Identity, requestedBy: string): void {
    if (reviewer.userId === requestedBy)
      throw new DomainError(
        'FORBIDDEN',
        'You made this request, so another supervisor of this clinic has to approve or reject it.',
      );
  }

  private static alreadyDecided(status: string) {
    return new DomainError('CONFLICT', `This request was already ${String(status).toLowerCase()}; it is decided once.`);
  }

  /**
   * Approves a pending request of the reviewer's clinic and runs it, once: the claim is a
   * conditional UPDATE in the same transaction as the handler, so a concurrent approval waits for
   * the row and then finds it no longer PENDING. The requester's permissions are checked as they
   * are now, not as they were when the request was made.
   */
  async approve(reviewer: Identity, rawId: string, rawNotes?: string | null): Promise<ToolCallResult> {
    if (!hasPermission(reviewer.grants, 'agents.supervise')) throw forbidden('agents.supervise');
    const { id, notes } = parseInput(approvalDecision, { id: rawId, notes: rawNotes });
    const row = await this.approvalRow(reviewer.clinicId, id);
    AgentService.refuseSelfReview(reviewer, row.requested_by);
    if (row.status !== 'PENDING') throw AgentService.alreadyDecided(row.status);
    const entry = this.registry().get(row.tool_name);
    if (!entry)
      throw new DomainError(
        'NOT_FOUND',
        `The tool ${row.tool_name} is not available now (its module is not active); the request stays pending.`,
      );
    const agent = row.session_id ? { name: row.agent_name as string, sessionId: row.session_id as string } : null;
    const claim = async (trx: Knex.Transaction): Promise<{ params: unknown; identity: Identity } | Outcome> => {
      const claimed = await trx('agent_approvals')
        .where({ id, clinic_id: reviewer.clinicId, status: 'PENDING' })
        .update({
          status: 'APPROVED',
          reviewed_by: reviewer.userId,
          reviewed_at: trx.fn.now(),
          review_notes: notes ?? null,
          updated_at: trx.fn.now(),
        })
        .returning('status');
      if (!claimed.length) {
        const now = await trx('agent_approvals').where({ id }).first('status');
        throw AgentService.alreadyDecided(now?.status ?? 'decided');
      }
      // Loaded once the request is ours: the requester's role and membership as they are now.
      const requester = await this.deps.identityOf(row.requested_by, row.clinic_id);
      if (!requester)
        return failure(
          'BLOCKED',
          'The user who made this request is no longer an active member of this clinic.',
          'FORBIDDEN',
        );
      const missing = entry.tool.permissions.find((p) => !hasPermission(requester.grants, p));
      if (missing) return failure('BLOCKED', `The requester no longer may: ${forbidden(missing).message}`, 'FORBIDDEN');
      // A tool the clinic blocked after the request was made stays blocked.
      const blockedBy = matchesAny(entry.name, (await loadGuardrails(trx, row.clinic_id)).blockedTools);
      if (blockedBy)
        return failure('BLOCKED', `${entry.name} is blocked by the clinic's guardrails ("${blockedBy}").`, 'FORBIDDEN');
      const parsed = this.validate(entry, row.arguments);
      return 'status' in parsed ? parsed : { params: parsed.params, identity: requester };
    };
    // The audit row is the requester's, in this clinic (the handler itself runs with `claim`'s identity).
    const auditIdentity: Identity = { ...reviewer, userId: row.requested_by };
    const executor = {
      mode: row.mode as AgentMode,
      channel: 'approval' as const,
      agent,
      args: row.arguments,
      started: performance.now(),
      approval: { id, reviewerId: reviewer.userId, claim },
    };
    return this.execute(entry, auditIdentity, null, executor);
  }

  async reject(reviewer: Identity, rawId: string, rawNotes?: string | null): Promise<ApprovalView> {
    if (!hasPermission(reviewer.grants, 'agents.supervise')) throw forbidden('agents.supervise');
    const { id, notes } = parseInput(approvalDecision, { id: rawId, notes: rawNotes });
    const row = await this.approvalRow(reviewer.clinicId, id);
    AgentService.refuseSelfReview(reviewer, row.requested_by);
    return this.knex.transaction(async (trx) => {
      const [updated] = await trx('agent_approvals')
        .where({ id, clinic_id: reviewer.clinicId, status: 'PENDING' })
        .update({
          status: 'REJECTED',
          reviewed_by: reviewer.userId,
          reviewed_at: trx.fn.now(),
          review_notes: notes ?? null,
          updated_at: trx.fn.now(),
        })
        .returning('*');
      if (!updated) throw AgentService.alreadyDecided((await trx('agent_approvals').where({ id }).first()).status);
      await trx('agent_audit_log').insert({
        id: randomUUID(),
        clinic_id: row.clinic_id,
        user_id: row.requested_by,
        tool_name: row.tool_name,
        category: this.registry().get(row.tool_name)?.category ?? null,
        mode: row.mode,
        channel: 'approval',
        status: 'BLOCKED',
        arguments: JSON.stringify(row.arguments),
        error: truncate(`Rejected by a supervisor${notes ? `: ${notes}` : '.'}`, 2000),
        error_code: 'FORBIDDEN',
        execution_time_ms: 0,
        agent_name: row.agent_name,
        session_id: row.session_id,
        approval_id: id,
        approved_by: null,
      });
      return approvalView(updated);
    });
  }

  /** Supervisors see the clinic's requests; anyone else sees the requests they made. */
  async approvals(identity: Identity, status: ApprovalStatus | null = 'PENDING'): Promise<ApprovalView[]> {
    const q = this.knex('agent_approvals').where({ clinic_id: identity.clinicId });
    if (status) q.andWhere({ status });
    if (!hasPermission(identity.grants, 'agents.supervise')) q.andWhere({ requested_by: identity.userId });
    return (await q.orderBy('created_at', 'desc').limit(500)).map(approvalView);
  }

  async approval(identity: Identity, id: string): Promise<ApprovalView> {
    if (!UUID.test(id)) throw new DomainError('BAD_USER_INPUT', `"${id}" is not a valid approval id.`);
    const row = await this.approvalRow(identity.clinicId, id);
    if (!hasPermission(identity.grants, 'agents.supervise') && row.requested_by !== identity.userId)
      throw notFound('Approval request', id);
    return approvalView(row);
  }

  async audit(identity: Identity, raw: { limit?: number | null; toolName?: string | null }): Promise<AuditEntry[]> {
    if (!hasPermission(identity.grants, 'agents.view')) throw forbidden('agents.view');
    const input = parseInput(auditQuery, { limit: raw.limit ?? undefined, toolName: raw.toolName });
    const q = this.knex('agent_audit_log').where({ clinic_id: identity.clinicId });
    if (input.toolName) q.andWhere({ tool_name: input.toolName });
    const rows = await q.orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id' }]).limit(input.limit);
    return rows.map((r) => ({
      id: r.id,
      toolName: r.tool_name,
      status: r.status,
      category: r.category,
      mode: r.mode,
      channel: r.channel,
      arguments: r.arguments,
      result: r.result,
      error: r.error,
      errorCode: r.error_code,
      executionTimeMs: r.execution_time_ms,
      userId: r.user_id,
      agentName: r.agent_name,
      sessionId: r.session_id,
      approvalId: r.approval_id,
      approvedById: r.approved_by,
      createdAt: r.created_at,
    }));
  }

  async guardrails(identity: Identity): Promise<GuardrailConfig> {
    if (!hasPermission(identity.grants, 'agents.view')) throw forbidden('agents.view');
    return loadGuardrails(this.knex, identity.clinicId);
  }

  async configureGuardrails(identity: Identity, raw: unknown): Promise<GuardrailConfig> {
    if (!hasPermission(identity.grants, 'agents.configure')) throw forbidden('agents.configure');
    const current = await loadGuardrails(this.knex, identity.clinicId);
    const config = parseInput(guardrailConfigSchema, { ...current, ...stripNulls(raw) });
    await saveGuardrails(this.knex, identity.clinicId, identity.userId, config);
    return config;
  }
}

const stripNulls = (raw: unknown) =>
  Object.fromEntries(Object.entries((raw ?? {}) as Record<string, unknown>).filter(([, v]) => v !== null));

function approvalView(r: Record<string, any>): ApprovalView {
  return {
    id: r.id,
    toolName: r.tool_name,
    arguments: r.arguments,
    mode: r.mode,
    reason: r.reason,
    status: r.status,
    requestedById: r.requested_by,
    agentName: r.agent_name,
    sessionId: r.session_id,
    reviewedById: r.reviewed_by,
    reviewedAt: r.reviewed_at,
    reviewNotes: r.review_notes,
    executionStatus: r.execution_status,
    executionResult: r.execution_result,
    executionError: r.execution_error,
    executedAt: r.executed_at,
    createdAt: r.created_at,
  };
}
