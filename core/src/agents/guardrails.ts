import { z } from 'zod';
import type { Knex } from '@mikro-orm/knex';
import { permissionMatches } from '../auth/rbac.ts';
import type { AgentMode, ToolCategory } from './tool.ts';

/**
 * Tool-name patterns use the RBAC grammar (`*`, `prefix.*`, exact). A `*` anywhere else would
 * silently never match (the original's `"*.delete"`), so it is refused.
 */
const toolPattern = z
  .string()
  .trim()
  .min(1, 'is empty')
  .max(200)
  .refine(
    (p) => p === '*' || !p.slice(0, p.endsWith('.*') ? -2 : undefined).includes('*'),
    'may use "*" only alone or as a trailing ".*" (e.g. "billing.*")',
  );

export const guardrailConfigSchema = z.object({
  /** Tool calls (executed or queued) per user per clinic in any 60 seconds; 0 disables the limit. */
  maxActionsPerMinute: z.number().int().min(0).max(10_000).default(30),
  /** Tool calls one agent run may make in total; 0 disables the limit. */
  maxActionsPerSession: z.number().int().min(0).max(100_000).default(100),
  /** Tools nobody in the clinic may call through the agent layer. */
  blockedTools: z.array(toolPattern).max(200).default([]),
  /** Tools that always wait for a human's approval (DESTRUCTIVE tools always do, whatever this says). */
  requireApprovalFor: z.array(toolPattern).max(200).default([]),
});
export type GuardrailConfig = z.output<typeof guardrailConfigSchema>;
export const DEFAULT_GUARDRAILS: GuardrailConfig = guardrailConfigSchema.parse({});

export const matchesAny = (name: string, patterns: readonly string[]) =>
  patterns.find((p) => permissionMatches(name, p)) ?? null;

/** Why a call must wait for a human, or null when it may run now. */
export function approvalReason(
  name: string,
  category: ToolCategory,
  mode: AgentMode,
  config: GuardrailConfig,
): string | null {
  if (category === 'DESTRUCTIVE') return 'DESTRUCTIVE tools always need a human approval.';
  if (mode === 'SUPERVISED' && category === 'WRITE') return 'WRITE tools need a human approval in SUPERVISED mode.';
  const rule = matchesAny(name, config.requireApprovalFor);
  if (rule) return `The clinic's guardrails require approval for "${rule}".`;
  return null;
}

/** Per-clinic settings (`agent_guardrails`), defaults where the clinic configured nothing. */
export async function loadGuardrails(knex: Knex, clinicId: string): Promise<GuardrailConfig> {
  const row = await knex('agent_guardrails').where({ clinic_id: clinicId }).first('config');
  return row ? guardrailConfigSchema.parse(row.config) : DEFAULT_GUARDRAILS;
}

export async function saveGuardrails(
  knex: Knex,
  clinicId: string,
  userId: string,
  config: GuardrailConfig,
): Promise<void> {
  await knex('agent_guardrails')
    .insert({ clinic_id: clinicId, config: JSON.stringify(config), updated_by: userId, updated_at: knex.fn.now() })
    .onConflict('clinic_id')
    .merge();
}

const WINDOW_SECONDS = 60;

/**
 * Sliding 60-second window kept in PostgreSQL, so the limit holds across processes: the key's
 * advisory lock serialises concurrent takers, old events are pruned, the count decides. Returns
 * false (and records nothing) when the window is full.
 */
export async function takeRateToken(knex: Knex, key: string, limit: number): Promise<boolean> {
  if (limit <= 0) return true;
  return knex.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [`dentalpin.agents.rate:${key}`]);
    await trx('agent_rate_events')
      .where({ key })
      .andWhere('at', '<', trx.raw(`clock_timestamp() - make_interval(secs => ?)`, [WINDOW_SECONDS]))
      .delete();
    const [{ count }] = await trx('agent_rate_events').where({ key }).count<{ count: string }[]>({ count: '*' });
    if (Number(count) >= limit) return false;
    await trx('agent_rate_events').insert({ key });
    return true;
  });
}

/** Counts one action against an agent run's cap; false when the cap is reached. */
export async function takeSessionAction(knex: Knex, sessionId: string, limit: number): Promise<boolean> {
  const rows = await knex('agent_sessions')
    .where({ id: sessionId })
    .modify((q) => {
      if (limit > 0) q.andWhere('action_count', '<', limit);
    })
    .increment('action_count', 1)
    .returning('id');
  return rows.length > 0;
}
