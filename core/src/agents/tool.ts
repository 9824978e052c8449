import type { z } from 'zod';
import type { ServiceContext } from '../modules/service-context.ts';
import type { Logger } from '../logger.ts';
import type { ContractCode } from '../errors.ts';

/** READ never mutates; WRITE mutates but can be undone; DESTRUCTIVE deletes, sends or moves money. */
export const TOOL_CATEGORIES = ['READ', 'WRITE', 'DESTRUCTIVE'] as const;
export type ToolCategory = (typeof TOOL_CATEGORIES)[number];

/** AUTONOMOUS: execute subject to guardrails; SUPERVISED: every WRITE/DESTRUCTIVE call waits for a human. */
export const AGENT_MODES = ['SUPERVISED', 'AUTONOMOUS'] as const;
export type AgentMode = (typeof AGENT_MODES)[number];

export const CALL_STATUSES = ['SUCCESS', 'FAILED', 'BLOCKED', 'PENDING_APPROVAL'] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

/** Where a call came from (recorded in the audit log). */
export type CallChannel = 'graphql' | 'mcp' | 'agent' | 'approval' | 'internal';

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

/** JSON values (what tool results and arguments are normalised to). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

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

/** Identity function that keeps the parameter type flowing into the handler. */
export function defineTool<P extends z.ZodObject>(tool: Tool<P>): Tool<P> {
  return tool;
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
